"""Seeding steps for the territory's reference data: communes and EPCIs, a fictitious zonage,
professions, aid audiences and the care offer (health facilities).
"""

import csv
import zlib
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from provisioning.reference_lists import PROFESSIONS
from provisioning.vocabularies import ensure_audiences
from reference.models import Commune, Epci, HealthFacility, Profession, ZonageCategory

from .content.facilities import FACILITIES
from .context import place

DEFAULT_COMMUNES_FILE = Path("data/drome/communes-26-drome.geojson")
COMMUNES_SEED_CSV = Path("data/drome/drome-communes-seed.csv")


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
