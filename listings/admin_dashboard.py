"""The moderators' dashboard ("tableau de bord"): a panel on the Wagtail admin home page
and two reports (listings, counts per commune or per organisation), exportable as CSV or
XLSX. Moderators only: the permission checked is ``listings.publish_listing``.

Statuses come from ``Listing.objects.annotate_status()`` (the single definition); a
listing is "à confirmer" (stale) by the rule of ``listings/freshness_rules.py``.
"""

from datetime import datetime, timedelta

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, Case, CharField, Count, F, Min, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from laces.components import Component
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import WorkflowState

from core.spreadsheets import SafeSpreadsheetExportMixin

from .freshness_rules import freshness_reference, is_past_cutoff
from .models import Listing, ListingStatus
from .moderation_access import MODERATION_PERMISSION, can_moderate, moderated_desk_ids
from .viewsets import ListingFilterSet

PERMISSION = MODERATION_PERMISSION
EXPIRING_SOON_DAYS = 30
NOWRAP = "listing-report__nowrap"


def can_see_dashboard(user):
    return can_moderate(user)


def _listing_workflow_states():
    return WorkflowState.objects.filter(base_content_type=ContentType.objects.get_for_model(Listing))


def moderated_listings(user):
    """The listings of the desks ``user`` moderates: every panel, report and export counts
    only these."""
    return Listing.objects.filter(site__in=moderated_desk_ids(user))


def pending_since():
    """When the listing's current moderation started (None if not pending)."""
    return Subquery(
        _listing_workflow_states()
        .filter(object_id=Cast(OuterRef("pk"), CharField()), status=WorkflowState.STATUS_IN_PROGRESS)
        .order_by("created_at")
        .values("created_at")[:1]
    )


def annotate_dashboard(queryset, now=None):
    """Status, pending since, fresh since and the stale flag, in the listing query itself."""
    now = now or timezone.now()
    return (
        queryset.annotate_status()
        .annotate(pending_since=pending_since(), fresh_since=freshness_reference())
        .annotate(
            is_stale=Case(
                When(
                    Q(moderation_status__in=[ListingStatus.PUBLISHED, ListingStatus.CHANGES_REQUESTED], live=True)
                    & is_past_cutoff(now),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
    )


# --- Home page panel ---------------------------------------------------------------------------


class ListingsDashboardPanel(Component):
    name = "listings_dashboard"
    template_name = "listings/admin/dashboard_panel.html"
    order = 50  # above Wagtail's own panels

    def get_context_data(self, parent_context):
        now = timezone.now()
        listings = moderated_listings(parent_context["request"].user)
        counts = dict(
            listings.annotate_status()
            .order_by()
            .values_list("moderation_status")
            .annotate(n=Count("pk"))
            .values_list("moderation_status", "n")
        )
        by_status = [
            {"status": status, "label": status.label, "count": counts.get(status, 0)} for status in ListingStatus
        ]
        oldest_pending = list(
            annotate_dashboard(listings, now)
            .filter(moderation_status=ListingStatus.PENDING)
            .select_related("commune")
            .order_by("pending_since")[:5]
        )
        pending_stats = (
            _listing_workflow_states()
            .filter(
                status=WorkflowState.STATUS_IN_PROGRESS,
                object_id__in=listings.annotate(key=Cast("pk", CharField())).values("key"),
            )
            .aggregate(oldest=Min("created_at"))
        )
        public = listings.public()
        report_url = reverse("listings_report")
        return {
            "by_status": by_status,
            "total": sum(counts.values()),
            "pending_count": counts.get(ListingStatus.PENDING, 0),
            "oldest_pending_at": pending_stats["oldest"],
            "oldest_pending": oldest_pending,
            "expiring_count": public.filter(
                expire_at__gt=now, expire_at__lte=now + timedelta(days=EXPIRING_SOON_DAYS)
            ).count(),
            "expiring_days": EXPIRING_SOON_DAYS,
            "stale_count": annotate_dashboard(public, now).filter(is_stale=True).count(),
            "report_url": report_url,
            "counts_url": reverse("listings_counts_report"),
            "edit_url_name": Listing.snippet_viewset.get_url_name("edit"),
        }


# --- Listing report ----------------------------------------------------------------------------


class FreshnessChoices:
    STALE = "stale"
    EXPIRING = "expiring"
    CHOICES = [(STALE, "À confirmer (non confirmées depuis trop longtemps)"), (EXPIRING, "Expirent dans 30 jours")]


class ListingReportFilterSet(ListingFilterSet):
    """The listings list's filters, plus freshness."""

    freshness = django_filters.ChoiceFilter(
        label="Fraîcheur", choices=FreshnessChoices.CHOICES, method="filter_freshness", empty_label="Toutes"
    )

    class Meta(ListingFilterSet.Meta):
        fields = ["status", "freshness", "kind", "commune", "organisation"]

    def filter_freshness(self, queryset, name, value):
        if value == FreshnessChoices.STALE:
            return queryset.filter(is_stale=True)
        if value == FreshnessChoices.EXPIRING:
            now = timezone.now()
            return queryset.filter(
                live=True, expired=False, expire_at__gt=now, expire_at__lte=now + timedelta(days=EXPIRING_SOON_DAYS)
            )
        return queryset


def _yes_no(value):
    return "oui" if value else "non"


def _local_datetime(value):
    """Exported dates in the desk's time zone (Europe/Paris), not UTC."""
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


def _local_datetime_text(value):
    return f"{_local_datetime(value):%Y-%m-%d %H:%M}"


class StaleColumn(Column):
    """« À confirmer »: a visible marker for « oui », a plain « non » (Wagtail's boolean
    column drew a red cross on every listing that needs nothing)."""

    cell_template_name = "listings/admin/stale_cell.html"


class ListingReportView(SafeSpreadsheetExportMixin, ReportView):
    model = Listing
    permission_required = "publish"
    page_title = "Tableau de bord des annonces"
    # Titles wrap between words with a minimum width, dates stay on one line (see the template).
    template_name = "listings/admin/listing_report.html"
    header_icon = "list-ul"
    index_url_name = "listings_report"
    index_results_url_name = "listings_report_results"
    filterset_class = ListingReportFilterSet
    paginate_by = 50
    default_ordering = "-created_at"
    columns = [
        TitleColumn(
            "title",
            label="Annonce",
            get_url=lambda listing: reverse(Listing.snippet_viewset.get_url_name("edit"), args=[listing.pk]),
            sort_key="title",
            classname="listing-report__title",
        ),
        Column("moderation_status", label="Statut", accessor="get_status_display", sort_key="moderation_status"),
        Column("commune", label="Commune", accessor="commune.name", sort_key="commune__name"),
        Column("organisation", label="Structure", accessor="organisation.name", sort_key="organisation__name"),
        DateColumn("pending_since", label="En attente depuis", sort_key="pending_since", classname=NOWRAP),
        DateColumn("expire_at", label="Expire le", sort_key="expire_at", classname=NOWRAP),
        DateColumn("last_confirmed_at", label="Confirmée le", sort_key="last_confirmed_at", classname=NOWRAP),
        StaleColumn("is_stale", label="À confirmer", sort_key="is_stale", classname=NOWRAP),
        DateColumn("created_at", label="Créée le", sort_key="created_at", classname=NOWRAP),
    ]
    list_export = [
        "pk",
        "title",
        "kind_label",
        "get_status_display",
        "commune_code",
        "commune_name",
        "organisation_name",
        "pending_since",
        "expire_at",
        "last_confirmed_at",
        "fresh_since",
        "is_stale",
        "created_at",
    ]
    export_headings = {
        "pk": "Identifiant",
        "title": "Titre",
        "kind_label": "Type",
        "get_status_display": "Statut",
        "commune_code": "Code INSEE",
        "commune_name": "Commune",
        "organisation_name": "Structure",
        "pending_since": "En attente depuis",
        "expire_at": "Expire le",
        "last_confirmed_at": "Confirmée le",
        "fresh_since": "À jour depuis",
        "is_stale": "À confirmer",
        "created_at": "Créée le",
    }
    custom_field_preprocess = {"is_stale": {"csv": _yes_no, "xlsx": _yes_no}}
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        datetime: {"csv": _local_datetime_text, "xlsx": _local_datetime},
    }

    def get_filename(self):
        return f"annonces-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        listings = moderated_listings(self.request.user).select_related("commune", "organisation")
        queryset = annotate_dashboard(listings.with_kind_label()).annotate(
            commune_code=F("commune__insee_code"),
            commune_name=F("commune__name"),
            organisation_name=F("organisation__name"),
        )
        return self.order_queryset(queryset)

    def get_valid_orderings(self):
        return [*super().get_valid_orderings(), "-created_at", "created_at"]

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        # Missing relations (no organisation) export as empty cells, not "None".
        return {key: ("" if value is None else value) for key, value in row.items()}


# --- Counts per commune / organisation -----------------------------------------------------------

GROUPINGS = {
    "commune": ("commune__name", "Commune"),
    "organisation": ("organisation__name", "Structure"),
}


class CountsFilterSet(WagtailFilterSet):
    group_by = django_filters.ChoiceFilter(
        label="Regrouper par",
        choices=[("commune", "Commune"), ("organisation", "Structure")],
        method="filter_group_by",
        empty_label=None,
    )

    class Meta:
        model = Listing
        fields = ["group_by"]

    def filter_group_by(self, queryset, name, value):
        return queryset  # the grouping is applied by the view


def _status_count(status):
    return Count("pk", filter=Q(moderation_status=status))


class ListingCountsReportView(SafeSpreadsheetExportMixin, ReportView):
    model = Listing
    permission_required = "publish"
    page_title = "Annonces par commune ou par structure"
    header_icon = "table"
    index_url_name = "listings_counts_report"
    index_results_url_name = "listings_counts_report_results"
    filterset_class = CountsFilterSet
    paginate_by = 100

    status_columns = [
        ListingStatus.PUBLISHED,
        ListingStatus.PENDING,
        ListingStatus.CHANGES_REQUESTED,
        ListingStatus.DRAFT,
        ListingStatus.WITHDRAWN,
        ListingStatus.EXPIRED,
        ListingStatus.REJECTED,
    ]

    @property
    def group_by(self):
        value = self.request.GET.get("group_by")
        return value if value in GROUPINGS else "commune"

    @property
    def columns(self):
        field, label = GROUPINGS[self.group_by]
        return [
            Column("group", label=label, accessor="group"),
            NumberColumn("total", label="Total", accessor="total"),
            *[NumberColumn(str(status), label=status.label, accessor=str(status)) for status in self.status_columns],
            NumberColumn("stale", label="À confirmer", accessor="stale"),
        ]

    @property
    def list_export(self):
        return ["group", "total", *[str(s) for s in self.status_columns], "stale"]

    @property
    def export_headings(self):
        field, label = GROUPINGS[self.group_by]
        return {"group": label, "total": "Total", "stale": "À confirmer"} | {
            str(s): s.label for s in self.status_columns
        }

    def get_filename(self):
        return f"annonces-par-{self.group_by}-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        field, _ = GROUPINGS[self.group_by]
        return (
            annotate_dashboard(moderated_listings(self.request.user))
            .order_by()
            .values(group=Case(When(**{f"{field}__isnull": True}, then=Value("(sans structure)")), default=field))
            .annotate(
                total=Count("pk"),
                stale=Count("pk", filter=Q(is_stale=True)),
                **{str(status): _status_count(status) for status in self.status_columns},
            )
            .order_by("-total", "group")
        )

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        data = kwargs.get("data")
        if data is not None and "group_by" not in data:
            data = data.copy()
            data["group_by"] = "commune"
            kwargs["data"] = data
        return kwargs
