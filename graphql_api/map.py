"""The map payload: all public listings as GeoJSON, in three flat queries, no model instances.

This is the API's hot path (see bench/map_benchmark.py): no per-object GraphQL resolution,
rendition URLs of the first photos only, built without a storage call per row.
"""

from collections import defaultdict

from django.db.models import OuterRef, Subquery

from listings.models import Listing, ListingKind, ListingPhoto
from media_library.models import Rendition
from media_library.storage import url_builder

from .renditions import MAP_SPEC

# The API's ListingKind enum values are the member names (OFFICE...), not the stored values.
KIND_NAMES = {kind.value: kind.name for kind in ListingKind}


def build_listing_map(queryset):
    first_photo = (
        ListingPhoto.objects.filter(listing=OuterRef("pk")).order_by("sort_order", "pk").values("image_id")[:1]
    )
    rows = list(
        queryset.filter(latitude__isnull=False, longitude__isnull=False)
        .annotate(first_image_id=Subquery(first_photo))
        .order_by("pk")
        .values_list(
            "pk",
            "slug",
            "title",
            "kind",
            "latitude",
            "longitude",
            "commune__name",
            "commune__insee_code",
            "commune__slug",
            "first_image_id",
        )
    )
    ids = [row[0] for row in rows]
    professions = defaultdict(list)
    if ids:
        through = Listing.professions.through
        shared = {}  # one dict per profession, shared by every listing that seeks it
        for listing_id, slug, name in (
            through.objects.filter(listing_id__in=queryset.values("pk"))
            .order_by("profession__sort_order", "profession__name")
            .values_list("listing_id", "profession__slug", "profession__name")
        ):
            profession = shared.get(slug) or shared.setdefault(slug, {"slug": slug, "name": name})
            professions[listing_id].append(profession)
    photo_urls = {}
    first_images = {row[-1] for row in rows if row[-1] is not None}
    if first_images:
        # Renditions of every photo of these listings, URLs for first photos only: this
        # simple join is several times faster on PostgreSQL than selecting first photos again.
        url = url_builder(Rendition._meta.get_field("file").storage)
        photos = ListingPhoto.objects.filter(listing__in=queryset.values("pk")).values("image_id")
        for image_id, file_name in Rendition.objects.filter(image_id__in=photos, filter_spec=MAP_SPEC).values_list(
            "image_id", "file"
        ):
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
                "kind": KIND_NAMES.get(kind, kind),
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
