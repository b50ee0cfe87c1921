"""HTTP benchmark at three data sizes: gunicorn (gunicorn.conf.py, production settings) on
PostgreSQL + Redis, 20 concurrent clients on loopback.

    .venv/bin/python bench/http_sizes.py [--sizes 200 2000 20000] [--duration 15]

Run it on a quiet machine (no test suite alongside): every number is CPU-bound.

Database `gus_sizes` (created once: migrate, import_communes of the Drôme, seed_demo, with
cms.settings.dev; `--rebuild` drops it first; migrate runs at every start). For each size,
the listings are replaced by N synthetic public listings (plus hidden ones: unpublished,
expired, without coordinates) with photos and their THUMBNAIL/CARD/LARGE renditions; the
demo's pages, aids and images stay. Slugs are deterministic: `annonce-0` is public.
Each size gets a Redis key prefix of its own, so every cache starts cold.

Scenarios (each at most --duration seconds of load, cut at 20 s with the requests in flight):

1. cached map: GET /graphql/?documentId=sha256:<map_listings.graphql> with Accept-Encoding:
   gzip, warmed once first (target p95 <= 50 ms at 2,000 listings);
2. uncached map: the same request to a second gunicorn with GRAPHQL_CACHE_SECONDS=0 and
   PAGE_CACHE_SECONDS=0, so every request builds the map (target p95 <= 1 s at 2,000);
3. warm pages, mixed equally: /, /carte/, a listing page and an answered aid finder, each
   warmed first, without cookies (target p95 <= 100 ms).

Every client is a thread with an http.client connection of its own (reused when the server
keeps it open: gunicorn's sync workers close it after each response). Rate limits are set
to 1,000,000 per minute. Server CPU: utime+stime of the gunicorn master, its workers and its
reaped workers (/proc/<pid>/stat) per request; worker RSS: the largest sample (every 0.5 s).

Internal use: `http_sizes.py --populate N` (run by the benchmark, cms.settings.dev) replaces
the listings and prints a JSON line with the listing slug and aid finder parameters.
"""

import argparse
import gzip
import hashlib
import http.client
import importlib.util
import json
import os
import re
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DB_NAME = "gus_sizes"
DEFAULT_DATABASE_URL = f"postgres://postgres@localhost:5432/{DB_NAME}"
MAP_DOCUMENT = ROOT / "frontend" / "queries" / "map_listings.graphql"
HARD_LIMIT_SECONDS = 20.0
TARGETS = {"cached map": 50, "uncached map": 1000, "warm pages": 100}  # p95, ms (at 2,000 listings)

_spec = importlib.util.spec_from_file_location("load_run", Path(__file__).with_name("load") / "run.py")
load_run = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(load_run)


# --- Populating (subprocess, cms.settings.dev) ------------------------------------------------

IMAGE_PREFIX = "bench-sizes "
PHOTO_COUNTS = (1, 2, 1, 3, 1, 0, 1, 2)  # photos per listing, by i % 8
SPECS = ("fill-400x300", "fill-800x600", "max-1600x1200")  # THUMBNAIL, CARD, LARGE


def populate(size):
    """Replace every listing by `size` public ones with coordinates, plus hidden ones
    (adapted from bench/map_benchmark.populate, which also deletes the demo's images)."""
    from datetime import timedelta

    from django.db import connection, transaction
    from django.utils import timezone

    from listings.models import Listing, ListingContact, ListingKind, ListingPhoto
    from media_library.models import CustomImage, Rendition
    from reference.desks import default_site_id
    from reference.models import Commune, Profession

    kinds = list(ListingKind)
    site_id = default_site_id()  # bulk_create skips DeskOwned.save()
    with transaction.atomic():
        # The demo's listings have revisions and workflow states: the ORM deletes those too.
        Listing.objects.filter(latest_revision__isnull=False).delete()
        bench_images = CustomImage.objects.filter(title__startswith=IMAGE_PREFIX)
        Rendition.objects.filter(image__in=bench_images)._raw_delete(connection.alias)
        for model in (ListingPhoto, ListingContact, Listing.professions.through, Listing):
            model.objects.all()._raw_delete(connection.alias)
        bench_images._raw_delete(connection.alias)

        communes = list(Commune.objects.filter(insee_code__startswith="26").order_by("insee_code")[:50])
        professions = list(Profession.objects.order_by("sort_order", "name")[:3])
        now = timezone.now()
        hidden = max(3, size // 50)
        variants = (
            [{}] * size
            + [{"live": False}] * hidden
            + [{"expired": True}] * hidden
            + [{"expire_at": now - timedelta(days=1)}] * hidden
            + [{"latitude": None, "longitude": None}] * 3
        )
        assert len(variants) % 7919
        variants = [variants[j * 7919 % len(variants)] for j in range(len(variants))]
        listings = Listing.objects.bulk_create(
            (
                Listing(
                    **{
                        "site_id": site_id,
                        "kind": kinds[i % len(kinds)].value,
                        "title": f"Cabinet n°{i} « centre » à louer",
                        "slug": f"annonce-{i}",
                        "summary": "Cabinet de consultation disponible, proche des commerces.",
                        "description": "Cabinet lumineux de 25 m², salle d'attente partagée.\n\nStationnement facile.",
                        "commune": communes[i % len(communes)],
                        "latitude": 44.2 + (i * 7919 % 100_000) / 100_000,
                        "longitude": 4.7 + (i * 104_729 % 100_000) / 100_000,
                        "location": "",
                        "live": True,
                        "first_published_at": now - timedelta(minutes=i),
                        "last_published_at": now - timedelta(minutes=i),
                        "expire_at": now + timedelta(days=30) if i % 11 == 0 else None,
                    }
                    | variant
                )
                for i, variant in enumerate(variants)
            ),
            batch_size=2000,
        )
        through = Listing.professions.through
        through.objects.bulk_create(
            (
                through(listing_id=listing.pk, profession_id=professions[(i + k) % len(professions)].pk)
                for i, listing in enumerate(listings)
                for k in range(i % 4)
            ),
            batch_size=5000,
        )
        plan = [(i, order) for i in range(len(listings)) for order in range(PHOTO_COUNTS[i % len(PHOTO_COUNTS)])]
        images = CustomImage.objects.bulk_create(
            (
                CustomImage(
                    title=f"{IMAGE_PREFIX}{n}",
                    file=f"original_images/bench_{n}.jpg",
                    width=1600,
                    height=1200,
                    file_size=100_000,
                )
                for n in range(len(plan))
            ),
            batch_size=5000,
        )
        ListingPhoto.objects.bulk_create(
            (
                ListingPhoto(listing_id=listings[i].pk, image_id=image.pk, sort_order=order)
                for (i, order), image in zip(plan, images, strict=True)
            ),
            batch_size=5000,
        )
        Rendition.objects.bulk_create(
            (
                Rendition(
                    image_id=image.pk,
                    filter_spec=spec,
                    focal_point_key="",
                    file=f"images/bench_{image.pk}.2e16d0ba.{spec}.jpg",
                    width=int(spec.split("-")[1].split("x")[0]),
                    height=int(spec.split("x")[1]),
                )
                for image in images
                for spec in SPECS
            ),
            batch_size=5000,
        )
    tables = [
        model._meta.db_table
        for model in (Listing, Listing.professions.through, ListingPhoto, CustomImage, Rendition, Commune)
    ]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")
    public = Listing.objects.public().exclude(latitude=None)
    assert public.count() == size, (public.count(), size)
    slug = "annonce-0" if public.filter(slug="annonce-0").exists() else public.order_by("pk").first().slug
    return slug


def aid_finder_params():
    """(profil, profession, commune) with the most aids, the commune written as a visitor picks it."""
    from django.test import RequestFactory

    from frontend import api
    from reference.models import Commune

    request = RequestFactory(HTTP_HOST="localhost").get("/aides/trouver/")
    choices = api.execute(request, "aid_finder", {"communeCode": "", "answered": False, "hasCommune": False})
    commune = Commune.objects.filter(insee_code="26362").first() or Commune.objects.order_by("insee_code").first()
    best = None
    for audience in choices["aidAudiences"]:
        for profession in choices["professions"]:
            variables = {
                "audience": audience["code"],
                "profession": profession["slug"],
                "commune": commune.insee_code,
                "communeCode": commune.insee_code,
                "answered": True,
                "hasCommune": True,
            }
            count = api.execute(request, "aid_finder", variables)["aids"]["totalCount"]
            if best is None or count > best[0]:
                best = (count, audience["code"], profession["slug"])
    count, audience, profession = best
    return {
        "profil": audience,
        "profession": profession,
        "commune": f"{commune.name} ({commune.insee_code})",
        "expected_aids": count,
    }


def populate_main(size):
    import django

    django.setup()
    started = time.perf_counter()
    slug = populate(size)
    seconds = time.perf_counter() - started
    print(json.dumps({"slug": slug, "aid_finder": aid_finder_params(), "populate_s": seconds}))


# --- Database ---------------------------------------------------------------------------------


def dev_env(database_url):
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CACHE_KEY_PREFIX"}}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DATABASE_URL=database_url,
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    return env


def manage(database_url, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=dev_env(database_url), check=True)  # noqa: S603


def ensure_database(database_url, rebuild):
    """Create and seed the database if it does not exist (or with `rebuild`); migrate it."""
    import psycopg

    name = urllib.parse.urlsplit(database_url).path.lstrip("/")
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None
        if exists and rebuild:
            conn.execute(f'DROP DATABASE "{name}"')
            exists = False
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    if exists:
        manage(database_url, "migrate", "--noinput", "-v0")
        return
    try:
        started = time.perf_counter()
        manage(database_url, "migrate", "--noinput", "-v0")
        manage(database_url, "import_communes", "data/drome/communes-26-drome.geojson")
        manage(database_url, "seed_demo")
        print(f"database {name} built in {time.perf_counter() - started:.0f} s", flush=True)
    except BaseException:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        raise


def run_populate(database_url, size):
    result = subprocess.run(  # noqa: S603
        [sys.executable, __file__, "--populate", str(size)],
        cwd=ROOT,
        env=dev_env(database_url),
        check=False,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"populate {size} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- Server -----------------------------------------------------------------------------------


class Server:
    """gunicorn with gunicorn.conf.py and the production settings, its log in a file."""

    def __init__(self, args, secret_key, prefix, cache_on, workdir):
        self.port = load_run.free_port()
        self.host = "127.0.0.1"
        self.log_path = workdir / f"gunicorn-{prefix}-{'cache' if cache_on else 'nocache'}.log"
        env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
        env.update(
            DJANGO_SETTINGS_MODULE="cms.settings.production",
            SECRET_KEY=secret_key,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SECURE_SSL_REDIRECT="0",
            DATABASE_URL=args.database,
            REDIS_URL=args.redis_url,
            CACHE_KEY_PREFIX=prefix,
            STATIC_ROOT=str(args.static_root),
            RATE_LIMIT_GRAPHQL_PER_MINUTE="1000000",
            RATE_LIMIT_PAGES_PER_MINUTE="1000000",
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            WEB_CONCURRENCY=str(args.workers),
            ACCESS_LOG_LEVEL="WARNING",
            PORT=str(self.port),
        )
        for name in ("GRAPHQL_CACHE_SECONDS", "PAGE_CACHE_SECONDS"):
            env.pop(name, None)
        if not cache_on:
            env.update(GRAPHQL_CACHE_SECONDS="0", PAGE_CACHE_SECONDS="0")
        self.env = env

    def __enter__(self):
        self.log = open(self.log_path, "w")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            [str(BIN / "gunicorn"), "--config", "gunicorn.conf.py", "cms.wsgi:application"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        load_run.wait_ready(f"http://{self.host}:{self.port}", self.process)
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    @property
    def pid(self):
        return self.process.pid

    def log_summary(self):
        """Counts of the log lines by level, and a few distinct messages above INFO."""
        counts, samples = {}, {}
        for line in self.log_path.read_text(errors="replace").splitlines():
            level = None
            try:
                record = json.loads(line)
                level = str(record.get("level") or record.get("levelname") or "").upper()
                message = str(record.get("message") or record.get("msg") or line)[:200]
            except ValueError:
                found = re.search(r"\[(DEBUG|INFO|WARNING|ERROR|CRITICAL)\]", line)
                level = found.group(1) if found else "OTHER"
                message = line[:200]
            counts[level] = counts.get(level, 0) + 1
            if level in {"WARNING", "ERROR", "CRITICAL", "OTHER"}:
                samples.setdefault(message, level)
        return counts, list(samples.items())[:8]


# --- Client -----------------------------------------------------------------------------------


class Client:
    """One keep-alive connection (http.client reconnects when the server closed it); no cookies."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.conn = None

    def get(self, path, headers=None, timeout=10.0):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        self.conn.timeout = timeout
        if self.conn.sock is not None:
            self.conn.sock.settimeout(timeout)
        try:
            self.conn.request("GET", path, headers=headers or {})
            response = self.conn.getresponse()
            body = response.read()
        except Exception:
            self.conn.close()
            self.conn = None
            raise
        if response.will_close:
            self.conn.close()
        return response.status, response.headers, body

    def close(self):
        if self.conn is not None:
            self.conn.close()


def pct(values, q):
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


class Sampler(threading.Thread):
    """Largest worker RSS (KiB) seen every `interval` seconds."""

    def __init__(self, master, interval=0.5):
        super().__init__(daemon=True)
        self.master, self.interval = master, interval
        self.stop = threading.Event()
        self.peak_rss = 0

    def sample(self):
        for pid in load_run.children(self.master):
            self.peak_rss = max(self.peak_rss, load_run.memory_kib(pid)[0])

    def run(self):
        self.sample()
        while not self.stop.wait(self.interval):
            self.sample()


def oldest_pid(name):
    found = subprocess.run(["pgrep", "-o", "-x", name], capture_output=True, text=True, check=False)  # noqa: S603, S607
    return int(found.stdout.split()[0]) if found.stdout.split() else None


POSTGRES_PID = oldest_pid("postgres")  # the postmaster: its reaped backends are in cutime/cstime
REDIS_PID = oldest_pid("redis-server")


def other_cpu():
    """CPU seconds of PostgreSQL (postmaster, live and exited backends) and Redis, or None."""
    pg = load_run.server_cpu(POSTGRES_PID) if POSTGRES_PID else None
    redis = load_run.cpu_seconds(REDIS_PID) if REDIS_PID else None
    return pg, redis


def run_load(server, requests_list, users, duration, check):
    """`users` threads send `requests_list` [(label, path, headers)] in turn (thread i starts at
    item i) for `duration` seconds; requests in flight are cut at HARD_LIMIT_SECONDS.
    `check(label, status, headers, body)` returns a note for an unexpected answer (or None)."""
    results = []  # (label, status or error name, seconds, note)
    lock = threading.Lock()
    started = time.monotonic()
    stop_at = started + duration
    hard_stop = started + min(HARD_LIMIT_SECONDS, duration + 5)

    def worker(index):
        client = Client(server.host, server.port)
        step = index
        local = []
        while time.monotonic() < stop_at:
            label, path, headers = requests_list[step % len(requests_list)]
            step += 1
            began = time.monotonic()
            try:
                status, response_headers, body = client.get(path, headers, timeout=max(0.2, hard_stop - began))
            except TimeoutError:
                local.append((label, "timeout", time.monotonic() - began, None))
                break
            except (OSError, http.client.HTTPException) as error:
                local.append((label, type(error).__name__, time.monotonic() - began, None))
                continue
            local.append((label, status, time.monotonic() - began, check(label, status, response_headers, body)))
        client.close()
        with lock:
            results.extend(local)

    sampler = Sampler(server.pid)
    cpu_before = load_run.server_cpu(server.pid)
    pg_before, redis_before = other_cpu()
    self_before = resource.getrusage(resource.RUSAGE_SELF)
    sampler.start()
    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(0.1, hard_stop + 2 - time.monotonic()))
    elapsed = time.monotonic() - started
    cpu = load_run.server_cpu(server.pid) - cpu_before
    pg_after, redis_after = other_cpu()
    self_after = resource.getrusage(resource.RUSAGE_SELF)
    sampler.stop.set()
    sampler.join()
    client_cpu = (self_after.ru_utime + self_after.ru_stime) - (self_before.ru_utime + self_before.ru_stime)
    with lock:
        rows = list(results)
    return {
        "rows": rows,
        "elapsed": elapsed,
        "cpu": cpu,
        "pg_cpu": None if pg_before is None else pg_after - pg_before,
        "redis_cpu": None if redis_before is None else redis_after - redis_before,
        "client_cpu": client_cpu,
        "peak_rss": sampler.peak_rss,
    }


def summarize(rows, elapsed):
    times = sorted(seconds for _label, status, seconds, _note in rows if isinstance(status, int))
    errors = sum(1 for _label, status, _s, _n in rows if not isinstance(status, int))
    server_errors = sum(1 for _label, status, _s, _n in rows if isinstance(status, int) and status >= 500)
    other = sum(1 for _label, status, _s, _n in rows if isinstance(status, int) and status != 200 and status < 500)
    notes = sum(1 for *_rest, note in rows if note)
    return {
        "requests": len(rows),
        "rps": len(rows) / elapsed if elapsed else 0.0,
        "p50": 1000 * pct(times, 50),
        "p95": 1000 * pct(times, 95),
        "p99": 1000 * pct(times, 99),
        "max": 1000 * times[-1] if times else float("nan"),
        "errors": errors,
        "5xx": server_errors,
        "other": other,
        "notes": notes,
    }


# --- Scenarios --------------------------------------------------------------------------------


def map_path():
    text = MAP_DOCUMENT.read_text(encoding="utf-8")
    return "/graphql/?" + urllib.parse.urlencode({"documentId": "sha256:" + hashlib.sha256(text.encode()).hexdigest()})


GZIP = {"Accept-Encoding": "gzip"}


def map_features(headers, body):
    if headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    data = json.loads(body)
    if "errors" in data:
        raise AssertionError(f"GraphQL errors: {str(data['errors'])[:300]}")
    return data["data"]["listingMap"]["features"], len(body)


def timed_get(client, path, headers, timeout=60):
    began = time.monotonic()
    status, response_headers, body = client.get(path, headers, timeout=timeout)
    return status, response_headers, body, 1000 * (time.monotonic() - began)


def warm_map(server, size, expect_cache):
    """Two requests (the first one cold); what they answered, and notes on what is wrong."""
    client = Client(server.host, server.port)
    notes = []
    status, headers, body, cold_ms = timed_get(client, map_path(), GZIP)
    raw_bytes = None
    if status == 200:
        features, raw_bytes = map_features(headers, body)
        if len(features) != size:
            notes.append(f"{len(features)} features instead of {size}")
    else:
        notes.append(f"cold request answered {status}: {body[:200]!r}")
    status, headers, body, warm_ms = timed_get(client, map_path(), GZIP)
    if status != 200:
        notes.append(f"second request answered {status}")
    if expect_cache and headers.get("X-Cache") != "HIT":
        notes.append(f"second request X-Cache {headers.get('X-Cache')}")
    client.close()
    return {
        "raw_bytes": raw_bytes,
        "wire_bytes": len(body),
        "encoding": headers.get("Content-Encoding", ""),
        "x_cache": headers.get("X-Cache", ""),
        "cold_ms": cold_ms,
        "warm_ms": warm_ms,
        "notes": notes,
    }


def page_requests(slug, aid_params):
    aid_query = urllib.parse.urlencode({k: aid_params[k] for k in ("profil", "profession", "commune")})
    return [
        ("/", "/", {}),
        ("/carte/", "/carte/", {}),
        ("/annonces/<slug>/", f"/annonces/{slug}/", {}),
        ("/aides/trouver/?…", f"/aides/trouver/?{aid_query}", {}),
    ]


def warm_pages(server, pages):
    """Fetch each page twice (the first one cold, its time kept); the second answer should
    come from the page cache. Counts the aids the aid finder lists; notes what is wrong."""
    client = Client(server.host, server.port)
    info = {}
    for label, path, headers in pages:
        first_status, first_headers, body, cold_ms = timed_get(client, path, headers)
        status, second_headers, body, _ms = timed_get(client, path, headers)
        info[label] = {
            "status": (first_status, status),
            "bytes": len(body),
            "cold_ms": cold_ms,
            "first": first_headers.get("X-Page-Cache", "-"),
            "second": second_headers.get("X-Page-Cache", "-"),
            "cookie": first_headers.get("Set-Cookie", ""),
        }
        if label.startswith("/aides/") and status == 200:
            info[label]["aids"] = body.count(b'class="aid-result"')
    client.close()
    return info


def check_map(cached):
    def check(_label, status, headers, _body):
        if status != 200:
            return None  # counted as 5xx / other non-200
        if cached and headers.get("Content-Encoding") != "gzip":
            return "not gzip"
        if cached and headers.get("X-Cache") != "HIT":
            return f"X-Cache {headers.get('X-Cache')}"
        return None

    return check


def check_page(_label, status, headers, _body):
    if status != 200:
        return None  # counted as 5xx / other non-200
    if headers.get("X-Page-Cache") != "HIT":
        return f"X-Page-Cache {headers.get('X-Page-Cache')}"
    if headers.get("Set-Cookie"):
        return "Set-Cookie"
    return None


# --- Report -----------------------------------------------------------------------------------


def code_version():
    """HEAD and a digest of the uncommitted changes outside bench/ (read-only git commands)."""

    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, check=True).stdout  # noqa: S603, S607

    try:
        head = git("rev-parse", "--short", "HEAD").decode().strip()
        changes = git("diff", "HEAD", "--", ".", ":!bench") + git("status", "--porcelain", "--", ".", ":!bench")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    if not changes:
        return head
    return f"{head} + uncommitted changes outside bench/ (sha1 {hashlib.sha1(changes).hexdigest()[:10]})"  # noqa: S324


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()  # noqa: S607


def fmt(value, digits=1):
    return "-" if value != value else f"{value:.{digits}f}"  # NaN


def scenario_row(size, name, label, stats, usage=None):
    target = TARGETS.get(name)
    verdict = ""
    if target is not None and label == "all":
        verdict = "ok" if stats["p95"] <= target else "MISSED"
        verdict = f"{verdict} (≤ {target})" if size == 2000 else f"({verdict}, ≤ {target})"
    cpu = pg = redis = rss = client = "-"
    if usage is not None:
        per_request = 1000 / max(stats["requests"], 1)
        cpu = fmt(per_request * usage["cpu"], 2)
        if usage["pg_cpu"] is not None:
            pg = fmt(per_request * usage["pg_cpu"], 2)
        if usage["redis_cpu"] is not None:
            redis = fmt(per_request * usage["redis_cpu"], 2)
        rss = f"{usage['peak_rss'] / 1024:.0f}"
        client = fmt(usage["client_cpu"])
    return (
        f"| {size} | {name} | {label} | {stats['requests']} | {fmt(stats['rps'])} | {fmt(stats['p50'])} "
        f"| {fmt(stats['p95'])} | {fmt(stats['p99'])} | {fmt(stats['max'])} | {stats['errors']} | {stats['5xx']} "
        f"| {stats['other']} | {stats['notes']} | {cpu} | {pg} | {redis} | {rss} | {client} | {verdict} |"
    )


HEADER = (
    "| listings | scenario | request | requests | req/s | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | errors "
    "| 5xx | other non-200 | flagged | gunicorn CPU/req (ms) | PostgreSQL CPU/req (ms) | Redis CPU/req (ms) "
    "| worker RSS max (MiB) | client CPU (s) | p95 target (ms) |\n"
    "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
)


def report_scenario(size, name, usage, split=False):
    lines = []
    if split:
        labels = list(dict.fromkeys(label for label, *_ in usage["rows"]))
        for label in labels:
            rows = [row for row in usage["rows"] if row[0] == label]
            lines.append(scenario_row(size, name, label, summarize(rows, usage["elapsed"])))
    lines.append(scenario_row(size, name, "all", summarize(usage["rows"], usage["elapsed"]), usage))
    flagged = {}
    for label, status, _seconds, note in usage["rows"]:
        key = note or (None if isinstance(status, int) else f"error {status}")
        if key:
            flagged[(label, key)] = flagged.get((label, key), 0) + 1
    return lines, flagged


# --- Main -------------------------------------------------------------------------------------


def flush_prefix(redis_url, prefix):
    """Delete the keys of a run's prefix (also called when a size fails half-way)."""
    import redis

    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    for start in range(0, len(keys), 1000):
        client.delete(*keys[start : start + 1000])
    return len(keys)


def run_size(size, args, secret_key, workdir, run_id):
    out = []

    def say(text=""):
        print(text, flush=True)
        out.append(text)

    say(f"\n## {size} listings\n")
    say(f"start: `{uptime()}`; code {code_version()}")
    data = run_populate(args.database, size)
    slug, aid_params = data["slug"], data["aid_finder"]
    say(
        f"populated in {data['populate_s']:.1f} s; listing /annonces/{slug}/; aid finder {aid_params} "
        f"(expects {aid_params['expected_aids']} aids)"
    )
    table, flagged_all, logs = [HEADER], {}, []

    prefix = f"gus_sizes_{run_id}_{size}_c"  # a new prefix: every cache starts cold
    with Server(args, secret_key, prefix, True, workdir) as server:
        warm = warm_map(server, size, expect_cache=True)
        say(
            f"map: {warm['raw_bytes']} B of JSON, {warm['wire_bytes']} B on the wire "
            f"(Content-Encoding: {warm['encoding'] or 'none'}); cold request {warm['cold_ms']:.0f} ms, "
            f"second {warm['warm_ms']:.0f} ms (X-Cache {warm['x_cache'] or 'none'})"
            + (f"; **{'; '.join(warm['notes'])}**" if warm["notes"] else "")
        )
        usage = run_load(server, [("map", map_path(), GZIP)], args.users, args.duration, check_map(True))
        lines, flagged = report_scenario(size, "cached map", usage)
        table += lines
        flagged_all.update({("cached map", *k): v for k, v in flagged.items()})
        pages = page_requests(slug, aid_params)
        info = warm_pages(server, pages)
        say("pages, warm-up (status first/second, cold ms, bytes, X-Page-Cache first → second):")
        for label, v in info.items():
            aids = f", {v['aids']} aids listed" if "aids" in v else ""
            bad = "" if v["status"] == (200, 200) and v["second"] == "HIT" and not v["cookie"] else " **!**"
            cookie = f", Set-Cookie {v['cookie'][:60]!r}" if v["cookie"] else ""
            say(
                f"- {label}: {v['status'][0]}/{v['status'][1]}, {v['cold_ms']:.0f} ms, {v['bytes']} B, "
                f"{v['first']} → {v['second']}{aids}{cookie}{bad}"
            )
        usage = run_load(server, pages, args.users, args.duration, check_page)
        lines, flagged = report_scenario(size, "warm pages", usage, split=True)
        table += lines
        flagged_all.update({("warm pages", *k): v for k, v in flagged.items()})
    logs.append(("cached server", server.log_path, *server.log_summary()))
    flush_prefix(args.redis_url, prefix)

    prefix = f"gus_sizes_{run_id}_{size}_n"
    with Server(args, secret_key, prefix, False, workdir) as server:
        warm = warm_map(server, size, expect_cache=False)
        say(
            f"uncached server: map of {warm['wire_bytes']} B on the wire "
            f"(Content-Encoding: {warm['encoding'] or 'none'}, X-Cache: {warm['x_cache'] or 'none'}); "
            f"first request {warm['cold_ms']:.0f} ms, second {warm['warm_ms']:.0f} ms"
            + (f"; **{'; '.join(warm['notes'])}**" if warm["notes"] else "")
        )
        usage = run_load(server, [("map", map_path(), GZIP)], args.users, args.duration, check_map(False))
        lines, flagged = report_scenario(size, "uncached map", usage)
        table += lines
        flagged_all.update({("uncached map", *k): v for k, v in flagged.items()})
        # Context: one client alone, no queueing (the time to build one map).
        usage = run_load(server, [("map", map_path(), GZIP)], 1, min(5.0, args.duration), check_map(False))
        lines, flagged = report_scenario(size, "uncached map, 1 client", usage)
        table += lines
        flagged_all.update({("uncached map, 1 client", *k): v for k, v in flagged.items()})
    logs.append(("uncached server", server.log_path, *server.log_summary()))
    flush_prefix(args.redis_url, prefix)

    say()
    for line in table:
        say(line)
    say()
    if flagged_all:
        say("flagged answers: " + "; ".join(f"{s} {label}: {k} ×{v}" for (s, label, k), v in flagged_all.items()))
    for name, path, counts, samples in logs:
        say(f"{name} log ({path.name}): " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        for message, level in samples:
            say(f"    {level}: {message}")
    say(f"end: `{uptime()}`")
    return table


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 20000])
    parser.add_argument("--database", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the database first")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=float, default=15.0, help="seconds of load per scenario (<= 20)")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14"))
    parser.add_argument("--static-root", default=str(Path(tempfile.gettempdir()) / "gus-sizes-static"))
    parser.add_argument("--populate", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.populate is not None:
        sys.path.insert(0, str(ROOT))
        populate_main(args.populate)
        return
    args.duration = min(args.duration, HARD_LIMIT_SECONDS)

    started = time.monotonic()
    secret_key = secrets.token_urlsafe(50)
    print(f"# HTTP benchmark by data size ({time.strftime('%Y-%m-%d %H:%M')})\n", flush=True)
    print(f"start: `{uptime()}`; code {code_version()}", flush=True)
    ensure_database(args.database, args.rebuild)
    # Collected at every run: the templates must find every hashed name in the manifest.
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": secret_key,
            "ALLOWED_HOSTS": "localhost",
            "DATABASE_URL": "sqlite:///:memory:",
            "STATIC_ROOT": args.static_root,
        },
        check=True,
    )
    print(
        f"\n{args.users} client threads, {args.duration:.0f} s per scenario (cut at {HARD_LIMIT_SECONDS:.0f} s), "
        f"gunicorn {args.workers} sync workers (gunicorn.conf.py), {os.cpu_count()} CPUs, loopback, "
        f"PostgreSQL {args.database.rsplit('/', 1)[-1]}, Redis {args.redis_url}",
        flush=True,
    )
    workdir = Path(tempfile.mkdtemp(prefix="gus-sizes-"))
    run_id = uuid.uuid4().hex[:6]
    tables = []
    for size in args.sizes:
        try:
            tables += run_size(size, args, secret_key, workdir, run_id)[1 if tables else 0 :]
        finally:
            for kind in ("c", "n"):
                flush_prefix(args.redis_url, f"gus_sizes_{run_id}_{size}_{kind}")
    print("\n## Summary\n")
    print("\n".join(tables))
    print(
        "\nerrors: exceptions/timeouts on the client; flagged: 200s that are not what the scenario expects "
        "(cached map not an X-Cache HIT or not gzip, page not an X-Page-Cache HIT or setting a cookie). "
        "Server CPU: utime+stime of master + workers (+ reaped) over the scenario / requests. "
        "PostgreSQL: postmaster + backends (exited ones included), Redis: redis-server, whole machine. "
        "Client CPU: this process (the client threads), same interval. p95 targets apply at 2,000 listings."
    )
    print(f"\nend: `{uptime()}`; total {time.monotonic() - started:.0f} s; logs in {workdir}")


if __name__ == "__main__":
    main()
