"""Admin addresses of Wagtail's whose screens are served per desk: site history, locked pages
and the snippets index (``reference.desk_reports``), the workflow and page types usage reports
(``reference.desk_workflow_reports``). Included ahead of Wagtail's admin in ``cms/urls.py``, so
the same paths (and every link Wagtail builds to them) lead here. Wrapped as Wagtail wraps its
own: admin access, never cached."""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from .desk_reports import DeskLockedPagesView, DeskLogEntriesView, DeskSnippetIndexView
from .desk_workflow_reports import DeskPageTypesUsageReportView, DeskWorkflowTasksView, DeskWorkflowView

# (path, view class) — each served with and without its « results/ » part.
REPORTS = [
    ("reports/site-history/", DeskLogEntriesView),
    ("reports/locked/", DeskLockedPagesView),
    ("reports/workflow/", DeskWorkflowView),
    ("reports/workflow_tasks/", DeskWorkflowTasksView),
    ("reports/page-types-usage/", DeskPageTypesUsageReportView),
]

urlpatterns = [path("snippets/", DeskSnippetIndexView.as_view())]
for prefix, view in REPORTS:
    urlpatterns += [path(prefix, view.as_view()), path(f"{prefix}results/", view.as_view(results_only=True))]
urlpatterns = decorate_urlpatterns(decorate_urlpatterns(urlpatterns, require_admin_access), never_cache)
