"""ListingStatus is derived from Wagtail's real draft state and moderation workflow."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from listings.models import Listing, ListingKind, ListingStatus
from reference.models import Commune

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_listing():
    commune = Commune.objects.create(insee_code="26362", name="Valence")
    counter = iter(range(1000))

    def make():
        listing = Listing(
            kind=ListingKind.OFFICE,
            title=f"Annonce {next(counter)}",
            summary="Local disponible.",
            commune=commune,
            location="SRID=4326;POINT(4.89 44.93)",
            live=False,
        )
        listing.save()
        listing.save_revision()
        return listing

    return make


def submit(listing, user):
    return listing.get_workflow().start(listing, user)


def task_action(listing, user, action):
    task_state = listing.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, user, action)


def statuses():
    return dict(Listing.objects.annotate_status().values_list("title", "moderation_status"))


def test_every_status_from_real_workflow_actions(new_listing, moderator):
    draft = new_listing()
    pending = new_listing()
    submit(pending, moderator)
    changes = new_listing()
    submit(changes, moderator)
    task_action(changes, moderator, "reject")  # Wagtail's "request changes"
    published = new_listing()
    submit(published, moderator)
    task_action(published, moderator, "approve")
    withdrawn = new_listing()
    withdrawn.save_revision().publish()
    withdrawn.refresh_from_db()
    withdrawn.unpublish()
    expired = new_listing()
    expired.save_revision().publish()
    Listing.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(days=1))
    rejected = new_listing()
    submit(rejected, moderator)
    rejected.reject(user=moderator, reason="Annonce hors du champ du guichet.")

    expected = {
        draft.title: ListingStatus.DRAFT,
        pending.title: ListingStatus.PENDING,
        changes.title: ListingStatus.CHANGES_REQUESTED,
        published.title: ListingStatus.PUBLISHED,
        withdrawn.title: ListingStatus.WITHDRAWN,
        expired.title: ListingStatus.EXPIRED,
        rejected.title: ListingStatus.REJECTED,
    }
    assert statuses() == expected
    for listing in Listing.objects.all():
        assert listing.status == expected[listing.title]
    for status in ListingStatus:
        assert list(Listing.objects.with_status(status).values_list("title", flat=True)) == [
            title for title, value in expected.items() if value == status
        ]
    assert list(Listing.objects.public()) == [Listing.objects.get(pk=published.pk)]


def test_published_listing_with_a_pending_edit_is_pending_for_staff_but_stays_public(new_listing, moderator):
    listing = new_listing()
    listing.save_revision().publish()
    listing.refresh_from_db()
    listing.title = "Titre modifié"
    submit(listing, moderator)  # saves nothing to the live row
    assert Listing.objects.get(pk=listing.pk).status == ListingStatus.PENDING
    assert Listing.objects.public().filter(pk=listing.pk).exists()


def test_final_rejection_is_idempotent_and_logged(new_listing, moderator):
    listing = new_listing()
    submit(listing, moderator)
    assert listing.reject(user=moderator, reason="Doublon d'une annonce existante.") is True
    assert listing.reject(user=moderator, reason="Second clic") is False
    listing.refresh_from_db()
    assert listing.rejection_reason == "Doublon d'une annonce existante."
    assert listing.current_workflow_state is None
    entries = ModelLogEntry.objects.filter(action="listings.reject", object_id=str(listing.pk))
    assert entries.count() == 1


def test_rejection_needs_a_reason(new_listing, moderator):
    listing = new_listing()
    with pytest.raises(ValidationError) as caught:
        listing.reject(user=moderator, reason="   ")
    assert caught.value.message_dict["rejection_reason"] == ["Indiquez le motif du refus."]
    listing.refresh_from_db()
    assert listing.rejected_at is None
