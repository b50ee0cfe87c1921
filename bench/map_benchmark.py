"""Map query benchmark: the GraphQL `listingMap` field against the hand-written floor view.

Usage (own database; it is flushed):
    DATABASE_URL=sqlite:////tmp/bench_api.sqlite3 .venv/bin/python bench/map_benchmark.py [200 2000 20000]

For each size it prints the SQL query count and the median time of: the floor (one
.values() query + two flat side queries, rendition URLs via storage.url(), JSON), the
GraphQL endpoint uncached (content version bumped before each request) and cached.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/bench_api.sqlite3")

import django  # noqa: E402

django.setup()

from django.core.files.storage import default_storage  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import OuterRef, Subquery  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from graphql_api.cache import bump_content_version  # noqa: E402
from listings.models import Listing, ListingPhoto  # noqa: E402
from media_library.models import CustomImage, Rendition  # noqa: E402
from reference.models import Commune, Profession  # noqa: E402

MAP_QUERY = "{ listingMap }"
SPEC = "fill-400x300"


def populate(size):
    Listing.objects.all().delete()
    CustomImage.objects.all().delete()
    communes = [
        Commune.objects.get_or_create(insee_code=f"26{i:03d}", defaults={"name": f"Commune {i}"})[0]
        for i in range(1, 51)
    ]
    professions = [
        Profession.objects.get_or_create(slug=f"p{i}", defaults={"name": f"Profession {i}"})[0] for i in range(3)
    ]
    listings = Listing.objects.bulk_create(
        Listing(
            kind="office",
            title=f"Annonce {i}",
            slug=f"annonce-{i}",
            summary="Résumé",
            commune=communes[i % len(communes)],
            latitude=44.5 + (i % 1000) / 2000,
            longitude=5.0 + (i % 997) / 2000,
            location="",
            live=True,
        )
        for i in range(size)
    )
    through = Listing.professions.through
    through.objects.bulk_create(
        through(listing_id=listing.pk, profession_id=professions[i % 3].pk) for i, listing in enumerate(listings)
    )
    images = CustomImage.objects.bulk_create(
        CustomImage(title=f"img {i}", file=f"original_images/img{i}.jpg", width=1200, height=900) for i in range(size)
    )
    ListingPhoto.objects.bulk_create(
        ListingPhoto(listing_id=listing.pk, image_id=image.pk, sort_order=0)
        for listing, image in zip(listings, images, strict=True)
    )
    Rendition.objects.bulk_create(
        Rendition(
            image_id=image.pk,
            filter_spec=SPEC,
            focal_point_key="",
            file=f"images/img{image.pk}.fill-400x300.jpg",
            width=400,
            height=300,
        )
        for image in images
    )


def floor_view(request=None):
    """The fast hand-written view the API is measured against."""
    first_photo = (
        ListingPhoto.objects.filter(listing=OuterRef("pk")).order_by("sort_order", "pk").values("image_id")[:1]
    )
    public = Listing.objects.public()
    rows = list(
        public.annotate(image_id=Subquery(first_photo)).values(
            "id", "title", "kind", "latitude", "longitude", "commune__name", "commune__insee_code", "image_id"
        )
    )
    professions = {}
    for listing_id, slug, name in Listing.professions.through.objects.filter(
        listing_id__in=public.values("pk")
    ).values_list("listing_id", "profession__slug", "profession__name"):
        professions.setdefault(listing_id, []).append({"slug": slug, "name": name})
    urls = {
        image_id: default_storage.url(name)
        for image_id, name in Rendition.objects.filter(
            filter_spec=SPEC,
            image_id__in=ListingPhoto.objects.filter(listing__in=public.values("pk")).values("image_id"),
        ).values_list("image_id", "file")
    }
    for row in rows:
        row["professions"] = professions.get(row["id"], [])
        row["photo_url"] = urls.get(row.pop("image_id"))
    return JsonResponse({"listings": rows})


def timed(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(sizes):
    call_command("migrate", verbosity=0)
    client = Client()

    def graphql_uncached():
        bump_content_version()
        response = client.post("/graphql/", json.dumps({"query": MAP_QUERY}), content_type="application/json")
        assert response.status_code == 200, response.content[:300]

    def graphql_cached():
        client.post("/graphql/", json.dumps({"query": MAP_QUERY}), content_type="application/json")

    header = ("listings", "floor ms", "GraphQL ms", "ratio", "cached ms", "SQL queries")
    print(" | ".join(f"{h:>9}" for h in header))
    for size in sizes:
        populate(size)
        repeat = 15 if size <= 2000 else 5
        bump_content_version()
        with CaptureQueriesContext(connection) as ctx:
            response = client.post("/graphql/", json.dumps({"query": MAP_QUERY}), content_type="application/json")
        features = json.loads(response.content)["data"]["listingMap"]["features"]
        assert len(features) == size and features[0]["properties"]["photoUrl"]
        sql = len(ctx.captured_queries)
        floor = timed(floor_view, repeat)
        api = timed(graphql_uncached, repeat)
        graphql_cached()
        cached = timed(graphql_cached, repeat)
        print(f"{size:>9} | {floor:>9.1f} | {api:>10.1f} | {api / floor:>5.2f} | {cached:>9.1f} | {sql:>11}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [200, 2000, 20000])
