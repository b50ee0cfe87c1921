"""Reminders of the desk's tasks (``manage.py accompaniment_daily``): a task of a case
still followed (a timeline entry of kind TASK, not done, due today or earlier, never
reminded) sends one e-mail to the case's référent — to every chargé d'accompagnement when
the case has none (``emails.desk_addresses``) — and is marked reminded, so that it is
reminded once. The e-mail names the case's number and the due date only (no personal data,
not even the task's text, which may name the person)."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from . import emails
from .models import Case, EntryKind, TimelineEntry


@dataclass
class ReminderReport:
    reminded: list = field(default_factory=list)  # entries reminded (or to remind, in a dry run)
    without_recipient: list = field(default_factory=list)  # nobody to tell: left for the next run


def due_tasks(today=None):
    today = today or timezone.localdate()
    return (
        TimelineEntry.objects.filter(
            kind=EntryKind.TASK, done=False, due_on__lte=today, reminded_at__isnull=True, case__in=Case.objects.open()
        )
        .select_related("case__referent")
        .order_by("due_on", "pk")
    )


def send_reminders(today=None, *, dry_run=False):
    report = ReminderReport()
    for entry in due_tasks(today):
        case = entry.case
        if not emails.desk_addresses(case):
            report.without_recipient.append(entry)
            continue
        report.reminded.append(entry)
        if dry_run:
            continue
        with transaction.atomic():
            emails.notify_desk(case, emails.REMINDER, key=entry.pk, extra={"due_on": f"{entry.due_on:%d/%m/%Y}"})
            entry.reminded_at = timezone.now()
            entry.save(update_fields=["reminded_at"])
    return report
