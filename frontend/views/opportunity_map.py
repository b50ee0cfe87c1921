"""The application's main page: the map of opportunities and, beside it, their list."""

from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse

from .. import api
from ..commune_search import commune_names
from ..desk import facility_symbols
from ..forms import RADIUS_CHOICES
from ..listing_cards import with_first_photo
from ..map_filters import read_map_filters
from .page_context import base_context

PAGE_SIZE = 20


def map_view(request):
    """The application: filters, the list of opportunities and, beside it, the map."""
    context = base_context(request)
    communes = commune_names(request)
    filters = read_map_filters(request.GET, kinds=context["labels"]["listingKind"], communes=communes)
    kind, profession, search = filters.kind, filters.profession, filters.search
    radius, page_number = filters.radius, filters.page_number
    commune_text, commune, candidates = filters.commune_text, filters.commune, filters.candidates
    errors = filters.errors
    listing_filter, order = filters.listing_filter, filters.order

    variables = {"filter": listing_filter or None, "order": order, "offset": (page_number - 1) * PAGE_SIZE}
    try:
        data = api.execute(request, "map_page", {**variables, "limit": PAGE_SIZE})
    except api.ApiError as error:
        errors.extend(error.messages)
        data = api.execute(request, "map_page", {"filter": None, "order": None, "offset": 0, "limit": PAGE_SIZE})
        listing_filter = {}
    professions = data["professions"]
    if profession and profession not in {p["slug"] for p in professions}:
        profession = ""
    listings = data["listings"]
    total = listings["totalCount"]
    page_count = max(1, -(-total // PAGE_SIZE))
    # The care-offer layer: the kinds the desk gives a map symbol (hospitals, CMS, MSP and
    # health centres for the health desk); none when it gives none.
    mapped_kinds = list(context["labels"]["facilitySymbol"])
    facilities = []
    if mapped_kinds:
        _, facilities = api.execute_all_pages(request, "facilities", "healthFacilities", {"kindCodes": mapped_kinds})

    # The list's own links; "partie" only asks for the list alone (map.js, as the map moves).
    query = {k: v for k, v in request.GET.items() if k not in ("page", "partie") and v}

    def page_url(number):
        return "?" + urlencode({**query, "page": number}) if number > 1 else ("?" + urlencode(query) if query else "?")

    filtered = bool(listing_filter)
    context.update(
        {
            "communes": communes,
            "professions": professions,
            "kind": kind,
            "profession": profession,
            "search": search,
            "radius": radius,
            "radius_choices": RADIUS_CHOICES,
            "commune": commune,
            "commune_text": commune_text,
            "candidates": candidates,
            "errors": errors,
            "listings": with_first_photo(listings["results"]),
            "total": total,
            "filtered": filtered,
            "page_number": page_number,
            "page_count": page_count,
            "previous_url": page_url(page_number - 1) if page_number > 1 else None,
            "next_url": page_url(page_number + 1) if page_number < page_count else None,
            "facilities": facilities,
            "facility_symbols": facility_symbols(context["labels"]),
            "map_filter": listing_filter,
            "map_selection": {
                "commune": commune["inseeCode"] if commune else None,
                "radiusKm": radius if commune else None,
                "zone": filters.zone,
            },
            "zone": filters.zone,
        }
    )
    if request.GET.get("partie") == "liste":  # the list alone, which map.js puts in the page
        return render(request, "frontend/includes/map_results.html", context)
    return render(request, "frontend/map.html", context)


def listings_redirect(request):
    """/annonces/ is the list beside the map."""
    url = reverse("frontend:map")
    return redirect(f"{url}?{request.GET.urlencode()}" if request.GET else url, permanent=True)
