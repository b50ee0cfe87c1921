"""Bad input on listings gets a clear French error and saves nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from listings.models import Listing, Organisation
from reference.models import Commune

from .conftest import error_messages, make_listing

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune():
    return Commune.objects.create(insee_code="26362", name="Valence")


def test_valid_listing_derives_coordinates_from_the_map(commune):
    listing = make_listing(commune)
    listing.full_clean()
    listing.save()
    listing.refresh_from_db()
    assert (listing.latitude, listing.longitude) == (44.9334, 4.8924)
    assert listing.slug == "cabinet-disponible-en-centre-ville"


def test_slugs_stay_unique(commune):
    first = make_listing(commune)
    first.save()
    second = make_listing(commune)
    second.save()
    assert second.slug == "cabinet-disponible-en-centre-ville-2"


def test_coordinates_outside_the_departement_are_refused(commune):
    listing = make_listing(commune, location="SRID=4326;POINT(2.3522 48.8566)")  # Paris
    messages = error_messages(listing)
    assert "en dehors du territoire" in messages["location"][0]


def test_unreadable_location_is_refused(commune):
    listing = make_listing(commune, location="SRID=4326;POINT(nan nan)")
    assert "Position illisible" in error_messages(listing)["location"][0]


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("surface_m2", "La surface ne peut pas être négative."),
        ("monthly_rent_eur", "Le loyer ne peut pas être négatif."),
        ("sale_price_eur", "Le prix ne peut pas être négatif."),
    ],
)
def test_negative_amounts_are_refused(commune, field, expected):
    listing = make_listing(commune, **{field: Decimal("-1")})
    assert error_messages(listing)[field] == [expected]


def test_expiry_before_availability_is_refused(commune):
    listing = make_listing(
        commune,
        available_from=datetime.date(2027, 3, 1),
        expire_at=timezone.make_aware(datetime.datetime(2027, 1, 1)),
    )
    assert "ne peut pas précéder" in error_messages(listing)["expire_at"][0]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", "ftp://example.org/x"])
def test_only_web_urls_are_accepted(url):
    organisation = Organisation(name="Mairie de Dieulefit", kind="municipality", website=url)
    messages = error_messages(organisation)["website"]
    assert any("http:// ou https://" in message for message in messages)


def test_nothing_is_saved_when_validation_fails(commune):
    listing = make_listing(commune, surface_m2=Decimal("-5"))
    with pytest.raises(ValidationError):
        listing.full_clean()
    assert Listing.objects.count() == 0


def test_a_listing_needs_a_position_on_the_map(commune):
    listing = make_listing(commune, location="")
    assert "Placez l'annonce sur la carte" in error_messages(listing)["location"][0]
