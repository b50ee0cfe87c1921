"""manage.py check_aid_reviews: one digest to the editors, at most once per aid and period."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry

from aides.factories import AidPageFactory
from aides.review_reminders import REMINDER_ACTION, run_review_reminders
from partners.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - timedelta(days=days)


@pytest.fixture
def editors(django_user_model):
    group = Group.objects.get(name="Rédacteurs")
    users = [
        django_user_model.objects.create_user("editrice", "editrice@example.org", "motdepasse"),
        django_user_model.objects.create_user("editeur", "editeur@example.org", "motdepasse"),
    ]
    # Not to be told: an inactive editor, an editor without address, a moderator.
    users.append(django_user_model.objects.create_user("ancienne", "ancienne@example.org", "x", is_active=False))
    users.append(django_user_model.objects.create_user("sansadresse", "", "x"))
    for user in users:
        user.groups.add(group)
    moderator = django_user_model.objects.create_user("moderateur", "moderateur@example.org", "x")
    moderator.groups.add(Group.objects.get(name="Modérateurs"))
    return users


def run_command(capture, *args):
    out = StringIO()
    with capture(execute=True):
        call_command("check_aid_reviews", *args, stdout=out)
    return out.getvalue()


def test_one_digest_to_the_editors_then_nothing_the_same_day(django_capture_on_commit_callbacks, editors):
    funder = PartnerPageFactory(title="Département de la Drôme")
    old = AidPageFactory(title="Bourse aux internes", funder=funder, last_reviewed_at=days_ago(181))
    never = AidPageFactory(title="Maisons des internes", last_reviewed_at=None)
    AidPageFactory(title="Aide à jour", last_reviewed_at=days_ago(180))
    AidPageFactory(title="Brouillon", last_reviewed_at=None, publish=False)

    output = run_command(django_capture_on_commit_callbacks)

    assert sorted(message.to[0] for message in mail.outbox) == ["editeur@example.org", "editrice@example.org"]
    assert all(len(message.to) == 1 for message in mail.outbox)  # nobody sees the others' addresses
    message = mail.outbox[0]
    assert message.subject == "[Guichet unique santé] 2 fiches aides à revérifier"
    assert "Bourse aux internes" in message.body and "Maisons des internes" in message.body
    assert "Département de la Drôme" in message.body
    assert "jamais vérifiée" in message.body
    assert f"/admin/pages/{old.pk}/edit/" in message.body
    assert "Aide à jour" not in message.body and "Brouillon" not in message.body
    assert "Fiches signalées dans le récapitulatif : 2" in output
    assert set(PageLogEntry.objects.filter(action=REMINDER_ACTION).values_list("page_id", flat=True)) == {
        old.pk,
        never.pk,
    }

    mail.outbox.clear()
    output = run_command(django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert "Fiches à revérifier déjà signalées : 2" in output


def test_an_aid_newly_due_is_sent_alone_with_a_count_of_the_others(django_capture_on_commit_callbacks, editors):
    AidPageFactory(title="Déjà signalée", last_reviewed_at=None)
    run_command(django_capture_on_commit_callbacks)
    mail.outbox.clear()

    AidPageFactory(title="Nouvelle fiche", last_reviewed_at=days_ago(181))
    run_command(django_capture_on_commit_callbacks)

    message = mail.outbox[0]
    assert message.subject.endswith("1 fiche aide à revérifier")
    assert "Nouvelle fiche" in message.body and "Déjà signalée" not in message.body
    assert "1 autre fiche déjà signalée reste à revérifier" in message.body


def test_reminded_again_once_a_whole_period_has_passed(django_capture_on_commit_callbacks, editors, settings):
    settings.AID_REVIEW_AFTER_DAYS = 180
    aid = AidPageFactory(last_reviewed_at=None)
    run_command(django_capture_on_commit_callbacks)
    entry = PageLogEntry.objects.get(page=aid, action=REMINDER_ACTION)
    mail.outbox.clear()

    entry.timestamp = timezone.now() - timedelta(days=179)
    entry.save()
    run_command(django_capture_on_commit_callbacks)
    assert mail.outbox == []

    entry.timestamp = timezone.now() - timedelta(days=181)
    entry.save()
    run_command(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2


def test_nothing_is_sent_when_nothing_is_due(django_capture_on_commit_callbacks, editors):
    AidPageFactory(last_reviewed_at=days_ago(10))
    AidPageFactory(last_reviewed_at=None, publish=False)

    output = run_command(django_capture_on_commit_callbacks)

    assert mail.outbox == []
    assert not PageLogEntry.objects.filter(action=REMINDER_ACTION).exists()
    assert "Fiches signalées dans le récapitulatif : 0" in output


def test_without_recipients_nothing_is_logged_so_the_reminder_waits(django_capture_on_commit_callbacks):
    AidPageFactory(last_reviewed_at=None)

    report = run_review_reminders()

    assert report.reminded == [] and mail.outbox == []
    assert not PageLogEntry.objects.filter(action=REMINDER_ACTION).exists()


def test_dry_run_sends_and_records_nothing(django_capture_on_commit_callbacks, editors):
    AidPageFactory(title="Jamais vérifiée", last_reviewed_at=None)

    output = run_command(django_capture_on_commit_callbacks, "--dry-run")

    assert mail.outbox == []
    assert not PageLogEntry.objects.filter(action=REMINDER_ACTION).exists()
    assert "[simulation] Fiches à signaler : 1" in output
