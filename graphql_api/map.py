"""The map payload: all public listings as GeoJSON, in three flat queries, no model instances.

This is the API's hot path (see bench/map_benchmark.py and its hand-written floor): no
per-object GraphQL resolution, rendition URLs of first photos only, built without a
storage call per row. The unfiltered map, the one every visitor loads, also skips
Django's query compiler: its three queries are compiled once per process and desk
(PreparedMapQueries), which at 200 listings cost as much as running them.
"""

import datetime
from collections import defaultdict

from django.db import connections
from django.db.models import OuterRef, Subquery

from listings.models import Listing, ListingKind, ListingPhoto
from media_library.models import Rendition
from media_library.storage import url_builder

from .enums import OTHER
from .renditions import MAP_SPEC

# The deprecated ListingKind enum's values are the member names (OFFICE...), not the stored
# codes; a kind a desk added is OTHER there (graphql_api/enums.py legacy_enum).
KIND_NAMES = {kind.value: kind.name for kind in ListingKind}
ROW_FIELDS = (
    "pk",
    "slug",
    "title",
    "kind",
    "latitude",
    "longitude",
    "commune__name",
    "commune__insee_code",
    "commune__slug",
    "first_image_id",  # an annotation: last, as Django puts annotations after fields
)


def map_querysets(listings):
    """The map's three queries for these listings: rows, professions, renditions."""
    first_photo = (
        ListingPhoto.objects.filter(listing=OuterRef("pk")).order_by("sort_order", "pk").values("image_id")[:1]
    )
    rows = (
        listings.filter(latitude__isnull=False, longitude__isnull=False)
        .annotate(first_image_id=Subquery(first_photo))
        .order_by("pk")
        .values_list(*ROW_FIELDS)
    )
    professions = (
        Listing.professions.through.objects.filter(listing_id__in=listings.values("pk"))
        .order_by("profession__sort_order", "profession__name")
        .values_list("listing_id", "profession__slug", "profession__name")
    )
    # Renditions of every photo of these listings (URLs are built for first photos only):
    # on PostgreSQL this join is several times faster than selecting first photos again.
    photos = ListingPhoto.objects.filter(listing__in=listings.values("pk")).values("image_id")
    renditions = Rendition.objects.filter(image_id__in=photos, filter_spec=MAP_SPEC).values_list("image_id", "file")
    return rows, professions, renditions


def build_listing_map(listings):
    """The map of any queryset of listings (filtered maps), through the ORM."""
    return assemble(*(list(queryset) for queryset in map_querysets(listings)))


def public_listing_map(site_id):
    """The map of every public listing of the desk ``site_id``, from the queries compiled
    once per process and desk."""
    return assemble(*PreparedMapQueries.for_database("default", site_id).fetch())


def assemble(rows, profession_rows, rendition_rows):
    professions = defaultdict(list)
    shared = {}  # one dict per profession, shared by every listing that seeks it
    for listing_id, slug, name in profession_rows:
        profession = shared.get(slug) or shared.setdefault(slug, {"slug": slug, "name": name})
        professions[listing_id].append(profession)
    first_images = {row[-1] for row in rows if row[-1] is not None}
    photo_urls = {}
    if first_images:
        url = url_builder(Rendition._meta.get_field("file").storage)
        for image_id, file_name in rendition_rows:
            if image_id in first_images:
                photo_urls[image_id] = url(file_name)
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
                "kind": KIND_NAMES.get(kind, OTHER),
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


class PreparedMapQueries:
    """The SQL of map_querysets(Listing.objects.public().filter(site_id=…)), compiled once per
    database and desk (the desk's id is a parameter of the compiled SQL: another desk's
    statements are others, never a shared cache entry).

    The only value that changes between two runs is the present time ("not expired at
    now"): the querysets are compiled with a sentinel date, whose positions in the
    parameters are replaced by the current time at each run. The rule stays
    Listing.objects.public(); tests check that both paths give the same payload.
    """

    SENTINEL = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    _prepared = {}

    def __init__(self, alias, site_id):
        self.alias = alias
        connection = connections[alias]
        sentinel = connection.ops.adapt_datetimefield_value(self.SENTINEL)
        self.statements = []
        for queryset in map_querysets(Listing.objects.public(now=self.SENTINEL).filter(site_id=site_id)):
            sql, params = queryset.query.get_compiler(using=alias).as_sql()
            now_positions = [i for i, value in enumerate(params) if value == sentinel]
            assert now_positions, "the public rule no longer depends on the time: update PreparedMapQueries"
            self.statements.append((sql, list(params), now_positions))

    @classmethod
    def for_database(cls, alias, site_id):
        key = (alias, site_id)
        if key not in cls._prepared:
            cls._prepared[key] = cls(alias, site_id)
        return cls._prepared[key]

    def fetch(self):
        connection = connections[self.alias]
        now = connection.ops.adapt_datetimefield_value(datetime.datetime.now(tz=datetime.UTC))
        results = []
        with connection.cursor() as cursor:
            for sql, params, now_positions in self.statements:
                params = list(params)
                for position in now_positions:
                    params[position] = now
                cursor.execute(sql, params)
                results.append(cursor.fetchall())
        return results
