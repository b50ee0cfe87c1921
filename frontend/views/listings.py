"""A listing's own page."""

from urllib.parse import quote, urlencode

from django.http import Http404
from django.shortcuts import render

from .. import api
from ..aid_answers import listing_situation, ranked_aids
from .errors import listing_gone
from .page_context import base_context


def listing_detail(request, slug):
    context = base_context(request)
    data = api.execute(request, "listing_page", {"slug": slug})
    listing = data["listing"]
    if listing is None:
        former = api.execute(request, "former_listing", {"slug": slug})["formerListing"]
        if former is not None:
            return listing_gone(request, former)
        raise Http404("Annonce introuvable.")
    # The aids for this listing's situation (one more API call): eligible first, then to check.
    situation = listing_situation(listing, {audience["code"] for audience in data["aidAudiences"]})
    answer = api.execute(request, "listing_aids", {"situation": situation})["aidFinder"]
    aids, aid_count = ranked_aids(answer, context["labels"]["aidVerdict"])
    finder_query = urlencode(
        {
            key: value
            for key, value in (
                ("profil", situation["audience"]),
                ("profession", situation["profession"]),
                ("commune", situation["commune"]),
            )
            if value
        }
    )
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
            "aids": aids,
            "aid_count": aid_count,
            "finder_query": finder_query,
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
