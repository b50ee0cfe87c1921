from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from reference.choosers import CommuneMultipleChooser
from reference.desks import OTHER_DESK_MESSAGE, DeskOwned, default_site_id
from reference.validators import validate_http_url
from users.models import GroupDesk


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", "Commune"
    EPCI = "epci", "Intercommunalité"
    CPTS = "cpts", "CPTS"
    HEALTH_CENTRE = "health_centre", "Centre de santé"
    MSP = "msp", "Maison de santé pluriprofessionnelle"
    HOSPITAL = "hospital", "Établissement hospitalier"
    PRACTICE = "practice", "Cabinet médical"
    DEPARTEMENT = "departement", "Département"
    OTHER = "other", "Autre"


class OrganisationForm(WagtailAdminModelForm):
    """The admin's form: a manager is always a member too. Members and managers are chosen
    among the accounts of the structure's desk only (``desk_accounts``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        accounts = desk_accounts(self.instance.site_id or default_site_id(), self.instance)
        for name in ("members", "managers"):
            if name in self.fields:
                field = self.fields[name]
                field.queryset = field.queryset.filter(pk__in=accounts)
                field.error_messages = {
                    **field.error_messages,
                    "invalid_choice": OTHER_DESK_MESSAGE,
                    "invalid_pk_value": OTHER_DESK_MESSAGE,
                }

    def _save_m2m(self):
        super()._save_m2m()
        if "managers" in self.cleaned_data:
            self.instance.members.add(*self.cleaned_data["managers"])


def desk_accounts(site_id, organisation):
    """The accounts a structure of the desk ``site_id`` may count among its members: none that
    is staff of another desk (superusers are staff of every desk) or member of another desk's
    structure — the select would show their names and e-mails to this desk — plus those the
    structure already has. A values queryset of ids (one subquery, no query of its own)."""
    other_staff = GroupDesk.objects.exclude(site_id=site_id).values("group_id")
    other_structures = Organisation.objects.exclude(site_id=site_id).values("pk")
    own = get_user_model().objects.exclude(is_superuser=True).exclude(groups__in=other_staff)
    own = own.exclude(organisations__in=other_structures)
    if organisation.pk is not None:
        own = get_user_model().objects.filter(
            Q(pk__in=own.values("pk")) | Q(organisations=organisation) | Q(managed_organisations=organisation)
        )
    return own.values("pk")


class Organisation(index.Indexed, DeskOwned):
    """A contributor: the structure that submits and keeps its listings up to date."""

    name = models.CharField("nom", max_length=255)
    kind = models.CharField("type", max_length=20, choices=OrganisationKind.choices)
    email = models.EmailField("e-mail de contact", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    website = models.URLField("site web", blank=True, validators=[validate_http_url])
    communes = models.ManyToManyField(
        "reference.Commune",
        verbose_name="communes couvertes",
        blank=True,
        related_name="organisations",
        help_text="Communes pour lesquelles cette structure peut publier des annonces.",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="membres",
        blank=True,
        related_name="organisations",
        help_text="Comptes autorisés à proposer et modifier les annonces de la structure.",
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="responsables",
        blank=True,
        related_name="managed_organisations",
        help_text="Membres qui ajoutent et retirent les comptes de la structure depuis l'espace contributeur "
        "(ils en deviennent membres s'ils ne l'étaient pas).",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("site_id"),
    ]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone"), FieldPanel("website")], heading="Coordonnées"),
        FieldPanel("communes", widget=CommuneMultipleChooser),
        FieldPanel("members"),
        FieldPanel("managers"),
    ]
    base_form_class = OrganisationForm

    class Meta:
        verbose_name = "structure contributrice"
        verbose_name_plural = "structures contributrices"
        ordering = ["name"]
        constraints = [
            # « CPTS du Diois » and « cpts du diois » are one structure of a desk; a constraint, not
            # a check before saving, so that two staff accepting requests at once cannot both create it.
            models.UniqueConstraint(
                F("site"),
                Lower("name"),
                name="listings_organisation_site_name_ci_unique",
                violation_error_message="Une structure porte déjà ce nom dans ce guichet "
                "(majuscules et minuscules confondues).",
            ),
        ]

    def __str__(self):
        return self.name
