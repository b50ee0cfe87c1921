"""The daily run (``manage.py accompaniment_daily``): the référents are reminded of their
tasks due, once each, with no personal data in the e-mail; cases ended or paused for longer
than the retention period lose the person's data — timeline, attachments (files too),
interests —, keep no revision and leave a log entry that names nobody; open cases are
untouched."""

import datetime
import io
import os

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry, Revision

from accompaniment.factories import CaseFactory, InterestFactory, TimelineEntryFactory
from accompaniment.models import Case, CaseAttachment, CaseState, EntryKind, Interest, TimelineEntry
from listings.factories import ListingFactory

from .admin_fixtures import *  # noqa: F403 - fixtures
from .admin_helpers import PERSON, SECRETS

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def run(*args):
    output = io.StringIO()
    call_command("accompaniment_daily", *args, stdout=output)
    return output.getvalue()


def everything_in(message):
    return message.subject + message.body + "".join(str(content) for content, _ in message.alternatives)


# --- Reminders ---------------------------------------------------------------------------------


def task(case, due_on, **fields):
    return TimelineEntryFactory(
        case=case, kind=EntryKind.TASK, text="Rappeler Apolline Zéphyrin", due_on=due_on, **fields
    )


def test_a_task_due_is_reminded_once_to_its_référent(charge, case, django_capture_on_commit_callbacks):
    due = task(case, TODAY)
    task(case, TODAY + datetime.timedelta(days=3))  # not yet
    task(case, TODAY - datetime.timedelta(days=3), done=True)  # done
    with django_capture_on_commit_callbacks(execute=True):
        output = run()
    assert "Tâches rappelées : 1" in output and f"dossier n° {case.pk}" in output
    assert [m.to for m in mail.outbox] == [[charge.email]]
    text = everything_in(mail.outbox[0])
    assert f"n° {case.pk}" in text and TODAY.strftime("%d/%m/%Y") in text
    assert not any(secret.lower() in text.lower() for secret in SECRETS)
    assert TimelineEntry.objects.get(pk=due.pk).reminded_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        assert "Tâches rappelées : 0" in run()
    assert len(mail.outbox) == 1


def test_a_task_of_a_case_without_référent_goes_to_every_chargé(
    charge, other_charge, django_capture_on_commit_callbacks
):
    task(CaseFactory(referent=None), TODAY - datetime.timedelta(days=1))
    task(CaseFactory(referent=charge, state=CaseState.CLOSED), TODAY)  # the case is over
    with django_capture_on_commit_callbacks(execute=True):
        run()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([charge.email, other_charge.email])


def test_a_dry_run_sends_nothing(case, django_capture_on_commit_callbacks):
    due = task(case, TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        output = run("--dry-run")
    assert "[simulation] Tâches à rappeler : 1" in output
    assert not mail.outbox and TimelineEntry.objects.get(pk=due.pk).reminded_at is None


# --- Retention ---------------------------------------------------------------------------------


@pytest.fixture
def old_closed_case(settings, charge):
    case = CaseFactory(referent=charge, state=CaseState.CLOSED, closing_reason="no_answer", **PERSON)
    old = timezone.now() - datetime.timedelta(days=settings.ACCOMPANIMENT_RETENTION_DAYS + 1)
    Case.objects.filter(pk=case.pk).update(state_changed_at=old)
    TimelineEntryFactory(case=case, text="Zéphyrin a trouvé ailleurs.")
    attachment = CaseAttachment(case=case, title="CV de Zéphyrin")
    attachment.file.save("cv.pdf", ContentFile(b"%PDF-1.4"), save=False)
    attachment.save()
    InterestFactory(case=case, listing=ListingFactory(), message="Zéphyrin est intéressée")
    return case


def test_a_closed_case_past_the_retention_is_anonymised_with_all_it_holds(old_closed_case, settings):
    path = old_closed_case.attachments.get().file.path
    assert os.path.exists(path)
    open_case = CaseFactory(state=CaseState.IN_PROGRESS, last_name="Ouverte")
    Case.objects.filter(pk=open_case.pk).update(state_changed_at=old_closed_case.state_changed_at)
    recent = CaseFactory(state=CaseState.CLOSED, closing_reason="other", last_name="Récente")

    assert "[simulation] Dossiers à anonymiser (conservation de" in run("--dry-run")
    assert Case.objects.get(pk=old_closed_case.pk).anonymised_at is None
    output = run()
    assert f"Dossiers anonymisés (conservation de {settings.ACCOMPANIMENT_RETENTION_DAYS} jours écoulée) : 1" in output

    case = Case.objects.get(pk=old_closed_case.pk)
    assert case.anonymised_at is not None
    assert (case.first_name, case.last_name, case.email, case.phone, case.message) == ("", "", "", "", "")
    assert not TimelineEntry.objects.filter(case=case).exists()
    assert not CaseAttachment.objects.filter(case=case).exists() and not os.path.exists(path)
    assert not Interest.objects.filter(case=case).exists()
    assert not Revision.objects.filter(base_content_type__app_label="accompaniment", object_id=str(case.pk)).exists()
    for entry in ModelLogEntry.objects.filter(object_id=str(case.pk)):
        stored = f"{entry.label} {entry.data}"
        assert not any(secret.lower() in stored.lower() for secret in SECRETS)
    assert ModelLogEntry.objects.filter(object_id=str(case.pk), action="accompaniment.anonymise").exists()
    # Open, or closed lately: untouched.
    assert Case.objects.get(pk=open_case.pk).last_name == "Ouverte"
    assert Case.objects.get(pk=recent.pk).last_name == "Récente"
    assert "Dossiers anonymisés (conservation de" in run() and run().endswith(": 0\n")


def test_the_anonymised_case_s_history_names_nobody(client, old_closed_case, charge):
    run()
    client.force_login(charge)
    history = client.get(f"/admin/accompagnement/dossiers/history/{old_closed_case.pk}/").content.decode()
    assert "Données de la personne anonymisées" in history
    assert not any(secret.lower() in history.lower() for secret in SECRETS)
    assert "Zéphyrin" not in client.get("/admin/accompagnement/dossiers/", {"referent": "all"}).content.decode()
