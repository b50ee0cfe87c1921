"""ARS zoning per profession: each profession has its own zoning of the communes.

General practitioners are zoned ZIP / ZAC / hors zonage; nurses, physiotherapists,
midwives, speech therapists and dentists are zoned by how well served the commune is
(« très sous-dotée » … « sur-dotée » or « non prioritaire »). Both vocabularies share one
set of choices so that a zoning of any profession can be stored, filtered and compared.

``Commune.zonage`` stays the general practitioners' zoning the API and the aids read; the
importer of this model keeps it in step for that profession. Defined in a module of its own
(imported by ``reference.models``) so that models.py stays readable; relations are named by
string to keep this module free of imports from models.py.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

# The profession whose zoning is also kept in Commune.zonage (slug of reference_lists' GP).
GENERAL_PRACTITIONER_SLUG = "medecin-generaliste"


class ZoningClass(models.TextChoices):
    """ARS zoning classes: the general practitioners' ones first, then the other professions'."""

    ZIP = "zip", "ZIP – zone d'intervention prioritaire"
    ZAC = "zac", "ZAC – zone d'action complémentaire"
    HZ = "hz", "Hors zonage"
    VERY_UNDERSERVED = "tres_sous_dotee", "Très sous-dotée"
    UNDERSERVED = "sous_dotee", "Sous-dotée"
    INTERMEDIATE = "intermediaire", "Intermédiaire"
    VERY_WELL_SERVED = "tres_dotee", "Très dotée"
    OVERSERVED = "sur_dotee", "Sur-dotée"
    NOT_PRIORITY = "non_prioritaire", "Non prioritaire"


# The one home of the rule "this zone lacks professionals": the classes where the ARS
# and the Assurance maladie support an installation.
UNDERSERVED_CLASSES = frozenset(
    {ZoningClass.ZIP, ZoningClass.ZAC, ZoningClass.VERY_UNDERSERVED, ZoningClass.UNDERSERVED}
)
# The classes of the general practitioners' zoning, the only ones Commune.zonage can hold.
GENERAL_PRACTICE_CLASSES = frozenset({ZoningClass.ZIP, ZoningClass.ZAC, ZoningClass.HZ})


class ProfessionZoningQuerySet(models.QuerySet):
    def underserved(self):
        return self.filter(zone_class__in=UNDERSERVED_CLASSES)


class ProfessionZoning(models.Model):
    """The ARS zoning class of one commune for one profession, with where it comes from."""

    commune = models.ForeignKey(
        "reference.Commune", verbose_name="commune", on_delete=models.CASCADE, related_name="profession_zonings"
    )
    profession = models.ForeignKey(
        "reference.Profession", verbose_name="profession", on_delete=models.CASCADE, related_name="zonings"
    )
    zone_class = models.CharField(
        "classe de zonage",
        max_length=20,
        choices=ZoningClass.choices,
        help_text="ZIP, ZAC ou hors zonage pour les médecins généralistes ; de « très sous-dotée » à "
        "« sur-dotée » (ou « non prioritaire ») pour les autres professions.",
    )
    source = models.CharField(
        "source",
        max_length=255,
        blank=True,
        help_text="Par exemple « ARS Auvergne-Rhône-Alpes, arrêté du 9 mai 2025 ».",
    )
    decided_on = models.DateField(
        "date de la décision", null=True, blank=True, help_text="Date de l'arrêté ou de la décision de l'ARS."
    )
    fictitious = models.BooleanField(
        "zonage fictif (démonstration)",
        default=False,
        help_text="Cocher quand le zonage n'est pas issu d'un arrêté de l'ARS.",
    )

    objects = ProfessionZoningQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("commune"), FieldPanel("profession")]),
        FieldPanel("zone_class"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("source"), FieldPanel("decided_on")]), FieldPanel("fictitious")],
            heading="Origine",
        ),
    ]

    class Meta:
        verbose_name = "zonage par profession"
        verbose_name_plural = "zonages par profession"
        ordering = ["commune__name", "profession__sort_order", "profession__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "profession"],
                name="unique_zoning_per_commune_profession",
                violation_error_message="Cette commune a déjà un zonage pour cette profession.",
            )
        ]

    def __str__(self):
        return f"{self.commune} – {self.profession} : {self.get_zone_class_display()}"

    @property
    def is_underserved(self):
        return self.zone_class in UNDERSERVED_CLASSES
