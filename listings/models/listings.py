"""Installation listings: moderated snippets with drafts, revisions, locking and workflow.

A listing is public only while it is live, not expired and not past its expiry date;
that rule lives in ListingQuerySet.public() and nowhere else. The kinds are in ``kinds.py``,
the details each kind takes (and their rule, called by clean()) in ``details.py``.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.db.models.functions import Cast, Coalesce
from django.forms import CheckboxSelectMultiple
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PublishingPanel,
    TabbedInterface,
)
from wagtail.log_actions import log
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
    WorkflowState,
)
from wagtail.search import index

from reference import vocabularies
from reference.desks import DeskOwned
from reference.models import GeoLocatedModel
from reference.vocabularies import Vocabulary, label_subquery
from reference.widgets import MapPanel

from .details import CONDITION_PANELS, DETAIL_PANEL, ListingAdminForm, ListingDetails, detail_errors


class ListingStatus(models.TextChoices):
    """What moderators and contributors see, derived from Wagtail's draft state and
    workflow. The order is the precedence: the first that matches wins."""

    EXPIRED = "expired", "Expirée"
    REJECTED = "rejected", "Refusée"
    PENDING = "pending", "En attente de modération"
    CHANGES_REQUESTED = "changes_requested", "Modifications demandées"
    PUBLISHED = "published", "Publiée"
    WITHDRAWN = "withdrawn", "Retirée"
    DRAFT = "draft", "Brouillon"


class ListingQuerySet(models.QuerySet):
    def _expired_q(self, now=None):
        return Q(expired=True) | Q(expire_at__lte=now or timezone.now())

    def public(self, now=None):
        """Listings anyone may see: published, not expired (at `now`, by default the present)."""
        return self.filter(live=True).exclude(self._expired_q(now))

    def _has_workflow_state(self, status):
        return Exists(
            WorkflowState.objects.filter(
                base_content_type=ContentType.objects.get_for_model(self.model),
                object_id=Cast(OuterRef("pk"), models.CharField()),
                status=status,
            )
        )

    def annotate_status(self):
        """Annotate `moderation_status`: the single definition of ListingStatus."""
        return self.annotate(
            moderation_status=Case(
                When(self._expired_q(), then=Value(ListingStatus.EXPIRED)),
                When(rejected_at__isnull=False, then=Value(ListingStatus.REJECTED)),
                When(self._has_workflow_state(WorkflowState.STATUS_IN_PROGRESS), then=Value(ListingStatus.PENDING)),
                When(
                    self._has_workflow_state(WorkflowState.STATUS_NEEDS_CHANGES),
                    then=Value(ListingStatus.CHANGES_REQUESTED),
                ),
                When(live=True, then=Value(ListingStatus.PUBLISHED)),
                When(first_published_at__isnull=False, then=Value(ListingStatus.WITHDRAWN)),
                default=Value(ListingStatus.DRAFT),
                output_field=models.CharField(),
            )
        )

    def with_kind_label(self):
        """Annotate the label of each listing's kind in its own desk (the code when the desk has
        no such term), in the same query: read by Listing.kind_label."""
        return self.annotate(desk_kind_label=Coalesce(label_subquery(Vocabulary.LISTING_KIND, "kind"), "kind"))

    def with_status(self, status):
        return self.annotate_status().filter(moderation_status=status)

    def for_contributor(self, user):
        """The only listings a contributor may see and update: those of their organisations.
        The one rule for the contributor space, the submission API and private photos."""
        return self.filter(organisation__members=user).distinct()


class Listing(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    DeskOwned,
    GeoLocatedModel,
    ListingDetails,
    ClusterableModel,
):
    # A code of the desk's « Types d'annonce » (reference/vocabularies.py), checked by clean().
    kind = models.CharField("type d'annonce", max_length=40)
    title = models.CharField("titre", max_length=160)
    slug = models.SlugField(
        "identifiant d'URL",
        max_length=180,
        unique=True,
        blank=True,
        help_text="Rempli automatiquement à partir du titre si laissé vide.",
    )
    summary = models.CharField(
        "résumé", max_length=300, help_text="Une ou deux phrases affichées dans les listes et sur la carte."
    )
    description = models.TextField("description", blank=True, validators=[MaxLengthValidator(10_000)])
    professions = ParentalManyToManyField(
        "reference.Profession",
        verbose_name="professions recherchées",
        blank=True,
        related_name="listings",
    )
    commune = models.ForeignKey(
        "reference.Commune",
        verbose_name="commune",
        on_delete=models.PROTECT,
        related_name="listings",
    )
    address = models.CharField("adresse", max_length=255, blank=True)
    surface_m2 = models.DecimalField(
        "surface (m²)",
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "La surface ne peut pas être négative.")],
    )
    monthly_rent_eur = models.DecimalField(
        "loyer mensuel (€)",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "Le loyer ne peut pas être négatif.")],
    )
    sale_price_eur = models.DecimalField(
        "prix de cession (€)",
        max_digits=11,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "Le prix ne peut pas être négatif.")],
    )
    rent_free_months = models.PositiveSmallIntegerField("mois de loyer offerts", null=True, blank=True)
    conditions = models.TextField(
        "conditions",
        blank=True,
        validators=[MaxLengthValidator(5_000)],
        help_text="Conditions proposées : loyer progressif, équipement, rétrocession, aides de la commune…",
    )
    available_from = models.DateField(
        "disponible à partir du",
        null=True,
        blank=True,
        help_text="Début d'un remplacement, prise de poste ou entrée dans les lieux ; vide si immédiat.",
    )
    last_confirmed_at = models.DateTimeField(
        "dernière confirmation",
        null=True,
        blank=True,
        help_text="Date à laquelle la structure a confirmé que l'annonce est toujours valable.",
    )
    organisation = models.ForeignKey(
        "listings.Organisation",
        verbose_name="structure",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="listings",
        help_text="Vide pour une proposition spontanée, sans compte.",
    )
    submission_key = models.UUIDField(
        "clé de soumission",
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="Identifie un envoi de formulaire : un double envoi ne crée qu'une annonce.",
    )
    rejected_at = models.DateTimeField("refusée le", null=True, blank=True, editable=False)
    rejection_reason = models.TextField("motif du refus", blank=True, editable=False)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="listing")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="listing",
        for_concrete_model=False,
    )

    objects = ListingQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.SearchField("conditions"),
        index.AutocompleteField("title"),
        index.RelatedFields("commune", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("live"),
        index.FilterField("expired"),
        index.FilterField("expire_at"),
        index.FilterField("commune_id"),
        index.FilterField("organisation_id"),
        # The admin's lists are narrowed to the user's desks (reference.desk_admin).
        index.FilterField("site_id"),
    ]

    content_panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("organisation")]),
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("professions", widget=CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("commune"),
                FieldPanel("address"),
                MapPanel("location", address_field="address", commune_field="commune"),
            ],
            heading="Lieu",
        ),
        MultiFieldPanel(CONDITION_PANELS, heading="Conditions et disponibilité"),
        DETAIL_PANEL,
        InlinePanel("photos", heading="Photos", label="photo", max_num=10),
        InlinePanel(
            "contacts",
            heading="Contact (privé par défaut)",
            label="contact",
            min_num=0,
            max_num=1,
        ),
    ]
    publishing_panels = [PublishingPanel(), FieldPanel("last_confirmed_at")]
    base_form_class = ListingAdminForm
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Annonce"),
            ObjectList(publishing_panels, heading="Publication et validité"),
        ]
    )

    class Meta:
        verbose_name = "annonce"
        verbose_name_plural = "annonces"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["live", "expired"]), models.Index(fields=["latitude", "longitude"])]

    def __str__(self):
        return self.title

    @property
    def revisions(self):
        # Required by RevisionMixin when _revisions is a GenericRelation.
        return self._revisions

    @property
    def kind_label(self):
        """The kind's French label in the listing's desk (annotated by with_kind_label() in lists)."""
        annotated = self.__dict__.get("desk_kind_label")
        if annotated is not None:
            return annotated
        return vocabularies.label_of(self.site_id, Vocabulary.LISTING_KIND, self.kind)

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        # A listing never changes desk, and revisions saved before the desk key have no site.
        obj.site_id = self.site_id
        return obj

    def clean(self):
        super().clean()
        errors = detail_errors(self)
        if self.expire_at and self.available_from and self.expire_at.date() < self.available_from:
            errors["expire_at"] = "La date d'expiration ne peut pas précéder la date de disponibilité."
        if not self.location:
            errors["location"] = "Placez l'annonce sur la carte : elle doit apparaître sur la carte du guichet."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def _unique_slug(self):
        base = slugify(self.title)[:160] or "annonce"
        slug, n = base, 1
        while Listing.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    @property
    def status(self):
        """The moderation status shown to staff and contributors (see ListingStatus)."""
        annotated = getattr(self, "moderation_status", None)
        if annotated is None:
            annotated = Listing.objects.annotate_status().values_list("moderation_status", flat=True).get(pk=self.pk)
        return ListingStatus(annotated)

    def reject(self, *, user, reason):
        """Final refusal by a moderator: ends any workflow, takes the listing offline and
        keeps the reason. Idempotent: a second call (double click, two moderators) does
        nothing and returns False."""
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError({"rejection_reason": "Indiquez le motif du refus."})
        with transaction.atomic():
            listing = Listing.objects.select_for_update().get(pk=self.pk)
            if listing.rejected_at is not None:
                return False
            workflow_state = listing.current_workflow_state
            if workflow_state is not None:
                workflow_state.cancel(user=user)
            if listing.live:
                listing.unpublish(user=user)
            listing.rejected_at, listing.rejection_reason = timezone.now(), reason
            Listing.objects.filter(pk=listing.pk).update(rejected_at=listing.rejected_at, rejection_reason=reason)
            log(listing, "listings.reject", user=user, data={"reason": reason})
        self.rejected_at, self.rejection_reason = listing.rejected_at, reason
        return True

    def get_status_display(self):
        return self.status.label

    @property
    def can_be_edited_by_contributor(self):
        """A refused or expired listing (flagged, or past its expire_at) is closed: the
        contributor proposes a new one. The one rule for the contributor space and the API."""
        return self.status not in (ListingStatus.REJECTED, ListingStatus.EXPIRED)

    get_status_display.short_description = "statut"

    def get_preview_template(self, request, mode_name):
        return "listings/listing.html"


class ListingPhoto(Orderable):
    listing = ParentalKey(Listing, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "media_library.CustomImage", verbose_name="image", on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField("légende", max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "photo"
        verbose_name_plural = "photos"


class ListingContact(models.Model):
    """The person to contact about a listing: private unless they consented to publish it.

    Kept apart from the listing's public fields so that it can be purged on request (RGPD)
    and so that the public API never selects it by accident.
    """

    listing = ParentalKey(Listing, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField("nom", max_length=160)
    role = models.CharField("fonction", max_length=160, blank=True)
    email = models.EmailField("e-mail")
    phone = models.CharField("téléphone", max_length=30, blank=True)
    consent_to_publish = models.BooleanField(
        "accepte que ces coordonnées soient publiées",
        default=False,
        help_text="Sans ce consentement, le contact n'est visible que par l'équipe du guichet.",
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("consent_to_publish"),
    ]

    class Meta:
        verbose_name = "contact"
        verbose_name_plural = "contacts"

    def __str__(self):
        return self.name
