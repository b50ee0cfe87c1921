"""The admin forms of the vocabularies and of the reference rows that store their codes.

A code column (HealthFacility.kind, ProfessionZoning.zone_class) has no static choices any
more (reference/vocabularies.py): its form offers a select of the desk's terms instead.
"""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from .desks import default_site_id, desk_related_fields
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
    """The professions and classes of the zoning's desk: its profession's, or for a new
    zoning the desk it is added in (reference.desk_admin.DeskCreateMixin)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.profession_id:
            site_id = self.instance.profession.site_id
        else:
            site_id = getattr(self.instance, "new_row_site_id", None) or default_site_id()
        desk_related_fields(self, site_id, {"profession": "site"})
        use_term_select(self, "zone_class", site_id, Vocabulary.ZONING_CLASS)
