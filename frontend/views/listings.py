"""A listing's own page."""

from urllib.parse import quote

from django.http import Http404
from django.shortcuts import render

from .. import api
from .page_context import base_context


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
