"""Gunicorn configuration for production (scripts/serve.sh).

Every value comes from the environment; defaults suit a 2-core server behind a reverse
proxy that terminates TLS. See docs/production.md.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}")
# Sync workers: requests are short and CPU-bound (templates, GraphQL); one per core plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", str(multiprocessing.cpu_count() + 1)))
worker_class = "sync"
# A request slower than this is killed (the database statement timeout comes first).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then (bounded memory growth), not all at once.
# Wide jitter: under a flood of cheap refusals (429) the workers would otherwise reach
# the limit within a second of each other and restart together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 2
# Load Django once in the master: faster start, memory shared between workers.
preload_app = True
# Behind the reverse proxy only: it gives the scheme (X-Forwarded-Proto) and the address.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs: errors on stderr; the access log is written by Django (cms.middleware.AccessLogMiddleware)
# as JSON without the client's address, so gunicorn's own access log is off.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "guichet-sante"
# No control socket in $HOME: several servers may run side by side on one machine.
control_socket_disable = True


def pre_fork(server, worker):
    # No database connection may be shared by forked workers; the objects built at
    # start-up are moved out of the collector's reach (fewer copy-on-write pages, shorter
    # collections: measured ~40% off p90 in DESIGN.md).
    from django.db import connections

    connections.close_all()
    gc.freeze()
