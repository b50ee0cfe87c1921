"""The person's forms: « Être accompagné(e) », « Je suis intéressé(e) » on a listing, a
message added from the status page and the request for a new status link.

Only the fields listed here are read from the request: the state, the référent, the
source and the consent date are set by ``intake.py``. Messages follow
``listings/form_messages.py``: each field says what is wrong in French, and the view lists
them at the top of the form.
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone

from home.desks import desk_territory
from listings.form_messages import apply_messages
from listings.forms import reject_invisible_characters
from reference.desks import default_site_id
from reference.models import Commune, Epci

from .models import Case, PreferredContact

# Further than this, an availability date is a typing slip (2207 for 2027).
LATEST_AVAILABILITY = datetime.timedelta(days=5 * 366)
MESSAGE_MAX_LENGTH = 4000
# Kept short: the message of an interest travels in the confirmation link (interest.py).
INTEREST_MESSAGE_MAX_LENGTH = 1500
# Digits, spaces and the usual separators; 6 to 15 digits (international numbers included).
PHONE_RE = re.compile(r"^\+?[0-9 ().\-]{6,25}$")
PHONE_HINT = "Saisissez un numéro de téléphone, par exemple 06 12 34 56 78."

CONSENT_LABEL = "J'accepte que le guichet utilise ces informations pour m'accompagner, comme décrit ci-dessus."
CONSENT_MESSAGES = {
    "required": "Cochez cette case pour envoyer la demande : sans votre accord, le guichet ne peut pas vous "
    "accompagner."
}

PERSON_MESSAGES = {
    "first_name": {"required": "Indiquez votre prénom."},
    "last_name": {"required": "Indiquez votre nom."},
    "email": {
        "required": "Indiquez votre adresse e-mail.",
        "invalid": "Saisissez une adresse e-mail complète, par exemple prenom.nom@exemple.fr.",
    },
    "preferred_contact": {"required": "Choisissez comment vous préférez être contacté(e)."},
    "consent": CONSENT_MESSAGES,
}
TEXT_FIELDS = (
    "first_name",
    "last_name",
    "phone",
    "contact_notes",
    "training_stage",
    "territory_notes",
    "needs_details",
    "message",
)


def territory_communes(territory):
    return Commune.objects.filter(departement_code=territory.code).order_by("name")


def territory_epcis(territory):
    return Epci.objects.filter(communes__departement_code=territory.code).distinct().order_by("name")


def clean_phone(value):
    value = " ".join((value or "").split())
    if value and (not PHONE_RE.match(value) or not 6 <= sum(char.isdigit() for char in value) <= 15):
        raise ValidationError(PHONE_HINT, code="invalid_phone")
    return value


def limit_length(field, limit):
    """A text area's maximum length, said in French (TextField has none of its own)."""
    field.max_length = limit
    field.widget.attrs["maxlength"] = limit
    field.validators.append(MaxLengthValidator(limit))
    field.error_messages["max_length"] = f"Ce texte est trop long : {limit} caractères au plus."


def consent_field():
    return forms.BooleanField(label=CONSENT_LABEL, error_messages=CONSENT_MESSAGES)


class PersonFieldsMixin:
    """What the request and the interest forms share: the contact fields' checks."""

    def clean_email(self):
        return (self.cleaned_data.get("email") or "").strip()

    def clean_phone(self):
        return clean_phone(self.cleaned_data.get("phone"))

    def protect_text_fields(self, names):
        for name in names:
            if name in self.fields:
                self.fields[name].validators.append(reject_invisible_characters)


class RequestForm(PersonFieldsMixin, forms.ModelForm):
    """« Être accompagné(e) »: who the person is, where they stand, their project, their needs."""

    consent = consent_field()

    class Meta:
        model = Case
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "preferred_contact",
            "contact_notes",
            "audience",
            "profession",
            "training_stage",
            "available_from",
            "epci",
            "communes",
            "territory_notes",
            "practice_modes",
            "timing",
            "needs",
            "needs_details",
            "message",
        ]
        labels = {
            "first_name": "Prénom",
            "last_name": "Nom",
            "email": "Adresse e-mail",
            "phone": "Téléphone",
            "preferred_contact": "Comment préférez-vous être contacté(e) ?",
            "contact_notes": "Quand vous appeler ?",
            "audience": "Votre situation",
            "profession": "Votre profession",
            "training_stage": "Où en êtes-vous de votre parcours ?",
            "available_from": "Disponible à partir du",
            "epci": "Intercommunalité souhaitée",
            "communes": "Communes envisagées",
            "territory_notes": "Précisions sur le territoire recherché",
            "practice_modes": "Mode d'exercice envisagé",
            "timing": "Quand pensez-vous vous installer ?",
            "needs": "Sur quoi souhaitez-vous être accompagné(e) ?",
            "needs_details": "Précisions sur vos besoins",
            "message": "Votre message",
        }
        help_texts = {
            "email": "Nous y envoyons l'accusé de réception et le lien personnel de suivi de votre demande.",
            "phone": "Facultatif, sauf si vous préférez être appelé(e).",
            "contact_notes": "Facultatif : vos jours et heures de disponibilité, par exemple « le mardi après 18 h ».",
            "training_stage": "Facultatif : par exemple « interne de médecine générale, 5e semestre » ou « thèse "
            "prévue en juin 2027 ».",
            "available_from": "Facultatif : la date à partir de laquelle vous pourriez commencer, par exemple "
            "01/11/2027.",
            "audience": "Facultatif : étudiant(e), interne, docteur junior, remplaçant(e), installé(e)…",
            "epci": "Facultatif : l'intercommunalité où vous aimeriez exercer. Elle permet de confier votre demande "
            "au chargé d'accompagnement de ce territoire.",
            "territory_notes": "Facultatif : un secteur, une vallée, une distance maximale d'une ville…",
            "practice_modes": "Facultatif : cochez tout ce qui vous intéresse.",
            "needs": "Facultatif : cochez tout ce sur quoi le guichet peut vous aider.",
            "needs_details": "Facultatif.",
            "message": "Facultatif : tout ce qui peut nous aider à préparer notre premier échange.",
        }
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "preferred_contact": forms.RadioSelect,
            "available_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            # Checkboxes, not a <select multiple> (usable on a phone); commune-checklist.js
            # adds a filter above the names.
            "communes": forms.CheckboxSelectMultiple(attrs={"class": "commune-checklist__box"}),
            "territory_notes": forms.Textarea(attrs={"rows": 3}),
            "needs_details": forms.Textarea(attrs={"rows": 3}),
            "message": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, site=None, **kwargs):
        """``site``: the desk (Wagtail site) the request is sent to (the form's host): the case
        is its desk's, with its professions, audiences and the places of its territory."""
        super().__init__(*args, **kwargs)
        if self.instance.site_id is None:
            self.instance.site_id = site.pk if site is not None else default_site_id()
        territory = desk_territory(self.instance.site)
        self.fields["audience"].queryset = self.fields["audience"].queryset.filter(site_id=self.instance.site_id)
        self.fields["profession"].queryset = self.fields["profession"].queryset.filter(site_id=self.instance.site_id)
        self.fields["preferred_contact"].choices = PreferredContact.choices
        self.fields["audience"].empty_label = "Choisissez votre situation"
        self.fields["profession"].empty_label = "Choisissez votre profession"
        self.fields["epci"].queryset = territory_epcis(territory)
        self.fields["epci"].empty_label = "Pas encore décidé"
        self.fields["communes"].queryset = territory_communes(territory)
        self.fields[
            "communes"
        ].help_text = "Facultatif : cochez une ou plusieurs communes. Sans JavaScript, la liste défile dans son cadre."
        self.fields["timing"].choices = [choice for choice in self.fields["timing"].choices if choice[0]]
        self.fields["timing"].required = False
        # needs and practice_modes build their own form fields: Meta's labels do not reach them.
        for name in ("needs", "practice_modes"):
            self.fields[name].label = self.Meta.labels[name]
            self.fields[name].help_text = self.Meta.help_texts.get(name, "")
        for name in ("territory_notes", "needs_details", "message"):
            limit_length(self.fields[name], MESSAGE_MAX_LENGTH)
        self.protect_text_fields(TEXT_FIELDS)
        apply_messages(self, PERSON_MESSAGES)

    def clean_timing(self):
        return self.cleaned_data.get("timing") or Case._meta.get_field("timing").default

    def clean_available_from(self):
        value = self.cleaned_data.get("available_from")
        if value is None:
            return value
        today = timezone.localdate()
        if value < today:
            raise ValidationError(
                f"Cette date est passée ({value:%d/%m/%Y}). Indiquez une date à venir, ou laissez le champ vide "
                "si vous êtes disponible dès maintenant.",
                code="past_date",
            )
        if value > today + LATEST_AVAILABILITY:
            raise ValidationError(
                f"Cette date est dans plus de cinq ans ({value:%d/%m/%Y}) : vérifiez l'année.", code="far_date"
            )
        return value

    def clean(self):
        cleaned = super().clean()
        wants_calls = cleaned.get("preferred_contact") in (PreferredContact.PHONE, PreferredContact.EITHER)
        if wants_calls and not cleaned.get("phone") and not self.has_error("phone"):
            self.add_error(
                "phone", ValidationError("Indiquez votre numéro pour que nous puissions vous appeler.", code="required")
            )
        return cleaned


class InterestForm(PersonFieldsMixin, forms.Form):
    """« Je suis intéressé(e) » on a listing: enough to answer, nothing more."""

    first_name = forms.CharField(
        label="Prénom", max_length=80, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label="Nom", max_length=80, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    email = forms.EmailField(
        label="Adresse e-mail",
        max_length=254,
        help_text="Nous vous y répondons, avec le lien personnel de suivi de votre demande.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label="Téléphone",
        max_length=30,
        required=False,
        help_text="Facultatif.",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    message = forms.CharField(
        label="Votre message",
        max_length=INTEREST_MESSAGE_MAX_LENGTH,
        required=False,
        help_text="Facultatif : votre profession, votre projet, vos questions sur l'annonce.",
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": INTEREST_MESSAGE_MAX_LENGTH}),
    )
    share_contact = forms.BooleanField(
        label="J'accepte que le guichet transmette mes coordonnées à la structure qui publie l'annonce.",
        required=False,
        help_text="Facultatif : sans votre accord, le guichet prend contact avec la structure pour vous, sans "
        "donner vos coordonnées.",
    )
    consent = consent_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.protect_text_fields(("first_name", "last_name", "phone", "message"))
        apply_messages(self, PERSON_MESSAGES)
        self.fields["message"].error_messages["max_length"] = (
            f"Votre message est trop long : {INTEREST_MESSAGE_MAX_LENGTH} caractères au plus."
        )


class PersonMessageForm(forms.Form):
    """« Ajouter une information », from the status page."""

    text = forms.CharField(
        label="Votre message",
        max_length=MESSAGE_MAX_LENGTH,
        help_text="Une précision, une question, un changement dans votre projet : votre chargé(e) "
        "d'accompagnement en est averti(e).",
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MESSAGE_MAX_LENGTH}),
        validators=[reject_invisible_characters],
        error_messages={
            "required": "Écrivez votre message avant de l'envoyer.",
            "max_length": f"Votre message est trop long : {MESSAGE_MAX_LENGTH} caractères au plus.",
        },
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(self.fields["text"].error_messages["required"], code="required")
        return text


class NewLinkForm(forms.Form):
    email = forms.EmailField(
        label="Adresse e-mail",
        max_length=254,
        help_text="L'adresse à laquelle vous avez reçu les messages du guichet.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Indiquez votre adresse e-mail.",
            "invalid": "Saisissez une adresse e-mail complète, par exemple prenom.nom@exemple.fr.",
        },
    )
