"""The maps as images drawn by the server (SVG, frontend/static_map.py): what a visitor sees
without JavaScript, or before the interactive map has loaded.

/carte/plan.svg takes the query string of /carte/ and reads it with the same rule
(frontend/map_filters.py); /communes/<slug>/plan.svg and /annonces/<slug>/plan.svg draw one
place among its neighbours. Everything comes from the public API (a listing that is not
public is absent from it: 404). Each image is cached under the content version, keyed by
what it shows (the filters once read, not the raw query string).

The response forbids everything to the document itself (Content-Security-Policy
default-src 'none'): opened directly, an image with a crafted name cannot run anything.
"""

import hashlib
import json
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.cache import patch_cache_control

from core.content_version import content_version

from .. import api
from ..desk import enum_labels, site_settings
from ..map_filters import FILTER_PARAMETERS, read_map_filters
from ..static_map import MapPoint, StaticMap, expand, geometry_bounds, point_bounds, render, union_bounds
from .communes import INSEE_RE

SVG_CONTENT_TYPE = "image/svg+xml; charset=utf-8"
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'"
CACHE_SECONDS = api.CACHE_SECONDS
# A place's image: its commune (and listing) with this share of their span around, 4:3.
PLACE_MARGIN = 0.35
PLACE_ASPECT = 4 / 3
PLACE_LABELS = 4
MAP_SCALE = 1.3  # the whole territory, shown 330 px (phone) to 670 px (desktop) wide
PLACE_SCALE = 2.2  # shown 300–450 px wide: names and marks about as large as the page's text
LEGEND = (
    "Communes colorées selon leur nombre d'opportunités (aucune, 1, 2 à 3, 4 et plus) ; "
    "points rouges : opportunités ; carrés blancs : lieux de soins ; trait bleu foncé : limite du territoire."
)


class WrongSlug(Exception):
    """The commune is known under another slug: its image is at ``url``."""

    def __init__(self, url):
        super().__init__(url)
        self.url = url


def plural(count, singular, many):
    return f"{count}\u00a0{many if count > 1 else singular}"


def svg_response(svg):
    response = HttpResponse(svg, content_type=SVG_CONTENT_TYPE)
    patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_BROWSER_MAX_AGE)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SVG_POLICY
    return response


def cached_svg(request, kind, shown, build):
    """The image `build()` draws, cached under the content version and what it shows.
    `build` may raise Http404 (nothing is cached then)."""
    payload = json.dumps([request.get_host(), kind, shown], sort_keys=True, separators=(",", ":"))
    key = f"frontend:static-map:{content_version()}:{hashlib.sha256(payload.encode()).hexdigest()}"
    svg = cache.get(key)
    if svg is None:
        svg = build()
        cache.set(key, svg, CACHE_SECONDS)
    return svg_response(svg)


def all_communes(request):
    """Every commune with its outline, centre, population and number of public listings."""
    _, communes = api.execute_all_pages(request, "static_map_communes", "communes")
    return communes


def territory_name(request):
    return site_settings(request)["territory_name"] or settings.TERRITORY["name"]


def listing_counts(communes):
    return {commune["inseeCode"]: commune["listingCount"] for commune in communes}


def map_svg(request):
    """/carte/plan.svg?<the query string of /carte/>: the territory, communes tinted by the
    number of listings the filters find, those listings, the chosen commune and radius."""

    def build():
        communes = all_communes(request)
        labels = enum_labels(request)
        filters = read_map_filters(request.GET, kinds=labels["listingKind"], communes=communes)
        commune = filters.commune
        radius = filters.radius if commune else 0
        try:
            data = api.execute(request, "map_listings", {"filter": filters.listing_filter or None})
        except api.ApiError:  # as /carte/: the filters the API refuses are dropped
            data = api.execute(request, "map_listings", {"filter": None})
        features = data["listingMap"]["features"]
        counts = Counter(feature["properties"]["communeInseeCode"] for feature in features)
        title = f"Carte des opportunités d'installation en {territory_name(request)} : "
        title += plural(len(features), "opportunité", "opportunités")
        if commune and radius:
            title += f" à {radius} km autour de {commune['name']}"
        elif commune:
            title += f" à {commune['name']}"
        spec = StaticMap(
            title=title,
            description=LEGEND,
            communes=communes,
            counts=counts,
            selected=commune and commune["inseeCode"],
            radius_km=radius or None,
            listings=[
                point(
                    feature["geometry"]["coordinates"],
                    labels["listingKindColour"].get(feature["properties"]["kindCode"], ""),
                )
                for feature in features
            ],
            scale=MAP_SCALE,
        )
        return render(spec)

    # Keyed by the filters as sent (not the page number, nor unknown parameters): a cached
    # image is served without reading anything else.
    shown = {name: request.GET.get(name, "") for name in FILTER_PARAMETERS}
    return cached_svg(request, "map", shown, build)


def point(coordinates, colour=""):
    longitude, latitude = coordinates[:2]
    return MapPoint(latitude=latitude, longitude=longitude, colour=colour)


def place_bounds(commune, *points):
    """A commune's outline (or centre) and some points, with a margin; None if nothing is known."""
    bounds = union_bounds(
        geometry_bounds([commune.get("boundary")]),
        point_bounds(commune.get("centroidLatitude"), commune.get("centroidLongitude")),
        *(point_bounds(p.latitude, p.longitude) for p in points),
    )
    return expand(bounds, PLACE_MARGIN) if bounds else None


def commune_svg(request, slug):
    """/communes/<slug>/plan.svg: the commune among its neighbours, its listings and care places."""
    match = INSEE_RE.match(slug)
    if not match:
        raise Http404("Commune introuvable.")
    insee = match.group("insee").upper()

    def build():
        commune = api.execute(request, "commune_page", {"insee": insee})["commune"]
        if commune is None:
            raise Http404("Commune introuvable.")
        if slug != commune["slug"]:
            raise WrongSlug(reverse("frontend:commune-svg", args=[commune["slug"]]))
        communes = all_communes(request)
        colours = enum_labels(request)["listingKindColour"]
        listings = [
            MapPoint(item["latitude"], item["longitude"], colours.get(item["kind"], "")) for item in commune["listings"]
        ]
        facilities = [MapPoint(item["latitude"], item["longitude"]) for item in commune["healthFacilities"]]
        count = commune["listingCount"]
        spec = StaticMap(
            title=f"Carte de {commune['name']} et des communes voisines : "
            f"{plural(count, 'opportunité', 'opportunités')}, "
            f"{plural(commune['healthFacilityCount'], 'lieu de soins', 'lieux de soins')}",
            description=LEGEND,
            communes=communes,
            counts=listing_counts(communes),
            bounds=place_bounds(commune),
            aspect=PLACE_ASPECT,
            selected=insee,
            listings=listings,
            facilities=facilities,
            labels=PLACE_LABELS,
            scale=PLACE_SCALE,
        )
        return render(spec)

    try:
        return cached_svg(request, "commune", slug, build)
    except WrongSlug as moved:
        return HttpResponsePermanentRedirect(moved.url)


def listing_svg(request, slug):
    """/annonces/<slug>/plan.svg: where a public listing is, in its commune."""

    def build():
        listing = api.execute(request, "listing_page", {"slug": slug})["listing"]
        if listing is None:  # absent or not public: the API shows nothing of it
            raise Http404("Annonce introuvable ou retirée.")
        communes = all_communes(request)
        commune = listing["commune"]
        place = MapPoint(listing["latitude"], listing["longitude"])
        spec = StaticMap(
            title=f"Emplacement de l'annonce « {listing['title']} » à {commune['name']}",
            description=LEGEND,
            communes=communes,
            counts=listing_counts(communes),
            bounds=place_bounds(commune, place),
            aspect=PLACE_ASPECT,
            selected=commune["inseeCode"],
            listings=[place],
            labels=PLACE_LABELS,
            scale=PLACE_SCALE,
        )
        return render(spec)

    return cached_svg(request, "listing", slug, build)
