import django_filters
from django.db.models.functions import Coalesce
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_forms import TermAdminForm
from .choosers import CommuneChooserViewSet
from .desk_admin import DeskScopedViewSetMixin, desk_term_choices, in_user_desks
from .desk_usage import DeskUsageView, SharedRowEditView
from .models import Commune, Epci, HealthFacility, Profession, ProfessionZoning
from .vocabularies import Term, Vocabulary, label_subquery


class FrenchSnippetViewSet(SnippetViewSet):
    """Wagtail titles the add button « Ajouter un(e) <verbose name> »: each viewset says it
    in French instead (``add_item_label``)."""

    add_item_label = None

    def get_index_view_kwargs(self, **kwargs):
        if self.add_item_label:
            kwargs.setdefault("add_item_label", self.add_item_label)
        return super().get_index_view_kwargs(**kwargs)


class CommuneViewSet(FrenchSnippetViewSet):
    model = Commune
    add_item_label = "Ajouter une commune"
    # Searchable chooser, in French, for every commune field of the admin (reference/choosers.py).
    chooser_viewset_class = CommuneChooserViewSet
    # Every desk's rows use the communes: each desk's staff see their own in « Utilisation ».
    usage_view_class = DeskUsageView
    edit_view_class = SharedRowEditView
    icon = "site"
    menu_label = "Communes"
    search_fields = ["name", "insee_code"]
    list_display = ["name", "insee_code", "epci", "population", Column("zonage", accessor="get_zonage_display")]
    list_filter = ["zonage", "epci"]
    list_per_page = 50


class EpciViewSet(FrenchSnippetViewSet):
    model = Epci
    add_item_label = "Ajouter une intercommunalité"
    usage_view_class = DeskUsageView
    edit_view_class = SharedRowEditView
    icon = "group"
    menu_label = "Intercommunalités"
    search_fields = ["name", "siren"]
    list_display = ["name", "siren"]


class ProfessionViewSet(DeskScopedViewSetMixin, FrenchSnippetViewSet):
    model = Profession
    add_item_label = "Ajouter une profession"
    icon = "user"
    menu_label = "Professions"
    list_display = ["name", "rpps_code"]
    sort_order_field = "sort_order"


def term_filter(label):
    """A filter on a code column whose choices are the default desk's terms, set per list
    (``TermFilterSet``): the vocabularies are data, read when the list is shown."""
    return django_filters.ChoiceFilter(label=label, choices=[], empty_label="Tous")


class TermFilterSet(WagtailFilterSet):
    term_filters = {}  # filter name -> vocabulary

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, vocabulary in self.term_filters.items():
            self.filters[name].extra["choices"] = desk_term_choices(self.request, vocabulary)


class HealthFacilityFilterSet(TermFilterSet):
    kind = term_filter("Type")
    term_filters = {"kind": Vocabulary.FACILITY_KIND}

    class Meta:
        model = HealthFacility
        fields = ["kind", "hosts_interns"]


class HealthFacilityViewSet(DeskScopedViewSetMixin, FrenchSnippetViewSet):
    model = HealthFacility
    add_item_label = "Ajouter un établissement"
    icon = "plus-inverse"
    menu_label = "Offre de soins"
    search_fields = ["name", "address"]
    list_display = ["name", Column("kind", label="Type", accessor="kind_label"), "commune", "hosts_interns"]
    filterset_class = HealthFacilityFilterSet

    def get_queryset(self, request):
        # Each row's label comes from its desk's terms in the same query.
        return HealthFacility.objects.select_related("commune").annotate(
            desk_kind_label=Coalesce(label_subquery(Vocabulary.FACILITY_KIND, "kind"), "kind")
        )


def desk_professions(request):
    """The professions of the user's desks (a filter's choices)."""
    return in_user_desks(Profession.objects.all(), request.user) if request else Profession.objects.none()


class ProfessionZoningFilterSet(TermFilterSet):
    profession = django_filters.ModelChoiceFilter(label="Profession", queryset=desk_professions)
    zone_class = term_filter("Classe de zonage")
    term_filters = {"zone_class": Vocabulary.ZONING_CLASS}

    class Meta:
        model = ProfessionZoning
        fields = ["profession", "zone_class", "fictitious"]


class ProfessionZoningViewSet(DeskScopedViewSetMixin, FrenchSnippetViewSet):
    model = ProfessionZoning
    # A zoning belongs to the desk of its profession.
    site_field = "profession__site"
    add_item_label = "Ajouter un zonage par profession"
    icon = "table"
    menu_label = "Zonages par profession"
    search_fields = ["commune__name", "commune__insee_code"]
    list_display = [
        "commune",
        "profession",
        Column("zone_class", label="Classe", accessor="class_label"),
        BooleanColumn("underserved", label="Zone sous-dotée"),
        "source",
        "decided_on",
        "fictitious",
    ]
    filterset_class = ProfessionZoningFilterSet
    list_per_page = 50

    def get_queryset(self, request):
        return (
            ProfessionZoning.objects.select_related("commune", "profession")
            .with_class_level()
            .annotate(
                class_label=Coalesce(
                    label_subquery(Vocabulary.ZONING_CLASS, "zone_class", site_field="profession__site"), "zone_class"
                )
            )
        )


class TermFilterSetByVocabulary(WagtailFilterSet):
    vocabulary = django_filters.ChoiceFilter(label="Vocabulaire", choices=Vocabulary.choices, empty_label="Tous")

    class Meta:
        model = Term
        fields = ["vocabulary"]


class TermViewSet(DeskScopedViewSetMixin, FrenchSnippetViewSet):
    """The desk's vocabularies: listing kinds, facility kinds, aid types, zoning classes.
    Deleting a term still used is refused (wagtail_hooks.refuse_deleting_used_terms)."""

    model = Term
    add_item_label = "Ajouter un terme"
    icon = "list-ul"
    menu_label = "Vocabulaires"
    search_fields = ["label", "code"]
    list_display = [
        "label",
        "code",
        Column("vocabulary", label="Vocabulaire", accessor="get_vocabulary_display"),
        "sort_order",
    ]
    filterset_class = TermFilterSetByVocabulary
    # The model's panels with the form that freezes the code and shows the details as checkboxes.
    edit_handler = ObjectList(Term.panels, base_form_class=TermAdminForm)
    list_per_page = 50
    ordering = ["vocabulary", "sort_order", "label"]

    def get_queryset(self, request):
        # The mixin narrows them to the user's desks.
        return Term.objects.select_related("site")


class ReferenceGroup(SnippetViewSetGroup):
    items = (
        CommuneViewSet,
        EpciViewSet,
        ProfessionViewSet,
        ProfessionZoningViewSet,
        HealthFacilityViewSet,
        TermViewSet,
    )
    menu_icon = "folder-open-inverse"
    menu_label = "Référentiels"
    menu_name = "referentiels"
    menu_order = 300
