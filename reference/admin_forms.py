"""The admin forms of the vocabularies and of the reference rows that store their codes.

A code column (HealthFacility.kind, ProfessionZoning.zone_class) has no static choices any
more (reference/vocabularies.py): its form offers a select of the desk's terms instead.
"""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from .vocabularies import DETAIL_FIELDS, Vocabulary, use_term_select


class TermAdminForm(WagtailAdminModelForm):
    """Code and vocabulary frozen once the term exists (rows store the code); the detail
    fields of a listing kind as checkboxes with their French labels."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "detail_fields" in self.fields:
            self.fields["detail_fields"] = forms.MultipleChoiceField(
                label=self.fields["detail_fields"].label,
                help_text=self.fields["detail_fields"].help_text,
                required=False,
                choices=list(DETAIL_FIELDS.items()),
                widget=forms.CheckboxSelectMultiple,
            )
        if self.instance.pk is not None:
            for name in ("vocabulary", "code"):
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = "Ne peut plus être modifié : des lignes enregistrent ce code."


class HealthFacilityAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_term_select(self, "kind", self.instance.site_id, Vocabulary.FACILITY_KIND)


class ProfessionZoningAdminForm(WagtailAdminModelForm):
    """The classes of the zoned profession's desk (the default desk's for a new zoning)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        site_id = self.instance.profession.site_id if self.instance.profession_id else None
        use_term_select(self, "zone_class", site_id, Vocabulary.ZONING_CLASS)
