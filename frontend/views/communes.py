"""The communes: their index (with a search) and each commune's page."""

import re

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse

from .. import api
from ..commune_search import commune_names, resolve_commune
from ..geo import distance_km
from ..listing_cards import with_first_photo
from .page_context import base_context

NEARBY_RADIUS_KM = 25
INSEE_RE = re.compile(r"^(?:(?P<name>[-a-z0-9]+)-)?(?P<insee>[0-9][0-9AB][0-9]{3})$", re.IGNORECASE)


def commune_detail(request, slug):
    match = INSEE_RE.match(slug)
    if not match:
        raise Http404("Commune introuvable.")
    insee = match.group("insee").upper()
    commune = api.execute(request, "commune_page", {"insee": insee})["commune"]
    if commune is None:
        raise Http404("Commune introuvable.")
    if slug != commune["slug"]:
        return HttpResponsePermanentRedirect(reverse("frontend:commune", args=[commune["slug"]]))
    nearby = []
    found = []
    if commune["centroidLatitude"] is not None:
        variables = {"insee": insee, "radiusKm": NEARBY_RADIUS_KM}
        found = api.execute(request, "nearby", variables)["listings"]["results"]
    for listing in found:
        if listing["commune"]["inseeCode"] == insee:
            continue
        distance = distance_km(
            commune["centroidLatitude"], commune["centroidLongitude"], listing["latitude"], listing["longitude"]
        )
        nearby.append({**listing, "distance_km": distance})
    context = base_context(request)
    context.update(
        {
            "commune": commune,
            "listings": with_first_photo(commune["listings"]),
            "nearby": nearby[:10],
            "nearby_radius_km": NEARBY_RADIUS_KM,
            "canonical_url": request.build_absolute_uri(),
            "boundary": commune["boundary"],
            "map_points": [
                {key: listing[key] for key in ("latitude", "longitude", "title", "kind", "slug")}
                for listing in commune["listings"]
            ]
            + [
                {
                    **{key: f[key] for key in ("latitude", "longitude", "name", "address", "hostsInterns")},
                    "facilityKind": f["kind"],
                    "commune": {"name": commune["name"], "slug": commune["slug"]},
                }
                for f in commune["healthFacilities"]
            ],
        }
    )
    return render(request, "frontend/commune_detail.html", context)


def commune_index(request):
    context = base_context(request)
    communes = commune_names(request)
    text = request.GET.get("commune", "")
    commune, candidates = resolve_commune(communes, text)
    if commune:
        return redirect("frontend:commune", commune["slug"])
    _, with_opportunities = api.execute_all_pages(request, "commune_index", "communes")
    context.update(
        {
            "communes": communes,
            "with_opportunities": with_opportunities,
            "commune_text": text,
            "candidates": candidates,
            "not_found": bool(text.strip()) and not candidates,
        }
    )
    return render(request, "frontend/commune_index.html", context)
