"""Form widgets shared by the contributor forms and the admin panels."""

from django import forms


class YesNoUnknownSelect(forms.NullBooleanSelect):
    """A yes / no question that may stay unanswered (a nullable boolean): « Non précisé »,
    « Oui », « Non »."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", "Non précisé"), ("true", "Oui"), ("false", "Non")]
