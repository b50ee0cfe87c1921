"""Map benchmark: the public GraphQL `{ listingMap }` field against a byte-identical floor.

Usage (a database of its own: listings and images are deleted at each size):
    DATABASE_URL=sqlite:////tmp/bench_api.sqlite3 .venv/bin/python bench/map_benchmark.py [200 2000 20000]
    DATABASE_URL=postgres://postgres@localhost:5432/gus_bench .venv/bin/python bench/map_benchmark.py [200 2000 20000]
(create the PostgreSQL one first if absent: createdb -h localhost -U postgres gus_bench)

Options:
  --profile                cProfile one uncached GraphQL request and one floor request at the
                           largest size: top 30 by cumulative time, top 15 by own time.
  --allow-serialiser-diff  go on timing when the two bodies differ only in JSON serialisation
                           (equal once decoded); they are still reported as NOT identical.
  --gc-freeze              gc.freeze() after the warm-up requests of each size, close to
                           production, where gunicorn.conf.py freezes the start-up heap in
                           pre_fork (without it the cyclic GC is ~half of a 20,000-listing map).

Both sides are GET requests through django.test.Client and the same URLconf and middleware
(bench/urls.py = cms.urls + /bench/map-floor/): the floor is bench/map_floor.py, the same three
queries as graphql_api/map.py in raw SQL, serialised by orjson; GraphQL is
GET /graphql/?query={ listingMap }. Per size: migrate once, repopulate, check that the two
bodies are byte-identical (else print the first difference and stop), count SQL queries, then
time R rounds of floor, GraphQL alternately (R = 15 up to 2000 listings, 5 above), the content
version bumped before every request of both sides (so GraphQL is uncached), then R cache hits.
A full garbage collection runs before every timed request, outside the timing, so that no
request pays for the garbage of the previous one.
"""

import cProfile
import gc
import hashlib
import io
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import time
import warnings
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/bench_api.sqlite3")

import django  # noqa: E402

# Static files are not collected for the benchmark (WhiteNoise warns once at start-up).
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

django.setup()

import orjson  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from graphql_api.cache import bump_content_version  # noqa: E402
from listings.models import Listing, ListingKind, ListingPhoto  # noqa: E402
from media_library.models import CustomImage, Rendition  # noqa: E402
from reference.desks import default_site_id  # noqa: E402
from reference.models import Commune, Profession  # noqa: E402

MAP_QUERY = "{ listingMap }"
FLOOR_PATH = "/bench/map-floor/"
GRAPHQL_PATH = "/graphql/"
SPEC = "fill-400x300"
OTHER_SPEC = "fill-800x600"
KINDS = list(ListingKind)
# Photos per public listing, by i % 8: mostly one, some two or three, some none.
PHOTO_COUNTS = (1, 2, 1, 3, 1, 0, 1, 2)


def rounds_for(size):
    return 15 if size <= 2000 else 5


# --- Data ---------------------------------------------------------------------------------


def flush():
    """Delete the bench's listings and images (raw deletes: no per-object signals)."""
    with transaction.atomic():
        for model in (Rendition, ListingPhoto, Listing.professions.through, Listing, CustomImage):
            model.objects.all()._raw_delete(connection.alias)


def populate(size):
    """`size` public listings with coordinates (the map's features), plus listings that must
    not appear: unpublished, expired, past their expiry date, without coordinates.

    Edge cases the floor must get right: 0 to 3 photos per listing with the first one by
    (sort_order, pk), not by pk; first photos without a THUMBNAIL rendition (null URL even
    though a later photo has one); renditions of other specs; non-ASCII titles and file
    names (percent-encoding, JSON escaping); 0 to 3 professions ordered by (sort_order, name)."""
    flush()
    communes = [
        Commune.objects.get_or_create(insee_code=f"26{i:03d}", defaults={"name": f"Saint-Étienne-{i}"})[0]
        for i in range(1, 51)
    ]
    professions = [
        Profession.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})[0]
        for slug, name, order in (
            ("bench-medecin", "Bench médecin généraliste", 2),
            ("bench-infirmier", "Bench infirmier", 1),
            ("bench-kine", "Bench kinésithérapeute", 1),
        )
    ]
    now = timezone.now()
    hidden = max(3, size // 50)
    variants = (
        [{}] * size  # public, on the map
        + [{"live": False}] * hidden
        + [{"expired": True}] * hidden
        + [{"expire_at": now - timedelta(days=1)}] * hidden
        + [{"latitude": None, "longitude": None}] * 3  # public, not on the map
    )
    # Spread the hidden ones among the others (a fixed permutation: 7919 is prime).
    assert len(variants) % 7919
    variants = [variants[j * 7919 % len(variants)] for j in range(len(variants))]
    site_id = default_site_id()  # bulk_create skips DeskOwned.save()
    listings = Listing.objects.bulk_create(
        Listing(site_id=site_id, **_listing_fields(i, communes[i % len(communes)], now) | variant)
        for i, variant in enumerate(variants)
    )
    through = Listing.professions.through
    through.objects.bulk_create(
        through(listing_id=listing.pk, profession_id=professions[(i + k) % 3].pk)
        for i, listing in enumerate(listings)
        for k in range(i % 4)
    )
    # (listing index, position, sort_order) per photo; ties on sort_order are broken by pk.
    photo_plan = []
    for i in range(len(listings)):
        count = PHOTO_COUNTS[i % len(PHOTO_COUNTS)]
        orders = {0: [], 1: [0], 2: [1, 0] if i % 2 else [0, 0], 3: [2, 0, 1]}[count]
        photo_plan.extend((i, position, order) for position, order in enumerate(orders))
    images = CustomImage.objects.bulk_create(
        CustomImage(title=f"img {n}", file=f"original_images/photo_{n}.jpg", width=1200, height=900, file_size=1000)
        for n in range(len(photo_plan))
    )
    ListingPhoto.objects.bulk_create(
        ListingPhoto(listing_id=listings[i].pk, image_id=image.pk, sort_order=order)
        for (i, _position, order), image in zip(photo_plan, images, strict=True)
    )
    first_by_order = {}
    for (i, _position, order), image in zip(photo_plan, images, strict=True):
        if i not in first_by_order or order < first_by_order[i][0]:
            first_by_order[i] = (order, image.pk)
    no_thumbnail = {pk for i, (_order, pk) in first_by_order.items() if i % 7 == 3}
    renditions, thumbnails = [], {}
    for image in images:
        stem = f"photo_été {image.pk}" if image.pk % 5 == 0 else f"img{image.pk}"
        if image.pk not in no_thumbnail:
            thumbnails[image.pk] = f"images/{stem}.2e16d0ba.fill-400x300.jpg"
            renditions.append(_rendition(image, SPEC, thumbnails[image.pk]))
        renditions.append(_rendition(image, OTHER_SPEC, f"images/{stem}.2e16d0ba.fill-800x600.jpg"))
    Rendition.objects.bulk_create(renditions, batch_size=5000)
    refresh_statistics()
    # What the map must show, computed from the plan (not by the floor or the API):
    # {listing pk: URL of its first photo's thumbnail, through the real storage, or None}.
    storage = Rendition._meta.get_field("file").storage
    expected = {}
    for i, variant in enumerate(variants):
        if not variant:
            name = thumbnails.get(first_by_order.get(i, (None, None))[1])
            expected[listings[i].pk] = storage.url(name) if name else None
    return expected


def refresh_statistics():
    """PostgreSQL: what autovacuum would do on a live site. Without it, the dead rows of the
    previous size and stale estimates make the planner pick parallel plans with JIT even for
    200 listings (30 ms instead of 1 ms). SQLite is left as a site has it (no ANALYZE)."""
    if connection.vendor != "postgresql":
        return
    models = (Listing, Listing.professions.through, ListingPhoto, CustomImage, Rendition, Commune, Profession)
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def check_features(features, expected):
    """The map holds exactly the public listings with coordinates, each with the URL of its
    FIRST photo's thumbnail; and the data exercised the edge cases."""
    shown = {feature["id"]: feature["properties"]["photoUrl"] for feature in features}
    assert len(shown) == len(features), "duplicate features"
    assert shown.keys() == expected.keys(), (
        f"{len(shown.keys() - expected.keys())} unexpected, {len(expected.keys() - shown.keys())} missing"
    )
    wrong = [(pk, shown[pk], url) for pk, url in expected.items() if shown[pk] != url]
    assert not wrong, f"{len(wrong)} wrong photo URLs, e.g. {wrong[:3]}"
    urls = list(expected.values())
    assert None in urls and any("%" in url for url in urls if url), "edge cases missing from the data"
    assert any(len(feature["properties"]["professions"]) > 1 for feature in features)


def _listing_fields(i, commune, now):
    return {
        "kind": KINDS[i % len(KINDS)].value,
        "title": f'Cabinet n°{i} « centre » "{i % 7}" – é\\ü',
        "slug": f"annonce-{i}",
        "summary": "Résumé",
        "commune": commune,
        "latitude": 44.0 + (i * 7919 % 100_000) / 100_000,
        "longitude": 4.6 + (i * 104_729 % 100_000) / 70_000,
        "location": "",
        "live": True,
        # Listings that expire in the future are public.
        "expire_at": now + timedelta(days=30) if i % 11 == 0 else None,
    }


def _rendition(image, spec, file):
    width, height = (int(n) for n in spec.removeprefix("fill-").split("x"))
    return Rendition(image_id=image.pk, filter_spec=spec, focal_point_key="", file=file, width=width, height=height)


# --- Checks -------------------------------------------------------------------------------


def first_difference(a, b):
    chunk = 65536
    for start in range(0, min(len(a), len(b)), chunk):
        if a[start : start + chunk] != b[start : start + chunk]:
            return next(i for i in range(start, start + chunk) if a[i : i + 1] != b[i : i + 1])
    return min(len(a), len(b))


def describe_encoding(graphql_body, floor_body):
    """When the bodies differ: are they the same payload, and how was GraphQL's encoded?"""
    try:
        decoded = orjson.loads(graphql_body)
    except orjson.JSONDecodeError:
        return "GraphQL body is not JSON"
    if decoded != orjson.loads(floor_body):
        return "the decoded payloads differ too: this is a DATA difference"
    candidates = {
        "json.dumps(separators=(',', ':')) (ensure_ascii: non-ASCII as \\uXXXX; strawberry's default)": json.dumps(
            decoded, separators=(",", ":")
        ),
        "json.dumps(separators=(',', ':'), ensure_ascii=False)": json.dumps(
            decoded, separators=(",", ":"), ensure_ascii=False
        ),
        "json.dumps() default separators": json.dumps(decoded),
    }
    for name, text in candidates.items():
        if text.encode() == graphql_body:
            return f"SERIALISATION ONLY: same payload once decoded; GraphQL's body is exactly {name}"
    return "SERIALISATION ONLY: same payload once decoded (GraphQL encoder not recognised)"


def compare(size, graphql_body, floor_body, allow_serialiser_diff):
    if graphql_body == floor_body:
        return True
    offset = first_difference(graphql_body, floor_body)
    window = slice(max(0, offset - 100), offset + 100)
    print(f"\n!! {size} listings: bodies differ (GraphQL {len(graphql_body)} bytes, floor {len(floor_body)} bytes)")
    print(f"   first difference at byte {offset}; 200 bytes around it:")
    print(f"   GraphQL: {graphql_body[window]!r}")
    print(f"   floor:   {floor_body[window]!r}")
    verdict = describe_encoding(graphql_body, floor_body)
    print(f"   {verdict}")
    if not (allow_serialiser_diff and verdict.startswith("SERIALISATION ONLY")):
        sys.exit(1)
    print("   --allow-serialiser-diff: timing anyway; bodies are NOT byte-identical.\n")
    return False


# --- Timing -------------------------------------------------------------------------------


class Side:
    def __init__(self, client, path, params=None, headers=None):
        self.client, self.path, self.params = client, path, params
        self.headers = headers or {}
        self.wall, self.cpu = [], []

    def get(self):
        response = self.client.get(self.path, self.params, **self.headers)
        assert response.status_code == 200, (self.path, response.status_code, response.content[:300])
        return response

    def timed(self, bump=True):
        if bump:
            bump_content_version()
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        response = self.get()
        self.cpu.append((time.process_time() - cpu) * 1000)
        self.wall.append((time.perf_counter() - wall) * 1000)
        return response


def median(values):
    return statistics.median(values)


def p90(values):
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def count_queries(side, bump=True):
    if bump:
        bump_content_version()
    with CaptureQueriesContext(connection) as ctx:
        response = side.get()
    return len(ctx.captured_queries), response


def profile(side):
    """cProfile one request (content version bumped): top 30 by cumulative time, top 15 by own time."""
    bump_content_version()
    gc.collect()
    profiler = cProfile.Profile()
    profiler.enable()
    side.get()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(15)
    return out.getvalue()


def code_version():
    """HEAD and a digest of the uncommitted changes outside bench/ (the product code may
    change between two runs): tracked diffs plus the names of untracked files."""
    git = shutil.which("git")
    if git is None:
        return "unknown (no git)"

    def run(*args):
        return subprocess.run([git, *args], cwd=ROOT, capture_output=True, check=True).stdout  # noqa: S603

    try:
        head = run("rev-parse", "--short", "HEAD").decode().strip()
        changes = run("diff", "HEAD", "--", ".", ":!bench") + run("status", "--porcelain", "--", ".", ":!bench")
    except subprocess.CalledProcessError:
        return "unknown (git failed)"
    if not changes:
        return head
    return f"{head} + uncommitted changes outside bench/ (sha1 {hashlib.sha1(changes).hexdigest()[:10]})"  # noqa: S324


def database_description():
    if connection.vendor == "postgresql":
        version = connection.pg_version
        return f"postgresql {version // 10000}.{version % 10000}"
    if connection.vendor == "sqlite":
        import sqlite3

        return f"sqlite {sqlite3.sqlite_version}"
    return connection.vendor


def main(sizes, profile_largest=False, allow_serialiser_diff=False, gc_freeze=False):
    call_command("migrate", verbosity=0)
    load = os.getloadavg()
    print(f"database: {database_description()} ({connection.settings_dict['NAME']})")
    print(f"python {sys.version.split()[0]}, django {django.get_version()}, pid {os.getpid()}")
    print(f"code: {code_version()}")
    print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} ({os.cpu_count()} CPUs)")
    client = Client()
    rows, profiles = [], {}
    for size in sizes:
        if gc_freeze:
            gc.unfreeze()
        start = time.perf_counter()
        expected = populate(size)
        populate_s = time.perf_counter() - start
        floor = Side(client, FLOOR_PATH)
        graphql = Side(client, GRAPHQL_PATH, {"query": MAP_QUERY})
        floor_sql, floor_response = count_queries(floor)
        graphql_sql, graphql_response = count_queries(graphql)
        hit_sql, hit_response = count_queries(graphql, bump=False)
        # The response cache may refuse large answers (graphql_api.cache.MAX_CACHED_BYTES).
        cached = hit_response.get("X-Cache") == "HIT"
        if cached:
            assert hit_response.content == graphql_response.content
        else:
            print(f"   {size} listings: no cache hit for GraphQL (X-Cache: {hit_response.get('X-Cache')})")
        if b'"errors"' in graphql_response.content[:200] or hit_response.get("X-Cache") is None:
            sys.exit(f"GraphQL did not answer the map: {graphql_response.content[:500]!r}")
        features = orjson.loads(floor_response.content)["data"]["listingMap"]["features"]
        assert len(features) == size, (len(features), size)
        check_features(features, expected)
        check_features(orjson.loads(graphql_response.content)["data"]["listingMap"]["features"], expected)
        identical = compare(size, graphql_response.content, floor_response.content, allow_serialiser_diff)
        frozen = ""
        if gc_freeze:
            gc.collect()
            gc.freeze()
            frozen = f", gc.freeze() of {gc.get_freeze_count()} objects"
        repeat = rounds_for(size)
        for _ in range(repeat):
            floor.timed()
            response = graphql.timed()
            assert response.get("X-Cache") != "HIT", "GraphQL answered from its cache despite the bump"
        # A cache hit as a browser asks for it (Accept-Encoding: gzip): the stored bytes as they are.
        hit = Side(client, GRAPHQL_PATH, {"query": MAP_QUERY}, headers={"HTTP_ACCEPT_ENCODING": "gzip"})
        for _ in range(repeat if cached else 0):
            response = hit.timed(bump=False)
            assert response.get("X-Cache") == "HIT", response.get("X-Cache")
        rows.append(
            {
                "size": size,
                "rounds": repeat,
                "bytes": (len(floor_response.content), len(graphql_response.content)),
                "identical": identical,
                "sql": (floor_sql, graphql_sql, hit_sql if cached else "-"),
                "floor": floor,
                "graphql": graphql,
                "hit": hit,
            }
        )
        print(
            f"{size} listings: populated in {populate_s:.1f} s, {len(features)} features, "
            f"bytes {'identical' if identical else 'NOT identical'} ({len(floor_response.content)} B), "
            f"{repeat} rounds timed in {time.perf_counter() - start - populate_s:.1f} s{frozen}",
            flush=True,
        )
        if profile_largest and size == max(sizes):
            profiles[f"uncached GraphQL request, {size} listings"] = profile(graphql)
            profiles[f"floor request, {size} listings"] = profile(floor)
    load = os.getloadavg()
    print(f"load average at end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}\n")
    print_table(rows, gc_freeze)
    for title, text in profiles.items():
        print(f"\ncProfile of one {title}:")
        print(text)


def print_table(rows, gc_freeze):
    gc_mode = "gc.freeze() after warm-up" if gc_freeze else "default gc"
    print(f"database: {database_description()}, {gc_mode}; times in ms, median / p90; ratio = GraphQL / floor medians")
    header = (
        "listings",
        "R",
        "bytes identical",
        "SQL floor/GQL/hit",
        "floor wall",
        "floor CPU",
        "GraphQL wall",
        "GraphQL CPU",
        "ratio wall",
        "ratio CPU",
        "hit wall",
        "hit CPU",
    )
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---:" for _ in header) + "|")
    for row in rows:
        floor, graphql, hit = row["floor"], row["graphql"], row["hit"]
        cells = (
            row["size"],
            row["rounds"],
            "yes" if row["identical"] else f"NO ({row['bytes'][0]} vs {row['bytes'][1]} B)",
            "/".join(str(n) for n in row["sql"]),
            f"{median(floor.wall):.1f} / {p90(floor.wall):.1f}",
            f"{median(floor.cpu):.1f} / {p90(floor.cpu):.1f}",
            f"{median(graphql.wall):.1f} / {p90(graphql.wall):.1f}",
            f"{median(graphql.cpu):.1f} / {p90(graphql.cpu):.1f}",
            f"{median(graphql.wall) / median(floor.wall):.2f}",
            f"{median(graphql.cpu) / median(floor.cpu):.2f}",
            f"{median(hit.wall):.2f}" if hit.wall else "not cached",
            f"{median(hit.cpu):.2f}" if hit.cpu else "-",
        )
        print("| " + " | ".join(str(cell) for cell in cells) + " |")


if __name__ == "__main__":
    args = sys.argv[1:]
    options = {arg for arg in args if arg.startswith("--")}
    unknown = options - {"--profile", "--allow-serialiser-diff", "--gc-freeze"}
    if unknown:
        sys.exit(f"unknown option(s): {' '.join(sorted(unknown))}\n{__doc__}")
    sizes = [int(arg) for arg in args if not arg.startswith("--")] or [200, 2000, 20000]
    with override_settings(ROOT_URLCONF="bench.urls"):
        main(
            sizes,
            profile_largest="--profile" in options,
            allow_serialiser_diff="--allow-serialiser-diff" in options,
            gc_freeze="--gc-freeze" in options,
        )
