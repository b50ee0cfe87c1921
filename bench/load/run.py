"""Bounded load test on loopback: gunicorn with the production settings, Locust headless.

For each database given (SQLite file and/or PostgreSQL URL, already migrated and seeded
with `manage.py seed_demo`) and each cache mode (GraphQL/page response cache on, off),
start gunicorn, run Locust (20 users, 60 s by default) and print a Markdown table with
requests, failures, requests per second and p50/p95/p99 latency per endpoint.

    .venv/bin/python bench/load/run.py \
        --database sqlite:////tmp/demo.sqlite3 \
        --database postgres://postgres@localhost:5432/demo \
        --users 20 --duration 60

Redis (REDIS_URL, default redis://127.0.0.1:6379/14) holds the cache under a key prefix
of its own. Static files are collected once into --static-root (hashed, compressed).
"""

import argparse
import csv
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(database_url, cache_on, args, secret_key):
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        REDIS_URL=args.redis_url,
        CACHE_KEY_PREFIX=f"gus_load_{uuid.uuid4().hex[:8]}",
        STATIC_ROOT=str(args.static_root),
        GRAPHQL_CACHE_SECONDS="300" if cache_on else "0",
        PUBLIC_FORM_MAX_SUBMISSIONS_PER_HOUR="1000000",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        WEB_CONCURRENCY=str(args.workers),
        ACCESS_LOG_LEVEL="WARNING",
    )
    return env


def collectstatic(args, secret_key):
    if (Path(args.static_root) / "staticfiles.json").exists():
        return
    env = server_env("sqlite:///:memory:", True, args, secret_key)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603


def wait_ready(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited during start-up")
        try:
            with urllib.request.urlopen(url + "/readyz/", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn not ready")


def run_one(database_url, cache_on, args, secret_key, workdir):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = server_env(database_url, cache_on, args, secret_key)
    env["PORT"] = str(port)
    log = open(workdir / f"gunicorn-{port}.log", "w")  # noqa: SIM115
    server = subprocess.Popen(  # noqa: S603
        [str(BIN / "gunicorn"), "--config", "gunicorn.conf.py", "cms.wsgi:application"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_ready(url, server)
        prefix = workdir / f"locust-{port}"
        subprocess.run(  # noqa: S603
            [
                str(BIN / "locust"),
                "-f",
                str(Path(__file__).with_name("locustfile.py")),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.users),
                "--run-time",
                f"{args.duration}s",
                "--host",
                url,
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**os.environ, "LOAD_SECRET_KEY": secret_key},
            check=False,
        )
        with open(f"{prefix}_stats.csv", newline="") as stats:
            return list(csv.DictReader(stats))
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def label(database_url):
    return "PostgreSQL" if database_url.startswith("postgres") else "SQLite"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", action="append", required=True, help="DATABASE_URL (repeatable)")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14"))
    parser.add_argument("--static-root", default=str(Path(tempfile.gettempdir()) / "gus-load-static"))
    parser.add_argument("--cache", choices=["both", "on", "off"], default="both")
    args = parser.parse_args()

    secret_key = secrets.token_urlsafe(50)
    collectstatic(args, secret_key)
    modes = {"both": [True, False], "on": [True], "off": [False]}[args.cache]
    workdir = Path(tempfile.mkdtemp(prefix="gus-load-"))
    lines = [
        f"{args.users} utilisateurs, {args.duration} s, gunicorn {args.workers} workers, "
        f"{os.cpu_count()} cœurs, boucle locale",
        "",
        "| base | cache | point d'accès | requêtes | échecs | req/s | p50 (ms) | p95 (ms) | p99 (ms) |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for database_url in args.database:
        for cache_on in modes:
            rows = run_one(database_url, cache_on, args, secret_key, workdir)
            for row in rows:
                name = "**total**" if row["Name"] == "Aggregated" else row["Name"]
                lines.append(
                    f"| {label(database_url)} | {'oui' if cache_on else 'non'} | {name} | {row['Request Count']} "
                    f"| {row['Failure Count']} | {float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} "
                    f"| {row['99%']} |"
                )
            print("\n".join(lines), flush=True)
    print(f"\n(détails : {workdir})")


if __name__ == "__main__":
    main()
