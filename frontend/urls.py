"""Public site routes; included in cms/urls.py before Wagtail's catch-all.

/aides/trouver/ lives under the aids index page's URL: an aid page with the slug
"trouver" would be hidden by the aid finder.
"""

from django.urls import path
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap

from . import views
from .sitemaps import CommuneSitemap, ListingSitemap, StaticSitemap

app_name = "frontend"


def sitemap_view(request):
    """Wagtail's pages plus listings and communes (an ordinary sitemap, several sections)."""
    sections = {
        "pages": WagtailSitemap(request),
        "application": StaticSitemap(),
        "annonces": ListingSitemap(request),
        "communes": CommuneSitemap(request),
    }
    return sitemap(request, sitemaps=sections)


urlpatterns = [
    path("sitemap.xml", sitemap_view, name="sitemap"),
    path("carte/", views.map_view, name="map"),
    path("annonces/", views.listings_redirect, name="listings"),
    path("annonces/<slug:slug>/", views.listing_detail, name="listing"),
    path("communes/", views.commune_index, name="communes"),
    path("communes/<slug:slug>/", views.commune_detail, name="commune"),
    path("aides/trouver/", views.aid_finder, name="aid-finder"),
]
