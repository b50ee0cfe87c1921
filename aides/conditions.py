"""The vocabularies an aid's conditions are written in: territory, zoning, practice modes,
sector, how an amount is paid (rules of the eligibility engine, kept in code), and the health
desk's seed of the kinds of aid (a desk's kinds are data). Choices in French for the admin;
the codes are stable (the API exposes them).
"""

from django import forms
from django.db import models
from django.utils.text import capfirst


class AidType(models.TextChoices):
    """The health desk's seed of its « Types d'aide » (a desk's types are data, reference.Term)
    and the members of the deprecated AidType API enum."""

    GRANT = "grant", "Subvention"
    PREMIUM = "premium", "Prime à l'installation"
    STUDY_GRANT = "study_grant", "Bourse d'études"
    FEE_UPLIFT = "fee_uplift", "Majoration de rémunération"
    LOAN = "loan", "Prêt à taux zéro"
    TAX = "tax", "Exonération fiscale"
    HOUSING = "housing", "Logement"
    SUPPORT = "support", "Accompagnement"


class TerritorialScope(models.TextChoices):
    NATIONAL = "national", "National"
    REGION = "region", "Région"
    DEPARTEMENT = "departement", "Département"
    LOCAL = "local", "Communes ou intercommunalités désignées"


class ZonageRequirement(models.TextChoices):
    NONE = "none", "Aucune condition de zonage"
    ZIP_OR_ZAC = "zip_or_zac", "ZIP ou ZAC"
    ZIP = "zip", "ZIP uniquement"


class PracticeMode(models.TextChoices):
    LIBERAL = "liberal", "Exercice libéral"
    SALARIED = "salaried", "Exercice salarié (hôpital, collectivité…)"
    HEALTH_CENTRE = "health_centre", "Centre de santé"
    MSP = "msp", "Maison de santé pluriprofessionnelle (MSP)"


class SectorCondition(models.TextChoices):
    NONE = "", "Aucune condition"
    SECTOR_1_OR_OPTAM = "sector_1_optam", "Secteur 1 ou adhésion à l'OPTAM"


class AmountPeriod(models.TextChoices):
    ONCE = "once", "En une fois"
    MONTH = "month", "Par mois"
    SEMESTER = "semester", "Par semestre"
    YEAR = "year", "Par an"


class PracticeModesField(models.JSONField):
    """A list of PracticeMode codes, edited as checkboxes (none checked: every mode)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=PracticeMode.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
        )
