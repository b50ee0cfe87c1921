"""The professions and aid audiences a desk needs, created from provisioning.reference_lists
when missing (found by their natural keys, never modified)."""

from django.utils.text import slugify

from aides.models import AidAudience
from reference.desks import default_site_id
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


def ensure_professions(names, report, site_id=None):
    """Create the professions missing among ``names`` (found by name, then by slug) in the
    desk of ``site_id`` (the default site when None)."""
    site_id = site_id or default_site_id()
    desk_professions = Profession.objects.filter(site_id=site_id)
    professions = []
    for position, name in enumerate(names, start=1):
        slug, rpps_code, sort_order = KNOWN_PROFESSIONS.get(name, (slugify(name), "", position))
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


def ensure_audiences(report, site_id=None):
    """The audiences aids are for (students, interns, docteurs juniors, locums, installed,
    MSU), by code, in the desk of ``site_id`` (the default site when None).

    ``report`` is anything with a ``count(label, n)`` method (BootstrapReport, SeedContext).
    """
    site_id = site_id or default_site_id()
    audiences = {}
    for code, name, sort_order in AUDIENCES:
        defaults = {"name": name, "sort_order": sort_order}
        audiences[code], created = AidAudience.objects.get_or_create(site_id=site_id, code=code, defaults=defaults)
        report.count("publics visés", int(created))
    return audiences
