"""The desk key: which desk (a Wagtail ``Site``) a row belongs to.

A desk is a Wagtail Site (one site per desk): its pages live under the site's root, its
settings are home.DeskSettings, and every row the desk owns (organisations, listings,
professions, care offer, audiences, cases…) carries a ``site`` through ``DeskOwned``.
Wagtail's Site is used rather than a model of ours because this layer may not import
``home``.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from wagtail.models import Site

NO_DEFAULT_SITE = (
    "Aucun site par défaut n'est défini : dans l'administration (Paramètres › Sites), "
    "cochez « Site par défaut » sur le site du guichet."
)


def default_site_id():
    """The default Wagtail site's id: the desk of rows created without one."""
    site_id = Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()
    if site_id is None:
        raise ImproperlyConfigured(NO_DEFAULT_SITE)
    return site_id


class DeskOwned(models.Model):
    """A row that belongs to one desk. Not editable: the code that creates a row decides
    its desk (the default site when it says nothing), never a form."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="guichet",
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Factories, importers, the demo and forms that know nothing of desks keep working.
        self.ensure_site()
        super().save(*args, **kwargs)

    def ensure_site(self):
        if self.site_id is None:
            self.site_id = default_site_id()

    def validate_constraints(self, exclude=None):
        # A form never shows the desk, so Django would skip every constraint naming it (the
        # names unique per desk) and the database would refuse the row with an error page
        # instead of the constraint's French message.
        self.ensure_site()
        if exclude:
            exclude = set(exclude) - {"site"}
        super().validate_constraints(exclude=exclude)
