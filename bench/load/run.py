"""Bounded load test on loopback: gunicorn with the production settings, Locust headless.

For each database given (SQLite file and/or PostgreSQL URL, already migrated and seeded
with `manage.py seed_demo`) and each cache mode (GraphQL/page response cache on, off),
start gunicorn, run Locust (20 users, 60 s by default) and print a Markdown table with
requests, failures, requests per second and p50/p95/p99 latency per endpoint, then a
table of server resources: CPU seconds of the gunicorn master and workers (utime+stime
from /proc, recycled workers included) per request served, worker RSS/PSS near the end.

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
import resource
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

TICKS = os.sysconf("SC_CLK_TCK")


def children(pid):
    """Direct children of `pid` (the gunicorn workers of a master), from /proc (Linux)."""
    pids = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            pids += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return pids


def cpu_seconds(pid, reaped=False):
    """utime + stime of `pid` in seconds; with `reaped`, plus those of its waited-for
    children (cutime + cstime: workers recycled by max_requests are counted there)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15 of stat)
    if reaped:
        ticks += int(fields[13]) + int(fields[14])  # cutime, cstime
    return ticks / TICKS


def server_cpu(master):
    """CPU seconds of a gunicorn master, its live workers and its reaped workers."""
    return cpu_seconds(master, reaped=True) + sum(cpu_seconds(worker) for worker in children(master))


def memory_kib(pid):
    """(RSS, PSS) in KiB; PSS shares the pages inherited from the master between processes."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


class Sampler(threading.Thread):
    """Every `interval` seconds: memory of the workers; keeps the last sample and the peaks."""

    def __init__(self, master, interval=2.0):
        super().__init__(daemon=True)
        self.master, self.interval = master, interval
        self.stop = threading.Event()
        self.last = {}
        self.peak_rss = 0
        self.pids = set()

    def run(self):
        while not self.stop.wait(self.interval):
            sample = {pid: memory_kib(pid) for pid in children(self.master)}
            sample = {pid: mem for pid, mem in sample.items() if mem[0]}
            if sample:
                self.last = sample
                self.pids |= set(sample)
                self.peak_rss = max(self.peak_rss, *(rss for rss, _ in sample.values()))


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
        PAGE_CACHE_SECONDS="600" if cache_on else "0",
        RATE_LIMIT_GRAPHQL_PER_MINUTE="1000000",
        RATE_LIMIT_PAGES_PER_MINUTE="1000000",
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
        sampler = Sampler(server.pid)
        load_before = os.getloadavg()
        cpu_before = server_cpu(server.pid)
        client_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        sampler.start()
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
        cpu = server_cpu(server.pid) - cpu_before
        client_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        client_cpu = (client_after.ru_utime + client_after.ru_stime) - (client_before.ru_utime + client_before.ru_stime)
        sampler.stop.set()
        sampler.join()
        load_after = os.getloadavg()
        with open(f"{prefix}_stats.csv", newline="") as stats:
            rows = list(csv.DictReader(stats))
        master_rss, master_pss = memory_kib(server.pid)
        return rows, {
            "cpu": cpu,
            "client_cpu": client_cpu,
            "workers": sampler.last,
            "worker_pids": len(sampler.pids),
            "peak_rss": sampler.peak_rss,
            "master": (master_rss, master_pss),
            "load": (load_before, load_after),
        }
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
    resources = [
        "",
        "| base | cache | CPU serveur (s) | requêtes | CPU/requête (ms) | CPU Locust (s) "
        "| RSS workers en fin (MiB) | PSS workers en fin (MiB) | RSS max (MiB) | workers vus | charge avant → après |",
        "|---|---|---:|---:|---:|---:|---|---|---:|---:|---|",
    ]
    for database_url in args.database:
        for cache_on in modes:
            rows, usage = run_one(database_url, cache_on, args, secret_key, workdir)
            total = 0
            for row in rows:
                name = "**total**" if row["Name"] == "Aggregated" else row["Name"]
                if row["Name"] == "Aggregated":
                    total = int(row["Request Count"])
                lines.append(
                    f"| {label(database_url)} | {'oui' if cache_on else 'non'} | {name} | {row['Request Count']} "
                    f"| {row['Failure Count']} | {float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} "
                    f"| {row['99%']} |"
                )
            workers = sorted(usage["workers"].values())
            before, after = usage["load"]
            resources.append(
                f"| {label(database_url)} | {'oui' if cache_on else 'non'} | {usage['cpu']:.1f} | {total} "
                f"| {1000 * usage['cpu'] / max(total, 1):.2f} | {usage['client_cpu']:.1f} "
                f"| {' / '.join(f'{rss / 1024:.0f}' for rss, _ in workers)} "
                f"| {' / '.join(f'{pss / 1024:.0f}' for _, pss in workers)} "
                f"| {usage['peak_rss'] / 1024:.0f} | {usage['worker_pids']} "
                f"| {before[0]:.2f} {before[1]:.2f} → {after[0]:.2f} {after[1]:.2f} |"
            )
            print("\n".join(lines + resources), flush=True)
    print(
        "\nCPU serveur : utime+stime du maître et des workers (/proc/<pid>/stat, y compris les workers "
        "recyclés par max_requests), de la fin du démarrage à la fin de Locust. Mémoire : /proc/<pid>/smaps_rollup "
        "des workers, échantillonnée toutes les 2 s ; « en fin » = dernier échantillon avant l'arrêt de Locust."
    )
    print(f"\n(détails : {workdir})")


if __name__ == "__main__":
    main()
