"""Start a desk for a territory: what ``manage.py bootstrap_desk`` does, step by step.

One instance serves one territory (settings.TERRITORY, from environment variables). The
bootstrap imports that territory's communes after checking that the file really describes
it, creates the reference lists a desk needs (professions, aid audiences), the site tree
(home page, aids and partners indexes, a journey page) and the desk settings. Every step
is idempotent: records are found by a natural key and only created when missing.

The site-tree helpers (ensure_home_page, ensure_child_page) are shared with seed_demo.
"""

import math
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models import Max, Min
from django.utils.text import slugify
from wagtail.models import Page, Site

from aides.models import AidAudience, AidsIndexPage
from home.models import ContentPage, DeskSettings, HomePage
from partners.models import PartnersIndexPage
from reference.importers.geojson import CommuneImportError, parse_features, read_feature_collection
from reference.importers.report import MAX_REPORTED_ERRORS
from reference.models import Commune, Profession

from .reference_lists import AUDIENCES, PROFESSIONS

DEFAULT_PROFESSIONS = ["Médecin généraliste"]
DEFAULT_DESK_NAME = "Guichet unique santé"
HOME_SLUG = "accueil"
# Model defaults of DeskSettings' map centre: a desk still showing them was never centred.
UNSET_MAP_CENTRE = (
    DeskSettings._meta.get_field("map_center_latitude").default,
    DeskSettings._meta.get_field("map_center_longitude").default,
)
# Map frame: a ~600 px wide map of 256 px tiles, zoom kept within sensible bounds.
MAP_WIDTH_PX, TILE_PX, MIN_ZOOM, MAX_ZOOM = 600, 256, 5, 13
# Margin (degrees, ~2 km) suggested around a territory's outlines for TERRITORY_BBOX.
BBOX_MARGIN = 0.02


class BootstrapError(Exception):
    """The desk cannot be started; the message (French) says why and what to do."""


@dataclass
class BootstrapReport:
    created: dict = field(default_factory=dict)
    lines: list = field(default_factory=list)

    def count(self, label, n=1):
        if n:
            self.created[label] = self.created.get(label, 0) + n


# --- Site tree (shared with seed_demo) -----------------------------------------------------


def child_page(parent, slug):
    page = parent.get_children().filter(slug=slug).first()
    return page.specific if page else None


def create_page(parent, page):
    """Add ``page`` under ``parent`` and publish it through a revision, as an editor would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_child_page(parent, model, *, slug, **fields):
    """The child page of ``parent`` with this slug, created and published when missing.

    Returns (page, created). An existing page is never modified.
    """
    page = child_page(parent, slug)
    if page is not None:
        return page, False
    return create_page(parent, model(slug=slug, **fields)), True


def ensure_home_page(*, title, slug=HOME_SLUG, introduction="", site_name="", publish=True, **fields):
    """The desk's HomePage, as the default site's root in place of Wagtail's welcome page.

    Returns (home, created). There is one HomePage per instance (HomePage.max_count): an
    existing one is kept as it is. With ``publish``, a new home page gets a first revision
    (seed_demo publishes its own once the body is filled in).
    """
    home = HomePage.objects.first()
    created = home is None
    if created:
        home = HomePage(title=title, slug=slug, introduction=introduction, **fields)
        Page.get_first_root_node().add_child(instance=home)
        if publish:
            home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=site_name)
    elif site.root_page_id != home.pk:
        previous_root = site.root_page
        site.root_page = home
        site.site_name = site.site_name or site_name
        site.save()
        delete_welcome_page(previous_root)
    return home, created


def delete_welcome_page(page):
    """Delete Wagtail's default welcome page once no site uses it (a bare, childless Page)."""
    if page.depth > 1 and page.specific_class is Page and page.is_leaf() and not page.sites_rooted_here.exists():
        page.delete()


# --- Communes --------------------------------------------------------------------------------


def territory_label():
    territory = settings.TERRITORY
    return f"{territory['name']} ({territory['code']})"


def check_communes_file(path):
    """Parse the communes file and check that it describes settings.TERRITORY.

    Returns the parsed communes; raises BootstrapError listing every commune of another
    département or whose centre lies outside TERRITORY_BBOX. Format errors are reported
    as import_communes reports them.
    """
    try:
        data = read_feature_collection(path)
        parsed, errors = parse_features(data)
        if errors:
            raise CommuneImportError(path, errors)
    except CommuneImportError as error:
        raise BootstrapError(str(error)) from error

    code = settings.TERRITORY["code"]
    min_lon, min_lat, max_lon, max_lat = settings.TERRITORY["bbox"]
    problems = []
    for item in parsed:
        label = f"Entité n° {item.index} ({item.insee_code}, {item.name})"
        if item.departement_code != code:
            problems.append(
                f"{label} : commune du département {item.departement_code}, pas du département {code} "
                f"({settings.TERRITORY['name']})."
            )
        elif not (min_lat <= item.centroid_latitude <= max_lat and min_lon <= item.centroid_longitude <= max_lon):
            problems.append(
                f"{label} : son centre (latitude {item.centroid_latitude:.4f}, longitude "
                f"{item.centroid_longitude:.4f}) est hors de l'emprise du territoire (TERRITORY_BBOX = "
                f"{min_lon}, {min_lat}, {max_lon}, {max_lat})."
            )
    if problems:
        lines = [
            f"Le fichier « {path} » ne décrit pas le territoire configuré, {territory_label()} : "
            f"{len(problems)} commune(s) sur {len(parsed)} refusée(s) ; aucune modification faite.",
            *(f"- {problem}" for problem in problems[:MAX_REPORTED_ERRORS]),
        ]
        if len(problems) > MAX_REPORTED_ERRORS:
            lines.append(f"… et {len(problems) - MAX_REPORTED_ERRORS} autre(s) non affichée(s).")
        lines.append(
            "Vérifiez TERRITORY_CODE, TERRITORY_NAME et TERRITORY_BBOX (variables d'environnement) "
            "ou choisissez le fichier des communes de ce territoire."
        )
        lines.append(f"Emprise des contours de ce fichier (marge comprise) : TERRITORY_BBOX={suggested_bbox(parsed)}")
        raise BootstrapError("\n".join(lines))
    return parsed


def suggested_bbox(parsed, margin=BBOX_MARGIN):
    """'min_lon,min_lat,max_lon,max_lat' around every outline of the file, with a margin."""
    positions = [
        position
        for item in parsed
        for polygon in (
            item.boundary["coordinates"] if item.boundary["type"] == "MultiPolygon" else [item.boundary["coordinates"]]
        )
        for ring in polygon
        for position in ring
    ]
    longitudes, latitudes = [p[0] for p in positions], [p[1] for p in positions]
    values = (min(longitudes) - margin, min(latitudes) - margin, max(longitudes) + margin, max(latitudes) + margin)
    return ",".join(f"{value:.2f}" for value in values)


def import_territory_communes(path, report, stdout=None):
    check_communes_file(path)
    before = Commune.objects.count()
    call_command("import_communes", str(path), stdout=stdout)
    report.count("communes", Commune.objects.count() - before)


def map_frame(departement_code):
    """(latitude, longitude, zoom) framing the centres of the territory's communes, or None.

    The centre is the middle of the communes' extent (not their mean, which a dense
    urban area would pull away from the middle of the map).
    """
    extent = Commune.objects.filter(
        departement_code=departement_code, centroid_latitude__isnull=False, centroid_longitude__isnull=False
    ).aggregate(
        min_lat=Min("centroid_latitude"),
        max_lat=Max("centroid_latitude"),
        min_lon=Min("centroid_longitude"),
        max_lon=Max("centroid_longitude"),
    )
    if extent["min_lat"] is None:
        return None
    latitude = (extent["min_lat"] + extent["max_lat"]) / 2
    longitude = (extent["min_lon"] + extent["max_lon"]) / 2
    span = max(extent["max_lat"] - extent["min_lat"], extent["max_lon"] - extent["min_lon"], 0.01)
    zoom = int(math.log2(MAP_WIDTH_PX * 360 / (TILE_PX * span)))
    return round(latitude, 5), round(longitude, 5), max(MIN_ZOOM, min(MAX_ZOOM, zoom))


# --- Reference lists ---------------------------------------------------------------------------

KNOWN_PROFESSIONS = {name: (slug, rpps_code, sort_order) for slug, name, rpps_code, sort_order in PROFESSIONS}


def parse_professions(text):
    """'Masseur-kinésithérapeute, Infirmier·ère' -> the names, in order, without duplicates."""
    names = []
    for name in (text or "").split(","):
        name = " ".join(name.split())
        if name and name not in names:
            names.append(name)
    return names


def ensure_professions(names, report):
    """Create the professions missing among ``names`` (found by name, then by slug)."""
    professions = []
    for position, name in enumerate(names, start=1):
        slug, rpps_code, sort_order = KNOWN_PROFESSIONS.get(name, (slugify(name), "", position))
        if not slug:
            raise BootstrapError(f"Nom de profession illisible : « {name} ».")
        profession = Profession.objects.filter(name=name).first() or Profession.objects.filter(slug=slug).first()
        if profession is None:
            profession = Profession.objects.create(name=name, slug=slug, rpps_code=rpps_code, sort_order=sort_order)
            report.count("professions")
        professions.append(profession)
    return professions


def ensure_audiences(report):
    """The five audiences aids are for (students, interns, locums, installed, MSU), by code.

    ``report`` is anything with a ``count(label, n)`` method (BootstrapReport, SeedContext).
    """
    audiences = {}
    for code, name, sort_order in AUDIENCES:
        defaults = {"name": name, "sort_order": sort_order}
        audiences[code], created = AidAudience.objects.get_or_create(code=code, defaults=defaults)
        report.count("publics visés", int(created))
    return audiences


# --- Pages and settings --------------------------------------------------------------------------


def _p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def journey_body(professions):
    who = ", ".join(profession.name.lower() for profession in professions) or "professionnels de santé"
    steps = [
        (
            "Pendant les études et l'internat",
            "Stages, maîtres de stage, logement des internes, bourses : à compléter par l'équipe du guichet.",
        ),
        (
            "Les premiers remplacements",
            "Comment trouver des remplacements sur le territoire, qui contacter : à compléter.",
        ),
        (
            "Préparer son installation",
            "Annonces de locaux et de cabinets, zonage de l'ARS, aides à l'installation : à compléter.",
        ),
        (
            "S'installer et s'intégrer",
            "Exercice coordonné (maisons de santé, CPTS), accompagnement du conjoint : à compléter.",
        ),
    ]
    return [
        {"type": "paragraph", "value": _p(f"Le parcours des {who}, de la formation à l'installation.")},
        *({"type": "step", "value": {"title": title, "body": _p(text)}} for title, text in steps),
    ]


def build_site_tree(*, desk_name, professions, report):
    territory = settings.TERRITORY["name"]
    home, created = ensure_home_page(
        title=f"{desk_name} – {territory}",
        introduction=(
            f"Le guichet unique d'installation des professionnels de santé du territoire {territory} : "
            "aides, annonces, offre de soins et contacts réunis en un seul endroit."
        ),
        site_name=f"{desk_name} – {territory}",
    )
    report.count("pages", int(created))
    for model, slug, title, introduction in (
        (
            AidsIndexPage,
            "aides",
            "Les aides à l'installation",
            "Bourses, primes, exonérations, logement, accompagnement : les aides de l'État, de l'Assurance "
            "maladie, de l'ARS, de la Région, du Département et des collectivités.",
        ),
        (
            PartnersIndexPage,
            "partenaires",
            "Les partenaires",
            f"Les institutions qui accompagnent les professionnels de santé sur le territoire {territory}.",
        ),
    ):
        _, created = ensure_child_page(home, model, slug=slug, title=title, introduction=introduction)
        report.count("pages", int(created))
    _, created = ensure_child_page(
        home,
        ContentPage,
        slug="parcours",
        title="De l'internat à l'installation",
        introduction="Les grandes étapes d'un parcours sur le territoire, et les interlocuteurs à chaque étape.",
        body=journey_body(professions),
    )
    report.count("pages", int(created))
    return home


def configure_desk_settings(*, desk_name=None, contact_email=None, report):
    """Desk name, territory, contact and map frame of the default site's DeskSettings.

    Values given on the command line always win; the territory name follows settings;
    the map is framed on the communes only while it still shows the model's default centre.
    """
    site = Site.objects.get(is_default_site=True)
    desk = DeskSettings.for_site(site)
    before = {name: getattr(desk, name) for name in _DESK_FIELDS}
    if desk_name:
        desk.desk_name = desk_name
    if contact_email:
        desk.contact_email = contact_email
    desk.territory_name = settings.TERRITORY["name"]
    frame = map_frame(settings.TERRITORY["code"])
    if frame and (desk.map_center_latitude, desk.map_center_longitude) == UNSET_MAP_CENTRE:
        desk.map_center_latitude, desk.map_center_longitude, desk.map_zoom = frame
    if {name: getattr(desk, name) for name in _DESK_FIELDS} != before:
        desk.full_clean()
        desk.save()
        report.count("réglages du guichet")
    return desk


_DESK_FIELDS = [
    "desk_name",
    "territory_name",
    "contact_email",
    "map_center_latitude",
    "map_center_longitude",
    "map_zoom",
]


# --- The whole bootstrap ---------------------------------------------------------------------------


def bootstrap_desk(*, communes_file, professions=None, desk_name=None, contact_email=None, stdout=None):
    """Run every step in one transaction; returns a BootstrapReport. Raises BootstrapError."""
    path = Path(communes_file)
    report = BootstrapReport()
    names = parse_professions(professions) if professions is not None else list(DEFAULT_PROFESSIONS)
    if not names:
        raise BootstrapError("Indiquez au moins une profession (--professions « Médecin généraliste »).")
    with transaction.atomic():
        import_territory_communes(path, report, stdout=stdout)
        profession_records = ensure_professions(names, report)
        ensure_audiences(report)
        existing_name = DeskSettings.objects.filter(site__is_default_site=True).values_list("desk_name", flat=True)
        name_for_pages = desk_name or next(iter(existing_name), None) or DEFAULT_DESK_NAME
        build_site_tree(desk_name=name_for_pages, professions=profession_records, report=report)
        desk = configure_desk_settings(desk_name=desk_name, contact_email=contact_email, report=report)
    report.lines = summary_lines(desk)
    return report


def summary_lines(desk):
    code = settings.TERRITORY["code"]
    return [
        f"Guichet « {desk.desk_name} » – territoire {territory_label()} :",
        f"- communes du territoire : {Commune.objects.filter(departement_code=code).count()}",
        f"- professions : {', '.join(Profession.objects.values_list('name', flat=True))}",
        f"- publics visés des aides : {AidAudience.objects.count()}",
        f"- pages publiées : {Page.objects.live().filter(depth__gt=1).count()}",
        f"- contact du guichet : {desk.contact_email or 'non renseigné (--contact-email)'}",
        f"- carte centrée sur {desk.map_center_latitude}, {desk.map_center_longitude} (zoom {desk.map_zoom})",
    ]


def next_steps():
    code = settings.TERRITORY["code"]
    return [
        "Étapes suivantes (voir docs/replication.md) :",
        f"1. Population et EPCI : manage.py import_cog_communes communes.json  (département {code})",
        "   ou manage.py import_population population.csv",
        "2. Zonage ARS : manage.py import_zonage zonage.csv",
        "3. Offre de soins : manage.py import_finess etalab-cs1100507-stock-AAAAMMJJ.csv",
        "4. Compte administrateur : manage.py createsuperuser",
        "5. Dans l'administration : Paramètres > Sites (nom de domaine), Paramètres > Réglages du guichet "
        "(téléphone, adresse, mentions), puis les aides et les partenaires.",
    ]
