"""A request arrives from the public site (« Être accompagné(e) », « Je suis intéressé(e) »):
the case is saved with the person's consent, given its référent by the rules, its first
lines written in the timeline, and the person and the desk are told — all in one
transaction, so that a failure leaves nothing half-made and sends nothing.

The e-mails to the person carry the status link; those to the desk name the case by its
number only (``emails.py`` queues them once the transaction commits).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from . import assignment, emails, states
from .models import Case, CaseSource, CaseState, EntryKind, TimelineEntry
from .signals import figures_refresh_deferred

# Acknowledgements (with a status link) one address receives in 24 hours at most.
ACKNOWLEDGEMENTS_PER_ADDRESS_PER_DAY = 3

RECEIVED_TEXT = {
    CaseSource.FORM: "Demande reçue par le formulaire « Être accompagné(e) ».",
    CaseSource.INTEREST: "Demande reçue par « Je suis intéressé(e) » sur une annonce.",
}


def receive_case(case, *, source, communes=None, after_save=None):
    """A visitor's request does not empty the public caches (``signals.py``)."""
    with figures_refresh_deferred():
        return _receive_case(case, source=source, communes=communes, after_save=after_save)


@transaction.atomic
def _receive_case(case, *, source, communes=None, after_save=None):
    """Save the new ``case`` (unsaved, filled from a form), assign it and notify. ``communes``
    are set before the assignment, which may read them; ``after_save(case)`` adds what
    belongs to the case (an interest) before the e-mails are queued."""
    case.source = source
    case.state = CaseState.NEW
    case.consent_at = timezone.now()
    case.save()  # also commits the communes a ModelForm's save_m2m() deferred
    if communes is not None:
        case.communes.set(communes)
        case.save()
    assignment.assign(case)
    case.save()
    TimelineEntry.objects.create(case=case, kind=EntryKind.EVENT, text=RECEIVED_TEXT[source])
    states.record_move(case, "")
    if after_save is not None:
        after_save(case)
    if acknowledgements_today(case.email) <= ACKNOWLEDGEMENTS_PER_ADDRESS_PER_DAY:
        emails.notify_person(case, emails.RECEIVED)
    emails.notify_desk(case, emails.NEW_CASE)
    return case


def acknowledgements_today(email):
    """Requests received for this address in the last 24 hours, this one included. Past
    ``ACKNOWLEDGEMENTS_PER_ADDRESS_PER_DAY`` the request is still kept and the desk told, but
    no more acknowledgements go out: someone typing another person's address in a loop (from
    several clients, beyond the per-client quota) cannot flood their mailbox."""
    since = timezone.now() - datetime.timedelta(days=1)
    return Case.objects.with_email(email).filter(created_at__gte=since).count()
