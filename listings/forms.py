"""Forms through which contributors and occasional submitters propose listings.

Only the fields listed here can be set from outside: status, owner, live flags or the
organisation are never read from the request.
"""

import datetime
import time
import unicodedata
import uuid

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Site

from home.desks import desk_territory
from reference import vocabularies
from reference.desks import default_site_id
from reference.geocoding import search_addresses
from reference.models import Commune, Profession
from reference.places import commune_contains
from reference.validators import format_point
from reference.vocabularies import Vocabulary

from . import held_photos
from .form_messages import CONTACT_MESSAGES, LISTING_MESSAGES, apply_messages, kind_required_message
from .models import Listing, ListingContact
from .models.details import DETAIL_GROUPS, YES_NO_UNKNOWN_FIELDS, group_hint
from .uploads import MAX_FILES
from .widgets import YesNoUnknownSelect

# A point this close outside the chosen commune's outline is accepted: outlines are simplified
# (and date from 2018), and a clerk clicks a building on the border.
BORDER_TOLERANCE_M = 200
# A date further than this is almost always a typing slip (2207 for 2027).
LATEST_AVAILABILITY = datetime.timedelta(days=3 * 366)
MIN_FILL_SECONDS = 4
MAX_FILL_SECONDS = 24 * 3600
STARTED_SALT = "listings.public-form.started"


def reject_invisible_characters(value):
    """Zero-width and bidirectional control characters hide or reorder text (spoofing)."""
    if any(unicodedata.category(char) == "Cf" for char in value or ""):
        raise ValidationError(
            "Le texte contient des caractères invisibles ou de contrôle de direction : retirez-les.",
            code="invisible_characters",
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultiplePhotoField, self).clean(item, initial) for item in files]


class CommuneSelect(forms.Select):
    """The commune list, each option carrying its INSEE code so that the location picker can
    frame the chosen commune on the map."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-insee"] = instance.insee_code
        return option


class ListingForm(forms.ModelForm):
    latitude = forms.FloatField(
        label="Latitude",
        required=False,
        min_value=-90,
        max_value=90,
        help_text="Cherchez l'adresse ou cliquez sur la carte pour remplir la position, ou saisissez-la "
        "(par exemple 44.9334). Sans position, nous plaçons l'annonce d'après l'adresse.",
    )
    longitude = forms.FloatField(label="Longitude", required=False, min_value=-180, max_value=180)
    photos = MultiplePhotoField(
        label="Photos",
        required=False,
        help_text=f"Jusqu'à {MAX_FILES} photos JPEG, PNG ou WebP de 10 Mo au plus. "
        "Les métadonnées (dont la position GPS) sont supprimées.",
    )

    class Meta:
        model = Listing
        fields = [
            "kind",
            "title",
            "summary",
            "description",
            "professions",
            "commune",
            "address",
            "location",
            "surface_m2",
            "monthly_rent_eur",
            "sale_price_eur",
            "rent_free_months",
            "conditions",
            "available_from",
            "available_until",
            "housing_included",
            # The details per kind (listings/models/details.py), shown in DETAIL_GROUPS' fieldsets.
            "replacement_rhythm",
            "contract_type",
            "working_time",
            "working_time_details",
            "monthly_pay_min_eur",
            "monthly_pay_max_eur",
            "shared_secretariat",
            "intern_places",
            "intern_monthly_price_eur",
        ]
        widgets = {
            "professions": forms.CheckboxSelectMultiple,
            "commune": CommuneSelect,
            "location": forms.HiddenInput,
            "description": forms.Textarea({"rows": 6}),
            "conditions": forms.Textarea({"rows": 4}),
            "available_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "available_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{name: YesNoUnknownSelect for name in YES_NO_UNKNOWN_FIELDS},
        }

    def __init__(self, *args, organisation=None, site=None, **kwargs):
        """``site``: the desk (Wagtail site) the listing is for when it has none yet — the
        request's site when the view gives it, else its organisation's, else the default desk;
        the choices are that desk's kinds and professions and the communes of its territory."""
        super().__init__(*args, **kwargs)
        # The desk the listing is for: its own (a listing never changes desk), else the
        # request's site when the view gives it, else its organisation's; None is the default desk.
        given = site.pk if site is not None else getattr(organisation, "site_id", None)
        self.site_id = self.instance.site_id or given
        if self.instance.site_id is None and self.site_id is not None:
            self.instance.site_id = self.site_id
        vocabularies.use_term_select(
            self,
            "kind",
            self.site_id,
            Vocabulary.LISTING_KIND,
            invalid_message="Type d'annonce inconnu pour ce guichet : choisissez-en un dans la liste.",
        )
        desk_id = self.site_id or default_site_id()
        self.territory = desk_territory(Site.objects.filter(pk=desk_id).first())
        self.fields["professions"].queryset = Profession.objects.filter(site_id=desk_id)
        communes = Commune.objects.filter(departement_code=self.territory.code)
        restricted = organisation is not None and organisation.communes.exists()
        if restricted:
            communes = organisation.communes.all()
        self.fields["commune"].queryset = communes.order_by("name")
        self.fields["location"].required = False
        for name in ("title", "summary", "description", "address", "conditions", "working_time_details"):
            self.fields[name].validators.append(reject_invisible_characters)
        for name in ("replacement_rhythm", "contract_type", "working_time"):
            self.fields[name].choices = [("", "Non précisé"), *self.fields[name].choices[1:]]
        if self.instance.latitude is not None and not self.is_bound:
            self.initial.update(latitude=self.instance.latitude, longitude=self.instance.longitude)
        apply_messages(self, LISTING_MESSAGES)
        if "kind" in self.fields:
            kinds = [term.label for term in vocabularies.terms(self.site_id, Vocabulary.LISTING_KIND)]
            self.fields["kind"].error_messages["required"] = kind_required_message(kinds)
        if restricted:
            self.fields["commune"].error_messages["invalid_choice"] = (
                "Votre structure ne publie que pour ses communes : choisissez-en une dans la liste."
            )
        # Photos that passed their checks in an earlier round of this form (held_photos.py).
        kept = self.data.getlist("kept_photos") if self.is_bound and hasattr(self.data, "getlist") else []
        self.held_photos = held_photos.describe(kept)

    @property
    def detail_groups(self):
        """The fieldsets of the details per kind: legend, hint, the codes of the desk's kinds
        that take them, and bound fields."""
        return [
            {
                "legend": group.legend,
                "hint": group_hint(group, self.site_id),
                "kinds": " ".join(entry.code for entry in group.kinds(self.site_id)),
                "fields": [self[name] for name in group.fields],
            }
            for group in DETAIL_GROUPS
        ]

    def clean_commune(self):
        commune = self.cleaned_data["commune"]
        if commune not in self.fields["commune"].queryset:
            raise ValidationError("Votre structure ne peut pas publier d'annonce pour cette commune.")
        return commune

    def clean_available_from(self):
        return self._sane_date("available_from", "La date de disponibilité")

    def clean_available_until(self):
        return self._sane_date("available_until", "La date de fin")

    def _sane_date(self, name, what):
        """A date already past, or years away, is a slip: refused when it was typed now (an
        older listing keeps the dates it was approved with)."""
        value = self.cleaned_data.get(name)
        if value is None or value == getattr(self.instance, name, None):
            return value
        today = timezone.localdate()
        if value < today:
            raise ValidationError(
                f"{what} est passée ({value:%d/%m/%Y}). Indiquez une date à venir, ou laissez le champ vide "
                "si c'est disponible dès maintenant.",
                code="past_date",
            )
        if value > today + LATEST_AVAILABILITY:
            raise ValidationError(
                f"{what} est dans plus de trois ans ({value:%d/%m/%Y}) : vérifiez l'année.", code="far_date"
            )
        return value

    def clean(self):
        cleaned = super().clean()
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        commune = cleaned.get("commune")
        if latitude is None and longitude is None and not self.has_error("latitude"):
            latitude, longitude = self._place_from_address(cleaned, commune)
        elif (latitude is None) != (longitude is None) and not self.has_error("latitude"):
            missing = "longitude" if longitude is None else "latitude"
            self.add_error(missing, self.fields[missing].error_messages["required"])
        if latitude is not None and longitude is not None:
            if commune is not None and commune_contains(commune, latitude, longitude, BORDER_TOLERANCE_M) is False:
                self.add_error(
                    "latitude",
                    ValidationError(
                        f"Ce point est en dehors de la commune de {commune.name}. Placez-le dans la commune "
                        "choisie, ou choisissez la commune où il se trouve.",
                        code="outside_commune",
                    ),
                )
            cleaned["location"] = format_point(latitude, longitude)
        return cleaned

    def _place_from_address(self, cleaned, commune):
        """No point given (no JavaScript, or not placed): find the address in the commune."""
        address = (cleaned.get("address") or "").strip()
        if commune is None:
            return None, None
        matches = (
            search_addresses(address, commune=commune.insee_code, limit=1, territory=self.territory) if address else []
        )
        if matches and matches[0].kind != "municipality":
            cleaned["latitude"], cleaned["longitude"] = matches[0].latitude, matches[0].longitude
            return matches[0].latitude, matches[0].longitude
        message = self.fields["latitude"].error_messages["required"]
        if address:
            message = (
                f"Nous n'avons pas trouvé « {address} » à {commune.name}. Vérifiez l'adresse, ou placez "
                "l'annonce sur la carte, ou saisissez la latitude et la longitude."
            )
        self.add_error("latitude", ValidationError(message, code="required"))
        return None, None

    def _post_clean(self):
        # The model's validation (territory box, dates) reads the location built in clean().
        if "location" in self.cleaned_data:
            self.instance.location = self.cleaned_data["location"]
        super()._post_clean()
        if "location" in self._errors:
            location_errors = self._errors.pop("location")
            if "latitude" not in self._errors:  # the point's problem is already said there
                self._errors["latitude"] = location_errors


class ContactForm(forms.ModelForm):
    class Meta:
        model = ListingContact
        fields = ["name", "role", "email", "phone", "consent_to_publish"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "contact")
        super().__init__(*args, **kwargs)
        apply_messages(self, CONTACT_MESSAGES)
        for name in ("name", "role", "phone"):
            self.fields[name].validators.append(reject_invisible_characters)


class SpamGuardForm(forms.Form):
    """Hidden fields of the public form: a honeypot, the signed time the form was shown
    (too fast means a robot) and a key that makes a double submission create one listing."""

    website = forms.CharField(
        label="Ne pas remplir ce champ",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    @classmethod
    def fresh_initial(cls):
        started = signing.Signer(salt=STARTED_SALT).sign(str(int(time.time())))
        return {"started": started, "submission_key": uuid.uuid4()}

    def is_bot(self):
        return bool(self.data.get("website"))

    def clean_started(self):
        try:
            shown_at = int(signing.Signer(salt=STARTED_SALT).unsign(self.cleaned_data["started"]))
        except (signing.BadSignature, ValueError) as error:
            raise ValidationError("Formulaire invalide : rechargez la page.") from error
        age = time.time() - shown_at
        if age > MAX_FILL_SECONDS:
            raise ValidationError("Le formulaire a expiré : rechargez la page.")
        if age < MIN_FILL_SECONDS:
            raise ValidationError(
                "Le formulaire a été envoyé trop vite. Vérifiez vos informations puis envoyez-le à nouveau."
            )
        return shown_at
