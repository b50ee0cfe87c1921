"""Receivers of the accompaniment app, connected once in ``AppConfig.ready()``.

The public « Chiffres clés » are cached with the public content version: a case that is
created, changes state or is anonymised or deleted changes them, so the version is bumped.
Their monthly tables move at the start of a month: the version is renewed then too.

Except for a request sent by a visitor (``intake.receive_case`` runs inside
``figures_refresh_deferred()``): the content version keys every public cache (API, pages,
open data), and anonymous visitors must not be able to empty them all by sending forms. A
new request reaches the figures when the cached answers expire (``GRAPHQL_CACHE_SECONDS``)
or at the desk's next change.
"""

import contextlib
import contextvars
import datetime

from django.db.models.signals import post_delete, post_init, post_save
from django.utils import timezone

from core.content_version import bump_content_version, register_next_change

from .figures import next_month
from .models import Case

# The case's fields the public figures are computed from (the territory falls back on the
# installed commune's intercommunality; the demo flag makes the page warn).
FIGURE_FIELDS = (
    "state",
    "profession_id",
    "epci_id",
    "installed_on",
    "installed_commune_id",
    "closing_reason",
    "anonymised_at",
    "created_at",
    "is_demo",
)


def remember_figures(instance=None, **kwargs):
    # A partial load (refresh_from_db(fields=…), .only()) would fetch each deferred field, and
    # each fetch builds another partial instance: nothing to remember there.
    if instance.get_deferred_fields() & set(FIGURE_FIELDS):
        return
    instance._figures_as_loaded = tuple(getattr(instance, name) for name in FIGURE_FIELDS)


_deferred = contextvars.ContextVar("accompaniment_figures_refresh_deferred", default=False)


@contextlib.contextmanager
def figures_refresh_deferred():
    """Saves of cases inside this block leave the public caches alone (see the docstring)."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


def bump_if_figures_changed(instance=None, created=False, **kwargs):
    current = tuple(getattr(instance, name) for name in FIGURE_FIELDS)
    if (created or current != getattr(instance, "_figures_as_loaded", None)) and not _deferred.get():
        bump_content_version()
    instance._figures_as_loaded = current


def next_month_start():
    """When the figures' monthly tables next move (local midnight, first of next month)."""
    return timezone.make_aware(datetime.datetime.combine(next_month(timezone.localdate()), datetime.time.min))


def connect():
    register_next_change(next_month_start)
    post_init.connect(remember_figures, sender=Case, dispatch_uid="accompaniment-remember-figures")
    post_save.connect(bump_if_figures_changed, sender=Case, dispatch_uid="accompaniment-bump-figures")
    post_delete.connect(bump_content_version, sender=Case, dispatch_uid="accompaniment-bump-delete")
