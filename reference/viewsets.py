from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .choosers import CommuneChooserViewSet
from .models import Commune, Epci, HealthFacility, Profession, ProfessionZoning


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
    icon = "site"
    menu_label = "Communes"
    search_fields = ["name", "insee_code"]
    list_display = ["name", "insee_code", "epci", "population", Column("zonage", accessor="get_zonage_display")]
    list_filter = ["zonage", "epci"]
    list_per_page = 50


class EpciViewSet(FrenchSnippetViewSet):
    model = Epci
    add_item_label = "Ajouter une intercommunalité"
    icon = "group"
    menu_label = "Intercommunalités"
    search_fields = ["name", "siren"]
    list_display = ["name", "siren"]


class ProfessionViewSet(FrenchSnippetViewSet):
    model = Profession
    add_item_label = "Ajouter une profession"
    icon = "user"
    menu_label = "Professions"
    list_display = ["name", "rpps_code"]
    sort_order_field = "sort_order"


class HealthFacilityViewSet(FrenchSnippetViewSet):
    model = HealthFacility
    add_item_label = "Ajouter un établissement"
    icon = "plus-inverse"
    menu_label = "Offre de soins"
    search_fields = ["name", "address"]
    list_display = ["name", Column("kind", label="Type", accessor="get_kind_display"), "commune", "hosts_interns"]
    list_filter = ["kind", "hosts_interns"]

    def get_queryset(self, request):
        return HealthFacility.objects.select_related("commune")


class ProfessionZoningViewSet(FrenchSnippetViewSet):
    model = ProfessionZoning
    add_item_label = "Ajouter un zonage par profession"
    icon = "table"
    menu_label = "Zonages par profession"
    search_fields = ["commune__name", "commune__insee_code"]
    list_display = [
        "commune",
        "profession",
        Column("zone_class", label="Classe", accessor="get_zone_class_display"),
        BooleanColumn("is_underserved", label="Zone sous-dotée"),
        "source",
        "decided_on",
        "fictitious",
    ]
    list_filter = ["profession", "zone_class", "fictitious"]
    list_per_page = 50

    def get_queryset(self, request):
        return ProfessionZoning.objects.select_related("commune", "profession")


class ReferenceGroup(SnippetViewSetGroup):
    items = (CommuneViewSet, EpciViewSet, ProfessionViewSet, ProfessionZoningViewSet, HealthFacilityViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "Référentiels"
    menu_name = "referentiels"
    menu_order = 300
