"""The site's error pages: 403 with its reason, 404 with suggestions, 410 for a listing that
is gone, a static 500.

Django calls the 404 and 500 handlers (cms/urls.py) only when DEBUG is off; the 403 one always.
"""

import logging
import re

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from core.permissions import Refusal

from .. import api
from ..listing_cards import with_first_photo
from .page_context import base_context

logger = logging.getLogger(__name__)

SIMILAR_RADIUS_KM = 30
SIMILAR_COUNT = 4  # as many as frontend/queries/similar_listings.graphql asks of each kind
# Suggestions come from the address's last segment: "/annonces/cabinet-valmon/" → "cabinet valmon".
MIN_SEARCH_LENGTH = 4
MAX_SEARCH_LENGTH = 60


def words_of_path(path):
    """The longest word of the address's last segment, or '' (the API's search is a phrase:
    one word finds more than a slug's several)."""
    segments = [segment for segment in path.split("/") if segment]
    if not segments:
        return ""
    words = [word for word in re.split(r"[^\w]+", segments[-1][:MAX_SEARCH_LENGTH]) if not word.isdigit()]
    longest = max(words, key=len, default="")
    return longest if len(longest) >= MIN_SEARCH_LENGTH else ""


def page_not_found(request, exception=None):
    """404 in the site's layout, with a search and what the address's words may have meant."""
    context = _page_context(request)
    search = words_of_path(request.path)
    suggestions = {"listings": [], "communes": []}
    if search and context is not None:
        try:
            data = api.execute(request, "not_found_suggestions", {"search": search})
            suggestions = {"listings": data["listings"]["results"], "communes": data["communes"]["results"]}
        except api.ApiError:
            pass
    return render(request, "404.html", {**(context or {}), "search": search, **suggestions}, status=404)


def listing_gone(request, former):
    """410: the listing was public and is no longer; similar ones around its commune."""
    commune = former["commune"]
    data = api.execute(
        request,
        "similar_listings",
        {"insee": commune["inseeCode"], "kind": former["kind"], "radiusKm": SIMILAR_RADIUS_KM},
    )
    similar, seen = [], set()
    for listing in data["sameKind"]["results"] + data["anyKind"]["results"]:
        if listing["slug"] not in seen:
            seen.add(listing["slug"])
            similar.append(listing)
    context = base_context(request)
    context.update(
        {
            "former": former,
            "commune": commune,
            "similar": with_first_photo(similar[:SIMILAR_COUNT]),
            "similar_radius_km": SIMILAR_RADIUS_KM,
        }
    )
    return render(request, "frontend/listing_gone.html", context, status=410)


def permission_denied(request, exception=None):
    """403 in the site's layout; the reason is shown only when written for the user (Refusal)."""
    reason = str(exception) if isinstance(exception, Refusal) else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def server_error(request):
    """500 without the database: a static page that only needs the templates and settings."""
    try:
        body = loader.get_template("500.html").render({"territory_name": settings.TERRITORY["name"]})
    except Exception:  # the template layer itself may be what failed
        logger.exception("Rendering 500.html failed")
        return HttpResponseServerError("Erreur du service. Merci de réessayer dans quelques instants.")
    return HttpResponse(body, status=500)


def _page_context(request):
    """The site's usual context, or None if the API itself cannot answer (the 404 still renders)."""
    try:
        return base_context(request)
    except Exception:  # noqa: BLE001 — an error page must not fail on its decorations
        logger.exception("Context of the 404 page unavailable")
        return None
