"""RGPD: contacts of listings refused or withdrawn for long are purged from the database and
from the revisions; a person can have their data erased everywhere; both are logged
without the personal data."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry, Revision

from listings.factories import ListingFactory
from listings.models import Listing, ListingContact, ListingStatus
from listings.privacy import erase_contact_data, purge_personal_data

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def with_contact(status, email, **kwargs):
    contact = ListingContact(name=f"Personne {email}", email=email, phone="06 00 00 00 00")
    return ListingFactory(contacts=[contact], status=status, **kwargs)


def revisions_text(listing):
    return json.dumps(list(Revision.objects.filter(object_id=str(listing.pk)).values_list("content", flat=True)))


def age_rejection(listing, days):
    Listing.objects.filter(pk=listing.pk).update(rejected_at=timezone.now() - days * DAY)


def age_withdrawal(listing, days):
    ModelLogEntry.objects.filter(object_id=str(listing.pk), action="wagtail.unpublish").update(
        timestamp=timezone.now() - days * DAY
    )


def purge(*args):
    out = StringIO()
    call_command("purge_listing_personal_data", *args, stdout=out)
    return out.getvalue()


def test_purge_removes_old_rejected_and_withdrawn_contacts_from_db_and_revisions_only(moderator, settings):
    settings.LISTING_PURGE_AFTER_DAYS = 180
    rejected = with_contact(ListingStatus.REJECTED, "refus@example.org", status__moderator=moderator)
    withdrawn = with_contact(ListingStatus.WITHDRAWN, "retrait@example.org")
    recent = with_contact(ListingStatus.REJECTED, "recent@example.org")
    published = with_contact(ListingStatus.PUBLISHED, "publie@example.org")
    pending = with_contact(ListingStatus.PENDING, "attente@example.org")
    age_rejection(rejected, 200)
    age_withdrawal(withdrawn, 200)
    age_rejection(recent, 10)
    assert "refus@example.org" in revisions_text(rejected)

    output = purge()

    assert "purgées : 2" in output
    for listing, email in ((rejected, "refus@example.org"), (withdrawn, "retrait@example.org")):
        assert not ListingContact.objects.filter(listing=listing).exists()
        assert email not in revisions_text(listing)
        assert "06 00 00 00 00" not in revisions_text(listing)
        (entry,) = ModelLogEntry.objects.filter(object_id=str(listing.pk), action="listings.purge_personal_data")
        assert entry.data["contacts"] == 1 and entry.data["revisions"] >= 1
        assert email not in json.dumps(entry.data) and "Personne" not in json.dumps(entry.data)
        assert Listing.objects.filter(pk=listing.pk).exists()  # the listing itself stays
    for listing, email in (
        (recent, "recent@example.org"),
        (published, "publie@example.org"),
        (pending, "attente@example.org"),
    ):
        assert ListingContact.objects.filter(listing=listing, email=email).exists()
        assert email in revisions_text(listing)

    purge()  # idempotent: nothing left, nothing logged again
    assert ModelLogEntry.objects.filter(action="listings.purge_personal_data").count() == 2


def test_days_option_and_dry_run(moderator):
    rejected = with_contact(ListingStatus.REJECTED, "refus@example.org")
    age_rejection(rejected, 40)
    assert "purgées : 0" in purge()  # default 180 days
    output = purge("--days", "30", "--dry-run")
    assert "[simulation]" in output and "purgées : 1" in output
    assert ListingContact.objects.filter(listing=rejected).exists()
    assert "refus@example.org" in revisions_text(rejected)
    assert not ModelLogEntry.objects.filter(action="listings.purge_personal_data").exists()
    purge("--days", "30")
    assert not ListingContact.objects.filter(listing=rejected).exists()
    with pytest.raises(CommandError):
        purge("--days", "-1")


def test_expired_listings_are_purged_after_the_delay():
    expired = with_contact(ListingStatus.EXPIRED, "expire@example.org")
    Listing.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - 200 * DAY)
    result = purge_personal_data(days=180)
    assert [listing.pk for listing in result.listings] == [expired.pk]
    assert not ListingContact.objects.filter(listing=expired).exists()


def test_erase_contact_data_everywhere_on_request():
    published = with_contact(ListingStatus.PUBLISHED, "Dr.Durand@example.org")
    pending = with_contact(ListingStatus.PENDING, "dr.durand@example.org")
    other = with_contact(ListingStatus.PUBLISHED, "autre@example.org")
    # An older revision mentions the person too, although the current contact changed.
    ListingContact.objects.filter(listing=other).update(email="nouveau@example.org")

    out = StringIO()
    call_command("erase_contact_data", "DR.DURAND@example.org", stdout=out)

    assert "effacé de 2 annonce(s)" in out.getvalue()
    assert not ListingContact.objects.filter(email__iexact="dr.durand@example.org").exists()
    for listing in (published, pending):
        assert "durand" not in revisions_text(listing).lower()
        (entry,) = ModelLogEntry.objects.filter(object_id=str(listing.pk), action="listings.erase_contact_data")
        assert "durand" not in json.dumps(entry.data).lower()
    assert ListingContact.objects.filter(listing=other, email="nouveau@example.org").exists()
    assert "autre@example.org" in revisions_text(other)
    assert Listing.objects.get(pk=published.pk).live  # the listing stays online, without its contact


def test_erase_dry_run_and_bad_address():
    listing = with_contact(ListingStatus.PUBLISHED, "x@example.org")
    result = erase_contact_data("x@example.org", dry_run=True)
    assert result.contacts == 1 and result.revisions >= 1
    assert ListingContact.objects.filter(listing=listing).exists()
    with pytest.raises(CommandError):
        call_command("erase_contact_data", "pas-une-adresse", stdout=StringIO())
    assert erase_contact_data("  ").listings == []
