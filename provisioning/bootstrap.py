"""Start a desk for a territory: what ``manage.py bootstrap_desk`` does, step by step.

Without a host name, the desk is the instance's default site and its territory is
settings.TERRITORY (environment variables): one instance per desk. With ``hostname``, the
desk is another Wagtail Site of the same instance, rooted at a home page of its own, with
its own territory (``territory``) and sector (``sector``: professions, audiences and
vocabularies; the health sector when none is given). Either way the bootstrap imports the
territory's communes after checking that the file really describes it (communes are shared
by the desks of an instance), creates the reference lists the desk needs (professions, aid
audiences, vocabularies: listing kinds, facility kinds, aid types, zoning classes), the site
tree (home page, aids and partners indexes, a journey page, worded for the sector) and the
desk settings. Every step is idempotent: records are found by a natural key and only created
when missing.

The steps live in their own modules: territory_communes (check and import the communes,
frame the map), vocabularies (professions, audiences, terms), site_tree (pages, shared with
seed_demo), wording (what the pages say), next_steps (what the command prints last); this
module builds the desk's pages and settings and runs the whole.
"""

from pathlib import Path

from django.db import transaction
from django.db.models import Count
from wagtail.models import Page, Site

from aides.models import AidAudience, AidsIndexPage
from home.models import ContentPage, DeskSettings
from partners.models import PartnersIndexPage
from reference.desks import default_site_id
from reference.models import Commune, Profession
from reference.territory import Territory, format_bbox
from reference.vocabularies import Term, Vocabulary
from users.models import GroupDesk

from .desk_groups import ensure_desk_groups
from .next_steps import next_steps
from .report import BootstrapError, BootstrapReport
from .sectors import HEALTH
from .site_tree import ensure_child_page, ensure_desk_site, ensure_home_page
from .territory_communes import import_territory_communes, map_frame, territory_label
from .vocabularies import ensure_audiences, ensure_professions, ensure_vocabularies, parse_professions

DEFAULT_PROFESSIONS = ["Médecin généraliste"]


def never_centred(desk):
    """True while the desk's map centre is still the model default (the territory's)."""
    default = tuple(DeskSettings._meta.get_field(name).get_default() for name in _MAP_CENTRE_FIELDS)
    return tuple(getattr(desk, name) for name in _MAP_CENTRE_FIELDS) == default


_MAP_CENTRE_FIELDS = ("map_center_latitude", "map_center_longitude")


# --- Pages and settings --------------------------------------------------------------------------


def _p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def journey_body(professions, wording=HEALTH.wording):
    who = ", ".join(profession.name.lower() for profession in professions) or "professionnels"
    return [
        {"type": "paragraph", "value": _p(f"Le parcours des {who}, de la formation à l'installation.")},
        *({"type": "step", "value": {"title": title, "body": _p(text)}} for title, text in wording.journey_steps),
    ]


def ensure_desk_home(*, desk_name, territory, report, hostname=None, port=80, wording=HEALTH.wording):
    """The desk's site and home page: the default site's root, or a new site's for
    ``hostname``. Returns (site, home)."""
    title = f"{desk_name} – {territory}"
    introduction = wording.home_text(territory)
    if hostname:
        site, home, created = ensure_desk_site(
            hostname=hostname, port=port, title=title, introduction=introduction, site_name=title
        )
    else:
        home, created = ensure_home_page(title=title, introduction=introduction, site_name=title)
        site = Site.objects.get(is_default_site=True)
    report.count("pages", int(created))
    return site, home


def build_site_tree(*, home, territory, professions, report, wording=HEALTH.wording):
    """The indexes and the journey page under the desk's home page, in the sector's words."""
    for model, slug, title, introduction in (
        (AidsIndexPage, "aides", "Les aides à l'installation", wording.aids_introduction),
        (
            PartnersIndexPage,
            "partenaires",
            "Les partenaires",
            f"Les institutions qui accompagnent les professionnels sur le territoire {territory}.",
        ),
    ):
        _, created = ensure_child_page(home, model, slug=slug, title=title, introduction=introduction)
        report.count("pages", int(created))
    _, created = ensure_child_page(
        home,
        ContentPage,
        slug="parcours",
        title=wording.journey_title,
        introduction=wording.journey_introduction,
        body=journey_body(professions, wording),
    )
    report.count("pages", int(created))


def configure_desk_settings(*, site, territory, desk_name=None, contact_email=None, report):
    """Desk name, territory, contact and map frame of the site's DeskSettings.

    Values given on the command line always win; the territory follows ``territory`` (the
    settings' for the default desk); the map is framed on the communes only while it still
    shows the model's default centre.
    """
    desk = DeskSettings.for_site(site)
    before = {name: getattr(desk, name) for name in _DESK_FIELDS}
    if desk_name:
        desk.desk_name = desk_name
    if contact_email:
        desk.contact_email = contact_email
    desk.territory_name = territory.name
    desk.territory_code = territory.code
    desk.territory_bbox = format_bbox(territory.bbox)
    frame = map_frame(territory.code)
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
    "territory_code",
    "territory_bbox",
    "contact_email",
    "map_center_latitude",
    "map_center_longitude",
    "map_zoom",
]


# --- The whole bootstrap ---------------------------------------------------------------------------


def bootstrap_desk(
    *,
    communes_file,
    professions=None,
    desk_name=None,
    contact_email=None,
    stdout=None,
    hostname=None,
    port=80,
    territory=None,
    sector=None,
):
    """Run every step in one transaction; returns a BootstrapReport. Raises BootstrapError.

    ``hostname`` (and ``port``): another desk of this instance, on its own Site; without it,
    the default site. ``territory``: a reference.territory.Territory (settings.TERRITORY when
    None). ``sector``: a provisioning.sectors.Sector (health when None); its professions are
    all created unless ``professions`` names some of them.
    """
    path = Path(communes_file)
    report = BootstrapReport()
    territory = territory or Territory.from_settings()
    sector = sector or HEALTH
    known = {name: (slug, code, order) for slug, name, code, order in sector.professions}
    if professions is not None:
        names = parse_professions(professions)
    elif sector is HEALTH:
        names = list(DEFAULT_PROFESSIONS)
    else:
        names = list(known)
    if not names:
        raise BootstrapError("Indiquez au moins une profession (--professions « Médecin généraliste »).")
    if hostname and Site.objects.filter(is_default_site=True, hostname=hostname, port=port).exists():
        raise BootstrapError(
            f"« {hostname} » est le site par défaut de cette instance : lancez bootstrap_desk sans --hostname."
        )
    with transaction.atomic():
        import_territory_communes(path, report, stdout=stdout, territory=territory)
        existing_name = DeskSettings.objects.filter(
            **({"site__hostname": hostname, "site__port": port} if hostname else {"site__is_default_site": True})
        ).values_list("desk_name", flat=True)
        # A desk of another sector is not « Guichet unique santé » by default.
        name_for_pages = desk_name or next(iter(existing_name), None) or sector.wording.desk_name
        # The site first: a new desk's professions and terms belong to it.
        site, home = ensure_desk_home(
            desk_name=name_for_pages,
            territory=territory.name,
            report=report,
            hostname=hostname,
            port=port,
            wording=sector.wording,
        )
        profession_records = ensure_professions(names, report, site_id=site.pk, known=known)
        ensure_audiences(report, site_id=site.pk, audiences=sector.audiences)
        ensure_vocabularies(site, sector.vocabularies, report)
        build_site_tree(
            home=home,
            territory=territory.name,
            professions=profession_records,
            report=report,
            wording=sector.wording,
        )
        if hostname:
            # Its own staff groups (« Modérateurs – <guichet> »…), bound to its site; the default
            # desk's root permissions move onto the default desk's home first.
            groups_before = GroupDesk.objects.filter(site=site).count()
            ensure_desk_groups(site, name_for_pages)
            report.count("groupes du guichet", GroupDesk.objects.filter(site=site).count() - groups_before)
        # Its settings carry the name its pages were made with (the sector's for a new desk).
        desk = configure_desk_settings(
            site=site, territory=territory, desk_name=name_for_pages, contact_email=contact_email, report=report
        )
    report.lines = summary_lines(desk, site, territory)
    report.next_steps = next_steps(desk=desk, site=site, territory=territory, sector=sector)
    return report


def summary_lines(desk, site, territory):
    address = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    return [
        f"Guichet « {desk.desk_name} » ({address}) – territoire {territory_label(territory)} :",
        f"- communes du territoire : {Commune.objects.filter(departement_code=territory.code).count()}",
        f"- professions : {', '.join(Profession.objects.filter(site=site).values_list('name', flat=True))}",
        f"- publics visés des aides : {AidAudience.objects.filter(site=site).count()}",
        f"- vocabulaires : {vocabulary_counts(site.pk)}",
        f"- pages publiées : {Page.objects.live().descendant_of(site.root_page, inclusive=True).count()}",
        f"- contact du guichet : {desk.contact_email or 'non renseigné (--contact-email)'}",
        f"- carte centrée sur {desk.map_center_latitude}, {desk.map_center_longitude} (zoom {desk.map_zoom})",
    ]


def vocabulary_counts(site_id=None):
    """« 7 types d'annonce, 7 types d'offre de soins… » for a desk (the default one when None)."""
    counts = dict(
        Term.objects.filter(site_id=site_id or default_site_id())
        .order_by()
        .values_list("vocabulary")
        .annotate(n=Count("pk"))
        .values_list("vocabulary", "n")
    )
    return ", ".join(f"{counts.get(value, 0)} {label.lower()}" for value, label in Vocabulary.choices)
