"""A small, fully known desk for the public site's tests (factories, well under a second).

Transactional browser tests start from a flushed database: Wagtail's root page and root
collection, created by migrations, are recreated first.
"""

from dataclasses import dataclass, field

import pytest

SQUARE = 0.05


def square(latitude, longitude):
    return {
        "type": "Polygon",
        "coordinates": [
            [
                [longitude - SQUARE, latitude - SQUARE],
                [longitude + SQUARE, latitude - SQUARE],
                [longitude + SQUARE, latitude + SQUARE],
                [longitude - SQUARE, latitude + SQUARE],
                [longitude - SQUARE, latitude - SQUARE],
            ]
        ],
    }


def ensure_wagtail_roots():
    """The default locale, tree root page and root collection that Wagtail's migrations create."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(title="Root", slug="root", live=True)
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")


def ensure_default_site():
    """A default site, as wagtailcore's initial data makes one: the rows of a desk
    (reference.desks.DeskOwned) created without a site belong to it. With the health
    vocabularies reference/0007 gives every site (listing kinds, aid types…)."""
    from wagtail.models import Page, Site

    ensure_wagtail_roots()
    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=Page.get_first_root_node(),
            is_default_site=True,
            site_name="Guichet unique santé",
        )
    seed_vocabularies()


def seed_vocabularies():
    """The health terms of reference/0007 for the sites that lack them (a flush or a
    recreated site removed them)."""
    import importlib

    from django.apps import apps

    importlib.import_module("reference.migrations.0007_vocabulary_terms").seed_every_site(apps, None)


def restore_migration_data():
    """What data migrations create and a transactional test's flush removed."""
    import importlib

    from django.apps import apps

    ensure_default_site()
    # The migrations name the groups in English and users/0003 renames them in French: back
    # to English first (if they survived), so that each step finds the names it expects.
    for module, function in (
        ("users.migrations.0003_french_group_names", "to_english"),
        ("users.migrations.0002_staff_roles", "grant"),
        ("listings.migrations.0006_listing_moderation_workflow", "create_workflow"),
        ("users.migrations.0003_french_group_names", "to_french"),
        ("accompaniment.migrations.0002_groups", "grant"),
        ("users.migrations.0004_group_desk", "bind_groups"),
    ):
        getattr(importlib.import_module(module), function)(apps, None)
    _give_staff_groups_admin_access()


def _give_staff_groups_admin_access():
    """What wagtailadmin's first migration does; its own function cannot run again, as the
    flush's post_migrate already recreated the permission under another name."""
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    from users.roles import EDITORS_GROUP, MODERATORS_GROUP

    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    permission = Permission.objects.filter(content_type=content_type, codename="access_admin").first()
    if permission is None:
        permission = Permission.objects.create(
            content_type=content_type, codename="access_admin", name="Can access Wagtail admin"
        )
    for group in Group.objects.filter(name__in=[EDITORS_GROUP, MODERATORS_GROUP]):
        group.permissions.add(permission)


@dataclass
class SmallSite:
    communes: dict = field(default_factory=dict)
    listings: dict = field(default_factory=dict)
    aids: dict = field(default_factory=dict)
    professions: dict = field(default_factory=dict)


def build_small_site():

    from aides.factories import AidAudienceFactory, AidPageFactory, AidsIndexPageFactory
    from aides.models import AidType, TerritorialScope, ZonageRequirement
    from home.factories import HomePageFactory
    from home.models import DeskSettings
    from listings.factories import ListingFactory
    from listings.models import ListingContact, ListingKind, ListingStatus
    from reference.factories import CommuneFactory, HealthFacilityFactory, ProfessionFactory
    from reference.models import HealthFacilityKind, ZonageCategory
    from tests.desks import replace_default_site

    ensure_wagtail_roots()
    home = HomePageFactory(title="Guichet de test", slug="accueil-test")
    site = replace_default_site(hostname="localhost", port=80, root_page=home, site_name="Test")
    seed_vocabularies()  # the deleted site's terms went with it
    desk = DeskSettings.for_site(site)
    desk.contact_email = "guichet@example.org"
    desk.map_center_latitude, desk.map_center_longitude, desk.map_zoom = 44.7, 5.1, 8
    desk.save()

    data = SmallSite()
    gp = ProfessionFactory(name="Médecin généraliste", slug="medecin-generaliste")
    paediatrician = ProfessionFactory(name="Pédiatre", slug="pediatre")
    data.professions = {"gp": gp, "paediatrician": paediatrician}
    intern = AidAudienceFactory(code="interne", name="Interne")
    installed = AidAudienceFactory(code="installe", name="Médecin installé")

    for key, insee, name, lat, lon, zonage in (
        ("a", "26501", "Valmont-sur-Drôme", 44.75, 5.37, ZonageCategory.ZIP),
        ("b", "26502", "Roche-Baronne", 44.36, 5.14, ZonageCategory.HZ),
        ("c", "26503", "Pré-Vert", 45.00, 4.90, ZonageCategory.ZAC),
    ):
        data.communes[key] = CommuneFactory(
            insee_code=insee,
            name=name,
            centroid_latitude=lat,
            centroid_longitude=lon,
            boundary=square(lat, lon),
            zonage=zonage,
            zonage_is_fictitious=True,
        )
    a, b = data.communes["a"], data.communes["b"]
    data.listings["office"] = ListingFactory(
        title="Cabinet lumineux à Valmont",
        slug="cabinet-lumineux-valmont",
        kind=ListingKind.OFFICE,
        commune=a,
        professions=[gp],
        summary="Un cabinet de 20 m² dans une maison de santé.",
        conditions="Six mois de loyer offerts.",
        rent_free_months=6,
        contacts=[ListingContact(name="Camille Martin", email="camille@example.org", consent_to_publish=True)],
    )
    data.listings["replacement"] = ListingFactory(
        title="Remplacement d'été à Valmont",
        slug="remplacement-ete-valmont",
        kind=ListingKind.REPLACEMENT,
        commune=a,
        professions=[gp],
        contacts=[ListingContact(name="Secret Personne", email="secret@example.org", consent_to_publish=False)],
    )
    data.listings["post"] = ListingFactory(
        title="Poste de pédiatre salarié",
        slug="poste-pediatre-roche",
        kind=ListingKind.SALARIED_POST,
        commune=b,
        professions=[paediatrician],
    )
    data.listings["draft"] = ListingFactory(
        title="Brouillon invisible",
        slug="brouillon-invisible",
        kind=ListingKind.OFFICE,
        commune=b,
        professions=[gp],
        status=ListingStatus.DRAFT,
    )
    HealthFacilityFactory(
        kind=HealthFacilityKind.HOSPITAL, name="Centre hospitalier de Valmont", commune=a, hosts_interns=True
    )
    HealthFacilityFactory(kind=HealthFacilityKind.MSP, name="Maison de santé de Roche", commune=b)

    index = AidsIndexPageFactory(parent=home, slug="aides")
    data.aids["premium"] = AidPageFactory(
        parent=index,
        title="Prime d'installation en zone prioritaire",
        slug="prime-zip",
        aid_type=AidType.PREMIUM,
        amount_text="50 000 € (test)",
        audiences=[installed],
        professions=[gp],
        zonage_requirement=ZonageRequirement.ZIP,
        scope=TerritorialScope.NATIONAL,
    )
    data.aids["study"] = AidPageFactory(
        parent=index,
        title="Bourse des internes",
        slug="bourse-internes",
        aid_type=AidType.STUDY_GRANT,
        amount_text="600 € par mois (test)",
        audiences=[intern],
        scope=TerritorialScope.DEPARTEMENT,
    )
    data.aids["local"] = AidPageFactory(
        parent=index,
        title="Logement offert à Roche-Baronne",
        slug="logement-roche",
        aid_type=AidType.HOUSING,
        scope=TerritorialScope.LOCAL,
        communes=[b],
    )
    return data


@pytest.fixture
def small_site(db):
    return build_small_site()


@pytest.fixture
def small_site_live(transactional_db):
    return build_small_site()
