"""Seeding steps for the territory's reference data: communes and EPCIs, a fictitious zonage,
professions and their fictitious zonings, aid audiences and the care offer (health facilities).
"""

import csv
import zlib
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from provisioning.reference_lists import HEALTH_VOCABULARIES, PROFESSIONS
from provisioning.vocabularies import ensure_audiences, ensure_vocabularies
from reference.desks import default_site_id
from reference.models import (
    Address,
    Commune,
    Epci,
    HealthFacility,
    Profession,
    ProfessionZoning,
    ZonageCategory,
    ZoningClass,
)
from reference.zoning import GENERAL_PRACTITIONER_SLUG

from .content.facilities import FACILITIES
from .context import place

DEMO_ZONING_SOURCE = "Données de démonstration – à vérifier"
# Professions given a made-up zoning of their own; the GPs' mirrors Commune.zonage.
DEMO_ZONED_PROFESSIONS = ["infirmier", "masseur-kinesitherapeute"]
# Cumulative shares (out of 100) of each class, rural communes being more often under-served.
DEMO_CLASS_SHARES = {
    "rural": [
        (20, ZoningClass.VERY_UNDERSERVED),
        (45, ZoningClass.UNDERSERVED),
        (80, ZoningClass.INTERMEDIATE),
        (92, ZoningClass.VERY_WELL_SERVED),
        (100, ZoningClass.OVERSERVED),
    ],
    "urban": [
        (5, ZoningClass.VERY_UNDERSERVED),
        (20, ZoningClass.UNDERSERVED),
        (60, ZoningClass.INTERMEDIATE),
        (85, ZoningClass.VERY_WELL_SERVED),
        (100, ZoningClass.OVERSERVED),
    ],
}
DEFAULT_COMMUNES_FILE = Path("data/drome/communes-26-drome.geojson")
COMMUNES_SEED_CSV = Path("data/drome/drome-communes-seed.csv")
# An illustrative sample in the BAN's format (data/drome/SOURCE.md), not BAN data.
DEMO_ADDRESSES_CSV = Path("data/drome/ban-adresses-demo.csv")


def ensure_communes(ctx, communes_file, stdout=None):
    """Import the commune outlines when there are no communes yet."""
    if Commune.objects.exists():
        return
    path = Path(communes_file or settings.BASE_DIR / DEFAULT_COMMUNES_FILE)
    call_command("import_communes", str(path), stdout=stdout)
    ctx.count("communes importées", Commune.objects.count())


def ensure_demo_addresses(ctx, stdout=None):
    """Import the sample addresses when there are none yet, so that address search answers.

    Never over real BAN addresses: the importer deletes the addresses of the communes it
    imports that its file does not hold.
    """
    if Address.objects.exists():
        return
    call_command("import_ban_addresses", str(settings.BASE_DIR / DEMO_ADDRESSES_CSV), stdout=stdout, verbosity=0)
    ctx.count("adresses de démonstration", Address.objects.count())


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


def seed_professions(ctx):
    """The professions of the default desk (the demo's), then their fictitious zonings (which
    need them, hence this step)."""
    site_id = default_site_id()
    for slug, name, rpps_code, sort_order in PROFESSIONS:
        profession, created = Profession.objects.get_or_create(
            site_id=site_id, slug=slug, defaults={"name": name, "rpps_code": rpps_code, "sort_order": sort_order}
        )
        ctx.professions[slug] = profession
        if created:
            ctx.count("professions")
    assign_demo_profession_zonings(ctx)


def demo_profession_zone(commune, slug):
    """A fictitious but stable class of a profession other than GPs, drawn per commune and profession."""
    bucket = zlib.crc32(f"{commune.insee_code}-{slug}".encode()) % 100
    shares = DEMO_CLASS_SHARES["rural" if (commune.population or 0) < 2000 else "urban"]
    return next(zone_class for limit, zone_class in shares if bucket < limit)


def assign_demo_profession_zonings(ctx):
    """Give fictitious zonings to the GPs (a copy of the commune's fictitious zonage), nurses and
    physiotherapists where there is none; an existing zoning, official or not, is never changed,
    and a commune whose zonage is official gets no made-up GP zoning."""
    slugs = [GENERAL_PRACTITIONER_SLUG, *DEMO_ZONED_PROFESSIONS]
    professions = [ctx.professions[slug] for slug in slugs if slug in ctx.professions]
    existing = set(ProfessionZoning.objects.values_list("commune_id", "profession_id"))
    new = []
    for commune in Commune.objects.only("pk", "insee_code", "population", "zonage", "zonage_is_fictitious"):
        for profession in professions:
            if (commune.pk, profession.pk) in existing:
                continue
            if profession.slug != GENERAL_PRACTITIONER_SLUG:
                zone_class = demo_profession_zone(commune, profession.slug)
            elif commune.zonage_is_fictitious and commune.zonage:
                zone_class = commune.zonage
            else:
                continue
            new.append(
                ProfessionZoning(
                    commune=commune,
                    profession=profession,
                    zone_class=zone_class,
                    source=DEMO_ZONING_SOURCE,
                    fictitious=True,
                )
            )
    ProfessionZoning.objects.bulk_create(new)
    ctx.count("zonages fictifs par profession", len(new))


def seed_audiences(ctx):
    ctx.audiences.update(ensure_audiences(ctx))
    # The migration seeded the sites that existed then; a desk whose terms were deleted gets them back.
    ensure_vocabularies(None, HEALTH_VOCABULARIES, ctx)


def seed_facilities(ctx):
    for number, (kind, name, code, address, hosts_interns, places) in enumerate(FACILITIES, start=1):
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
