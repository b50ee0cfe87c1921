"""Wagtail's workflow and page types usage reports, per desk (``reference.desk_workflow_reports``):
included ahead of Wagtail's admin in ``cms/urls.py``, so the same paths (and every link Wagtail
builds to them) lead here. Wrapped as Wagtail wraps its own: admin access, never cached."""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from .desk_workflow_reports import DeskPageTypesUsageReportView, DeskWorkflowTasksView, DeskWorkflowView

urlpatterns = [
    path("reports/workflow/", DeskWorkflowView.as_view()),
    path("reports/workflow/results/", DeskWorkflowView.as_view(results_only=True)),
    path("reports/workflow_tasks/", DeskWorkflowTasksView.as_view()),
    path("reports/workflow_tasks/results/", DeskWorkflowTasksView.as_view(results_only=True)),
    path("reports/page-types-usage/", DeskPageTypesUsageReportView.as_view()),
    path("reports/page-types-usage/results/", DeskPageTypesUsageReportView.as_view(results_only=True)),
]
urlpatterns = decorate_urlpatterns(decorate_urlpatterns(urlpatterns, require_admin_access), never_cache)
