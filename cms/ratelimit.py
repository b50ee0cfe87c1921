"""Rate limits per client, counted in the shared cache (Redis in production), so that
every worker and every server counts the same requests.

One fixed window per client and rule: the first request of a window creates the counter
with the window as its expiry, later ones increment it. Over the limit, the answer is 429
with `Retry-After` (seconds to the end of the window). While the cache is unreachable
the counters fail open (cms/cache.py): the request budget still protects the workers.

The client is the connection's address; X-Forwarded-For counts only when the site runs
behind the number of proxies configured in PUBLIC_FORM_TRUSTED_PROXIES, read from the
right, so a client cannot forge it to get a new counter.

Django's cache has no "increment and tell the expiry", and django-ratelimit answers 403
without Retry-After and cannot share the public form's counter: hence these few lines.
"""

import math
import time

from django.conf import settings
from django.core.cache import cache

from .middleware import error_response

TOO_MANY_MESSAGE = "Trop de requêtes : merci de patienter {seconds} s avant de réessayer."


def client_address(request):
    """The caller's address (see the module docstring for X-Forwarded-For)."""
    trusted = settings.PUBLIC_FORM_TRUSTED_PROXIES
    if trusted:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= trusted:
            return hops[-trusted]
    return request.META.get("REMOTE_ADDR", "")


def hit(rule, request, limit, window):
    """Count one request of this client for `rule`; the seconds to wait when over `limit`, else 0."""
    now = time.time()
    window_start = int(now // window * window)
    key = f"ratelimit:{rule}:{client_address(request)}:{window_start}"
    cache.add(key, 0, window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr, or the cache is down: count from 1
        count = 1
    if count > limit:
        return max(1, math.ceil(window_start + window - now))
    return 0


def rule_for(path):
    for prefix, (limit, window) in settings.RATE_LIMITS.items():
        if path == prefix or (prefix.endswith("/") and path.startswith(prefix)):
            return prefix, limit, window
    return None


def too_many_response(request, retry_after):
    message = TOO_MANY_MESSAGE.format(seconds=retry_after)
    return error_response(request, status=429, title="Trop de requêtes", message=message, retry_after=retry_after)


class RateLimitMiddleware:
    """Applies settings.RATE_LIMITS (path prefix → (requests, seconds)) to public reads."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rule = rule_for(request.path_info)
        if rule is not None and request.method in ("GET", "HEAD", "POST"):
            prefix, limit, window = rule
            retry_after = hit(prefix, request, limit, window)
            if retry_after:
                return too_many_response(request, retry_after)
        return self.get_response(request)
