from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from graphql_api import urls as graphql_urls
from reference import admin_urls as desk_admin_urls

urlpatterns = [
    # Wagtail's screens that staff of several desks share, served per desk: before Wagtail's.
    path("admin/", include(desk_admin_urls)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("cms.health")),  # /healthz/ (liveness) and /readyz/ (database, cache)
    path("", include("frontend.urls")),  # public site; its sitemap.xml replaces the next line's
    path("sitemap.xml", sitemap),
    path("", include(graphql_urls)),
    path("", include("listings.urls")),
    path("", include("listings.freshness_urls")),
    path("", include("accompaniment.urls")),
    path("", include("reference.urls")),
    path("", include("media_library.urls")),
    path("donnees-ouvertes/", include("opendata.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving catches everything else, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]

# Error pages in the site's layout (used when DEBUG is off).
handler403 = "frontend.views.errors.permission_denied"
handler404 = "frontend.views.errors.page_not_found"
handler500 = "frontend.views.errors.server_error"
