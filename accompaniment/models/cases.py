"""A case (« dossier d'accompagnement »): one person's project, from their first request to
their installation, followed by one référent of the desk.

Personal data lives in the case, its timeline and its attachments only; ``privacy.py``
erases or anonymises all of it. ``__str__`` never names the person: it is what Wagtail's
audit log keeps.
"""

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel

from aides.conditions import PracticeModesField
from reference.desks import DeskOwned, default_site_id
from reference.models import Commune, Epci, Profession
from users.roles import desk_ids_with_permission

from .vocabularies import (
    FINAL_STATES,
    CaseSource,
    CaseState,
    ClosingReason,
    Need,
    PreferredContact,
    Timing,
)


class ChoiceListField(models.JSONField):
    """A list of codes from ``choices`` (the person's needs), edited as checkboxes."""

    def __init__(self, *args, choices_of=None, **kwargs):
        self.choices_of = choices_of
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices_of"] = self.choices_of
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.choices_of.choices,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )


VIEW_CASE = "accompaniment.view_case"
MANAGE_ALL_CASES = "accompaniment.manage_all_cases"


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(state__in=FINAL_STATES).filter(anonymised_at__isnull=True)

    def visible_to(self, user):
        """The cases ``user`` may open in the admin: those of the desks where they hold the
        view permission (users.roles.desk_ids_with_permission), none elsewhere; there, only
        their own when ``ACCOMPANIMENT_REFERENT_ONLY`` is on and they don't manage that
        desk's cases."""
        if not user.is_authenticated or not user.has_perm(VIEW_CASE):
            return self.none()
        cases = self.filter(site__in=desk_ids_with_permission(user, {VIEW_CASE}))
        if settings.ACCOMPANIMENT_REFERENT_ONLY:
            managed = desk_ids_with_permission(user, {MANAGE_ALL_CASES})
            return cases.filter(models.Q(site__in=managed) | models.Q(referent=user))
        return cases

    def with_email(self, email):
        return self.filter(email__iexact=(email or "").strip(), anonymised_at__isnull=True)


class Case(DeskOwned, ClusterableModel):
    # --- The person --------------------------------------------------------------------------
    first_name = models.CharField("prénom", max_length=80)
    last_name = models.CharField("nom", max_length=80)
    email = models.EmailField("e-mail", max_length=254)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    preferred_contact = models.CharField(
        "contact préféré", max_length=10, choices=PreferredContact.choices, default=PreferredContact.EMAIL
    )
    contact_notes = models.CharField(
        "quand vous joindre",
        max_length=200,
        blank=True,
        help_text="Jours et heures où la personne préfère être appelée.",
    )
    # --- Where they stand --------------------------------------------------------------------
    audience = models.ForeignKey(
        "aides.AidAudience",
        verbose_name="situation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Étudiant(e), interne, docteur junior, remplaçant(e), installé(e)…",
    )
    profession = models.ForeignKey(
        Profession, verbose_name="profession", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    training_stage = models.CharField(
        "étape du parcours",
        max_length=200,
        blank=True,
        help_text="Par exemple « interne de médecine générale, 5e semestre » ou « thèse prévue en juin 2027 ».",
    )
    available_from = models.DateField("disponible à partir du", null=True, blank=True)
    # --- The project -------------------------------------------------------------------------
    epci = models.ForeignKey(
        Epci,
        verbose_name="territoire recherché (intercommunalité)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Sert à attribuer le dossier au référent de ce territoire.",
    )
    communes = ParentalManyToManyField(Commune, verbose_name="communes envisagées", blank=True, related_name="+")
    territory_notes = models.TextField("territoire : précisions", blank=True)
    practice_modes = PracticeModesField("mode d'exercice envisagé")
    timing = models.CharField(
        "échéance du projet", max_length=10, choices=Timing.choices, default=Timing.UNKNOWN, blank=True
    )
    needs = ChoiceListField("besoins", choices_of=Need)
    needs_details = models.TextField("besoins : précisions", blank=True)
    message = models.TextField("message de la personne", blank=True)
    # --- How it came, and the consent ----------------------------------------------------------
    source = models.CharField("origine", max_length=10, choices=CaseSource.choices, default=CaseSource.STAFF)
    consent_at = models.DateTimeField(
        "consentement donné le",
        null=True,
        blank=True,
        help_text="Date à laquelle la personne a accepté le traitement de ses données (formulaire).",
    )
    is_demo = models.BooleanField(
        "dossier de démonstration", default=False, help_text="Dossier fictif créé par la démonstration."
    )
    # --- The desk's follow-up ------------------------------------------------------------------
    state = models.CharField("état", max_length=12, choices=CaseState.choices, default=CaseState.NEW)
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="référent(e)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accompaniment_cases",
    )
    closing_reason = models.CharField("motif de clôture", max_length=24, choices=ClosingReason.choices, blank=True)
    state_note = models.TextField(
        "motif (pause ou clôture)",
        blank=True,
        help_text="Obligatoire pour mettre en pause ou clore : la personne ne le voit pas.",
    )
    next_steps = models.TextField(
        "prochaines étapes (visibles par la personne)",
        blank=True,
        help_text="Affiché sur la page de suivi de la personne.",
    )
    installed_on = models.DateField("date d'installation", null=True, blank=True)
    installed_commune = models.ForeignKey(
        Commune,
        verbose_name="commune d'installation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    listings = ParentalManyToManyField("listings.Listing", verbose_name="annonces liées", blank=True, related_name="+")
    aids = ParentalManyToManyField("aides.AidPage", verbose_name="aides retenues", blank=True, related_name="+")
    created_at = models.DateTimeField("reçue le", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    state_changed_at = models.DateTimeField("état changé le", default=timezone.now)
    # --- The private status link and the person's rights ---------------------------------------
    link_version = models.PositiveIntegerField(
        "version du lien de suivi", default=1, editable=False, help_text="Augmentée pour révoquer le lien envoyé."
    )
    anonymised_at = models.DateTimeField("anonymisé le", null=True, blank=True, editable=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = "dossier d'accompagnement"
        verbose_name_plural = "dossiers d'accompagnement"
        ordering = ["-created_at"]
        permissions = [
            ("manage_all_cases", "Voir et attribuer tous les dossiers d'accompagnement"),
            ("export_figures", "Exporter les chiffres de l'accompagnement"),
        ]
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self):
        return f"Dossier n° {self.pk}" if self.pk else "Nouveau dossier"

    @property
    def person_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def is_visible_to(self, user):
        """``CaseQuerySet.visible_to`` for one case already loaded, without a query (the
        admin's per-object permission checks, once per row of the list)."""
        if not user.is_authenticated or not user.has_perm(VIEW_CASE):
            return False
        site_id = self.site_id or default_site_id()  # a case not saved yet: DeskOwned's default
        if site_id not in desk_ids_with_permission(user, {VIEW_CASE}):
            return False
        if settings.ACCOMPANIMENT_REFERENT_ONLY and site_id not in desk_ids_with_permission(user, {MANAGE_ALL_CASES}):
            return self.referent_id == user.pk
        return True

    @property
    def is_open(self):
        return self.state not in FINAL_STATES and self.anonymised_at is None
