"""Start a desk for a territory: what ``manage.py bootstrap_desk`` does, step by step.

One instance serves one territory (settings.TERRITORY, from environment variables). The
bootstrap imports that territory's communes after checking that the file really describes
it, creates the reference lists a desk needs (professions, aid audiences, the health
vocabularies: listing kinds, facility kinds, aid types, zoning classes), the site tree
(home page, aids and partners indexes, a journey page) and the desk settings. Every step
is idempotent: records are found by a natural key and only created when missing.

The steps live in their own modules: territory_communes (check and import the communes,
frame the map), vocabularies (professions, audiences, terms), site_tree (pages, shared with
seed_demo); this module builds the desk's pages and settings and runs the whole.
"""

from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from wagtail.models import Page, Site

from aides.models import AidAudience, AidsIndexPage
from home.models import ContentPage, DeskSettings
from partners.models import PartnersIndexPage
from reference.desks import default_site_id
from reference.models import Commune, Profession
from reference.vocabularies import Term, Vocabulary

from .reference_lists import HEALTH_VOCABULARIES
from .report import BootstrapError, BootstrapReport
from .site_tree import ensure_child_page, ensure_home_page
from .territory_communes import import_territory_communes, map_frame, territory_label
from .vocabularies import ensure_audiences, ensure_professions, ensure_vocabularies, parse_professions

DEFAULT_PROFESSIONS = ["Médecin généraliste"]
DEFAULT_DESK_NAME = "Guichet unique santé"


def never_centred(desk):
    """True while the desk's map centre is still the model default (the territory's)."""
    default = tuple(DeskSettings._meta.get_field(name).get_default() for name in _MAP_CENTRE_FIELDS)
    return tuple(getattr(desk, name) for name in _MAP_CENTRE_FIELDS) == default


_MAP_CENTRE_FIELDS = ("map_center_latitude", "map_center_longitude")


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
    if frame and never_centred(desk):
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
        ensure_vocabularies(None, HEALTH_VOCABULARIES, report)
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
        f"- vocabulaires : {vocabulary_counts()}",
        f"- pages publiées : {Page.objects.live().filter(depth__gt=1).count()}",
        f"- contact du guichet : {desk.contact_email or 'non renseigné (--contact-email)'}",
        f"- carte centrée sur {desk.map_center_latitude}, {desk.map_center_longitude} (zoom {desk.map_zoom})",
    ]


def vocabulary_counts():
    """« 7 types d'annonce, 7 types d'offre de soins… » for the default desk."""
    counts = dict(
        Term.objects.filter(site_id=default_site_id())
        .order_by()
        .values_list("vocabulary")
        .annotate(n=Count("pk"))
        .values_list("vocabulary", "n")
    )
    return ", ".join(f"{counts.get(value, 0)} {label.lower()}" for value, label in Vocabulary.choices)


def next_steps():
    code = settings.TERRITORY["code"]
    return [
        "Étapes suivantes (voir docs/replication.md) :",
        f"1. Population et EPCI : manage.py import_cog_communes communes.json  (département {code})",
        "   ou manage.py import_population population.csv",
        "2. Zonage ARS : manage.py import_zonage zonage.csv (médecins généralistes), puis "
        "manage.py import_zonage_professions zonages-professions.csv (autres professions)",
        "3. Offre de soins : manage.py import_finess etalab-cs1100507-stock-AAAAMMJJ.csv",
        "4. Compte administrateur : manage.py createsuperuser",
        "5. Dans l'administration : Paramètres > Sites (nom de domaine), Paramètres > Réglages du guichet "
        "(téléphone, adresse, mentions), puis les aides et les partenaires.",
    ]
