"""The professions, aid audiences and vocabularies (listing kinds, facility kinds, aid types,
zoning classes) a desk needs, created from provisioning.reference_lists when missing (found
by their natural keys, never modified)."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from aides.models import AidAudience
from reference.desks import default_site_id
from reference.models import Profession
from reference.vocabularies import Term, Vocabulary

from .reference_lists import AUDIENCES, PROFESSIONS
from .report import BootstrapError

KNOWN_PROFESSIONS = {name: (slug, rpps_code, sort_order) for slug, name, rpps_code, sort_order in PROFESSIONS}


def parse_professions(text):
    """'Masseur-kinésithérapeute, Infirmier·ère' -> the names, in order, without duplicates."""
    names = []
    for name in (text or "").split(","):
        name = " ".join(name.split())
        if name and name not in names:
            names.append(name)
    return names


def ensure_professions(names, report, site_id=None, known=None):
    """Create the professions missing among ``names`` (found by name, then by slug) in the
    desk of ``site_id`` (the default site when None). ``known``: {name: (slug, official code,
    sort order)} of the desk's sector (the health professions when None)."""
    site_id = site_id or default_site_id()
    known = KNOWN_PROFESSIONS if known is None else known
    desk_professions = Profession.objects.filter(site_id=site_id)
    professions = []
    for position, name in enumerate(names, start=1):
        slug, rpps_code, sort_order = known.get(name, (slugify(name), "", position))
        if not slug:
            raise BootstrapError(f"Nom de profession illisible : « {name} ».")
        profession = desk_professions.filter(name=name).first() or desk_professions.filter(slug=slug).first()
        if profession is None:
            profession = Profession.objects.create(
                site_id=site_id, name=name, slug=slug, rpps_code=rpps_code, sort_order=sort_order
            )
            report.count("professions")
        professions.append(profession)
    return professions


def ensure_audiences(report, site_id=None, audiences=AUDIENCES):
    """The audiences aids are for (health: students, interns, docteurs juniors, locums,
    installed, MSU; a sector file gives its own), by code, in the desk of ``site_id`` (the
    default site when None).

    ``report`` is anything with a ``count(label, n)`` method (BootstrapReport, SeedContext).
    """
    site_id = site_id or default_site_id()
    records = {}
    for code, name, sort_order in audiences:
        defaults = {"name": name, "sort_order": sort_order}
        records[code], created = AidAudience.objects.get_or_create(site_id=site_id, code=code, defaults=defaults)
        report.count("publics visés", int(created))
    return records


def ensure_vocabularies(site, spec, report):
    """Create the terms of ``spec`` ({vocabulary: [{"code", "label", and "colour", "symbol",
    "level", "detail_fields" as the vocabulary takes them}]}, in display order) that the desk
    of ``site`` (a Site, or None for the default desk) lacks, found by vocabulary and code.
    Existing terms are never modified: the desk may have renamed or reordered them.

    Each term is checked like in the admin; a wrong entry stops with a French BootstrapError.
    Saved one by one (not in bulk) so that the content version moves and caches follow.
    """
    site_id = site.pk if site is not None else default_site_id()
    existing = set(Term.objects.filter(site_id=site_id).values_list("vocabulary", "code"))
    created = 0
    for vocabulary, entries in spec.items():
        if vocabulary not in Vocabulary.values:
            known = ", ".join(Vocabulary.values)
            raise BootstrapError(f"Vocabulaire inconnu : « {vocabulary} » (attendu : {known}).")
        for position, entry in enumerate(entries, start=1):
            if not isinstance(entry, dict):
                raise BootstrapError(
                    f"{Vocabulary(vocabulary).label} : chaque terme est un objet JSON (code, label…), pas « {entry} »."
                )
            if (vocabulary, entry.get("code")) in existing:
                continue
            detail_fields = entry.get("detail_fields", [])
            if not isinstance(detail_fields, list) or not all(isinstance(name, str) for name in detail_fields):
                raise BootstrapError(
                    f"{Vocabulary(vocabulary).label}, terme « {entry.get('code', '')} » : detail_fields doit être "
                    f'une liste de noms de champs entre guillemets (par exemple ["rhythm"]), pas {detail_fields!r}.'
                )
            term = Term(
                site_id=site_id,
                vocabulary=vocabulary,
                code=entry.get("code", ""),
                label=entry.get("label", ""),
                sort_order=entry.get("sort_order", position),
                colour=entry.get("colour", ""),
                symbol=entry.get("symbol", ""),
                level=entry.get("level", ""),
                detail_fields=list(detail_fields),
            )
            try:
                term.full_clean()
            except ValidationError as error:
                problems = " ; ".join(
                    f"{field_name(name)} : {' '.join(messages)}" for name, messages in error.message_dict.items()
                )
                raise BootstrapError(
                    f"{Vocabulary(vocabulary).label}, terme « {entry.get('code', '')} » : {problems}"
                ) from error
            term.save()
            existing.add((vocabulary, term.code))
            created += 1
    report.count("termes de vocabulaire", created)


def field_name(name):
    return "terme" if name == "__all__" else str(Term._meta.get_field(name).verbose_name)
