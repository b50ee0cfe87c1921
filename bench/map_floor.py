"""The floor of `{ listingMap }`: the same three queries as graphql_api/map.py::build_listing_map,
written by hand as raw SQL, with no ORM, no storage call and no GraphQL, serialised by orjson.

Its body must be byte-identical to the GraphQL response `{"data":{"listingMap":...}}`
(bench/map_benchmark.py checks it), so it is the lower bound of what the endpoint can cost
through the same middleware stack.

Deliberately duplicated rather than imported (do not "simplify" by calling product code):
- "public" is Listing.objects.public(): live, not expired, not past expire_at; and the map is
  the desk's of the request's host (graphql_api.site.current_desk): its site's listings only;
- rendition URLs are what MediaStorage.url() gives for a public name: MEDIA_URL followed by
  the name percent-encoded as django.utils.encoding.filepath_to_uri does. Pending names
  (`pending/...`, served by a permission-checked view) never belong to a public listing's
  map photo, so they are not handled.
"""

from urllib.parse import quote

import orjson
from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone
from wagtail.models import Site

SPEC = "fill-400x300"  # graphql_api.renditions.MAP_SPEC (THUMBNAIL)

# The deprecated ListingKind enum's values are the member names; any other code is OTHER.
KIND_NAMES = {
    "office": "OFFICE",
    "practice_takeover": "PRACTICE_TAKEOVER",
    "salaried_post": "SALARIED_POST",
    "replacement": "REPLACEMENT",
    "collaboration": "COLLABORATION",
    "partnership": "PARTNERSHIP",
    "intern_housing": "INTERN_HOUSING",
}

# The desk's listings, and Listing.objects.public(): filter(live=True).exclude(Q(expired=True) | Q(expire_at__lte=now)).
# Parameters: site, live, expired, now.
PUBLIC_WHERE = "l.site_id = %s AND l.live = %s AND l.expired = %s AND (l.expire_at IS NULL OR l.expire_at > %s)"
# The SQL below is assembled from these constants only; every value is a query parameter.
PUBLIC_IDS = f"SELECT l.id FROM listings_listing l WHERE {PUBLIC_WHERE}"  # noqa: S608

# A listing's first photo: by sort_order, then pk.
FIRST_IMAGE = (
    "SELECT p.image_id FROM listings_listingphoto p WHERE p.listing_id = l.id ORDER BY p.sort_order, p.id LIMIT 1"
)

ROWS_SQL = f"""
SELECT l.id, l.slug, l.title, l.kind, l.latitude, l.longitude, c.name, c.insee_code, c.slug, ({FIRST_IMAGE})
  FROM listings_listing l
  JOIN reference_commune c ON c.id = l.commune_id
 WHERE {PUBLIC_WHERE} AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL
 ORDER BY l.id
"""  # noqa: S608

PROFESSIONS_SQL = f"""
SELECT lp.listing_id, pr.slug, pr.name
  FROM listings_listing_professions lp
  JOIN reference_profession pr ON pr.id = lp.profession_id
 WHERE lp.listing_id IN ({PUBLIC_IDS})
 ORDER BY pr.sort_order, pr.name
"""  # noqa: S608

# The renditions of every photo of public listings; URLs are built for first photos only
# (graphql_api/map.py does the same: on PostgreSQL this join is faster than selecting the
# first photos again).
RENDITIONS_SQL = f"""
SELECT r.image_id, r.file
  FROM media_library_rendition r
 WHERE r.image_id IN (SELECT p.image_id FROM listings_listingphoto p WHERE p.listing_id IN ({PUBLIC_IDS}))
   AND r.filter_spec = %s
"""  # noqa: S608

# django.utils.encoding.filepath_to_uri's safe characters (FileSystemStorage.url uses it).
URI_SAFE = "/~!*()'"


def listing_map_payload(site_id):
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    public = [site_id, True, False, now]
    media_url = settings.MEDIA_URL
    with connection.cursor() as cursor:
        cursor.execute(ROWS_SQL, public)
        rows = cursor.fetchall()
        professions = {}
        if rows:
            shared = {}
            cursor.execute(PROFESSIONS_SQL, public)
            for listing_id, slug, name in cursor.fetchall():
                profession = shared.get(slug) or shared.setdefault(slug, {"slug": slug, "name": name})
                professions.setdefault(listing_id, []).append(profession)
        photo_urls = {}
        first_images = {row[-1] for row in rows if row[-1] is not None}
        if first_images:
            cursor.execute(RENDITIONS_SQL, [*public, SPEC])
            for image_id, name in cursor.fetchall():
                if image_id in first_images:
                    photo_urls[image_id] = media_url + quote(name.lstrip("/"), safe=URI_SAFE)
    features = [
        {
            "type": "Feature",
            "id": pk,
            "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
            "properties": {
                "id": pk,
                "slug": slug,
                "title": title,
                "kindCode": kind,
                "kind": KIND_NAMES.get(kind, "OTHER"),
                "communeName": commune_name,
                "communeInseeCode": insee_code,
                "communeSlug": commune_slug,
                "professions": professions.get(pk, []),
                "photoUrl": photo_urls.get(image_id),
            },
        }
        for pk, slug, title, kind, latitude, longitude, commune_name, insee_code, commune_slug, image_id in rows
    ]
    return {"type": "FeatureCollection", "features": features}


def map_floor(request):
    site = Site.find_for_request(request)
    body = orjson.dumps({"data": {"listingMap": listing_map_payload(site.pk if site else None)}})
    return HttpResponse(body, content_type="application/json")
