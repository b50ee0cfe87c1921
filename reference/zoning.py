"""ARS zoning per profession: each profession has its own zoning of the communes.

General practitioners are zoned ZIP / ZAC / hors zonage; nurses, physiotherapists,
midwives, speech therapists and dentists are zoned by how well served the commune is
(« très sous-dotée » … « sur-dotée » or « non prioritaire »). Both are terms of one
vocabulary of the desk (reference.Term, « Classes de zonage »), so that a zoning of any
profession can be stored, filtered and compared, and another sector brings its own classes.
Each class has a level (priority, underserved, other): the one home of the rule "this zone
lacks professionals", read by the aids' zoning conditions (aides/eligibility.py).

``Commune.zonage`` stays the general practitioners' zoning the API and the aids read; the
importer of this model keeps it in step for that profession. Defined in a module of its own
(imported by ``reference.models``) so that models.py stays readable; relations are named by
string to keep this module free of imports from models.py.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from . import vocabularies
from .admin_forms import ProfessionZoningAdminForm
from .vocabularies import Term, Vocabulary, ZoningLevel

# The profession whose zoning is also kept in Commune.zonage (slug of reference_lists' GP).
GENERAL_PRACTITIONER_SLUG = "medecin-generaliste"


class ZoningClass(models.TextChoices):
    """ARS zoning classes: the general practitioners' ones first, then the other professions'.
    The health desk's seed of its « Classes de zonage » (provisioning/reference_lists.py);
    the rules read the desk's terms and their levels, not this list."""

    ZIP = "zip", "ZIP – zone d'intervention prioritaire"
    ZAC = "zac", "ZAC – zone d'action complémentaire"
    HZ = "hz", "Hors zonage"
    VERY_UNDERSERVED = "tres_sous_dotee", "Très sous-dotée"
    UNDERSERVED = "sous_dotee", "Sous-dotée"
    INTERMEDIATE = "intermediaire", "Intermédiaire"
    VERY_WELL_SERVED = "tres_dotee", "Très dotée"
    OVERSERVED = "sur_dotee", "Sur-dotée"
    NOT_PRIORITY = "non_prioritaire", "Non prioritaire"


# The classes of the general practitioners' zoning, the only ones Commune.zonage can hold
# (ZonageCategory, a column fixed in code that the API and the aids read).
GENERAL_PRACTICE_CLASSES = frozenset({ZoningClass.ZIP, ZoningClass.ZAC, ZoningClass.HZ})
UNDERSERVED_LEVELS = (ZoningLevel.PRIORITY, ZoningLevel.UNDERSERVED)


class ProfessionZoningQuerySet(models.QuerySet):
    def with_class_level(self):
        """Annotate ``underserved``: the class, in the profession's desk, lacks professionals."""
        return self.annotate(
            underserved=Exists(
                Term.objects.filter(
                    site=OuterRef("profession__site"),
                    vocabulary=Vocabulary.ZONING_CLASS,
                    code=OuterRef("zone_class"),
                    level__in=UNDERSERVED_LEVELS,
                )
            )
        )

    def underserved(self):
        """Zonings whose class, in the profession's desk, is priority or underserved."""
        return self.with_class_level().filter(underserved=True)


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
        max_length=40,
        help_text="Une des classes de zonage du guichet (Référentiels › Vocabulaires) : pour la santé, ZIP, ZAC "
        "ou hors zonage pour les médecins généralistes, de « très sous-dotée » à « sur-dotée » (ou « non "
        "prioritaire ») pour les autres professions.",
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
    base_form_class = ProfessionZoningAdminForm

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
        return f"{self.commune} – {self.profession} : {self.zone_class_label}"

    def desk_id(self):
        """The desk whose classes apply: the zoned profession's (the default desk without one)."""
        return self.profession.site_id if self.profession_id else None

    @property
    def zone_class_label(self):
        return vocabularies.label_of(self.desk_id(), Vocabulary.ZONING_CLASS, self.zone_class)

    @property
    def is_underserved(self):
        return self.zone_class in vocabularies.underserved_codes(self.desk_id())

    def clean(self):
        super().clean()
        try:
            vocabularies.check_known(self.desk_id(), Vocabulary.ZONING_CLASS, self.zone_class)
        except ValidationError as error:
            raise ValidationError({"zone_class": error}) from None
