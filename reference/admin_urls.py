"""Admin addresses of Wagtail's whose screens are served per desk (``reference.desk_reports``):
included ahead of Wagtail's admin in ``cms/urls.py``, so the same paths (and every link Wagtail
builds to them) lead here. Wrapped as Wagtail wraps its own: admin access, never cached."""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from .desk_reports import DeskLockedPagesView, DeskLogEntriesView, DeskSnippetIndexView

urlpatterns = [
    path("reports/site-history/", DeskLogEntriesView.as_view()),
    path("reports/site-history/results/", DeskLogEntriesView.as_view(results_only=True)),
    path("reports/locked/", DeskLockedPagesView.as_view()),
    path("reports/locked/results/", DeskLockedPagesView.as_view(results_only=True)),
    path("snippets/", DeskSnippetIndexView.as_view()),
]
urlpatterns = decorate_urlpatterns(decorate_urlpatterns(urlpatterns, require_admin_access), never_cache)
