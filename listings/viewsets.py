import django_filters
from django.urls import path, reverse
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.views.snippets import IndexView, SnippetViewSetGroup

from core.spreadsheets import SafeSpreadsheetExportMixin
from reference.desk_admin import DeskScopedViewSetMixin, desk_term_choices, in_user_desks
from reference.models import Commune
from reference.viewsets import FrenchSnippetViewSet
from reference.vocabularies import Vocabulary

from .account_admin import AccountRequestViewSet
from .admin_editing import ListingCreateView, ListingEditView, ListingUnpublishView, ListingWorkflowActionView
from .admin_review import ListingReviewView
from .models import Listing, ListingStatus, Organisation
from .moderation_access import can_moderate


def desk_organisations(request):
    """The structures of the desks whose listings the user sees (a filter's choices)."""
    if request is None:
        return Organisation.objects.none()
    listings = in_user_desks(Listing.objects.all(), request.user)
    return Organisation.objects.filter(site__in=listings.values("site"))


class ListingFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Statut", choices=ListingStatus.choices, method="filter_status", empty_label="Tous"
    )
    kind = django_filters.ChoiceFilter(label="Type d'annonce", choices=[], empty_label="Tous")
    commune = django_filters.ModelChoiceFilter(label="Commune", queryset=Commune.objects.all())
    organisation = django_filters.ModelChoiceFilter(label="Structure", queryset=desk_organisations)

    class Meta:
        model = Listing
        fields = ["status", "kind", "commune", "organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The kinds are data: read for each list, those of the user's desks.
        self.filters["kind"].extra["choices"] = desk_term_choices(self.request, Vocabulary.LISTING_KIND)

    def filter_status(self, queryset, name, value):
        # The view's queryset is already annotated with the status (see get_queryset).
        return queryset.filter(moderation_status=value) if value else queryset


class ListingIndexView(SafeSpreadsheetExportMixin, IndexView):
    """The listings list; its CSV export is safe for spreadsheets (core/spreadsheets.py).
    A listing awaiting moderation offers « Relire » (the review screen) to moderators."""

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.moderation_status == ListingStatus.PENDING and can_moderate(self.request.user):
            url = reverse(Listing.snippet_viewset.get_url_name("review"), args=[instance.pk])
            buttons.insert(
                0,
                ListingButton("Relire", url=url, icon_name="doc-full", attrs={"aria-label": f"Relire « {instance} »"}),
            )
        return buttons


class ListingViewSet(DeskScopedViewSetMixin, FrenchSnippetViewSet):
    add_item_label = "Ajouter une annonce"
    model = Listing
    index_view_class = ListingIndexView
    add_view_class = ListingCreateView
    edit_view_class = ListingEditView
    edit_template_name = "listings/admin/edit.html"
    unpublish_view_class = ListingUnpublishView
    workflow_action_view_class = ListingWorkflowActionView
    icon = "home"
    menu_label = "Annonces"
    filterset_class = ListingFilterSet
    search_fields = ["title", "summary", "description"]
    list_display = [
        "title",
        Column("kind", label="Type", accessor="kind_label"),
        Column("commune", label="Commune"),
        Column("organisation", label="Structure"),
        Column("status", label="Statut", accessor="get_status_display"),
        DateColumn("expire_at", label="Expire le"),
    ]
    list_export = ["title", "kind", "commune", "organisation", "status", "expire_at", "last_confirmed_at"]
    export_filename = "annonces"
    inspect_view_enabled = True

    def get_queryset(self, request):
        # The mixin narrows it to the user's desks.
        return Listing.objects.select_related("commune", "organisation").annotate_status().with_kind_label()

    @property
    def review_view(self):
        return ListingReviewView.as_view()

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("relire/<int:pk>/", self.review_view, name="review")]


class OrganisationViewSet(DeskScopedViewSetMixin, FrenchSnippetViewSet):
    add_item_label = "Ajouter une structure"
    model = Organisation
    icon = "group"
    menu_label = "Structures contributrices"
    search_fields = ["name"]
    list_display = ["name", Column("kind", label="Type", accessor="get_kind_display"), "email"]
    list_filter = ["kind"]


class ListingsGroup(SnippetViewSetGroup):
    items = (ListingViewSet, OrganisationViewSet, AccountRequestViewSet)
    menu_icon = "home"
    menu_label = "Installation"
    menu_name = "installation"
    menu_order = 200
