from wagtail.snippets.views.snippets import SnippetViewSet

from reference.desk_admin import DeskScopedViewSetMixin

from .models import AidAudience


class AidAudienceViewSet(DeskScopedViewSetMixin, SnippetViewSet):
    """The audiences of the aid finder (student, intern...): data, so that another sector
    can rename or add its own without code."""

    model = AidAudience
    icon = "group"
    menu_label = "Publics des aides"
    list_display = ["name", "code"]
    sort_order_field = "sort_order"
    add_item_label = "Ajouter un public"

    def get_index_view_kwargs(self, **kwargs):
        # Wagtail's default reads « Ajouter un(e) public visé ».
        return super().get_index_view_kwargs(add_item_label=self.add_item_label, **kwargs)
