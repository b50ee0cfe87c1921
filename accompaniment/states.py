"""Moving a case from one state to another: which moves are allowed, which need a reason,
and how a move is recorded (a line in the case's timeline, an entry in Wagtail's audit log
that names the states, never the person)."""

from django.utils import timezone
from wagtail.log_actions import log

from .models import REASON_REQUIRED, TRANSITIONS, CaseState, ClosingReason, EntryKind, TimelineEntry

STATE_ACTION = "accompaniment.state"


def transition_errors(old, new, *, state_note="", closing_reason="", installed_on=None):
    """{field: French message} for a move that cannot be made as given (empty when fine)."""
    errors = {}
    if old and new != old and new not in TRANSITIONS.get(old, ()):
        allowed = ", ".join(f"« {CaseState(state).label} »" for state in sorted(TRANSITIONS.get(old, ())))
        errors["state"] = (
            f"Un dossier « {CaseState(old).label} » ne peut pas passer directement à « {CaseState(new).label} »."
            + (f" États possibles : {allowed}." if allowed else "")
        )
    if new != old and new in REASON_REQUIRED and not (state_note or "").strip():
        errors["state_note"] = "Indiquez le motif de la pause ou de la clôture (la personne ne le voit pas)."
    if new == CaseState.CLOSED and not closing_reason:
        errors["closing_reason"] = "Choisissez le motif de clôture."
    if new != CaseState.CLOSED and closing_reason:
        errors["closing_reason"] = "Un motif de clôture ne s'indique que pour un dossier clos : videz ce champ."
    if new == CaseState.INSTALLED and installed_on is None:
        errors["installed_on"] = "Indiquez la date d'installation (même approximative) : elle compte dans les chiffres."
    return errors


def describe_move(old, new, closing_reason=""):
    text = f"État : {CaseState(old).label} → {CaseState(new).label}" if old else f"État : {CaseState(new).label}"
    if new == CaseState.CLOSED and closing_reason:
        text += f" ({ClosingReason(closing_reason).label})"
    return text


def record_move(case, old, user=None):
    """After ``case`` was saved in a new state: its timeline and the audit log say so."""
    if old == case.state:
        return
    case.state_changed_at = timezone.now()
    type(case).objects.filter(pk=case.pk).update(state_changed_at=case.state_changed_at)
    TimelineEntry.objects.create(
        case=case, kind=EntryKind.EVENT, text=describe_move(old, case.state, case.closing_reason), author=user
    )
    log(
        instance=case,
        action=STATE_ACTION,
        user=user,
        data={"from": old or "", "to": case.state, "closing_reason": case.closing_reason},
    )
