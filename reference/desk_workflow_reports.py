"""Wagtail's workflow reports and page types usage report, per desk.

Wagtail lists in « Workflows » and « Tâches de workflow » (and their CSV/XLSX exports) the
workflow states of every snippet of a model the reader may edit, whatever its desk: a
moderator of desk A read the titles, statuses and requesters of desk B's listings. Pages are
already narrowed to those the reader may edit. Here the states of a model under
``DeskScopedPermissionPolicy`` are kept only when their object is in one of the reader's desks
(as its index lists it), and the « Demandé par » filter offers only the requesters of the
states kept. « Utilisation des types de page » counted and named (the last edited page) the
pages of every desk, and offered every desk's site as a filter: it now counts those the reader
may edit, among the reader's desks.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django_filters import ModelChoiceFilter
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportFilterSet, PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import (
    WorkflowReportFilterSet,
    WorkflowTasksView,
    WorkflowView,
    get_requested_by_queryset,
)
from wagtail.models import Page, WorkflowState, get_default_page_content_type
from wagtail.permissions import policy_registry

from users.roles import desks_of

from .desk_admin import in_user_desks
from .desk_bulk_actions import desk_scoped_snippet_models

PAGE_ACTIONS = ["add", "change", "publish"]


def in_desks(user, prefix=""):
    """A condition on WorkflowState (through ``prefix``, e.g. ``"workflow_state__"``): its
    object is a page, a row of a model desks do not own, or a row of the user's desks."""
    models = desk_scoped_snippet_models()
    content_types = ContentType.objects.get_for_models(*models) if models else {}
    condition = Q(**{f"{prefix}base_content_type_id": get_default_page_content_type().pk}) | ~Q(
        **{f"{prefix}content_type_id__in": [ct.pk for ct in content_types.values()]}
    )
    for model, content_type in content_types.items():
        # WorkflowState.object_id is text (a generic relation), as in Wagtail's own reports.
        ids = in_user_desks(model._default_manager.all(), user).values_list(Cast("pk", CharField()), flat=True)
        condition |= Q(**{f"{prefix}content_type_id": content_type.pk, f"{prefix}object_id__in": ids})
    return condition


def requesters_in_desks(request):
    """Who requested the workflows the reader may see (Wagtail's filter names everyone's)."""
    if request is None:
        return get_user_model().objects.none()
    requested = WorkflowState.objects.filter(in_desks(request.user)).values("requested_by")
    return get_requested_by_queryset(request).filter(pk__in=requested)


class DeskWorkflowReportFilterSet(WorkflowReportFilterSet):
    requested_by = ModelChoiceFilter(field_name="requested_by", queryset=requesters_in_desks)


class DeskWorkflowView(WorkflowView):
    filterset_class = DeskWorkflowReportFilterSet

    def get_queryset(self):
        return super().get_queryset().filter(in_desks(self.request.user))


class DeskWorkflowTasksView(WorkflowTasksView):
    def get_queryset(self):
        return super().get_queryset().filter(in_desks(self.request.user, prefix="workflow_state__"))


class DeskPageTypesUsageReportFilterSet(PageTypesUsageReportFilterSet):
    """« Site »: the reader's desks only (Wagtail offers every site); none for one desk."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sites = list(desks_of(self.request.user).select_related("root_page")) if self.request else []
        self.sites = {site.pk: site for site in sites}
        self.sites_filter_enabled = len(sites) > 1
        if not self.sites_filter_enabled:
            self.filters.pop("site", None)
        elif "site" in self.filters:
            self.filters["site"].extra["choices"] = [(site.root_page.path, str(site)) for site in sites]


class DeskPageTypesUsageReportView(PageTypesUsageReportView):
    filterset_class = DeskPageTypesUsageReportFilterSet

    def get_queryset(self):
        # Wagtail's query (wagtail.admin.views.reports.page_types_usage), its count and last
        # edited page restricted to the pages the reader may edit.
        queryset = ContentType.objects.filter(model__in=self.page_models)
        if not Page.objects.filter(depth__gt=1, content_type=ContentType.objects.get_for_model(Page)).exists():
            queryset = queryset.exclude(id=ContentType.objects.get_for_model(Page).id)
        self.queryset = queryset
        queryset = self.filter_queryset(queryset)

        pages = policy_registry.get_by_type(Page).instances_user_has_any_permission_for(self.request.user, PAGE_ACTIONS)
        latest_filter, count_filter = {"pk__in": pages.values("pk")}, {"pages__in": pages.values("pk")}
        if language_code := self.filters.form.cleaned_data.get("page_locale"):
            latest_filter["locale__language_code"] = count_filter["pages__locale__language_code"] = language_code
        if site_root_path := self.filters.form.cleaned_data.get("site"):
            latest_filter["path__startswith"] = count_filter["pages__path__startswith"] = site_root_path
        latest_edited_page = Page.objects.filter(content_type=OuterRef("pk"), **latest_filter).order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        return queryset.annotate(
            count=Count("pages", filter=Q(**count_filter)),
            last_edited_page_id=Subquery(latest_edited_page.values("pk")[:1]),
        ).order_by("-count", "app_label", "model")
