"""The daily reminder to the desk's editors (``manage.py check_aid_reviews``): one digest
e-mail listing the aid pages due for another check (rule in ``aides/review.py``).

Who: active members of the editors group (users/roles.py) with an e-mail address. It is the desk's
communication staff (README, "Parcours"; ``users/migrations/0002_staff_roles.py``), the
people who write and update the aid guides; moderators look after listings.

Idempotent: each aid put in a digest gets an entry in its page history (Wagtail's audit
log, action "aides.review_reminder"), and an aid reminded within the last
``AID_REVIEW_AFTER_DAYS`` days is not reminded again. So an aid is reminded at most once per
review period, a second run the same day sends nothing, and an aid still unchecked a whole
period later is reminded again. The audit log rather than a field on the page: a page
field would be copied into revisions (publishing an older revision would bring back an
old reminder date) and would need a migration of the page model; the log is also where
editors already read what happened to a page, as listings record their notices.

The e-mail goes through Django's task framework (django-tasks) once the transaction
commits, like the listings' notifications; one message per recipient, so that nobody
receives the others' addresses.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task
from wagtail.log_actions import log
from wagtail.models import PageLogEntry, Site

from core.mail import clean_addresses
from home.desks import desk_settings_of
from home.models import DeskSettings
from users import roles
from users.models import DeskRole

from .models import AidPage
from .review import aids_to_review, review_cutoff

logger = logging.getLogger(__name__)

EDITORS_GROUP = roles.EDITORS_GROUP
REMINDER_ACTION = "aides.review_reminder"


@dataclass
class ReviewReminderReport:
    reminded: list = field(default_factory=list)  # put in today's digest
    already_reminded: list = field(default_factory=list)  # due, reminded within the period
    recipients: list = field(default_factory=list)


# --- Recipients ------------------------------------------------------------------------------


def editor_addresses(site):
    """The editors of ``site``'s desk (its groups in the editors' role, users.GroupDesk)."""
    users = roles.users_with_role(site, DeskRole.EDITORS).filter(is_active=True).exclude(email="")
    return clean_addresses(users.order_by("pk").values_list("email", flat=True).distinct())


# --- The daily run -----------------------------------------------------------------------------


def reminded_since(cutoff, aid_ids):
    """Ids of the aids reminded after ``cutoff`` (a date), i.e. within the current period."""
    return set(
        PageLogEntry.objects.filter(
            page_id__in=aid_ids, action=REMINDER_ACTION, timestamp__date__gt=cutoff
        ).values_list("page_id", flat=True)
    )


def run_review_reminders(today=None, dry_run=False):
    """Send each desk's editors one digest of their desk's aids due for review and not yet
    reminded in this period (the report adds the desks up)."""
    today = today or timezone.localdate()
    report = ReviewReminderReport()
    for site in Site.objects.order_by("-is_default_site", "pk"):
        desk = remind_desk(site, today, dry_run)
        report.reminded += desk.reminded
        report.already_reminded += desk.already_reminded
        report.recipients += desk.recipients
    return report


def remind_desk(site, today, dry_run):
    due = list(aids_to_review(today, site=site).annotate(funder_title=F("funder__title")))
    recent = reminded_since(review_cutoff(today), [aid.pk for aid in due])
    report = ReviewReminderReport(recipients=editor_addresses(site))
    report.already_reminded = [aid for aid in due if aid.pk in recent]
    to_remind = [aid for aid in due if aid.pk not in recent]
    if not to_remind or dry_run:
        report.reminded = to_remind
        return report
    if not report.recipients:
        # Nothing is logged, so the aids are reminded as soon as the group has an address.
        logger.warning(
            "Fiches aides à revérifier (%s) : aucun rédacteur du guichet n'a d'adresse e-mail.", site.hostname
        )
        return report
    with transaction.atomic():
        for aid in to_remind:
            log(
                aid,
                REMINDER_ACTION,
                data={
                    "last_reviewed_at": aid.last_reviewed_at.isoformat() if aid.last_reviewed_at else None,
                    "recipients": len(report.recipients),
                },
            )
        aid_ids, recipients, others = [aid.pk for aid in to_remind], list(report.recipients), len(recent)
        transaction.on_commit(lambda: send_review_digest.enqueue(aid_ids, recipients, others, site.pk))
    report.reminded = to_remind
    return report


# --- Sending -----------------------------------------------------------------------------------


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def desk_settings(site_id=None):
    site = Site.objects.filter(pk=site_id).first() if site_id else None
    site = site or Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    # Read without writing (home.desks): a digest never creates a desk's settings.
    return desk_settings_of(site) if site else DeskSettings()


def build_context(aids, others, site_id=None):
    desk = desk_settings(site_id)
    return {
        "aids": [
            {
                "title": " ".join(aid.title.split()),
                "last_reviewed_at": aid.last_reviewed_at,
                "funder": aid.funder_title or "",
                "edit_url": absolute_url(reverse("wagtailadmin_pages:edit", args=[aid.pk])),
            }
            for aid in aids
        ],
        "count": len(aids),
        "others": others,
        "review_after_days": settings.AID_REVIEW_AFTER_DAYS,
        "dashboard_url": absolute_url(reverse("wagtailadmin_home")),
        "desk_name": desk.desk_name,
        "desk_email": desk.contact_email,
        "desk_phone": desk.contact_phone,
    }


@task()
def send_review_digest(aid_ids, recipients, others=0, site_id=None):
    """Render the digest and send it, one message per recipient. Returns the number sent."""
    aids = list(
        AidPage.objects.filter(pk__in=aid_ids)
        .annotate(funder_title=F("funder__title"))
        .order_by(F("last_reviewed_at").asc(nulls_first=True), "title", "pk")
    )
    if not aids:
        return 0
    try:
        with translation.override(settings.LANGUAGE_CODE):
            return _send(build_context(aids, others, site_id), recipients)
    except Exception:
        logger.exception("Échec de l'envoi du rappel des fiches aides à revérifier")
        raise


def _send(context, recipients):
    subject = render_to_string("aides/emails/review_digest_subject.txt", context)
    subject = " ".join(f"[{context['desk_name']}] {subject}".split())  # one header-safe line
    text = render_to_string("aides/emails/review_digest.txt", context)
    html = render_to_string("aides/emails/review_digest.html", context)
    messages = []
    for address in clean_addresses(recipients):
        message = EmailMultiAlternatives(
            subject, text, settings.DEFAULT_FROM_EMAIL, [address], headers={"Auto-Submitted": "auto-generated"}
        )
        message.attach_alternative(html, "text/html")
        messages.append(message)
    return get_connection().send_messages(messages) or 0
