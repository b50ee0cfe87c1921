"""Choosing communes in the admin: Wagtail's chooser modal, searchable and in French.

The Drôme has 362 communes: a plain multiple select of all of them is unusable. Editors
search a commune by name (with or without accents) or INSEE code in Wagtail's own chooser
modal; a field of several communes opens the same modal in its multiple-selection mode
(Wagtail 8 has no multiple chooser widget for a many-to-many field: ``CommuneMultipleChooser``
is that widget, a list of the chosen communes over a hidden ``<select multiple>``).
"""

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.staticfiles import versioned_static
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.widgets import AdminSnippetChooser

from .models import Commune


class CommuneSearchForm(BaseFilterForm):
    """Name, name without accents (the slug is ASCII) or the start of the INSEE code; no
    search index needed, 362 rows."""

    q = forms.CharField(
        label="Rechercher une commune",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Nom ou code INSEE", "autocomplete": "off"}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            condition = Q(name__icontains=query) | Q(insee_code__startswith=query)
            if ascii_query := slugify(query):
                condition |= Q(slug__contains=ascii_query)
            objects = objects.filter(condition)
            self.is_searching = True
            self.search_query = query
        return objects


class CommuneChooseView(ChooseView):
    filter_form_class = CommuneSearchForm


class CommuneChooseResultsView(ChooseResultsView):
    filter_form_class = CommuneSearchForm


class CommuneChooser(AdminSnippetChooser):
    """Wagtail's snippet chooser writes « Choisir un autre commune » from the verbose name."""

    def __init__(self, model=None, **kwargs):
        super().__init__(model=model, **kwargs)
        self.choose_one_text = "Choisir une commune"
        self.choose_another_text = "Choisir une autre commune"
        self.link_to_chosen_text = "Modifier cette commune"


class CommuneChooserViewSet(SnippetChooserViewSet):
    choose_view_class = CommuneChooseView
    choose_results_view_class = CommuneChooseResultsView
    base_widget_class = CommuneChooser
    choose_one_text = "Choisir une commune"
    choose_another_text = "Choisir une autre commune"
    edit_item_text = "Modifier cette commune"
    page_title = "Choisir une commune"


class CommuneMultipleChooser(forms.SelectMultiple):
    """Several communes picked in the chooser modal (multiple selection), listed with a
    « Retirer » button each. Submits like a ``<select multiple>``, so any
    ``ModelMultipleChoiceField`` of communes takes it (``FieldPanel(..., widget=…)``)."""

    template_name = "reference/widgets/commune_multiple_chooser.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # Only numbers: a crafted POST's « abc » is the field's error, not a failing lookup.
        ids = [str(v).strip() for v in (value or []) if str(v).strip().isdecimal()]
        context["chosen"] = list(Commune.objects.filter(pk__in=ids).order_by("name")) if ids else []
        context["chooser_url"] = reverse(Commune.snippet_viewset.chooser_viewset.get_url_name("choose"))
        return context

    def optgroups(self, name, value, attrs=None):
        # The options are the chosen communes only (rendered by the template), never all 362.
        return []

    @cached_property
    def media(self):
        return forms.Media(
            css={"all": ["reference/css/multiple-chooser.css"]},
            js=[
                versioned_static("wagtailadmin/js/modal-workflow.js"),
                versioned_static("wagtailadmin/js/chooser-modal.js"),
                "reference/js/multiple-chooser.js",
            ],
        )
