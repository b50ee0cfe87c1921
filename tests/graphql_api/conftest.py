"""Data for the API tests, built directly with the ORM (no dependency on factories)."""

import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site, Workflow, WorkflowState

from aides.models import AidAudience, AidPage, AidsIndexPage
from home.models import ContentPage, HomePage
from listings.models import Listing, ListingContact, ListingPhoto, Organisation
from media_library.models import CustomImage
from partners.models import PartnerPage, PartnersIndexPage
from reference.models import Commune, Epci, HealthFacility, Profession, ZonageCategory


@pytest.fixture
def count_queries():
    """Context manager capturing the SQL queries of a block."""
    return lambda: CaptureQueriesContext(connection)


@pytest.fixture
def site_root(db):
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Accueil", slug=f"accueil-{uuid.uuid4().hex[:6]}"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return home


@pytest.fixture
def places(db):
    epci = Epci.objects.create(siren="242600534", name="CC du Diois")
    return {
        "epci": epci,
        "die": Commune.objects.create(
            insee_code="26113",
            name="Die",
            zonage=ZonageCategory.ZIP,
            epci=epci,
            centroid_latitude=44.753,
            centroid_longitude=5.370,
        ),
        "valence": Commune.objects.create(
            insee_code="26362",
            name="Valence",
            zonage=ZonageCategory.HZ,
            centroid_latitude=44.933,
            centroid_longitude=4.892,
        ),
        "empty": Commune.objects.create(insee_code="26058", name="Buis-les-Baronnies"),
    }


@pytest.fixture
def gp(db):
    return Profession.objects.create(name="Médecin généraliste", slug="medecin-generaliste")


def make_image(title="photo"):
    return CustomImage.objects.create(title=title, file=get_test_image_file(), alt_text=f"alt {title}")


_counter = iter(range(1, 10_000_000))


def make_listing(
    commune, *, state="published", title=None, professions=(), photos=0, contact=None, coordinates=None, **fields
):
    """A listing in one of the moderation states; `contact` is None, 'consented' or 'private'."""
    n = next(_counter)
    listing = Listing(
        kind=fields.pop("kind", "office"),
        title=title or f"Annonce {n}",
        summary="Un local lumineux",
        commune=commune,
        live=False,
        **fields,
    )
    listing.set_coordinates(*(coordinates or (44.75 + n * 1e-5, 5.37)))
    listing.save()
    listing.professions.set(professions)
    for i in range(photos):
        ListingPhoto.objects.create(listing=listing, image=make_image(f"p{n}-{i}"), sort_order=i)
    if contact:
        ListingContact.objects.create(
            listing=listing,
            name="Dr Secret",
            email=f"secret{n}@example.org",
            phone="0600000000",
            consent_to_publish=contact == "consented",
        )
    if state in ("published", "expired", "expired_date", "withdrawn", "pending_edit"):
        listing.save_revision().publish()
        listing.refresh_from_db()
    if state == "expired":
        Listing.objects.filter(pk=listing.pk).update(expired=True)
    elif state == "expired_date":
        Listing.objects.filter(pk=listing.pk).update(expire_at=timezone.now() - timezone.timedelta(days=1))
    elif state == "withdrawn":
        listing.unpublish()
    elif state in ("pending", "rejected"):
        listing.save_revision()
        content_type = ContentType.objects.get_for_model(Listing)
        workflow = Workflow.objects.get_or_create(name="Test moderation")[0]
        WorkflowState.objects.create(
            workflow=workflow,
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(listing.pk),
            # Wagtail records a rejection as "needs_changes" on the workflow state.
            status="in_progress" if state == "pending" else "needs_changes",
        )
    elif state == "pending_edit":
        # An edit saved as a new revision, not published (what Wagtail's admin does for a live snippet).
        listing.title = f"{listing.title} MODIFIÉE"
        listing.save_revision()
    listing.refresh_from_db()
    return listing


@pytest.fixture
def listing_factory(places):
    return make_listing


def add_page(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def aids_index(site_root):
    return add_page(site_root, AidsIndexPage(title="Les aides", slug="aides"))


@pytest.fixture
def partners_index(site_root):
    return add_page(site_root, PartnersIndexPage(title="Partenaires", slug="partenaires"))


def make_aid(index, title, *, live=True, audiences=(), professions=(), communes=(), **fields):
    aid = AidPage(title=title, summary=title, aid_type=fields.pop("aid_type", "premium"), live=live, **fields)
    index.add_child(instance=aid)
    aid.audiences.set(audiences)
    aid.professions.set(professions)
    aid.communes.set(communes)
    aid.save()
    return aid


def make_partner(index, title, **fields):
    partner = PartnerPage(title=title, kind=fields.pop("kind", "ars"), mission="Mission", **fields)
    index.add_child(instance=partner)
    return partner


def make_content_page(parent, title, *, live=True, **fields):
    page = ContentPage(title=title, live=live, **fields)
    parent.add_child(instance=page)
    return page


__all__ = [
    "AidAudience",
    "HealthFacility",
    "Organisation",
    "make_aid",
    "make_content_page",
    "make_image",
    "make_listing",
    "make_partner",
]
