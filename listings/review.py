"""What a moderator needs to decide on a listing, read in a fixed number of queries:
the version under review, whether it is a resubmission after a request for changes, the
organisation and its track record, and the moderation history.

Used by the review screen (listings/admin_review.py); nothing here writes.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.text import capfirst
from wagtail.admin.utils import get_user_display_name
from wagtail.models import TaskState, WorkflowState

from core.dates import long_date
from media_library.models import CustomImage

from .models import Listing, ListingStatus
from .moderation_thread import log_entries, task_states

ORGANISATION_LISTINGS_SHOWN = 10
HISTORY_ENTRIES_SHOWN = 30

# The audit log's moderation events, as moderators call them (Wagtail's own labels speak of
# "tasks" and "rejecting", which for listings means asking for changes).
HISTORY_LABELS = {
    "wagtail.workflow.start": "Envoyée en modération",
    "wagtail.workflow.resume": "Nouvelle version envoyée après la demande de modifications",
    "wagtail.workflow.approve": "Approuvée",
    "wagtail.workflow.reject": "Modifications demandées",
    "wagtail.workflow.cancel": "Modération annulée",
    "wagtail.publish": "Publiée",
    "wagtail.unpublish": "Retirée du site",
    "listings.reject": "Refusée définitivement",
    "listings.withdraw_stale": "Retirée faute de confirmation",
    "listings.confirm": "Confirmée par la structure",
}


# The fields every listing has, in the order of the admin's form; the details that depend
# on the kind follow (Listing.kind_details()).
COMMON_FIELDS = (
    "kind",
    "title",
    "summary",
    "description",
    "commune",
    "address",
    "location",
    "available_from",
    "conditions",
    "surface_m2",
    "monthly_rent_eur",
    "sale_price_eur",
    "rent_free_months",
    "expire_at",
)
MULTILINE_FIELDS = ("description", "conditions")


@dataclass(frozen=True)
class ContentRow:
    label: str
    value: object
    multiline: bool = False


def _shown(value):
    if isinstance(value, datetime.date):
        return long_date(value)
    return value


def content_rows(version, professions):
    """Every field of the version under review as (French label, value as shown); an
    empty field has the value None, so that the moderator sees what is missing."""
    rows = []
    for name in COMMON_FIELDS:
        field = Listing._meta.get_field(name)
        value = getattr(version, f"get_{name}_display")() if field.choices else getattr(version, name)
        if name == "location" and version.latitude is not None and version.longitude is not None:
            value = f"latitude {version.latitude:.5f}, longitude {version.longitude:.5f}"
        rows.append(
            ContentRow(
                capfirst(field.verbose_name),
                _shown(value) if value not in ("", None) else None,
                name in MULTILINE_FIELDS,
            )
        )
        if name == "summary":
            names = ", ".join(profession.name for profession in professions)
            rows.append(ContentRow("Professions recherchées", names or None))
    rows += [ContentRow(label, _shown(value)) for label, value in version.kind_details()]
    return rows


@dataclass(frozen=True)
class Resubmission:
    sent_at: object
    requested_at: object
    requested_by: str
    comment: str
    previous_revision_id: int


@dataclass(frozen=True)
class HistoryEntry:
    timestamp: object
    label: str
    user: str
    comment: str


def _task_states(listing):
    return list(
        task_states(listing).select_related("workflow_state", "finished_by", "revision").order_by("started_at", "pk")
    )


@dataclass
class ModerationState:
    """The listing's workflow as one list of task states (one query)."""

    task_states: list

    @property
    def current(self):
        """The task state awaiting a decision, if any."""
        return next(
            (
                state
                for state in reversed(self.task_states)
                if state.status == TaskState.STATUS_IN_PROGRESS
                and state.workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
            ),
            None,
        )

    @property
    def resubmission(self):
        """The request for changes this version answers (same workflow, an earlier task
        state sent back), or None for a first submission or an edit of a live listing."""
        current = self.current
        if current is None:
            return None
        sent_back = [
            state
            for state in self.task_states
            if state.workflow_state_id == current.workflow_state_id
            and state.status == TaskState.STATUS_REJECTED
            and state.pk != current.pk
        ]
        if not sent_back:
            return None
        last = sent_back[-1]
        return Resubmission(
            sent_at=current.started_at,
            requested_at=last.finished_at,
            requested_by=get_user_display_name(last.finished_by) if last.finished_by else "",
            comment=last.comment,
            previous_revision_id=last.revision_id,
        )


def moderation_state(listing):
    return ModerationState(_task_states(listing))


def with_images(listing_version, thumbnail_spec):
    """The photos of a listing rebuilt from a revision, each with its image and its
    `thumbnail` rendition (e.g. "fill-240x180"), in one query whatever their number (plus
    one write per thumbnail never made before). Templates show `photo.thumbnail`: Wagtail's
    {% image %} tag takes its spec literally, not from a variable."""
    photos = list(listing_version.photos.all())
    images = CustomImage.objects.filter(pk__in=[photo.image_id for photo in photos]).prefetch_renditions(thumbnail_spec)
    by_id = {image.pk: image for image in images}
    shown = []
    for photo in photos:
        photo.image = by_id.get(photo.image_id)
        if photo.image is not None:
            photo.thumbnail = photo.image.get_rendition(thumbnail_spec)
            shown.append(photo)
    return shown


def organisation_record(organisation, exclude_pk):
    """The organisation, its members count and its other listings (most recent first,
    capped) with its counts of listings ever approved and refused: three queries."""
    if organisation is None:
        return None
    listings = Listing.objects.filter(organisation=organisation)
    counts = listings.aggregate(
        total=Count("pk"),
        approved=Count("pk", filter=Q(first_published_at__isnull=False)),
        refused=Count("pk", filter=Q(rejected_at__isnull=False)),
        published=Count("pk", filter=Q(live=True)),
    )
    others = list(
        listings.exclude(pk=exclude_pk)
        .annotate_status()
        .select_related("commune")
        .order_by("-created_at")[:ORGANISATION_LISTINGS_SHOWN]
    )
    return {
        "organisation": organisation,
        "members_count": organisation.members.count(),
        "counts": counts,
        "others": others,
        "others_hidden": max(0, counts["total"] - 1 - len(others)),
        "statuses": ListingStatus,
    }


def moderation_history(listing):
    """Who did what, with comments, most recent first (capped): one query."""
    entries = log_entries(listing, HISTORY_LABELS, HISTORY_ENTRIES_SHOWN)
    return [
        HistoryEntry(
            timestamp=entry.timestamp,
            label=HISTORY_LABELS[entry.action],
            user=get_user_display_name(entry.user) if entry.user else "La structure ou le système",
            comment=(entry.data or {}).get("comment") or (entry.data or {}).get("reason") or "",
        )
        for entry in entries
    ]
