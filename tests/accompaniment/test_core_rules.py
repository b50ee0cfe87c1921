"""The rules every screen of the accompaniment relies on: state moves, e-mails sent once
and logged without addresses, the public figures' cache refreshed when a case changes."""

import datetime

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from accompaniment import emails
from accompaniment.factories import CaseFactory, ReferentFactory
from accompaniment.models import CaseState, ClosingReason, EntryKind
from accompaniment.states import STATE_ACTION, record_move, transition_errors
from core.content_version import content_version

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("old", "new", "allowed"),
    [
        (CaseState.NEW, CaseState.ASSIGNED, True),
        (CaseState.NEW, CaseState.INSTALLED, False),
        (CaseState.IN_PROGRESS, CaseState.INSTALLED, True),
        (CaseState.INSTALLED, CaseState.CLOSED, False),
        (CaseState.CLOSED, CaseState.IN_PROGRESS, True),
        (CaseState.PAUSED, CaseState.ASSIGNED, False),
    ],
)
def test_only_the_moves_of_the_table_are_allowed(old, new, allowed):
    errors = transition_errors(
        old,
        new,
        state_note="raison",
        closing_reason=ClosingReason.OTHER if new == CaseState.CLOSED else "",
        installed_on=datetime.date(2027, 1, 4),
    )
    assert ("state" not in errors) is allowed
    if not allowed:
        assert "ne peut pas passer directement" in errors["state"]


def test_pausing_or_closing_needs_a_reason_and_installing_a_date():
    assert set(transition_errors(CaseState.IN_PROGRESS, CaseState.PAUSED)) == {"state_note"}
    assert set(transition_errors(CaseState.IN_PROGRESS, CaseState.CLOSED)) == {"state_note", "closing_reason"}
    assert set(transition_errors(CaseState.IN_PROGRESS, CaseState.INSTALLED)) == {"installed_on"}
    assert transition_errors(CaseState.IN_PROGRESS, CaseState.IN_PROGRESS) == {}


def test_a_move_is_in_the_timeline_and_in_the_log_without_the_person():
    case = CaseFactory(state=CaseState.IN_PROGRESS, first_name="Zoé", last_name="Unique")
    case.state = CaseState.PAUSED
    case.save()
    record_move(case, CaseState.IN_PROGRESS)
    entry = case.timeline.get()
    assert entry.kind == EntryKind.EVENT
    assert entry.text == "État : Accompagnement en cours → En pause"
    log = ModelLogEntry.objects.get(action=STATE_ACTION)
    assert log.label == f"Dossier n° {case.pk}"
    assert "Zoé" not in str(log.data) and "Unique" not in log.label


def test_an_email_is_sent_once_per_key_and_logged_without_address(django_capture_on_commit_callbacks):
    referent = ReferentFactory()
    case = CaseFactory(referent=referent, state=CaseState.ASSIGNED, email="lea.unique@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        assert emails.notify_desk(case, emails.REMINDER, key="42", extra={"task": "Rappeler"}) is True
        assert emails.notify_desk(case, emails.REMINDER, key="42") is False
        assert emails.notify_desk(case, emails.REMINDER, key="43") is True
    assert [message.to for message in mail.outbox] == [[referent.email], [referent.email]]
    logs = ModelLogEntry.objects.filter(action=emails.NOTIFY_ACTION)
    assert logs.count() == 2
    for log in logs:
        assert "@" not in str(log.data)
        assert log.data["recipients"] == 1


def test_without_a_referent_the_desk_email_goes_to_every_chargé(django_capture_on_commit_callbacks):
    first, second = ReferentFactory(), ReferentFactory()
    ReferentFactory(is_active=False)
    case = CaseFactory()
    with django_capture_on_commit_callbacks(execute=True):
        emails.notify_desk(case, emails.REMINDER, key="1")
    assert sorted(message.to[0] for message in mail.outbox) == sorted([first.email, second.email])


def test_the_public_figures_cache_is_refreshed_when_a_counted_field_changes():
    case = CaseFactory(state=CaseState.IN_PROGRESS)
    before = content_version()
    case.phone = "07 00 00 00 00"
    case.save()
    assert content_version() == before  # not counted: public caches stay
    case.state = CaseState.INSTALLED
    case.installed_on = datetime.date(2027, 3, 1)
    case.save()
    assert content_version() != before
