"""Receivers of the accompaniment app, connected once in ``AppConfig.ready()``.

The public « Chiffres clés » are cached with the public content version: a case that is
created, changes state or is anonymised or deleted changes them, so the version is bumped.
"""

from django.db.models.signals import post_delete, post_init, post_save

from core.content_version import bump_content_version

from .models import Case

# The case's fields the public figures are computed from.
FIGURE_FIELDS = ("state", "profession_id", "epci_id", "installed_on", "closing_reason", "anonymised_at")


def remember_figures(instance=None, **kwargs):
    instance._figures_as_loaded = tuple(getattr(instance, name) for name in FIGURE_FIELDS)


def bump_if_figures_changed(instance=None, created=False, **kwargs):
    current = tuple(getattr(instance, name) for name in FIGURE_FIELDS)
    if created or current != getattr(instance, "_figures_as_loaded", None):
        bump_content_version()
    instance._figures_as_loaded = current


def connect():
    post_init.connect(remember_figures, sender=Case, dispatch_uid="accompaniment-remember-figures")
    post_save.connect(bump_if_figures_changed, sender=Case, dispatch_uid="accompaniment-bump-figures")
    post_delete.connect(bump_content_version, sender=Case, dispatch_uid="accompaniment-bump-delete")
