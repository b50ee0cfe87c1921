"""Vocabularies as data: the listing kinds, facility kinds, aid types and zoning classes of a desk.

Each desk (a Wagtail Site) has its own terms, edited in the admin (Référentiels ›
Vocabulaires): a stable code, a French label, an order and, depending on the vocabulary, a
colour (map pins and badges), a symbol (facility kinds shown on the map), a level (zoning
classes: what the aids' zoning conditions accept) or the detail fields a listing kind takes.

The code is what the rows store, in their own CharField columns (Listing.kind,
HealthFacility.kind, AidPage.aid_type, ProfessionZoning.zone_class), not a foreign key:
Wagtail revisions keep ``"kind": "office"`` in their JSON, open data and the contributions
API already speak codes. Integrity comes from here instead: a code cannot change once
created, a term still used cannot be deleted (the apps that store codes register how to
count them, ``register_usage``), and the models' clean() and the forms accept only the
codes of the row's desk.

The health desk's terms are seeded by migration reference/0007 (every site that existed
then) and by ``bootstrap_desk`` (provisioning/reference_lists.py); the TextChoices
ListingKind, HealthFacilityKind, AidType and ZoningClass stay in code as those seed codes
and as the members of the deprecated API enums (graphql_api/enums.py).

Reads go through ``terms()``: one query per desk and vocabulary, kept in memory until the
content version changes (saving or deleting a term bumps it, graphql_api/signals.py), so a
list of a thousand rows costs no more than one. Relations to the other models of this app
are named by string, so that this module imports nothing from models.py.
"""

import threading
from dataclasses import dataclass

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import OuterRef, Subquery
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from core.content_version import content_version

from .desks import DeskOwned


class Vocabulary(models.TextChoices):
    LISTING_KIND = "listing_kind", "Types d'annonce"
    FACILITY_KIND = "facility_kind", "Types d'offre de soins"
    AID_TYPE = "aid_type", "Types d'aide"
    ZONING_CLASS = "zoning_class", "Classes de zonage"


class Colour(models.TextChoices):
    """Named palette classes of the public stylesheet (``listing-pin--<code>``,
    ``kind-badge--<code>``): not free colours, the public CSP forbids inline styles."""

    BLUE = "blue", "Bleu"
    GREEN = "green", "Vert"
    ORANGE = "orange", "Orange"
    PURPLE = "purple", "Violet"
    RED = "red", "Rouge"
    TEAL = "teal", "Turquoise"
    BROWN = "brown", "Brun"
    GREY = "grey", "Gris"


class ZoningLevel(models.TextChoices):
    """What a zoning class means for the aids' zoning conditions (aides/eligibility.py):
    « ZIP uniquement » accepts the priority classes, « ZIP ou ZAC » priority and underserved."""

    PRIORITY = "priority", "Prioritaire (ZIP, très sous-dotée)"
    UNDERSERVED = "underserved", "Sous-dotée (ZAC, sous-dotée)"
    OTHER = "other", "Autre (ni prioritaire ni sous-dotée)"


# Which fields each vocabulary uses; a value in another field is refused by Term.clean().
FIELDS_OF = {
    Vocabulary.LISTING_KIND: {"colour", "detail_fields"},
    Vocabulary.FACILITY_KIND: {"colour", "symbol"},
    Vocabulary.AID_TYPE: set(),
    Vocabulary.ZONING_CLASS: {"level"},
}
OPTIONAL_FIELDS = ("colour", "symbol", "level", "detail_fields")

UNKNOWN_MESSAGES = {
    Vocabulary.LISTING_KIND: "Type d'annonce inconnu pour ce guichet.",
    Vocabulary.FACILITY_KIND: "Type d'établissement inconnu pour ce guichet.",
    Vocabulary.AID_TYPE: "Type d'aide inconnu pour ce guichet.",
    Vocabulary.ZONING_CLASS: "Classe de zonage inconnue pour ce guichet.",
}
WHERE_TO_ADD = "Choisissez-en un de la liste, ou ajoutez-le dans Référentiels › Vocabulaires."

validate_code = RegexValidator(
    r"^[a-z0-9_-]+\Z",
    "Le code ne peut contenir que des lettres minuscules sans accent, des chiffres, « - » et « _ » "
    "(par exemple maison_sante).",
    code="invalid_code",
)
validate_symbol = RegexValidator(
    r"^[A-Za-z0-9]+\Z", "Le symbole ne peut contenir que des lettres sans accent et des chiffres (par exemple MSP)."
)


# --- Registries filled by the apps that store codes (they sit above this layer) ------------------

# Detail field name -> French label: the fixed detail columns of a listing (ListingDetails),
# registered by the listings app's ready(). A listing kind names those it takes.
DETAIL_FIELDS = {}
# vocabulary -> [(noun, counter(site_id, code) -> number of rows)]
_USAGE = {}


def register_detail_fields(fields):
    """``fields``: (name, French label) pairs, in the order the forms show them."""
    DETAIL_FIELDS.update(fields)


def register_usage(vocabulary, noun, counter):
    """``counter(site_id, code)`` counts the rows of one desk that store ``code``; ``noun`` names
    them in the refusal to delete a used term (« annonce(s) »)."""
    entries = _USAGE.setdefault(vocabulary, [])
    if all(existing != noun for existing, _ in entries):
        entries.append((noun, counter))


def _count_rows(model_label, code_field, site_field):
    def counter(site_id, code):
        model = apps.get_model(model_label)
        return model._base_manager.filter(**{code_field: code, site_field: site_id}).count()

    return counter


register_usage(
    Vocabulary.FACILITY_KIND,
    "établissement(s) de l'offre de soins",
    _count_rows("reference.HealthFacility", "kind", "site_id"),
)
register_usage(
    Vocabulary.ZONING_CLASS,
    "zonage(s) par profession",
    _count_rows("reference.ProfessionZoning", "zone_class", "profession__site_id"),
)


# --- The model ----------------------------------------------------------------------------------


class Term(DeskOwned):
    """One entry of one vocabulary of one desk."""

    # A desk's vocabularies are part of its configuration, like its settings: they go with
    # the site (rows that use them still protect the site from deletion).
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name="guichet", on_delete=models.CASCADE, related_name="+", editable=False
    )
    vocabulary = models.CharField("vocabulaire", max_length=20, choices=Vocabulary.choices)
    code = models.CharField(
        "code",
        max_length=40,
        validators=[validate_code],
        help_text="Identifiant stable, utilisé par l'API, les données ouvertes et les imports (par exemple "
        "maison_sante). Il ne peut plus être modifié une fois le terme créé.",
    )
    label = models.CharField("libellé", max_length=120)
    sort_order = models.PositiveSmallIntegerField("ordre d'affichage", default=0)
    colour = models.CharField(
        "couleur",
        max_length=20,
        choices=Colour.choices,
        blank=True,
        help_text="Types d'annonce et d'offre de soins : couleur du repère sur la carte et de l'étiquette.",
    )
    symbol = models.CharField(
        "symbole sur la carte",
        max_length=6,
        blank=True,
        validators=[validate_symbol],
        help_text="Types d'offre de soins : quelques lettres (H, CMS, MSP…). Les établissements d'un type "
        "sans symbole ne figurent pas sur la carte des opportunités.",
    )
    level = models.CharField(
        "niveau",
        max_length=20,
        choices=ZoningLevel.choices,
        blank=True,
        help_text="Classes de zonage : ce que la classe vaut pour les conditions de zonage des aides.",
    )
    detail_fields = models.JSONField(
        "détails de l'annonce",
        default=list,
        blank=True,
        help_text="Types d'annonce : les détails que ce type demande. Un détail non coché est refusé "
        "pour une annonce de ce type.",
    )

    panels = [
        FieldRowPanel([FieldPanel("vocabulary"), FieldPanel("code")]),
        FieldRowPanel([FieldPanel("label"), FieldPanel("sort_order")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("colour"), FieldPanel("symbol")]),
                FieldPanel("level"),
                FieldPanel("detail_fields"),
            ],
            heading="Selon le vocabulaire",
            help_text="Ne remplissez que ce qui concerne le vocabulaire choisi : le reste est refusé.",
        ),
    ]

    class Meta:
        verbose_name = "terme de vocabulaire"
        verbose_name_plural = "vocabulaires"
        ordering = ["vocabulary", "sort_order", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "vocabulary", "code"],
                name="reference_term_site_vocabulary_code_unique",
                violation_error_message="Ce code existe déjà dans ce vocabulaire pour ce guichet.",
            ),
        ]

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        errors = {}
        if self.pk is not None:
            stored = Term.objects.filter(pk=self.pk).values("code", "vocabulary").first()
            if stored is not None and stored["code"] != self.code:
                errors["code"] = "Le code d'un terme ne peut plus être modifié : créez un nouveau terme."
            if stored is not None and stored["vocabulary"] != self.vocabulary:
                errors["vocabulary"] = "Le vocabulaire d'un terme ne peut plus être modifié : créez un nouveau terme."
        used = FIELDS_OF.get(self.vocabulary, set())
        for name in OPTIONAL_FIELDS:
            if name not in used and getattr(self, name):
                errors[name] = f"Sans objet pour les « {self.get_vocabulary_display()} » : videz ce champ."
        if self.vocabulary == Vocabulary.ZONING_CLASS and not self.level:
            errors["level"] = "Indiquez le niveau de cette classe de zonage : prioritaire, sous-dotée ou autre."
        if not isinstance(self.detail_fields, list) or not all(isinstance(name, str) for name in self.detail_fields):
            errors["detail_fields"] = "Liste de noms de champs attendue."
        elif DETAIL_FIELDS and (unknown := [name for name in self.detail_fields if name not in DETAIL_FIELDS]):
            errors["detail_fields"] = f"Détail(s) inconnu(s) : {', '.join(unknown)}."
        if errors:
            raise ValidationError(errors)

    def usage(self):
        """[(number, noun)] of the rows of this term's desk that store its code."""
        return [
            (count, noun)
            for noun, counter in _USAGE.get(self.vocabulary, [])
            if (count := counter(self.site_id, self.code))
        ]


def usage_message(term, usage):
    """Why ``term`` cannot be deleted, in French."""
    counts = " et ".join(f"{count} {noun}" for count, noun in usage)
    return (
        f"Le terme « {term.label} » ({term.get_vocabulary_display()}) ne peut pas être supprimé : il est utilisé "
        f"par {counts}. Modifiez-les d'abord, ou gardez le terme."
    )


# --- Reading a desk's terms ---------------------------------------------------------------------


@dataclass(frozen=True)
class TermInfo:
    code: str
    label: str
    sort_order: int
    colour: str
    symbol: str
    level: str
    detail_fields: tuple


class _Memo:
    def __init__(self, version):
        self.version = version
        self.terms = {}


_memo = _Memo(None)
_memo_lock = threading.Lock()


def _current_memo():
    global _memo
    version = content_version()
    memo = _memo
    if memo.version != version:
        with _memo_lock:
            if _memo.version != version:
                _memo = _Memo(version)
            memo = _memo
    return memo


def _desk_rows(site_id, vocabulary):
    rows = Term.objects.filter(vocabulary=vocabulary)
    # The default desk in the same query, not one more to find its id.
    rows = rows.filter(site__is_default_site=True) if site_id is None else rows.filter(site_id=site_id)
    return rows.order_by("sort_order", "label", "code")


def terms(site_id, vocabulary):
    """The terms of one vocabulary of a desk (``site_id``; None: the default desk), in order.

    One query per desk and vocabulary until the content version changes."""
    memo = _current_memo()
    key = (site_id, str(vocabulary))
    found = memo.terms.get(key)
    if found is None:
        found = tuple(
            TermInfo(
                code=row.code,
                label=row.label,
                sort_order=row.sort_order,
                colour=row.colour,
                symbol=row.symbol,
                level=row.level,
                detail_fields=tuple(row.detail_fields or ()),
            )
            for row in _desk_rows(site_id, vocabulary)
        )
        memo.terms[key] = found
    return found


def fresh_choices(site_id, vocabulary):
    """[(code, label)] read now (one query, never the memo): for staff lists' filters, which
    must show a term the moment it is saved and cost the same whatever was read before."""
    return list(_desk_rows(site_id, vocabulary).values_list("code", "label"))


def term(site_id, vocabulary, code):
    """The TermInfo of ``code`` in the desk's vocabulary, or None."""
    return next((entry for entry in terms(site_id, vocabulary) if entry.code == code), None)


def choices(site_id, vocabulary):
    """[(code, label)] in order: the choices of a form."""
    return [(entry.code, entry.label) for entry in terms(site_id, vocabulary)]


def labels(site_id, vocabulary):
    """{code: label}."""
    return dict(choices(site_id, vocabulary))


def label_of(site_id, vocabulary, code):
    """The label of ``code``, or the code itself when the desk has no such term."""
    entry = term(site_id, vocabulary, code)
    return entry.label if entry is not None else code


def is_known(site_id, vocabulary, code):
    return term(site_id, vocabulary, code) is not None


def check_known(site_id, vocabulary, code):
    """Raise a French ValidationError when ``code`` is not a term of the desk's vocabulary."""
    if code and not is_known(site_id, vocabulary, code):
        raise ValidationError(UNKNOWN_MESSAGES[vocabulary], code="unknown_term")


def zoning_codes(site_id, *levels):
    """The desk's zoning classes of the given levels (frozenset of codes)."""
    return frozenset(entry.code for entry in terms(site_id, Vocabulary.ZONING_CLASS) if entry.level in levels)


def priority_codes(site_id):
    """The classes that meet « ZIP uniquement »: the general practitioners' ZIP, the others' « très sous-dotée »."""
    return zoning_codes(site_id, ZoningLevel.PRIORITY)


def underserved_codes(site_id):
    """The classes where a zone lacks professionals (« ZIP ou ZAC »): priority or underserved."""
    return zoning_codes(site_id, ZoningLevel.PRIORITY, ZoningLevel.UNDERSERVED)


def kinds_taking(site_id):
    """{detail field: frozenset of the desk's listing kind codes that take it}."""
    taking = {name: set() for name in DETAIL_FIELDS}
    for entry in terms(site_id, Vocabulary.LISTING_KIND):
        for name in entry.detail_fields:
            taking.setdefault(name, set()).add(entry.code)
    return {name: frozenset(codes) for name, codes in taking.items()}


def label_subquery(vocabulary, code_field, site_field="site"):
    """An annotation giving each row the label of its code in its own desk (the code when the
    desk has no such term is left to the caller: Coalesce it): no query per row."""
    return Subquery(
        Term.objects.filter(site=OuterRef(site_field), vocabulary=vocabulary, code=OuterRef(code_field)).values(
            "label"
        )[:1]
    )


# --- Forms --------------------------------------------------------------------------------------


def term_choices(site_id, vocabulary, current=""):
    """The choices of a select of the desk's terms; a stored code the desk no longer has stays
    visible (and is refused on saving) rather than silently replaced by the first choice."""
    options = choices(site_id, vocabulary)
    if current and all(code != current for code, _ in options):
        options.append((current, f"{current} (absent du vocabulaire du guichet)"))
    return [("", "---------"), *options]


def use_term_select(form, name, site_id, vocabulary, *, invalid_message=None):
    """Turn ``form.fields[name]`` (a code column's free text field) into a select of the
    desk's terms, with the field's label and help text and a French message for other codes
    (by default the staff's, which says where to add a term)."""
    field = form.fields.get(name)
    if field is None:
        return
    current = form.initial.get(name) or getattr(form.instance, name, "") or ""
    form.fields[name] = forms.ChoiceField(
        label=field.label,
        help_text=field.help_text,
        required=field.required,
        disabled=field.disabled,
        choices=term_choices(site_id, vocabulary, current),
        error_messages={
            "invalid_choice": invalid_message or f"{UNKNOWN_MESSAGES[vocabulary]} {WHERE_TO_ADD}",
            **({"required": field.error_messages["required"]} if "required" in field.error_messages else {}),
        },
    )
