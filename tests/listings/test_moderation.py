"""Moderation through the desk's task: approve, request changes, refuse; single
transitions under double clicks; the reviewed revision is the one published."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import TaskState

from listings.models import Listing, ListingKind, ListingModerationTask, ListingStatus
from reference.models import Commune

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(moderator):
    commune = Commune.objects.create(insee_code="26362", name="Valence")
    listing = Listing(
        kind=ListingKind.OFFICE,
        title="Cabinet au centre",
        summary="Local disponible.",
        commune=commune,
        location="SRID=4326;POINT(4.89 44.93)",
        live=False,
    )
    listing.save()
    listing.save_revision()
    listing.get_workflow().start(listing, moderator)
    return listing


def action_url(listing, action):
    task_state = listing.current_workflow_state.current_task_state
    return reverse(Listing.snippet_viewset.get_url_name("workflow_action"), args=(listing.pk, action, task_state.pk))


def test_the_listing_workflow_uses_the_desk_task(submitted):
    task = submitted.current_workflow_state.current_task_state.task.specific
    assert isinstance(task, ListingModerationTask)
    assert task.groups.filter(name="Modérateurs").exists()


def test_approve_publishes(client, moderator, submitted):
    client.force_login(moderator)
    response = client.post(action_url(submitted, "approve"))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.live
    assert submitted.status == ListingStatus.PUBLISHED


def test_double_approval_is_a_single_transition(client, moderator, submitted):
    client.force_login(moderator)
    url = action_url(submitted, "approve")
    first, second = client.post(url), client.post(url)
    assert (first.status_code, second.status_code) == (302, 302)
    assert TaskState.objects.filter(status=TaskState.STATUS_APPROVED).count() == 1
    assert submitted.revisions.count() == 1
    assert Listing.objects.get(pk=submitted.pk).status == ListingStatus.PUBLISHED


def test_a_stale_decision_after_another_one_changes_nothing(moderator, submitted):
    task_state = submitted.current_workflow_state.current_task_state
    task = task_state.task.specific
    stale_copy = TaskState.objects.get(pk=task_state.pk)
    task.on_action(task_state, moderator, "approve")
    task.on_action(stale_copy, moderator, "refuse", comment="Trop tard")
    listing = Listing.objects.get(pk=submitted.pk)
    assert listing.status == ListingStatus.PUBLISHED
    assert listing.rejected_at is None


def test_request_changes_needs_a_comment_and_keeps_the_listing_offline(client, moderator, submitted):
    client.force_login(moderator)
    url = action_url(submitted, "reject")
    response = client.post(url, {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"})
    assert "Expliquez les modifications attendues." in response.content.decode()
    assert Listing.objects.get(pk=submitted.pk).status == ListingStatus.PENDING
    client.post(url, {"comment": "Ajoutez la surface du local."})
    listing = Listing.objects.get(pk=submitted.pk)
    assert listing.status == ListingStatus.CHANGES_REQUESTED
    assert not listing.live
    assert TaskState.objects.get(status=TaskState.STATUS_REJECTED).comment == "Ajoutez la surface du local."


def test_refusal_needs_a_reason_and_is_final(client, moderator, submitted):
    client.force_login(moderator)
    url = action_url(submitted, "refuse")
    response = client.post(url, {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"})
    assert "Indiquez le motif du refus" in response.content.decode()
    client.post(url, {"comment": "Hors du champ du guichet."})
    listing = Listing.objects.get(pk=submitted.pk)
    assert listing.status == ListingStatus.REJECTED
    assert listing.rejection_reason == "Hors du champ du guichet."
    assert listing.current_workflow_state is None


def test_only_the_reviewed_revision_is_published(moderator, submitted):
    task_state = submitted.current_workflow_state.current_task_state
    # An edit saved while the moderator reads the submitted version...
    edited = Listing.objects.get(pk=submitted.pk)
    edited.title = "Titre changé après la relecture"
    edited.save_revision()
    # ...is not what approving the reviewed version publishes: it stays a draft.
    task_state.task.specific.on_action(task_state, moderator, "approve")
    listing = Listing.objects.get(pk=submitted.pk)
    assert listing.live
    assert listing.title == "Cabinet au centre"
    assert listing.has_unpublished_changes
    assert listing.get_latest_revision_as_object().title == "Titre changé après la relecture"


def test_users_outside_the_moderators_cannot_decide(client, django_user_model, submitted):
    outsider = django_user_model.objects.create_user("curieux", "curieux@example.org", "motdepasse", is_staff=True)
    Group.objects.get(name="Rédacteurs").user_set.add(outsider)
    client.force_login(outsider)
    response = client.post(action_url(submitted, "approve"))
    assert response.status_code in (302, 403)
    assert not Listing.objects.get(pk=submitted.pk).live


def test_the_submitter_is_told_of_a_final_refusal(
    client, moderator, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    from listings.models import ListingContact

    ListingContact.objects.create(listing=submitted, name="Claire", email="claire@example.org")
    mailoutbox.clear()
    client.force_login(moderator)
    url = action_url(submitted, "refuse")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"comment": "Hors du champ du guichet."})
        client.post(url, {"comment": "Double clic"})
    sent = [message for message in mailoutbox if "claire@example.org" in message.to]
    assert len(sent) == 1
    assert "Hors du champ du guichet." in sent[0].body
