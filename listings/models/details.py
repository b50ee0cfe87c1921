"""The details a listing gives according to its kind, and the rule that keeps them consistent.

ListingDetails holds the optional fields only some kinds take: a replacement's end date and
rhythm, a salaried post's contract, working time and pay range, whether premises come with a
shared secretariat, whether housing is included, an intern housing's places and price.
Which kind takes which field is data: each listing kind of a desk (reference.Term, vocabulary
« Types d'annonce ») names its ``detail_fields`` among DETAIL_FIELD_NAMES (registered with
their French labels by the app's ready()). ``detail_errors()`` (called by Listing.clean())
refuses a detail given for a kind that does not take it instead of clearing it, so that
nothing a contributor typed disappears silently and the public page and API never show a
detail that contradicts the kind. DETAIL_GROUPS orders the fields for the forms and the
admin; which kinds a group is for is read from the desk's terms.

The premises fields that predate this module (surface, rent, sale price, months of rent
offered, available_from) stay on Listing and stay open to every kind.
"""

import datetime
from dataclasses import dataclass

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from reference import vocabularies
from reference.vocabularies import Vocabulary

from ..widgets import YesNoUnknownSelect
from .kinds import ContractType, ReplacementRhythm, WorkingTime

MAX_MONTHLY_PAY_EUR = 50_000  # above, the amount is most likely yearly


MONTHLY_PAY_VALIDATORS = [
    MinValueValidator(0, "Le salaire ne peut pas être négatif."),
    MaxValueValidator(MAX_MONTHLY_PAY_EUR, "Montant trop élevé pour un salaire mensuel : indiquez le brut par mois."),
]


class ListingDetails(models.Model):
    available_until = models.DateField(
        "disponible jusqu'au",
        null=True,
        blank=True,
        help_text="Dernier jour : fin d'un remplacement, d'un CDD ou d'une période de logement.",
    )
    replacement_rhythm = models.CharField(
        "rythme du remplacement", max_length=20, choices=ReplacementRhythm.choices, blank=True
    )
    contract_type = models.CharField("type de contrat", max_length=20, choices=ContractType.choices, blank=True)
    working_time = models.CharField("temps de travail", max_length=20, choices=WorkingTime.choices, blank=True)
    working_time_details = models.CharField(
        "précisions sur le temps de travail",
        max_length=120,
        blank=True,
        help_text="Par exemple : 0,8 ETP, quatre jours par semaine, un samedi sur deux.",
    )
    monthly_pay_min_eur = models.IntegerField(
        "salaire brut mensuel minimum (€)",
        null=True,
        blank=True,
        validators=MONTHLY_PAY_VALIDATORS,
        help_text="En euros bruts par mois, pour le temps de travail indiqué.",
    )
    monthly_pay_max_eur = models.IntegerField(
        "salaire brut mensuel maximum (€)",
        null=True,
        blank=True,
        validators=MONTHLY_PAY_VALIDATORS,
        help_text="Laissez vide pour un montant fixe (indiqué en minimum).",
    )
    shared_secretariat = models.BooleanField(
        "secrétariat partagé",
        null=True,
        blank=True,
        help_text="Un secrétariat, sur place ou à distance, est-il partagé avec les autres praticiens ?",
    )
    housing_included = models.BooleanField(
        "logement fourni",
        null=True,
        blank=True,
        help_text="Pour un remplacement, un poste salarié ou une collaboration : un logement est-il fourni ?",
    )
    intern_places = models.SmallIntegerField(
        "places pour internes",
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, "Indiquez au moins une place."),
            MaxValueValidator(200, "Indiquez au plus 200 places."),
        ],
        help_text="Nombre d'internes qui peuvent être logés en même temps.",
    )
    intern_monthly_price_eur = models.DecimalField(
        "prix mensuel par interne (€)",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "Le prix ne peut pas être négatif.")],
        help_text="Par interne et par mois, charges comprises ; 0 si le logement est gratuit.",
    )

    class Meta:
        abstract = True

    def kind_details(self):
        """(French label, value as shown) of the details this listing's kind takes and has:
        what a moderator reads in the preview."""
        entry = vocabularies.term(self.site_id, Vocabulary.LISTING_KIND, self.kind)
        taken = entry.detail_fields if entry is not None else ()
        rows = []
        for name in DETAIL_FIELD_NAMES:
            value = getattr(self, name)
            if name not in taken or value in (None, ""):
                continue
            field = self._meta.get_field(name)
            if field.choices:
                value = getattr(self, f"get_{name}_display")()
            elif isinstance(value, bool):
                value = "oui" if value else "non"
            rows.append((field.verbose_name[:1].upper() + field.verbose_name[1:], value))
        return rows


# The fixed detail columns a listing kind may take (Term.detail_fields names them).
DETAIL_FIELD_NAMES = (
    "available_until",
    "replacement_rhythm",
    "contract_type",
    "working_time",
    "working_time_details",
    "monthly_pay_min_eur",
    "monthly_pay_max_eur",
    "housing_included",
    "shared_secretariat",
    "intern_places",
    "intern_monthly_price_eur",
)


def detail_field_labels():
    """(name, French label) of DETAIL_FIELD_NAMES: what the vocabulary admin offers."""
    labels = []
    for name in DETAIL_FIELD_NAMES:
        verbose_name = str(ListingDetails._meta.get_field(name).verbose_name)
        labels.append((name, verbose_name[:1].upper() + verbose_name[1:]))
    return labels


@dataclass(frozen=True)
class DetailGroup:
    legend: str
    fields: tuple

    @property
    def gated_fields(self):
        """The group's fields that only some kinds take (the others are open to every kind)."""
        return [name for name in self.fields if name in DETAIL_FIELD_NAMES]

    def kinds(self, site_id):
        """The desk's listing kinds (TermInfo, in order) that take a detail of this group."""
        gated = set(self.gated_fields)
        return [
            entry
            for entry in vocabularies.terms(site_id, Vocabulary.LISTING_KIND)
            if gated.intersection(entry.detail_fields)
        ]


DETAIL_GROUPS = (
    DetailGroup("Pour un remplacement", ("replacement_rhythm",)),
    DetailGroup(
        "Pour un poste salarié",
        ("contract_type", "working_time", "working_time_details", "monthly_pay_min_eur", "monthly_pay_max_eur"),
    ),
    DetailGroup(
        "Pour des locaux",
        ("surface_m2", "monthly_rent_eur", "sale_price_eur", "rent_free_months", "shared_secretariat"),
    ),
    DetailGroup("Pour un logement d'interne", ("intern_places", "intern_monthly_price_eur")),
)

YES_NO_UNKNOWN_FIELDS = ("shared_secretariat", "housing_included")


def group_hint(group, site_id):
    labels = [entry.label for entry in group.kinds(site_id)]
    if not labels:
        return "Aucun type d'annonce de ce guichet ne demande ces détails."
    listed = labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} ou {labels[-1]}"
    return f"Pour une annonce de type : {listed}."


def detail_errors(listing):
    """{field: French message} for an unknown kind and for the details that contradict the
    kind or each other. The kinds are those of the listing's desk."""
    errors = {}
    if listing.kind:
        entry = vocabularies.term(listing.site_id, Vocabulary.LISTING_KIND, listing.kind)
        if entry is None:
            errors["kind"] = vocabularies.UNKNOWN_MESSAGES[Vocabulary.LISTING_KIND]
        else:
            for name in DETAIL_FIELD_NAMES:
                if name not in entry.detail_fields and getattr(listing, name) not in (None, ""):
                    errors[name] = (
                        f"Ce champ ne concerne pas une annonce de type « {entry.label} » : videz-le ou changez "
                        "le type d'annonce."
                    )
    start, end = listing.available_from, listing.available_until
    if isinstance(start, datetime.date) and isinstance(end, datetime.date) and end < start:
        errors.setdefault("available_until", "La date de fin ne peut pas précéder la date de début.")
    low, high = listing.monthly_pay_min_eur, listing.monthly_pay_max_eur
    if isinstance(low, int) and isinstance(high, int) and high < low:
        errors.setdefault("monthly_pay_max_eur", "Le salaire maximum ne peut pas être inférieur au salaire minimum.")
    return errors


def _panel(name):
    return FieldPanel(name, widget=YesNoUnknownSelect) if name in YES_NO_UNKNOWN_FIELDS else FieldPanel(name)


class DetailGroupPanel(MultiFieldPanel):
    """A group of details whose hint names the kinds of the listing's desk that take them."""

    def __init__(self, *args, group=None, **kwargs):
        self.group = group
        super().__init__(*args, **kwargs)

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "group": self.group}

    class BoundPanel(MultiFieldPanel.BoundPanel):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            site_id = getattr(self.instance, "site_id", None)
            self.help_text = group_hint(self.panel.group, site_id)


DETAIL_PANEL = MultiFieldPanel(
    [
        DetailGroupPanel([_panel(name) for name in group.fields], heading=group.legend, group=group)
        for group in DETAIL_GROUPS
    ],
    heading="Détails selon le type d'annonce",
    help_text=(
        "Remplissez le groupe qui correspond au type d'annonce : un détail donné pour un autre type est refusé "
        "à l'enregistrement."
    ),
)


class ListingAdminForm(WagtailAdminModelForm):
    """The admin's listing form: the kind is a select of the listing's desk's kinds."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vocabularies.use_term_select(self, "kind", self.instance.site_id, Vocabulary.LISTING_KIND)


CONDITION_PANELS = [
    FieldPanel("conditions"),
    FieldRowPanel([FieldPanel("available_from"), FieldPanel("available_until")]),
    _panel("housing_included"),
]
