"""A structure's request for a contributor account, sent from the public site and decided
by the desk's staff in the admin (listings/account_admin.py, listings/accounts.py)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from reference.desks import DeskOwned

from .organisations import OrganisationKind

SIRET_LENGTH = 14
# La Poste's establishments share one SIREN whose SIRETs follow their own checksum rule.
LA_POSTE_SIREN = "356000000"


def normalise_siret(value):
    return "".join((value or "").split())


def validate_siret(value):
    """14 digits whose Luhn checksum is right (INSEE's rule), spaces allowed."""
    digits = normalise_siret(value)
    if not digits:
        return
    if len(digits) != SIRET_LENGTH or not digits.isdigit():
        raise ValidationError("Le SIRET compte 14 chiffres (les espaces sont acceptés).", code="siret_format")
    total = 0
    for position, digit in enumerate(reversed(digits)):
        number = int(digit) * (2 if position % 2 else 1)
        total += number - 9 if number > 9 else number
    valid = total % 10 == 0
    if not valid and digits.startswith(LA_POSTE_SIREN):
        valid = sum(int(digit) for digit in digits) % 5 == 0
    if not valid:
        raise ValidationError(
            "Ce SIRET n'existe pas (erreur de saisie ?) : vérifiez les 14 chiffres.", code="siret_checksum"
        )


class AccountRequestStatus(models.TextChoices):
    PENDING = "pending", "À traiter"
    ACCEPTED = "accepted", "Acceptée"
    REFUSED = "refused", "Refusée"


class AccountRequest(index.Indexed, DeskOwned):
    """Who asks, for which structure. Kept while pending; LISTING_PURGE_AFTER_DAYS after the
    decision a refused request is deleted and an accepted one loses its phone, role and
    message (listings/privacy.py)."""

    organisation_name = models.CharField("nom de la structure", max_length=255)
    organisation_kind = models.CharField("type de structure", max_length=20, choices=OrganisationKind.choices)
    siret = models.CharField(
        "SIRET", max_length=20, blank=True, validators=[validate_siret], help_text="14 chiffres, facultatif."
    )
    communes = models.ManyToManyField(
        "reference.Commune", verbose_name="communes desservies", blank=True, related_name="+"
    )
    first_name = models.CharField("prénom", max_length=150)
    last_name = models.CharField("nom", max_length=150)
    role = models.CharField("fonction", max_length=150, help_text="Par exemple : adjointe à la santé, coordinateur.")
    email = models.EmailField("adresse e-mail")
    phone = models.CharField("téléphone", max_length=30, blank=True)
    message = models.TextField("message", blank=True)

    status = models.CharField(
        "état", max_length=10, choices=AccountRequestStatus.choices, default=AccountRequestStatus.PENDING
    )
    created_at = models.DateTimeField("reçue le", auto_now_add=True)
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="décidée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    refusal_reason = models.TextField("motif du refus", blank=True)
    organisation = models.ForeignKey(
        "listings.Organisation",
        verbose_name="structure",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="account_requests",
        help_text="La structure créée ou rattachée lors de l'acceptation.",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="compte",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="account_requests",
    )

    search_fields = [
        index.SearchField("organisation_name"),
        index.AutocompleteField("organisation_name"),
        index.SearchField("last_name"),
        index.SearchField("email"),
        index.FilterField("status"),
        index.FilterField("site_id"),
    ]
    # Staff may correct a typo before accepting; the decision itself has its own views.
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("organisation_name"), FieldPanel("organisation_kind")]),
                FieldPanel("siret"),
                FieldPanel("communes"),
            ],
            heading="Structure",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
                FieldPanel("role"),
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("message"),
            ],
            heading="Demandeur",
        ),
    ]

    class Meta:
        verbose_name = "demande de compte"
        verbose_name_plural = "demandes de compte"
        ordering = ["-created_at"]

    def __str__(self):
        # The structure only: this label is copied into audit log entries, which outlive
        # the applicant's personal data.
        return self.organisation_name

    def save(self, *args, **kwargs):
        self.siret = normalise_siret(self.siret)
        super().save(*args, **kwargs)

    @property
    def applicant_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_pending(self):
        return self.status == AccountRequestStatus.PENDING
