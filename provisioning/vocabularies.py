"""The professions and aid audiences a desk needs, created from provisioning.reference_lists
when missing (found by their natural keys, never modified)."""

from django.utils.text import slugify

from aides.models import AidAudience
from reference.models import Profession

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
    """The audiences aids are for (students, interns, docteurs juniors, locums, installed,
    MSU), by code.

    ``report`` is anything with a ``count(label, n)`` method (BootstrapReport, SeedContext).
    """
    audiences = {}
    for code, name, sort_order in AUDIENCES:
        defaults = {"name": name, "sort_order": sort_order}
        audiences[code], created = AidAudience.objects.get_or_create(code=code, defaults=defaults)
        report.count("publics visés", int(created))
    return audiences
