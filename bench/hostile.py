"""Hostile mix on loopback: gunicorn with the production settings and the DEFAULT rate limits.

20 threads send, in a loop and for at most --duration seconds, three kinds of abusive
GraphQL requests in turn:

- over-budget: nested lists far over the cost budget;
- alias bomb: 15 aliases of 100 communes with their applicable aids;
- cache buster: `{ listingMap }` with random whitespace and a random unused variable.

One more client fetches /healthz/ and /carte/ every 200 ms. Every client comes from
127.0.0.1 (X-Forwarded-For is not trusted), so all of them share one rate-limit counter
per rule: the point is to see the hostile traffic answered 400/429 quickly, and the
health probe and the map page stay fast, with no 5xx.

    .venv/bin/python bench/hostile.py --database postgres://postgres@localhost:5432/gus_load

The run starts at the beginning of a rate-limit window (fixed windows of 60 s) so it
stays within one window. Reuses the helpers of bench/load/run.py.
"""

import argparse
import collections
import csv
import importlib.util
import os
import random
import secrets
import statistics
import string
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import requests

spec = importlib.util.spec_from_file_location("load_run", Path(__file__).with_name("load") / "run.py")
load_run = importlib.util.module_from_spec(spec)
spec.loader.exec_module(load_run)

OVER_BUDGET = (
    "{ communes(pagination:{limit:100}) { results { listings { commune { listings "
    "{ photos { image { rendition(size: CARD) { url } } } } } } } } }"
)
ALIAS_BOMB = (
    "{ "
    + " ".join(
        f"a{i}: communes(pagination:{{limit:100}}) {{ results {{ applicableAids {{ title }} }} }}" for i in range(15)
    )
    + " }"
)
KINDS = ["over-budget", "alias bomb", "cache buster"]
TIMEOUT = 5.0


def cache_buster_body():
    def blank():
        return random.choice([" ", "  ", "\n", "\t", " \n ", ",", "   \t"]) * random.randint(1, 4)  # noqa: S311

    query = f"{blank()}{{{blank()}listingMap{blank()}}}{blank()}"
    name = "v" + "".join(random.choices(string.ascii_lowercase, k=8))  # noqa: S311
    return {"query": query, "variables": {name: random.randint(0, 10**9)}}  # noqa: S311


def body(kind):
    if kind == "over-budget":
        return {"query": OVER_BUDGET}
    if kind == "alias bomb":
        return {"query": ALIAS_BOMB}
    return cache_buster_body()


class Results:
    def __init__(self, start):
        self.start = start
        self.wall_start = time.time()
        self.lock = threading.Lock()
        self.rows = []  # (kind, status, seconds, t since start, outcome, x-cache)
        self.samples = {}  # (kind, status) -> first body excerpt

    def add(self, kind, status, seconds, outcome="", x_cache="", excerpt=""):
        with self.lock:
            self.rows.append((kind, status, seconds, time.monotonic() - self.start, outcome, x_cache))
            self.samples.setdefault((kind, status, outcome), excerpt)


def send(session, method, url, kind, results, **kwargs):
    began = time.monotonic()
    try:
        response = session.request(method, url, timeout=TIMEOUT, **kwargs)
    except requests.Timeout:
        results.add(kind, "timeout", time.monotonic() - began)
        return
    except requests.RequestException as error:
        results.add(kind, f"error {type(error).__name__}", time.monotonic() - began)
        return
    seconds = time.monotonic() - began
    content = response.content
    outcome = ""
    if kind in KINDS:
        outcome = "errors" if b'"errors"' in content[:400] else "data"
    results.add(
        kind,
        response.status_code,
        seconds,
        outcome,
        response.headers.get("X-Cache", ""),
        content[:160].decode("utf-8", "replace"),
    )


def hostile_worker(index, url, stop_at, results):
    session = requests.Session()
    step = index
    while time.monotonic() < stop_at:
        kind = KINDS[step % len(KINDS)]
        step += 1
        send(session, "POST", url + "/graphql/", kind, results, json=body(kind))


def monitor(url, stop_at, results):
    session = requests.Session()
    tick = time.monotonic()
    while time.monotonic() < stop_at:
        send(session, "GET", url + "/healthz/", "/healthz/", results)
        send(session, "GET", url + "/carte/", "/carte/", results)
        tick += 0.2
        time.sleep(max(0.0, tick - time.monotonic()))


def pct(values, q):
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def ms(value):
    return f"{1000 * value:.1f}"


def latency_cells(values):
    values = sorted(values)
    return f"{ms(pct(values, 50))} | {ms(pct(values, 95))} | {ms(values[-1]) if values else '-'}"


def report(results, duration, cpu, loads, log_path):
    rows = results.rows
    kinds = [*KINDS, "/healthz/", "/carte/"]
    statuses = sorted({row[1] for row in rows}, key=str)
    print(
        f"\nDurée d'envoi {duration:.1f} s, {len(rows)} réponses ({len(rows) / duration:.0f}/s), "
        f"CPU serveur {cpu[0]:.1f} s ({1000 * cpu[0] / max(len(rows), 1):.2f} ms par réponse), "
        f"CPU du client (ce processus) {cpu[1]:.1f} s"
    )
    print(f"charge (1/5/15 min) avant : {loads[0]}, après : {loads[1]}\n")
    print("| type | " + " | ".join(str(status) for status in statuses) + " | total | p50 (ms) | p95 (ms) | max (ms) |")
    print("|---|" + "---:|" * (len(statuses) + 4))
    for kind in kinds:
        of_kind = [row for row in rows if row[0] == kind]
        counts = collections.Counter(row[1] for row in of_kind)
        cells = " | ".join(str(counts.get(status, 0)) for status in statuses)
        print(f"| {kind} | {cells} | {len(of_kind)} | {latency_cells([row[2] for row in of_kind])} |")
    hostile = [row for row in rows if row[0] in KINDS]
    print(
        "| **hostile, total** | "
        + " | ".join(str(sum(1 for row in hostile if row[1] == status)) for status in statuses)
        + f" | {len(hostile)} | {latency_cells([row[2] for row in hostile])} |"
    )

    print("\n| type | statut | corps | X-Cache | n | p50 (ms) | p95 (ms) | max (ms) | 1re à (s) | dernière à (s) |")
    print("|---|---|---|---|---:|---:|---:|---:|---:|---:|")
    groups = collections.defaultdict(list)
    for row in rows:
        groups[(row[0], str(row[1]), row[4], row[5])].append(row)
    for (kind, status, outcome, x_cache), group in sorted(
        groups.items(), key=lambda item: (kinds.index(item[0][0]), item[0][1:])
    ):
        print(
            f"| {kind} | {status} | {outcome or '-'} | {x_cache or '-'} | {len(group)} "
            f"| {latency_cells([row[2] for row in group])} | {min(row[3] for row in group):.1f} "
            f"| {max(row[3] for row in group):.1f} |"
        )

    limited = [row[3] for row in hostile if row[1] == 429]
    if limited:
        first = min(limited)
        print(f"\nPremier 429 hostile à {first:.2f} s ; sondes avant / après :\n")
        print("| sonde | phase | n | p50 (ms) | p95 (ms) | max (ms) |")
        print("|---|---|---:|---:|---:|---:|")
        for kind in ["/healthz/", "/carte/"]:
            for phase, keep in (("avant", lambda t: t < first), ("après", lambda t: t >= first)):
                group = [row[2] for row in rows if row[0] == kind and keep(row[3])]
                if group:
                    print(f"| {kind} | {phase} le 1er 429 | {len(group)} | {latency_cells(group)} |")

    five_xx = [row for row in rows if isinstance(row[1], int) and row[1] >= 500]
    failures = [row for row in rows if not isinstance(row[1], int)]
    print(f"\n5xx : {len(five_xx)} ; délais dépassés / erreurs de connexion : {len(failures)}")
    print("\nExemples de corps (premiers 160 caractères) :")
    for (kind, status, outcome), excerpt in sorted(results.samples.items(), key=str):
        if excerpt:
            print(f"- {kind} {status} {outcome}: {excerpt.strip()[:160]!r}")
    log = log_path.read_text(errors="replace")
    bad = [
        line
        for line in log.splitlines()
        if any(word in line for word in ("ERROR", "CRITICAL", "Traceback", "TIMEOUT", '"level": "ERROR"', "Exception"))
    ]
    print(f"\ngunicorn : {len(log.splitlines())} lignes de journal, {len(bad)} suspectes ({log_path})")
    for line in bad[:20]:
        print("   " + line[:300])
    restarts = [line for line in log.splitlines() if "Autorestarting worker" in line]
    print(f"workers recyclés par max_requests : {len(restarts)}")
    for line in restarts:
        print("   " + line[:80])
    slow = sorted((row for row in rows if row[0] in ("/healthz/", "/carte/") and row[2] > 0.15), key=lambda row: row[3])
    print(f"\nSondes de plus de 150 ms ({len(slow)}) : instant (s depuis le début, heure) → durée")
    for kind, status, seconds, at, *_ in slow:
        wall = time.strftime("%H:%M:%S", time.localtime(results.wall_start + at))
        print(f"   {at:6.2f} s ({wall}) {kind} {status} {ms(seconds)} ms")
    with open(log_path.with_name("rows.csv"), "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["kind", "status", "seconds", "at", "body", "x_cache"])
        writer.writerows(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True, help="DATABASE_URL (migrated and seeded)")
    parser.add_argument("--duration", type=float, default=25.0, help="seconds of sending (at most 30)")
    parser.add_argument("--threads", type=int, default=20)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14"))
    parser.add_argument("--static-root", default=str(Path(tempfile.gettempdir()) / "gus-load-static"))
    args = parser.parse_args()
    duration = min(args.duration, 30.0 - TIMEOUT)

    secret_key = secrets.token_urlsafe(50)
    load_run.collectstatic(args, secret_key)
    env = load_run.server_env(args.database, True, args, secret_key)
    for name in list(env):  # the defaults of the settings, not the load test's generous ones
        if name.startswith("RATE_LIMIT_"):
            del env[name]
    port = load_run.free_port()
    env["PORT"] = str(port)
    url = f"http://127.0.0.1:{port}"
    workdir = Path(tempfile.mkdtemp(prefix="gus-hostile-"))
    log_path = workdir / "gunicorn.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(  # noqa: S603
            [str(load_run.BIN / "gunicorn"), "--config", "gunicorn.conf.py", "cms.wsgi:application"],
            cwd=load_run.ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            load_run.wait_ready(url, server)
            # Start one second into a fixed 60 s window, so the whole run counts in one window.
            if time.time() % 60 > 60 - duration - TIMEOUT - 2:
                time.sleep(61 - time.time() % 60)
            loads = [" ".join(f"{value:.2f}" for value in os.getloadavg())]
            cpu_before = load_run.server_cpu(server.pid)
            client_before = sum(os.times()[:2])
            start = time.monotonic()
            stop_at = start + duration
            results = Results(start)
            threads = [
                threading.Thread(target=hostile_worker, args=(index, url, stop_at, results), daemon=True)
                for index in range(args.threads)
            ]
            threads.append(threading.Thread(target=monitor, args=(url, stop_at, results), daemon=True))
            print(f"début à {time.strftime('%H:%M:%S')} ({time.time() % 60:.1f} s dans la fenêtre de 60 s)")
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=max(0.0, stop_at + TIMEOUT + 1 - time.monotonic()))
            elapsed = time.monotonic() - start
            cpu = (load_run.server_cpu(server.pid) - cpu_before, sum(os.times()[:2]) - client_before)
            loads.append(" ".join(f"{value:.2f}" for value in os.getloadavg()))
            with results.lock:
                report(results, elapsed, cpu, loads, log_path)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
