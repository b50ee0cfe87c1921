"""Wagtail's shared admin screens, per desk: what staff of desk A read there of desk B.

- « Historique du site » (and its exports): the entries of ``desk_history.viewable_entries``;
  its filters offer the users, types and actions of those entries only (Wagtail's
  « Utilisateur » lists whoever wrote any page entry, of any desk);
- « Pages verrouillées »: « Verrouillé par » lists who locked a page of the report (Wagtail's
  lists whoever locked any page, of any desk);
- the snippets' index: each model's count is of the rows its own list shows the reader
  (Wagtail counts every row, of every desk).

They are served at Wagtail's own addresses (``reference.admin_urls``, ahead of Wagtail's in
``cms/urls.py``), so every link of the admin leads to them.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import ContentTypeFilter
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.admin.views.reports.locked_pages import LockedPagesReportFilterSet, LockedPagesView
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import ModelIndexView, get_snippet_models_for_index_view

from .desk_history import in_readers_desks, viewable_entries


def readable_entries(user):
    """One queryset per log model (pages, other models) of the entries ``user`` may read."""
    return [viewable_entries(log_model, user) for log_model in log_action_registry.get_log_entry_models()]


def content_types_for_filter(request):
    ids = set().union(*(entries.get_content_type_ids() for entries in readable_entries(request.user)))
    return ContentType.objects.filter(pk__in=ids).order_by("model")


class DeskSiteHistoryFilterSet(SiteHistoryReportFilterSet):
    object_type = ContentTypeFilter(
        label=gettext_lazy("Type"), method="filter_object_type", queryset=content_types_for_filter
    )

    def get_action_choices(self):
        actions = set().union(*(entries.get_actions() for entries in readable_entries(self.request.user)))
        return [choice for choice in log_action_registry.get_choices() if choice[0] in actions]

    def get_users_queryset(self):
        ids = set().union(*(entries.get_user_ids() for entries in readable_entries(self.request.user)))
        User = get_user_model()
        return User.objects.filter(pk__in=ids).order_by(User.USERNAME_FIELD)

    class Meta(SiteHistoryReportFilterSet.Meta):
        pass


class DeskLogEntriesView(LogEntriesView):
    filterset_class = DeskSiteHistoryFilterSet

    def filter_queryset(self, queryset):
        # Called by Wagtail's get_filtered_queryset on each log model's entries, before
        # their union (results, pagination and both exports).
        return in_readers_desks(super().filter_queryset(queryset), self.request.user)


def lockers_for_filter(request):
    """Who locked a page the report lists (LockedPagesView.get_queryset)."""
    user = request.user
    editable = policy_registry.get_by_type(Page).instances_user_has_permission_for(user, "change")
    pages = (editable | Page.objects.filter(locked_by=user)).filter(locked=True)
    User = get_user_model()
    return User.objects.filter(pk__in=pages.values("locked_by")).order_by(User.USERNAME_FIELD)


class DeskLockedPagesFilterSet(LockedPagesReportFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["locked_by"].queryset = lockers_for_filter


class DeskLockedPagesView(LockedPagesView):
    filterset_class = DeskLockedPagesFilterSet


class DeskSnippetIndexView(ModelIndexView):
    def _get_snippet_types(self):
        # Wagtail's, counting what each model's list shows the user (a desk's rows: its own
        # desks', DeskScopedViewSetMixin) rather than every row.
        return [
            {"name": capfirst(model._meta.verbose_name_plural), "count": self.count(model), "model": model, "url": url}
            for model in get_snippet_models_for_index_view()
            if (url := self.get_list_url(model))
        ]

    def count(self, model):
        queryset = model.snippet_viewset.get_queryset(self.request)
        return (queryset if queryset is not None else model._default_manager.all()).count()
