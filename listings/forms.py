"""Forms through which contributors and occasional submitters propose listings.

Only the fields listed here can be set from outside: status, owner, live flags or the
organisation are never read from the request.
"""

import time
import unicodedata
import uuid

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError

from reference.models import Commune, Profession
from reference.validators import format_point

from .models import Listing, ListingContact
from .models.details import DETAIL_GROUPS, YES_NO_UNKNOWN_FIELDS, group_hint
from .uploads import MAX_FILES
from .widgets import YesNoUnknownSelect

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


class ListingForm(forms.ModelForm):
    latitude = forms.FloatField(
        label="Latitude",
        min_value=-90,
        max_value=90,
        help_text="Cliquez sur la carte pour remplir la position, ou saisissez-la (par exemple 44.9334).",
    )
    longitude = forms.FloatField(label="Longitude", min_value=-180, max_value=180)
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
            "location": forms.HiddenInput,
            "description": forms.Textarea({"rows": 6}),
            "conditions": forms.Textarea({"rows": 4}),
            "available_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "available_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{name: YesNoUnknownSelect for name in YES_NO_UNKNOWN_FIELDS},
        }

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["professions"].queryset = Profession.objects.all()
        communes = Commune.objects.filter(departement_code=settings.TERRITORY["code"])
        if organisation is not None and organisation.communes.exists():
            communes = organisation.communes.all()
        self.fields["commune"].queryset = communes.order_by("name")
        self.fields["location"].required = False
        for name in ("title", "summary", "description", "address", "conditions", "working_time_details"):
            self.fields[name].validators.append(reject_invisible_characters)
        for name in ("replacement_rhythm", "contract_type", "working_time"):
            self.fields[name].choices = [("", "Non précisé"), *self.fields[name].choices[1:]]
        if self.instance.latitude is not None and not self.is_bound:
            self.initial.update(latitude=self.instance.latitude, longitude=self.instance.longitude)

    @property
    def detail_groups(self):
        """The fieldsets of the details per kind: legend, hint, kind codes and bound fields."""
        return [
            {
                "legend": group.legend,
                "hint": group_hint(group),
                "kinds": " ".join(group.kinds),
                "fields": [self[name] for name in group.fields],
            }
            for group in DETAIL_GROUPS
        ]

    def clean_commune(self):
        commune = self.cleaned_data["commune"]
        if commune not in self.fields["commune"].queryset:
            raise ValidationError("Votre structure ne peut pas publier d'annonce pour cette commune.")
        return commune

    def clean(self):
        cleaned = super().clean()
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if latitude is not None and longitude is not None:
            cleaned["location"] = format_point(latitude, longitude)
        return cleaned

    def _post_clean(self):
        # The model's validation (territory box, dates) reads the location built in clean().
        if "location" in self.cleaned_data:
            self.instance.location = self.cleaned_data["location"]
        super()._post_clean()
        if "location" in self._errors:
            self._errors.setdefault("latitude", self.error_class()).extend(self._errors.pop("location"))


class ContactForm(forms.ModelForm):
    class Meta:
        model = ListingContact
        fields = ["name", "role", "email", "phone", "consent_to_publish"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "contact")
        super().__init__(*args, **kwargs)
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
