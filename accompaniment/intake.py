"""A request arrives from the public site (« Être accompagné(e) », « Je suis intéressé(e) »):
the case is saved with the person's consent, given its référent by the rules, its first
lines written in the timeline, and the person and the desk are told — all in one
transaction, so that a failure leaves nothing half-made and sends nothing.

The e-mails to the person carry the status link; those to the desk name the case by its
number only (``emails.py`` queues them once the transaction commits).
"""

from django.db import transaction
from django.utils import timezone

from . import assignment, emails, states
from .models import CaseSource, CaseState, EntryKind, TimelineEntry

RECEIVED_TEXT = {
    CaseSource.FORM: "Demande reçue par le formulaire « Être accompagné(e) ».",
    CaseSource.INTEREST: "Demande reçue par « Je suis intéressé(e) » sur une annonce.",
}


@transaction.atomic
def receive_case(case, *, source, communes=None, after_save=None):
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
    emails.notify_person(case, emails.RECEIVED)
    emails.notify_desk(case, emails.NEW_CASE)
    return case
