"""Two desks in one instance: the shared fixture of the isolation tests (issue 17).

- « sante.test », the default site: a health desk in the Drôme (26);
- « veto.test »: a rural veterinary desk in the Ardèche (07), with its own home tree, settings,
  aids, partners, organisation, listings, care offer, professions, audiences and cases.

Communes are shared rows; each desk shows its own territory's. Some rows of one desk are put
where the other would show them if it forgot the desk: a public listing and a facility of the
veterinary desk in a Drôme commune where the health desk has no public listing, and the same
audience code (« installe ») on both desks.

A test folder uses it with ``from tests.desks import two_desks  # noqa: F401`` in its conftest.py.
"""

from dataclasses import dataclass, field

import pytest

SANTE = "sante.test"
VETO = "veto.test"
HOSTS = (SANTE, VETO)


@dataclass
class Desk:
    host: str
    site: object
    home: object
    territory_code: str
    desk_name: str
    communes: dict = field(default_factory=dict)
    listings: dict = field(default_factory=dict)
    professions: dict = field(default_factory=dict)
    audience: object = None
    organisation: object = None
    facilities: dict = field(default_factory=dict)
    aids_index: object = None
    aid: object = None
    partner: object = None
    cases: list = field(default_factory=list)


@dataclass
class TwoDesks:
    sante: Desk
    veto: Desk

    def __getitem__(self, host):
        return {SANTE: self.sante, VETO: self.veto}[host]

    def other(self, host):
        return self.veto if host == SANTE else self.sante


def square(latitude, longitude, size=0.05):
    return {
        "type": "Polygon",
        "coordinates": [
            [
                [longitude - size, latitude - size],
                [longitude + size, latitude - size],
                [longitude + size, latitude + size],
                [longitude - size, latitude + size],
                [longitude - size, latitude - size],
            ]
        ],
    }


def _commune(insee, name, latitude, longitude):
    from reference.models import Commune, ZonageCategory

    return Commune.objects.create(
        insee_code=insee,
        name=name,
        centroid_latitude=latitude,
        centroid_longitude=longitude,
        boundary=square(latitude, longitude),
        zonage=ZonageCategory.ZIP,
        population=1000,
    )


def _desk(site, home, *, host, desk_name, territory_name, territory_code, bbox, centre):
    from home.models import DeskSettings

    settings = DeskSettings.for_site(site)
    settings.desk_name = desk_name
    settings.territory_name = territory_name
    settings.territory_code = territory_code
    settings.territory_bbox = bbox
    settings.map_center_latitude, settings.map_center_longitude = centre
    settings.map_zoom = 9
    settings.save()
    return Desk(host=host, site=site, home=home, territory_code=territory_code, desk_name=desk_name)


def _populate(desk, *, profession, audience_name, facility, aid, partner, organisation, listings, cases):
    """The desk's own rows; ``listings``: (key, title, slug, commune key, status)."""
    from accompaniment.factories import CaseFactory
    from aides.factories import AidPageFactory, AidsIndexPageFactory
    from aides.models import AidAudience, TerritorialScope
    from listings.factories import ListingFactory
    from listings.models import ListingKind, Organisation, OrganisationKind
    from partners.factories import PartnerPageFactory, PartnersIndexPageFactory
    from reference.models import HealthFacility, HealthFacilityKind, Profession

    site = desk.site
    desk.professions["main"] = Profession.objects.create(site=site, name=profession[0], slug=profession[1])
    desk.audience = AidAudience.objects.create(site=site, code="installe", name=audience_name)
    desk.organisation = Organisation.objects.create(site=site, name=organisation, kind=OrganisationKind.OTHER)
    for key, (name, commune) in facility.items():
        desk.facilities[key] = HealthFacility.objects.create(
            site=site,
            kind=HealthFacilityKind.PRACTICE,
            name=name,
            commune=commune,
            location=f"SRID=4326;POINT({commune.centroid_longitude} {commune.centroid_latitude})",
        )
    for key, title, slug, commune, status in listings:
        desk.listings[key] = ListingFactory(
            site=site,
            title=title,
            slug=slug,
            kind=ListingKind.OFFICE,
            commune=commune,
            organisation=desk.organisation,
            professions=[desk.professions["main"]],
            status=status,
        )
    desk.aids_index = AidsIndexPageFactory(parent=desk.home, slug="aides")
    desk.aid = AidPageFactory(
        parent=desk.aids_index,
        title=aid[0],
        slug=aid[1],
        audiences=[desk.audience],
        professions=[desk.professions["main"]],
        scope=TerritorialScope.NATIONAL,
    )
    partners_index = PartnersIndexPageFactory(parent=desk.home, slug="partenaires")
    desk.partner = PartnerPageFactory(parent=partners_index, title=partner[0], slug=partner[1])
    desk.cases = [CaseFactory(site=site, profession=desk.professions["main"]) for _ in range(cases)]


def replace_default_site(**fields):
    """A new default site in place of the migrations' one, which is deleted. Its staff groups'
    bindings (users.GroupDesk, PROTECT) move to the new one first: they stay the default desk's."""
    from wagtail.models import Site

    from users.models import GroupDesk

    previous = list(Site.objects.filter(is_default_site=True).values_list("pk", flat=True))
    # Out of the way first: the new one may take its host name (localhost).
    Site.objects.filter(pk__in=previous).update(hostname="ancien-site.invalid", is_default_site=False)
    site = Site.objects.create(is_default_site=True, **fields)
    GroupDesk.objects.filter(site__in=previous).update(site=site)
    Site.objects.filter(pk__in=previous).delete()
    return site


def build_two_desks():
    import importlib

    from django.apps import apps
    from wagtail.models import Page, Site

    from home.factories import HomePageFactory
    from listings.models import ListingStatus

    root = Page.get_first_root_node()
    home_sante = HomePageFactory(parent=root, title="Guichet santé", slug="accueil-sante")
    home_veto = HomePageFactory(parent=root, title="Guichet vétérinaire", slug="accueil-veto")
    site_sante = replace_default_site(hostname=SANTE, port=80, root_page=home_sante, site_name="Santé")
    site_veto = Site.objects.create(hostname=VETO, port=80, root_page=home_veto, site_name="Vétérinaires")
    # Each desk's vocabulary terms (listing kinds…): those reference/0007 gives every site.
    # (A veterinary desk's own vocabularies are the second-sector test's, increment 7.)
    importlib.import_module("reference.migrations.0007_vocabulary_terms").seed_every_site(apps, None)
    sante = _desk(
        site_sante,
        home_sante,
        host=SANTE,
        desk_name="Guichet unique santé",
        territory_name="Drôme",
        territory_code="26",
        bbox="4.60,44.10,5.85,45.40",
        centre=(44.73, 5.05),
    )
    veto = _desk(
        site_veto,
        home_veto,
        host=VETO,
        desk_name="Guichet vétérinaire rural",
        territory_name="Ardèche",
        territory_code="07",
        bbox="3.86,44.26,4.89,45.37",
        centre=(44.75, 4.42),
    )
    sante.communes = {
        "valmont": _commune("26501", "Valmont-sur-Drôme", 44.75, 5.37),
        "roche": _commune("26502", "Roche-Baronne", 44.36, 4.75),
    }
    veto.communes = {
        "vallon": _commune("07501", "Vallon-Test", 44.40, 4.40),
        "privas": _commune("07502", "Privas-Test", 44.73, 4.60),
    }
    valmont, roche = sante.communes["valmont"], sante.communes["roche"]
    vallon = veto.communes["vallon"]
    _populate(
        sante,
        profession=("Médecin généraliste", "medecin-generaliste"),
        audience_name="Médecin installé",
        facility={"main": ("Maison de santé de Valmont", valmont)},
        aid=("Prime d'installation santé", "prime-sante"),
        partner=("Agence régionale de santé test", "ars-test"),
        organisation="Mairie de Valmont",
        listings=[
            ("public", "Cabinet médical à Valmont", "cabinet-sante", valmont, ListingStatus.PUBLISHED),
            ("expired", "Ancien cabinet médical à Roche", "ancien-sante", roche, ListingStatus.EXPIRED),
        ],
        cases=2,
    )
    _populate(
        veto,
        profession=("Vétérinaire rural", "veterinaire-rural"),
        audience_name="Vétérinaire installé",
        # The second one is in a Drôme commune (in both boxes): the health desk must not count it.
        facility={"main": ("Clinique vétérinaire du Vallon", vallon), "stray": ("Cabinet vétérinaire de Roche", roche)},
        aid=("Prime d'installation vétérinaire", "prime-veto"),
        partner=("Groupement de défense sanitaire test", "gds-test"),
        organisation="Clinique vétérinaire du Vallon",
        listings=[
            ("public", "Clinique vétérinaire à reprendre au Vallon", "clinique-veto", vallon, ListingStatus.PUBLISHED),
            ("expired", "Ancienne clinique vétérinaire", "ancienne-veto", vallon, ListingStatus.EXPIRED),
            # Public, in a Drôme commune where the health desk has no public listing.
            ("stray", "Cabinet vétérinaire à Roche", "cabinet-veto-roche", roche, ListingStatus.PUBLISHED),
        ],
        cases=3,
    )
    return TwoDesks(sante=sante, veto=veto)


@pytest.fixture
def two_desks(db, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, *HOSTS]
    return build_two_desks()
