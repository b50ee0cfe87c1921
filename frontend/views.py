"""Views of the public site. They read only the public GraphQL API (frontend.api): no ORM.

Every page works without JavaScript: filters are GET forms, the list beside the map is
rendered here, and the map (static_src/js/map.js) is an enhancement fetching /graphql/.
"""

import re
from urllib.parse import quote, urlencode

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse

from . import api
from .desk import enum_labels, site_settings
from .formatting import fold
from .geo import distance_km
from .map_config import map_config

PAGE_SIZE = 20
RADIUS_CHOICES = [
    (0, "Dans la commune seulement"),
    (10, "À 10 km autour"),
    (20, "À 20 km autour"),
    (40, "À 40 km autour"),
]
NEARBY_RADIUS_KM = 25
# The care offer layer of the map: hospitals, CMS, MSP and health centres.
FACILITY_KINDS = ["HOSPITAL", "SOCIAL_CENTRE", "MSP", "HEALTH_CENTRE"]
INSEE_RE = re.compile(r"^(?:(?P<name>[-a-z0-9]+)-)?(?P<insee>[0-9][0-9AB][0-9]{3})$", re.IGNORECASE)


def base_context(request, **extra):
    desk = site_settings(request)
    return {
        "desk": desk,
        "labels": enum_labels(request),
        "map_config": map_config(request, desk),
        **extra,
    }


def commune_names(request):
    """Every commune (code, name, slug): the autocomplete list."""
    _, communes = api.execute_all_pages(request, "commune_names", "communes")
    return communes


def resolve_commune(communes, text):
    """(commune, candidates) for what a visitor typed: a name, an INSEE code or 'Name (code)'."""
    text = (text or "").strip()
    if not text:
        return None, []
    match = re.search(r"\(?([0-9][0-9AB][0-9]{3})\)?\s*$", text)
    if match:
        for commune in communes:
            if commune["inseeCode"] == match.group(1).upper():
                return commune, []
    wanted = fold(re.sub(r"\s*\(.*\)\s*$", "", text))
    exact = [commune for commune in communes if fold(commune["name"]) == wanted]
    if len(exact) == 1:
        return exact[0], []
    candidates = exact or [commune for commune in communes if wanted and wanted in fold(commune["name"])]
    if len(candidates) == 1:
        return candidates[0], []
    return None, candidates[:20]


def first_photo(listing):
    for photo in listing.get("photos") or []:
        if photo["image"] and photo["image"].get("rendition"):
            return {"alt": photo["image"]["alt"], **photo["image"]["rendition"]}
    return None


def with_first_photo(listings):
    return [{**listing, "photo": first_photo(listing)} for listing in listings]


def map_view(request):
    """The application: filters, the list of opportunities and, beside it, the map."""
    context = base_context(request)
    communes = commune_names(request)
    choices = context["labels"]["listingKind"]
    kind = request.GET.get("type", "")
    kind = kind if kind in choices else ""
    profession = request.GET.get("profession", "")
    search = request.GET.get("q", "").strip()[:200]
    try:
        radius = int(request.GET.get("rayon", 0))
    except ValueError:
        radius = 0
    radius = radius if radius in dict(RADIUS_CHOICES) else 0
    commune, candidates = resolve_commune(communes, request.GET.get("commune"))
    errors = []
    if request.GET.get("commune", "").strip() and commune is None:
        errors.append(
            "Plusieurs communes correspondent à votre saisie : précisez-la."
            if candidates
            else "Aucune commune ne correspond à votre saisie."
        )

    listing_filter = {}
    if kind:
        listing_filter["kinds"] = [kind]
    if profession:
        listing_filter["professions"] = [profession]
    if search:
        listing_filter["search"] = search
    order = None
    if commune and radius:
        listing_filter["near"] = {"commune": commune["inseeCode"], "radiusKm": radius}
        order = "DISTANCE"
    elif commune:
        listing_filter["commune"] = commune["inseeCode"]
    try:
        page_number = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        page_number = 1

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
    _, facilities = api.execute_all_pages(request, "facilities", "healthFacilities", {"kinds": FACILITY_KINDS})

    query = {k: v for k, v in request.GET.items() if k != "page" and v}

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
            "commune_text": request.GET.get("commune", ""),
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
            "map_filter": listing_filter,
            "map_selection": {
                "commune": commune["inseeCode"] if commune else None,
                "radiusKm": radius if commune else None,
            },
        }
    )
    return render(request, "frontend/map.html", context)


def listings_redirect(request):
    """/annonces/ is the list beside the map."""
    url = reverse("frontend:map")
    return redirect(f"{url}?{request.GET.urlencode()}" if request.GET else url, permanent=True)


def listing_detail(request, slug):
    context = base_context(request)
    listing = api.execute(request, "listing_page", {"slug": slug})["listing"]
    if listing is None:
        raise Http404("Annonce introuvable ou retirée.")
    desk = context["desk"]
    page_url = request.build_absolute_uri()
    report_url = None
    if desk["contact_email"]:
        subject = f"Annonce à mettre à jour : {listing['title']}"
        body = (
            f"Bonjour,\n\nL'annonce « {listing['title']} » ({listing['commune']['name']}) "
            f"ne me semble plus à jour :\n{page_url}\n\nCe qui a changé :\n\n"
        )
        report_url = f"mailto:{desk['contact_email']}?subject={quote(subject)}&body={quote(body)}"
    photos = [photo for photo in listing["photos"] if photo["image"] and photo["image"]["card"]]
    context.update(
        {
            "listing": listing,
            "commune": listing["commune"],
            "photos": photos,
            "og_image": request.build_absolute_uri(photos[0]["image"]["card"]["url"]) if photos else "",
            "report_url": report_url,
            "canonical_url": page_url,
            "map_points": [
                {
                    "latitude": listing["latitude"],
                    "longitude": listing["longitude"],
                    "title": listing["title"],
                    "kind": listing["kind"],
                }
            ],
            "boundary": listing["commune"]["boundary"],
        }
    )
    return render(request, "frontend/listing_detail.html", context)


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


def aid_finder(request):
    """'Which aids apply to me here': a GET form and its answer."""
    context = base_context(request)
    communes = commune_names(request)
    audience = request.GET.get("profil", "")
    profession = request.GET.get("profession", "")
    commune_text = request.GET.get("commune", "")
    commune, candidates = resolve_commune(communes, commune_text)
    errors = []
    if commune_text.strip() and commune is None:
        errors.append(
            "Plusieurs communes correspondent à votre saisie : précisez-la."
            if candidates
            else "Aucune commune ne correspond à votre saisie."
        )
    choices = api.execute(
        request,
        "aid_finder",
        {"communeCode": "", "answered": False, "hasCommune": False},
    )
    if audience not in {a["code"] for a in choices["aidAudiences"]}:
        audience = ""
    if profession not in {p["slug"] for p in choices["professions"]}:
        profession = ""
    answered = bool(audience or profession or commune) and not errors
    data = choices
    if answered:
        variables = {
            "audience": audience or None,
            "profession": profession or None,
            "commune": commune["inseeCode"] if commune else None,
            "communeCode": commune["inseeCode"] if commune else "",
            "answered": True,
            "hasCommune": commune is not None,
        }
        data = api.execute(request, "aid_finder", variables)
    context.update(
        {
            "audiences": choices["aidAudiences"],
            "professions": choices["professions"],
            "communes": communes,
            "audience": audience,
            "audience_name": next((a["name"] for a in choices["aidAudiences"] if a["code"] == audience), ""),
            "profession": profession,
            "profession_name": next((p["name"] for p in choices["professions"] if p["slug"] == profession), ""),
            "commune_text": commune_text,
            "commune": data.get("commune"),
            "candidates": candidates,
            "errors": errors,
            "answered": answered,
            "aids": data["aids"]["results"] if answered else [],
            "aid_count": data["aids"]["totalCount"] if answered else 0,
        }
    )
    return render(request, "frontend/aid_finder.html", context)
