"""Aid guides: the financial and practical aids for settling in the territory.

Which aids apply to a person, and why, is decided in aides/eligibility.py, the single
home of that rule (AidPageQuerySet.applicable_to(), the API and the site all use it).
A closed aid (past its `valid_until`) never applies; it stays in the guide as history.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Min, Q
from django.forms import CheckboxSelectMultiple
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from home.desks import page_site_id, same_desk
from home.forms import DeskPageForm
from reference import vocabularies
from reference.choosers import CommuneMultipleChooser
from reference.desks import DeskOwned
from reference.validators import validate_http_url
from reference.vocabularies import Vocabulary

from .conditions import (
    AidType,  # noqa: F401 - the health seed, read from here by the legacy API enum
    AmountPeriod,
    PracticeModesField,
    SectorCondition,
    TerritorialScope,
    ZonageRequirement,
)
from .eligibility import Eligibility, Situation, closed_on
from .forms import FUNDER_OF_ANOTHER_DESK, AidPageForm


class AidAudience(DeskOwned):
    """Who an aid is for (student, intern, locum...). Data, so another sector can adapt it;
    each desk has its own rows (codes are unique within a desk)."""

    code = models.SlugField("code", max_length=40, help_text="Identifiant stable utilisé par l'API (ex. interne).")
    name = models.CharField("nom", max_length=120)
    sort_order = models.PositiveSmallIntegerField("ordre d'affichage", default=0)

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = "public visé"
        verbose_name_plural = "publics visés"
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "code"],
                name="aides_aidaudience_site_code_unique",
                violation_error_message="Un public visé a déjà ce code dans ce guichet.",
            ),
        ]

    def __str__(self):
        return self.name


class AidPageQuerySet(PageQuerySet):
    def next_validity_change(self, day=None):
        """The next day on which an aid closes or opens by itself (the answers change), or None."""
        day = day or timezone.localdate()
        bounds = self.aggregate(
            last_day=Min("valid_until", filter=Q(valid_until__gte=day)),
            opening=Min("valid_from", filter=Q(valid_from__gt=day)),
        )
        # An aid closes the day after its valid_until; one opens on its valid_from.
        closing = bounds["last_day"] and bounds["last_day"] + datetime.timedelta(days=1)
        candidates = [d for d in (closing, bounds["opening"]) if d is not None]
        return min(candidates) if candidates else None

    def applicable_to(self, *, audience=None, profession=None, commune=None, day=None, site_id=None):
        """Aids whose conditions a person (audience, profession) may meet in a commune, on
        `day` (today by default): every aid the finder does not call « non applicable »
        (aides.eligibility, the one home of the rule). Closed aids never apply. ``site_id``:
        the desk whose zoning classes judge them (see Situation)."""
        situation = Situation(audience=audience, profession=profession, commune=commune, day=day, site_id=site_id)
        judged = Eligibility(self.only("id"), situation, explain=False)
        return self.filter(pk__in=[aid.pk for aid in judged.applicable()])


AidPageManager = PageManager.from_queryset(AidPageQuerySet)


class AidsIndexPage(Page):
    introduction = models.TextField("introduction", blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["aides.AidPage"]
    max_count_per_parent = 1
    base_form_class = DeskPageForm

    class Meta:
        verbose_name = "guide des aides"
        verbose_name_plural = "guides des aides"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["aids"] = AidPage.objects.child_of(self).live().public().order_by("title")
        return context


class AidPage(Page):
    summary = models.TextField("en bref", max_length=600, help_text="Ce que l'aide apporte, en une ou deux phrases.")
    body = StreamField(BodyStreamBlock(), verbose_name="présentation détaillée", blank=True)
    funder = models.ForeignKey(
        "partners.PartnerPage",
        verbose_name="financeur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funded_aids",
    )
    # A code of the desk's « Types d'aide » (reference/vocabularies.py): the page form offers
    # the terms of the page's site.
    aid_type = models.CharField("type d'aide", max_length=40)
    amount_min_eur = models.DecimalField(
        "montant minimum (€)",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "Le montant ne peut pas être négatif.")],
    )
    amount_max_eur = models.DecimalField(
        "montant maximum (€)",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "Le montant ne peut pas être négatif.")],
    )
    amount_period = models.CharField(
        "versement",
        max_length=10,
        choices=AmountPeriod.choices,
        default=AmountPeriod.ONCE,
        help_text="Les montants ci-dessus sont-ils versés en une fois, par mois, par semestre ou par an ?",
    )
    amount_periods = models.PositiveSmallIntegerField(
        "nombre de versements",
        null=True,
        blank=True,
        help_text="Pour un montant périodique : combien de mois, semestres ou années au plus (ex. 24 mois). "
        "Sert à estimer le total.",
    )
    amount_text = models.CharField(
        "montant en clair",
        max_length=255,
        blank=True,
        help_text="Par exemple : « 10 000 € versés en une fois » ou « +10 % du forfait ».",
    )
    audiences = ParentalManyToManyField(
        AidAudience,
        verbose_name="publics visés",
        blank=True,
        related_name="aids",
        help_text="Aucun coché : l'aide s'adresse à tous les publics.",
    )
    professions = ParentalManyToManyField(
        "reference.Profession",
        verbose_name="professions",
        blank=True,
        related_name="aids",
        help_text="Aucune cochée : l'aide s'adresse à toutes les professions.",
    )
    scope = models.CharField(
        "territoire", max_length=20, choices=TerritorialScope.choices, default=TerritorialScope.DEPARTEMENT
    )
    communes = ParentalManyToManyField(
        "reference.Commune", verbose_name="communes concernées", blank=True, related_name="aids"
    )
    epcis = ParentalManyToManyField(
        "reference.Epci", verbose_name="intercommunalités concernées", blank=True, related_name="aids"
    )
    zonage_requirement = models.CharField(
        "condition de zonage ARS", max_length=20, choices=ZonageRequirement.choices, default=ZonageRequirement.NONE
    )
    first_installation_only = models.BooleanField(
        "réservée à une première installation",
        default=False,
        help_text="Cocher si l'aide ne s'adresse qu'aux professionnels qui s'installent pour la première fois.",
    )
    practice_modes = PracticeModesField(
        "modes d'exercice",
        help_text="Aucun coché : l'aide s'adresse à tous les modes d'exercice.",
    )
    sector_condition = models.CharField(
        "secteur conventionnel",
        max_length=20,
        choices=SectorCondition.choices,
        default=SectorCondition.NONE,
        blank=True,
        help_text="Condition à vérifier par la personne (elle n'est pas demandée par le simulateur).",
    )
    commitment = models.CharField(
        "engagement en une ligne",
        max_length=255,
        blank=True,
        help_text="Ce que la personne doit signer ou faire, en une ligne (ex. « exercer 3 ans dans la Drôme et "
        "devenir maître de stage »). Le simulateur le présente comme une condition « à vérifier ».",
    )
    exclusion_group = models.CharField(
        "catégorie non cumulable",
        max_length=60,
        blank=True,
        help_text="Les aides d'une même catégorie (ex. « aide à la première installation ») ne se cumulent pas : "
        "le simulateur n'en compte qu'une dans le total estimé.",
    )
    exclusion_years = models.PositiveSmallIntegerField(
        "délai avant une nouvelle aide de cette catégorie (ans)",
        null=True,
        blank=True,
        help_text="Par exemple 10 ans pour les aides à l'installation (décret n° 2025-231 du 12 mars 2025).",
    )
    obligations = RichTextField(
        "engagements demandés",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Par exemple : exercer 3 ans dans le département, devenir maître de stage.",
    )
    how_to_apply = RichTextField("comment en bénéficier", blank=True, features=RICH_TEXT_FEATURES)
    application_url = models.URLField("lien vers la demande", blank=True, validators=[validate_http_url])
    valid_from = models.DateField("valable à partir du", null=True, blank=True)
    valid_until = models.DateField("valable jusqu'au", null=True, blank=True)
    last_reviewed_at = models.DateField(
        "dernière vérification",
        null=True,
        blank=True,
        help_text="Date à laquelle l'équipe a vérifié montants et conditions auprès du financeur.",
    )

    objects = AidPageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("aid_type"), FieldPanel("funder")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("amount_min_eur"), FieldPanel("amount_max_eur")]),
                FieldRowPanel([FieldPanel("amount_period"), FieldPanel("amount_periods")]),
                FieldPanel("amount_text"),
            ],
            heading="Montant",
        ),
        MultiFieldPanel(
            [
                FieldPanel("audiences", widget=CheckboxSelectMultiple),
                FieldPanel("professions", widget=CheckboxSelectMultiple),
            ],
            heading="Pour qui",
        ),
        MultiFieldPanel(
            [
                FieldPanel("scope"),
                FieldPanel("zonage_requirement"),
                # 362 communes: searched in Wagtail's chooser, not scrolled in a list.
                FieldPanel("communes", widget=CommuneMultipleChooser),
                FieldPanel("epcis", widget=CheckboxSelectMultiple),
            ],
            heading="Où",
        ),
        MultiFieldPanel(
            [
                FieldPanel("first_installation_only"),
                FieldPanel("practice_modes"),
                FieldPanel("sector_condition"),
                FieldPanel("commitment"),
                FieldRowPanel([FieldPanel("exclusion_group"), FieldPanel("exclusion_years")]),
            ],
            heading="Conditions d'éligibilité",
        ),
        FieldPanel("obligations"),
        FieldPanel("how_to_apply"),
        FieldPanel("application_url"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]), FieldPanel("last_reviewed_at")],
            heading="Validité",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("aid_type"),
        index.FilterField("scope"),
    ]
    parent_page_types = ["aides.AidsIndexPage"]
    base_form_class = AidPageForm
    subpage_types = []

    class Meta:
        verbose_name = "fiche aide"
        verbose_name_plural = "fiches aides"

    @property
    def aid_type_label(self):
        """The type's French label in the desk of the page's site."""
        site = self.get_site()
        return vocabularies.label_of(site.pk if site else None, Vocabulary.AID_TYPE, self.aid_type)

    @property
    def closed_since(self):
        """The first day the aid refuses new applicants, once that day has come; else None."""
        if closed_on(self.valid_until, timezone.localdate()):
            return self.valid_until + datetime.timedelta(days=1)
        return None

    @property
    def opens_on(self):
        """The day a future aid opens ("à partir du …"), while it has not; else None."""
        if self.valid_from is not None and self.valid_from > timezone.localdate():
            return self.valid_from
        return None

    def desk_site_id(self):
        """The id of the desk (site) whose tree holds this page, even before it is saved; None
        when the page has no place yet or no site holds it (home.desks.page_site_id)."""
        return page_site_id(self)

    def clean(self):
        super().clean()
        errors = {}
        # The admin form offers only the desk's types; an import, a script or a revision
        # written elsewhere must not store another desk's (or no desk's) code either.
        site_id = self.desk_site_id()
        if site_id is not None and not vocabularies.is_known(site_id, Vocabulary.AID_TYPE, self.aid_type):
            errors["aid_type"] = vocabularies.UNKNOWN_MESSAGES[Vocabulary.AID_TYPE]
        low, high = self.amount_min_eur, self.amount_max_eur
        if low is not None and high is not None and low > high:
            errors["amount_max_eur"] = "Le montant maximum doit être supérieur ou égal au montant minimum."
        if self.exclusion_years and not self.exclusion_group:
            errors["exclusion_group"] = "Indiquez la catégorie d'aides concernée par ce délai."
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = "La fin de validité ne peut pas précéder son début."
        if self.funder_id is not None and not same_desk(self, self.funder):
            errors["funder"] = FUNDER_OF_ANOTHER_DESK
        if errors:
            raise ValidationError(errors)
