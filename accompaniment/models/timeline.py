"""What happened on a case: the timeline (notes, calls, e-mails, tasks, referrals to
partners, messages exchanged with the person), the person's interest in listings and the
private attachments."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable

from ..files import case_file_storage
from .cases import Case


class EntryKind(models.TextChoices):
    NOTE = "note", "Note interne"
    CALL = "call", "Appel téléphonique"
    EMAIL = "email", "E-mail échangé"
    MEETING = "meeting", "Rendez-vous"
    TASK = "task", "Tâche à faire"
    REFERRAL = "referral", "Orientation vers un partenaire"
    MESSAGE_TO_PERSON = "to_person", "Message à la personne (envoyé par e-mail)"
    MESSAGE_FROM_PERSON = "from_person", "Message de la personne"
    EVENT = "event", "Événement du dossier"


# Entries the person sees on their status page (the others are the desk's working notes,
# given to the person only with their data export).
SHARED_KINDS = (EntryKind.MESSAGE_TO_PERSON, EntryKind.MESSAGE_FROM_PERSON)


class ReferralOutcome(models.TextChoices):
    PENDING = "pending", "En attente de réponse"
    IN_PROGRESS = "in_progress", "Pris en charge par le partenaire"
    DONE = "done", "Aboutie"
    DECLINED = "declined", "Sans suite"


class TimelineEntry(Orderable):
    case = ParentalKey(Case, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField("type", max_length=12, choices=EntryKind.choices, default=EntryKind.NOTE)
    text = models.TextField("texte")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField("date", default=timezone.now)
    # A task: its due date, whether it is done, when its reminder went out.
    due_on = models.DateField(
        "échéance", null=True, blank=True, help_text="Pour une tâche : un rappel est envoyé au référent."
    )
    done = models.BooleanField("fait", default=False)
    reminded_at = models.DateTimeField("rappel envoyé le", null=True, blank=True, editable=False)
    # A referral: to which partner, and what came of it.
    partner = models.ForeignKey(
        "partners.PartnerPage",
        verbose_name="partenaire",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Pour une orientation : CPAM, ARS, Ordre, agence d'attractivité…",
    )
    outcome = models.CharField("suite donnée", max_length=12, choices=ReferralOutcome.choices, blank=True)
    # A message to the person: when the e-mail was queued (sent once).
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True, editable=False)

    class Meta(Orderable.Meta):
        verbose_name = "élément de suivi"
        verbose_name_plural = "suivi"
        ordering = ["sort_order", "created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} du {timezone.localtime(self.created_at):%d/%m/%Y}"


def attachment_path(instance, filename):
    """A random name in a folder of its own: never guessable, never the person's file name."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{uuid.uuid4().hex}.{suffix[:8]}"


class CaseAttachment(Orderable):
    case = ParentalKey(Case, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField("intitulé", max_length=160)
    file = models.FileField("fichier", upload_to=attachment_path, storage=case_file_storage, max_length=200)
    added_at = models.DateTimeField("ajouté le", default=timezone.now, editable=False)

    class Meta(Orderable.Meta):
        verbose_name = "pièce jointe"
        verbose_name_plural = "pièces jointes"

    def __str__(self):
        return self.title


class Interest(models.Model):
    """« Je suis intéressé(e) » on a listing: the person asks the desk about it. The desk puts
    them in touch with the structure; the person's contact is passed on only if they agreed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="interests")
    listing = models.ForeignKey(
        "listings.Listing", on_delete=models.CASCADE, related_name="accompaniment_interests", verbose_name="annonce"
    )
    message = models.TextField("message", blank=True)
    share_contact = models.BooleanField("accepte que ses coordonnées soient transmises à la structure", default=False)
    created_at = models.DateTimeField("reçu le", default=timezone.now)
    introduced_at = models.DateTimeField("mise en relation le", null=True, blank=True)
    introduced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "intérêt pour une annonce"
        verbose_name_plural = "intérêts pour des annonces"
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["case", "listing"], name="one_interest_per_case_and_listing")]

    def __str__(self):
        return f"Intérêt du dossier n° {self.case_id} pour l'annonce n° {self.listing_id}"
