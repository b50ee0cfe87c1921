"""The GET forms of the public pages.

They are always valid: a value a page cannot use becomes its field's default, so that a
stale link or a hand-edited address shows the page (unfiltered), never an error.
"""

import datetime

from django import forms

MAX_SEARCH_LENGTH = 200
RADIUS_CHOICES = [
    (0, "La commune seule"),
    (10, "10 km autour"),
    (20, "20 km autour"),
    (40, "40 km autour"),
]


class TextField(forms.Field):
    """Text as sent, '' when absent. No null-character check: the API answers for its input."""

    def __init__(self, *, strip=False, max_length=None, **kwargs):
        self.strip = strip
        self.max_length = max_length
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        value = "" if value is None else str(value)
        if self.strip:
            value = value.strip()
        return value[: self.max_length] if self.max_length else value


class WholeNumberField(forms.Field):
    """A whole number as int() reads it ('010', ' 20 '), else ``default``."""

    def __init__(self, *, default, **kwargs):
        self.default = default
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        try:
            return int(value)
        except (TypeError, ValueError):
            return self.default


class KnownValueField(forms.ChoiceField):
    """One of the choices the page sets (from the API), '' for anything else."""

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return value if self.valid_value(value) else ""


class IsoDateField(forms.Field):
    """A date written YYYY-MM-DD (what <input type="date"> sends), else None."""

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        try:
            return datetime.date.fromisoformat(str(value).strip()) if value else None
        except ValueError:
            return None


class ZoneField(forms.Field):
    """The map's visible rectangle, "west,south,east,north" in degrees (what map.js sends
    when the list follows the map), else None."""

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        try:
            west, south, east, north = (float(part) for part in str(value or "").split(","))
        except ValueError:
            return None
        if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
            return None
        return {"minLongitude": west, "minLatitude": south, "maxLongitude": east, "maxLatitude": north}


class MapFilterForm(forms.Form):
    """The filters of the map page (/carte/) and its page number."""

    type = KnownValueField()  # a listing kind: the keys of ``kinds`` ({code: label})
    profession = TextField()  # a profession slug, checked by the API's answer
    q = TextField(strip=True, max_length=MAX_SEARCH_LENGTH)
    commune = TextField()  # as typed: commune_search.resolve_commune
    rayon = WholeNumberField(default=0)
    zone = ZoneField()  # the list of the part of the map in view
    page = WholeNumberField(default=1)

    def __init__(self, data, *, kinds):
        kind = data.get("type") or ""
        if kind not in kinds and kind.lower() in kinds:
            # Links written before kinds became codes say ?type=OFFICE (the deprecated API enum's name).
            data = data.copy()
            data["type"] = kind.lower()
        super().__init__(data)
        self.fields["type"].choices = list(kinds.items())

    def clean_rayon(self):
        radius = self.cleaned_data["rayon"]
        return radius if radius in dict(RADIUS_CHOICES) else 0

    def clean_page(self):
        return max(1, self.cleaned_data["page"])


FIRST_INSTALLATION_CHOICES = [("oui", "Oui"), ("non", "Non")]  # '' : « Je ne sais pas encore »


class AidFinderForm(forms.Form):
    """The visitor's situation on the aid finder (/aides/trouver/)."""

    profil = KnownValueField()  # an aid audience code
    profession = KnownValueField()  # a profession slug
    commune = TextField()  # as typed: commune_search.resolve_commune
    premiere = KnownValueField(choices=FIRST_INSTALLATION_CHOICES)  # first installation: 'oui', 'non' or ''
    mode = KnownValueField()  # a PracticeMode value (LIBERAL...): the keys of ``practice_modes``
    date = IsoDateField()  # the planned date; None: today (the API's default)

    def __init__(self, data, *, audiences, professions, practice_modes):
        super().__init__(data)
        self.fields["profil"].choices = [(audience["code"], audience["name"]) for audience in audiences]
        self.fields["profession"].choices = [(profession["slug"], profession["name"]) for profession in professions]
        self.fields["mode"].choices = list(practice_modes.items())

    def first_installation(self):
        """True, False or None (not answered) for the API's AidSituation.firstInstallation."""
        return {"oui": True, "non": False}.get(self.cleaned_data["premiere"])
