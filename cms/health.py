"""Health endpoints for the load balancer and the monitoring.

- /healthz/ (liveness): the process answers. No database, no cache: a worker that is
  alive but cut from the database must not be restarted in a loop.
- /readyz/ (readiness): the database answers a query and the cache a round trip.
  Database down → 503 (this server cannot serve). Cache down → 200 with status
  "degraded": the site keeps serving without cache (cms.cache), the monitoring alerts.

Both are anonymous, uncached, and say nothing but the state of each dependency.
"""

import time

from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

MESSAGES = {
    "database": "Base de données injoignable",
    "cache": "Cache injoignable : le site fonctionne sans cache",
}


def _timed(check):
    start = time.perf_counter()
    try:
        check()
    except Exception as error:  # any failure is a "no"; its detail goes to the logs only
        return {"ok": False, "error": type(error).__name__, "ms": _ms(start)}
    return {"ok": True, "ms": _ms(start)}


def _ms(start):
    return round((time.perf_counter() - start) * 1000, 1)


def check_database():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    backend_check = getattr(cache, "check", None)
    if callable(backend_check):  # cms.cache.ResilientRedisCache: hides failures otherwise
        backend_check()
        return
    key = "cms.health:probe"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        raise RuntimeError("cache round trip failed")


@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    checks = {"database": _timed(check_database), "cache": _timed(check_cache)}
    for name, result in checks.items():
        if not result["ok"]:
            result["message"] = MESSAGES[name]
    if not checks["database"]["ok"]:
        status, http_status = "unavailable", 503
    elif not checks["cache"]["ok"]:
        status, http_status = "degraded", 200
    else:
        status, http_status = "ok", 200
    return JsonResponse({"status": status, "checks": checks}, status=http_status)


urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("readyz/", readyz, name="readyz"),
]
