"""Public site routes; included in cms/urls.py before Wagtail's catch-all.

/aides/trouver/ lives under the aids index page's URL: an aid page with the slug
"trouver" would be hidden by the aid finder.
"""

from django.urls import path
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap

from .sitemaps import CommuneSitemap, ListingSitemap, StaticSitemap
from .views import aids, communes, key_figures, listings, opportunity_map, static_maps

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
    path("carte/", opportunity_map.map_view, name="map"),
    # The maps as images (SVG) drawn by the server: what a visitor without JavaScript sees.
    path("carte/plan.svg", static_maps.map_svg, name="map-svg"),
    path("annonces/", opportunity_map.listings_redirect, name="listings"),
    path("annonces/<slug:slug>/", listings.listing_detail, name="listing"),
    path("annonces/<slug:slug>/plan.svg", static_maps.listing_svg, name="listing-svg"),
    path("communes/", communes.commune_index, name="communes"),
    path("communes/<slug:slug>/", communes.commune_detail, name="commune"),
    path("communes/<slug:slug>/plan.svg", static_maps.commune_svg, name="commune-svg"),
    path("aides/trouver/", aids.aid_finder, name="aid-finder"),
    path("chiffres-cles/", key_figures.key_figures, name="key-figures"),
]
