"""Import of commune outlines from a GeoJSON FeatureCollection (one feature per commune).

The file is read and validated in full before anything is written (see geojson.py):
either every commune is created or updated, or nothing changes and every problem found
is reported at once. Only the fields this importer owns are written (name, département,
outline, centre); population, EPCI and zonage belong to other importers and are never
touched.

read_feature_collection, parse_features and CommuneImportError are also imported from
here by the desk bootstrap, which checks a file before importing it.
"""

import math
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from wagtail.search.backends import get_search_backends

from ..cache import forget_commune_boundaries
from ..models import Commune
from .geojson import CommuneImportError, parse_features, read_feature_collection
from .lookups import BATCH_SIZE, communes_by_code
from .report import ImportReport, counts_phrase

__all__ = ["CommuneImportError", "OutlineReport", "import_communes", "parse_features", "read_feature_collection"]

OWNED_FIELDS = ["name", "departement_code", "boundary", "centroid_latitude", "centroid_longitude"]
# Centres are recomputed on every run; a tolerance keeps float noise from counting as a change.
CENTROID_TOLERANCE = 1e-9


@dataclass
class OutlineReport(ImportReport):
    """The report of a GeoJSON import, which rejects no row (the file is all or nothing),
    hence no « rejetées » count; it keeps the codes it touches for --verbosity 2."""

    noun: str = "Communes"
    created_codes: list = field(default_factory=list)
    updated_codes: list = field(default_factory=list)

    def counts_line(self):
        return counts_phrase(self.noun, self.created, self.updated, self.unchanged, feminine=self.feminine)


def import_communes(path, *, code_property="code", name_property="nom", dry_run=False):
    """Create or update communes from a GeoJSON file; all or nothing. Returns OutlineReport."""
    data = read_feature_collection(path, code_property=code_property, name_property=name_property)
    parsed, errors = parse_features(data, code_property=code_property, name_property=name_property)
    if errors:
        raise CommuneImportError(path, errors)

    report = OutlineReport(dry_run=dry_run)
    existing = _communes_by_code([item.insee_code for item in parsed])
    to_create, to_update, renamed = [], [], []
    for item in parsed:
        commune = existing.get(item.insee_code)
        if commune is None:
            to_create.append(item)
            continue
        if not _differs(commune, item):
            report.unchanged += 1
            continue
        if commune.name != item.name:
            renamed.append(commune)
        commune.name = item.name
        commune.departement_code = item.departement_code
        commune.boundary = item.boundary
        commune.centroid_latitude = item.centroid_latitude
        commune.centroid_longitude = item.centroid_longitude
        to_update.append(commune)

    report.created, report.updated = len(to_create), len(to_update)
    report.created_codes = [item.insee_code for item in to_create]
    report.updated_codes = [commune.insee_code for commune in to_update]
    if dry_run or not report.changed:
        return report

    with transaction.atomic():
        created = _create(to_create, report.created_codes)
        if to_update:
            Commune.objects.bulk_update(to_update, OWNED_FIELDS, batch_size=BATCH_SIZE)
        _reindex(list(created) + renamed)
    forget_commune_boundaries()
    return report


def _create(items, codes):
    """Insert the new communes (with unique slugs); return them with their primary keys."""
    if not items:
        return []
    taken = set(Commune.objects.values_list("slug", flat=True))
    new_communes = [
        Commune(
            insee_code=item.insee_code,
            name=item.name,
            slug=_unique_slug(item.name, item.insee_code, taken),
            departement_code=item.departement_code,
            boundary=item.boundary,
            centroid_latitude=item.centroid_latitude,
            centroid_longitude=item.centroid_longitude,
        )
        for item in items
    ]
    created = Commune.objects.bulk_create(new_communes, batch_size=BATCH_SIZE)
    if any(commune.pk is None for commune in created):  # Backends without RETURNING.
        created = list(_communes_by_code(codes).values())
    return created


def _differs(commune, item):
    return (
        commune.name != item.name
        or commune.departement_code != item.departement_code
        or commune.boundary != item.boundary
        or not _same_float(commune.centroid_latitude, item.centroid_latitude)
        or not _same_float(commune.centroid_longitude, item.centroid_longitude)
    )


def _same_float(stored, computed):
    return stored is not None and math.isclose(stored, computed, rel_tol=0, abs_tol=CENTROID_TOLERANCE)


def _unique_slug(name, code, taken):
    base = slugify(f"{name}-{code}")[:240] or code.lower()
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    taken.add(slug)
    return slug


def _communes_by_code(codes):
    return communes_by_code(codes, OWNED_FIELDS)


def _reindex(communes):
    """bulk_create/bulk_update send no signals: keep the search index (names) in step."""
    if not communes:
        return
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Commune, communes)
