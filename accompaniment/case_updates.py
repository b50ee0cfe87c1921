"""What follows a change the desk makes to a case, whichever screen made it (the edit form,
the add form, « Attribuer selon les règles »): the new référent is told and the person
learns who follows them, a NEW case becomes ASSIGNED, the state move is recorded, the
messages written to the person are sent — each once, however often the case is saved.

Audit log entries hold account ids and states, never the person's data.
"""

from django.utils import timezone
from wagtail.log_actions import log

from core.mail import clean_addresses

from . import emails
from .models import CaseState, EntryKind
from .states import record_move

REASSIGN_ACTION = "accompaniment.reassign"


def after_change(case, *, old_state, old_referent_id, user=None, by_rules=False):
    """Call once ``case`` is saved with the desk's changes. Returns the number of messages
    to the person that could not be sent (no usable address)."""
    if case.referent_id and case.referent_id != old_referent_id:
        referent_changed(case, old_referent_id, user=user, by_rules=by_rules)
    record_move(case, old_state, user)
    return send_messages(case, user=user)


def referent_changed(case, old_referent_id, *, user=None, by_rules=False):
    if case.state == CaseState.NEW:
        case.state = CaseState.ASSIGNED
        # A save, not an update(): the public figures' cache follows state changes (signals.py).
        case.save(update_fields=["state", "updated_at"])
    log(
        instance=case,
        action=REASSIGN_ACTION,
        user=user,
        data={"from": old_referent_id, "to": case.referent_id, "by_rules": by_rules},
    )
    key = case.referent_id
    emails.notify_person(case, emails.ASSIGNED, key=key, user=user)
    emails.notify_desk(case, emails.CASE_ASSIGNED, key=key, user=user)


def send_messages(case, *, user=None):
    """E-mail each message to the person not sent yet, and mark it sent."""
    pending = list(case.timeline.filter(kind=EntryKind.MESSAGE_TO_PERSON, sent_at__isnull=True).order_by("pk"))
    if not pending:
        return 0
    if not clean_addresses([case.email]):
        return len(pending)
    for entry in pending:
        emails.notify_person(case, emails.MESSAGE, key=entry.pk, extra={"message": entry.text}, user=user)
        # Marked even when the log says it went already (a retry): never sent twice.
        entry.sent_at = timezone.now()
        entry.save(update_fields=["sent_at"])
    return 0
