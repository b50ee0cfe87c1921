"""Who follows which territory: a référent for a set of intercommunalities, and the
référent of last resort for requests from anywhere else (``assignment.py`` applies them)."""

from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel

from reference.desks import DeskOwned
from reference.models import Epci


class AssignmentRule(DeskOwned, ClusterableModel):
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="référent(e)",
        on_delete=models.CASCADE,
        related_name="accompaniment_rules",
        help_text="Un membre du groupe « Chargés d'accompagnement ».",
    )
    epcis = ParentalManyToManyField(
        Epci,
        verbose_name="intercommunalités suivies",
        blank=True,
        related_name="+",
        help_text="Les demandes pour ces territoires lui sont attribuées.",
    )
    is_default = models.BooleanField(
        "référent(e) par défaut",
        default=False,
        help_text="Reçoit les demandes dont le territoire n'est suivi par personne, ou pas encore choisi.",
    )
    active = models.BooleanField("active", default=True)

    class Meta:
        verbose_name = "règle d'attribution"
        verbose_name_plural = "règles d'attribution"
        ordering = ["-is_default", "pk"]

    def __str__(self):
        name = self.referent.get_full_name() or self.referent.get_username()
        return f"Dossiers attribués à {name}" + (" (par défaut)" if self.is_default else "")
