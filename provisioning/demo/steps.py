"""The seeding steps of ``manage.py seed_demo``, in the order the command runs them.

Every step is idempotent: records are looked up by a natural key (INSEE code, slug, name,
username) and only created when missing, so that a second run changes nothing. Existing
records are never overwritten, except reference data enriched from the communes CSV.
"""

import csv
import random
import zlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

from aides.models import AidAudience, AidPage, AidsIndexPage
from home.models import ContentPage, DeskSettings, HomePage
from listings.models import Listing, ListingContact, ListingPhoto, ListingStatus, Organisation
from listings.moderation_states import apply_status, submit_edit
from partners.models import PartnerPage, PartnersIndexPage
from provisioning.bootstrap import child_page, create_page, ensure_audiences, ensure_child_page
from provisioning.bootstrap import ensure_home_page as ensure_desk_home_page
from provisioning.reference_lists import PROFESSIONS
from reference.models import Commune, Epci, HealthFacility, Profession, ZonageCategory

from . import data
from .images import DEMO_COLLECTION_NAME, get_or_create_demo_image

DEFAULT_COMMUNES_FILE = Path("data/drome/communes-26-drome.geojson")
COMMUNES_SEED_CSV = Path("data/drome/drome-communes-seed.csv")
# Demo contributors join the contributors' group when the permissions set-up has created it.
CONTRIBUTORS_GROUPS = ("Contributeurs", "Contributors")


@dataclass
class SeedContext:
    """What the steps share: looked-up records by key, and what was created."""

    today: date = field(default_factory=timezone.localdate)
    now: object = field(default_factory=timezone.now)
    communes: dict = field(default_factory=dict)
    professions: dict = field(default_factory=dict)
    audiences: dict = field(default_factory=dict)
    images: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)
    partners: dict = field(default_factory=dict)
    organisations: dict = field(default_factory=dict)
    moderator: object = None
    created: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)

    def count(self, label, n=1):
        if n:
            self.created[label] = self.created.get(label, 0) + n

    def commune(self, code):
        if code not in self.communes:
            self.communes[code] = Commune.objects.filter(insee_code=code).first()
        return self.communes[code]


# --- Helpers -------------------------------------------------------------------------------


def near_centroid(commune, key, spread=0.008):
    """A point near the commune's centre, deterministic for ``key``, inside the territory."""
    if commune.centroid_latitude is None or commune.centroid_longitude is None:
        return None
    rng = random.Random(key)  # noqa: S311 - a stable layout, not a secret
    min_lon, min_lat, max_lon, max_lat = settings.TERRITORY["bbox"]
    latitude = min(max(commune.centroid_latitude + rng.uniform(-spread, spread), min_lat), max_lat)
    longitude = min(max(commune.centroid_longitude + rng.uniform(-spread, spread), min_lon), max_lon)
    return round(latitude, 6), round(longitude, 6)


def place(obj, commune, key):
    point = near_centroid(commune, key)
    if point:
        obj.set_coordinates(*point)


def stream(blocks, ctx):
    """StreamField raw data from (type, value) pairs; page slugs and image keys become ids."""
    result = []
    for block_type, value in blocks:
        if isinstance(value, dict):
            value = dict(value)
            if isinstance(value.get("page"), str):
                value["page"] = ctx.pages[value["page"]].pk
            if isinstance(value.get("image"), str):
                value["image"] = ctx.images[value["image"]].pk
        result.append({"type": block_type, "value": value})
    return result


def demo_summary_notice(text):
    return f"{text} {data.DEMO_NOTICE}"


# --- Step 1: communes ------------------------------------------------------------------------


def ensure_communes(ctx, communes_file, stdout=None):
    """Import the commune outlines when there are no communes yet."""
    if Commune.objects.exists():
        return
    path = Path(communes_file or settings.BASE_DIR / DEFAULT_COMMUNES_FILE)
    call_command("import_communes", str(path), stdout=stdout)
    ctx.count("communes importées", Commune.objects.count())


def enrich_communes(ctx, csv_path=None):
    """Create the EPCIs and set population, EPCI (and a missing centre) from the 2026 CSV.

    The CSV lists the 362 communes of 2026, the outlines the 367 of 2018: rows are matched on
    the INSEE code and codes absent from the database are skipped.
    """
    path = Path(csv_path or settings.BASE_DIR / COMMUNES_SEED_CSV)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    epcis = {}
    for row in rows:
        siren, name = row["epci_siren"].strip(), row["epci_nom"].strip()
        if siren and siren not in epcis:
            epci, created = Epci.objects.get_or_create(siren=siren, defaults={"name": name})
            epcis[siren] = epci
            if created:
                ctx.count("EPCI")
    by_code = {c.insee_code: c for c in Commune.objects.filter(insee_code__in=[r["code_insee"] for r in rows])}
    changed = []
    for row in rows:
        commune = by_code.get(row["code_insee"])
        if commune is None:
            continue
        before = (commune.population, commune.epci_id, commune.centroid_latitude, commune.centroid_longitude)
        if row["population"]:
            commune.population = int(row["population"])
        if row["epci_siren"] in epcis:
            commune.epci = epcis[row["epci_siren"]]
        if commune.centroid_latitude is None and row["centroid_lat"] and row["centroid_lon"]:
            commune.centroid_latitude = float(row["centroid_lat"])
            commune.centroid_longitude = float(row["centroid_lon"])
        if before != (commune.population, commune.epci_id, commune.centroid_latitude, commune.centroid_longitude):
            changed.append(commune)
    Commune.objects.bulk_update(changed, ["population", "epci", "centroid_latitude", "centroid_longitude"])
    if changed:
        ctx.count("communes enrichies", len(changed))


def demo_zonage(commune):
    """A fictitious but stable zonage: rural communes are more often in ZIP."""
    bucket = zlib.crc32(commune.insee_code.encode()) % 100
    zip_share, zac_share = (55, 85) if (commune.population or 0) < 2000 else (20, 60)
    if bucket < zip_share:
        return ZonageCategory.ZIP
    return ZonageCategory.ZAC if bucket < zac_share else ZonageCategory.HZ


def assign_demo_zonage(ctx):
    """Give a fictitious zonage to communes without one; real zonage is never overwritten."""
    communes = list(Commune.objects.filter(zonage=ZonageCategory.UNKNOWN))
    for commune in communes:
        commune.zonage = demo_zonage(commune)
        commune.zonage_is_fictitious = True
    Commune.objects.bulk_update(communes, ["zonage", "zonage_is_fictitious"])
    if communes:
        ctx.count("zonages fictifs", len(communes))


# --- Step 2: professions and audiences ----------------------------------------------------------


def seed_professions(ctx):
    for slug, name, rpps_code, sort_order in PROFESSIONS:
        profession, created = Profession.objects.get_or_create(
            slug=slug, defaults={"name": name, "rpps_code": rpps_code, "sort_order": sort_order}
        )
        ctx.professions[slug] = profession
        if created:
            ctx.count("professions")


def seed_audiences(ctx):
    ctx.audiences.update(ensure_audiences(ctx))


def seed_images(ctx):
    before = get_image_model().objects.count()
    for key, (title, kind, alt_text) in data.IMAGES.items():
        ctx.images[key] = get_or_create_demo_image(title, kind, seed=key, alt_text=alt_text)
    ctx.count("images", get_image_model().objects.count() - before)


# --- Step 3: site tree -------------------------------------------------------------------------


def ensure_home_page(ctx):
    """The desk's HomePage, as the default site's root in place of Wagtail's welcome page."""
    home, created = ensure_desk_home_page(
        title=data.HOME["title"],
        slug=data.HOME["slug"],
        introduction=data.HOME["introduction"],
        hero_image=ctx.images["hero"],
        site_name=data.SITE_NAME,
        publish=False,  # published by seed_site_tree once its body is filled in
    )
    if created:
        ctx.count("pages")
    ctx.pages["accueil"] = home
    return home, created


def seed_desk_settings(ctx, site):
    desk = DeskSettings.for_site(site)
    if desk.contact_email:
        return
    for name, value in data.DESK_SETTINGS.items():
        setattr(desk, name, value)
    desk.save()
    ctx.count("réglages du guichet")


def seed_site_tree(ctx):
    home, home_created = ensure_home_page(ctx)
    seed_desk_settings(ctx, Site.objects.get(is_default_site=True))
    for key, model, spec in (
        ("aides", AidsIndexPage, data.AIDS_INDEX),
        ("partenaires", PartnersIndexPage, data.PARTNERS_INDEX),
    ):
        page, created = ensure_child_page(home, model, **spec)
        if created:
            ctx.count("pages")
        ctx.pages[key] = page
    for spec in data.CONTENT_PAGES:
        page = child_page(home, spec["slug"])
        if page is None:
            page = ContentPage(
                title=spec["title"],
                slug=spec["slug"],
                introduction=spec["introduction"],
                image=ctx.images.get(spec["image"]),
                body=stream(spec["body"], ctx),
            )
            create_page(home, page)
            ctx.count("pages")
        ctx.pages[spec["slug"]] = page
    if home_created:
        home.body = stream(data.HOME_BODY, ctx)
        home.save_revision().publish()


# --- Step 4: partners --------------------------------------------------------------------------


def seed_partners(ctx):
    index = ctx.pages["partenaires"]
    images_before = get_image_model().objects.count()
    for spec in data.PARTNERS:
        page = child_page(index, spec["slug"])
        if page is None:
            logo = get_or_create_demo_image(
                f"Démo – Logo {spec['title']}",
                "logo",
                seed=spec["slug"],
                label=spec["logo_label"],
                alt_text=f"Logo de {spec['title']} (démonstration)",
                width=400,
                height=400,
            )
            services = "".join(f"<li>{service}</li>" for service in spec["services"])
            page = PartnerPage(
                title=spec["title"],
                slug=spec["slug"],
                kind=spec["kind"],
                mission=spec["mission"],
                services=[
                    {"type": "paragraph", "value": f"<ul>{services}</ul>"},
                    {"type": "paragraph", "value": data.PARTNER_NOTICE_HTML},
                ],
                contact_details=data.PARTNER_CONTACT_HTML,
                email=spec["email"],
                phone=spec["phone"],
                address=spec["address"],
                website=spec["website"],
                logo=logo,
            )
            commune = ctx.commune(spec["commune"])
            if commune:
                place(page, commune, spec["slug"])
            create_page(index, page)
            ctx.count("pages partenaires")
        ctx.partners[spec["slug"]] = page
    ctx.count("images", get_image_model().objects.count() - images_before)


# --- Step 5: aids ------------------------------------------------------------------------------


def _amount(value):
    return None if value is None else Decimal(value)


def seed_aids(ctx):
    index = ctx.pages["aides"]
    for spec in data.AIDS:
        if child_page(index, spec["slug"]) is not None:
            continue
        body = [("paragraph", data.DEMO_NOTICE_HTML)]
        if spec.get("context"):
            body += [("heading", {"text": "À savoir", "level": "h2"}), ("paragraph", f"<p>{spec['context']}</p>")]
        body.append(("call_to_action", {"text": "Contacter le guichet unique santé", "page": "accueil", "url": ""}))
        page = AidPage(
            title=spec["title"],
            slug=spec["slug"],
            summary=demo_summary_notice(spec["summary"]),
            body=stream(body, ctx),
            funder=ctx.partners.get(spec["funder"]),
            aid_type=spec["aid_type"],
            amount_min_eur=_amount(spec.get("amount_min_eur")),
            amount_max_eur=_amount(spec.get("amount_max_eur")),
            amount_text=spec.get("amount_text", ""),
            audiences=[ctx.audiences[code] for code in spec["audiences"]],
            professions=[ctx.professions[slug] for slug in spec["professions"]],
            scope=spec["scope"],
            communes=[c for c in (ctx.commune(code) for code in spec.get("communes", [])) if c],
            epcis=list(Epci.objects.filter(siren__in=spec.get("epcis", []))),
            zonage_requirement=spec["zonage_requirement"],
            obligations=spec["obligations"],
            how_to_apply=spec["how_to_apply"] + data.DEMO_NOTICE_HTML,
            valid_from=date.fromisoformat(spec["valid_from"]) if spec.get("valid_from") else None,
            valid_until=date.fromisoformat(spec["valid_until"]) if spec.get("valid_until") else None,
            last_reviewed_at=ctx.today - timedelta(days=spec["reviewed_days_ago"]),
        )
        create_page(index, page)
        ctx.count("fiches aides")


# --- Step 6: care offer ------------------------------------------------------------------------


def seed_facilities(ctx):
    for number, (kind, name, code, address, hosts_interns, places) in enumerate(data.FACILITIES, start=1):
        commune = ctx.commune(code)
        if commune is None:
            ctx.warnings.append(f"Commune {code} absente : établissement « {name} » non créé.")
            continue
        if HealthFacility.objects.filter(name=name, commune=commune).exists():
            continue
        facility = HealthFacility(
            kind=kind,
            name=name,
            address=address,
            commune=commune,
            hosts_interns=hosts_interns,
            places=places,
            phone=f"04 65 71 04 {number:02d}",
        )
        place(facility, commune, f"facility-{name}")
        facility.save()
        ctx.count("établissements")


# --- Step 7: organisations and their members -------------------------------------------------


def seed_moderator(ctx):
    """The moderator who acts on demo listings. No password, so nobody can log in with it,
    and outside the Moderators group, so that real submissions never notify it."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=data.MODERATOR_USERNAME,
        defaults={"email": f"{data.MODERATOR_USERNAME}@example.org", "first_name": "Équipe", "last_name": "Modération"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        ctx.count("comptes")
    ctx.moderator = user


def seed_organisations(ctx):
    User = get_user_model()
    contributors = Group.objects.filter(name__in=CONTRIBUTORS_GROUPS).first()
    # One hash for every demo account: the password is public anyway, and hashing it once
    # saves seconds with the production hasher.
    password_hash = make_password(data.DEMO_PASSWORD)
    for key, name, kind, codes, username in data.ORGANISATIONS:
        user, user_created = User.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@example.org", "first_name": "Démo", "last_name": name[:150]},
        )
        if user_created:
            user.password = password_hash
            user.save(update_fields=["password"])
            if contributors:
                user.groups.add(contributors)
            ctx.count("comptes")
        organisation, created = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "email": f"{username}@example.org"}
        )
        if created:
            organisation.communes.set([c for c in (ctx.commune(code) for code in codes) if c])
            organisation.members.add(user)
            ctx.count("structures")
        ctx.organisations[key] = organisation


# --- Step 8: listings --------------------------------------------------------------------------


def build_listing(ctx, spec, commune):
    """An unsaved, never published listing with its professions, photos and contact."""
    available_from = ctx.today + timedelta(days=spec["available_in"])
    listing = Listing(
        kind=spec["kind"],
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        description=spec.get("description", ""),
        commune=commune,
        address=spec.get("address", ""),
        surface_m2=_amount(spec.get("surface_m2")),
        monthly_rent_eur=_amount(spec.get("monthly_rent_eur")),
        sale_price_eur=_amount(spec.get("sale_price_eur")),
        rent_free_months=spec.get("rent_free_months"),
        conditions=spec.get("conditions", ""),
        available_from=available_from,
        expire_at=ctx.now + timedelta(days=spec["expires_in"]) if spec["expires_in"] is not None else None,
        last_confirmed_at=ctx.now - timedelta(days=spec["confirmed_ago"]),
        organisation=ctx.organisations.get(spec["org"]) if spec["org"] else None,
        live=False,
        professions=[ctx.professions[slug] for slug in spec["professions"]],
        photos=[
            ListingPhoto(image=ctx.images[key], caption=ctx.images[key].alt_text, sort_order=order)
            for order, key in enumerate(spec["photos"])
        ],
        contacts=[ListingContact(**spec["contact"])] if spec.get("contact") else [],
    )
    place(listing, commune, spec["slug"])
    return listing


def _submitter(listing):
    organisation = listing.organisation
    return organisation.members.order_by("pk").first() if organisation else None


def seed_listings(ctx):
    existing = set(Listing.objects.filter(slug__in=[s["slug"] for s in data.LISTINGS]).values_list("slug", flat=True))
    for spec in data.LISTINGS:
        if spec["slug"] in existing:
            continue
        commune = ctx.commune(spec["commune"])
        if commune is None:
            ctx.warnings.append(f"Commune {spec['commune']} absente : annonce « {spec['title']} » non créée.")
            continue
        with transaction.atomic():
            listing = build_listing(ctx, spec, commune)
            listing.full_clean()
            listing.save()
            submitter = _submitter(listing)
            apply_status(listing, spec["status"], submitter=submitter, moderator=ctx.moderator)
            if spec["slug"] in data.PENDING_EDITS:
                submit_edit(listing, submitter, **data.PENDING_EDITS[spec["slug"]])
        ctx.count("annonces")


# --- Reset -------------------------------------------------------------------------------------


def reset_demo_content(ctx):
    """Delete what the demo created; reference data (communes, EPCIs, professions) stays."""
    User = get_user_model()
    _, deleted = Listing.objects.filter(slug__in=[s["slug"] for s in data.LISTINGS]).delete()
    ctx.count("annonces supprimées", deleted.get(Listing._meta.label, 0))
    names = [name for _, name, *_ in data.ORGANISATIONS]
    Organisation.objects.filter(name__in=names).delete()
    usernames = [username for *_, username in data.ORGANISATIONS] + [data.MODERATOR_USERNAME]
    User.objects.filter(username__in=usernames).delete()
    for _, name, code, *_ in data.FACILITIES:
        HealthFacility.objects.filter(name=name, commune__insee_code=code).delete()
    _delete_demo_pages()
    collection = Collection.objects.filter(name=DEMO_COLLECTION_NAME, depth=2).first()
    if collection is not None:
        get_image_model().objects.filter(collection=collection).delete()
        collection.delete()


def _delete_demo_pages():
    """Delete the demo HomePage and its subtree; the default site is kept, pointed at the tree
    root until the home page is created again."""
    for home in HomePage.objects.filter(slug=data.HOME["slug"]):
        tree_root = Page.get_first_root_node()
        for site in Site.objects.filter(root_page=home):
            site.root_page = tree_root
            site.save()
        home.delete()


# --- Summary -----------------------------------------------------------------------------------


def summary_lines(ctx):
    """A French summary: counts per content type and per listing status."""
    listings = Listing.objects.all()
    statuses = ", ".join(f"{status.label.lower()} : {listings.with_status(status).count()}" for status in ListingStatus)
    communes_with_listings = Commune.objects.filter(listings__isnull=False).distinct().count()
    lines = [
        "Données de démonstration en place (à vérifier avant tout usage réel) :",
        f"- communes : {Commune.objects.count()} (dont {Commune.objects.filter(zonage_is_fictitious=True).count()} "
        f"avec un zonage fictif), EPCI : {Epci.objects.count()}",
        f"- professions : {Profession.objects.count()}, publics visés : {AidAudience.objects.count()}",
        f"- pages publiées : {Page.objects.live().filter(depth__gt=1).count()}, "
        f"dont fiches aides : {AidPage.objects.live().count()}, "
        f"partenaires : {PartnerPage.objects.live().count()}, pages de contenu : {ContentPage.objects.live().count()}",
        f"- offre de soins : {HealthFacility.objects.count()} établissements",
        f"- structures contributrices : {Organisation.objects.count()}",
        f"- images : {get_image_model().objects.count()}",
        f"- annonces : {listings.count()} dans {communes_with_listings} communes — {statuses}",
    ]
    if ctx.created:
        created = ", ".join(f"{label} : {n}" for label, n in ctx.created.items())
        lines.append(f"Créé ou modifié par cette exécution : {created}")
    else:
        lines.append("Rien à créer : les données de démonstration étaient déjà en place.")
    usernames = ", ".join(username for *_, username in data.ORGANISATIONS)
    lines.append(f"Comptes contributeurs de démonstration (mot de passe « {data.DEMO_PASSWORD} ») : {usernames}")
    lines.extend(f"Attention : {warning}" for warning in ctx.warnings)
    return lines
