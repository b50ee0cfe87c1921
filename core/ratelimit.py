"""Per-client request counters in the shared cache (Redis in production), so that every
worker and every server counts the same requests. Used by the rate-limit middleware
(cms/ratelimit.py) and by the quotas of what a client may have accepted (``Quota``: listing
proposals, photos held between two rounds of a form, accompaniment requests).

One fixed window per client and rule: the first request of a window creates the counter
with the window as its expiry, later ones increment it. While the cache is unreachable
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


def client_address(request):
    """The caller's address (see the module docstring for X-Forwarded-For)."""
    trusted = settings.PUBLIC_FORM_TRUSTED_PROXIES
    if trusted:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= trusted:
            return hops[-trusted]
    return request.META.get("REMOTE_ADDR", "")


def _window_key(rule, request, window, now):
    window_start = int(now // window * window)
    return f"ratelimit:{rule}:{client_address(request)}:{window_start}", window_start


def hit(rule, request, limit, window, amount=1):
    """Count `amount` (one request by default) for this client and `rule`; the seconds to
    wait when over `limit`, else 0."""
    now = time.time()
    key, window_start = _window_key(rule, request, window, now)
    cache.add(key, 0, window + 1)
    try:
        count = cache.incr(key, amount)
    except ValueError:  # evicted between add and incr, or the cache is down: count from here
        count = amount
    if count > limit:
        return max(1, math.ceil(window_start + window - now))
    return 0


def used(rule, request, window):
    """How many times this client was counted for `rule` in the current window, without
    counting this call: for quotas that count only what succeeded (the public form counts
    accepted proposals, not attempts with errors)."""
    key, _ = _window_key(rule, request, window, time.time())
    return cache.get(key) or 0


class Quota:
    """An hourly (by default) allowance of accepted things per client: checked before the
    work (``allows``), counted once it succeeded (``count``), so that a form sent back with
    errors costs nothing. ``limit`` is a callable, read at each use (settings may change)."""

    def __init__(self, rule, limit, window=3600):
        self.rule, self.limit, self.window = rule, limit, window

    def allows(self, request, amount=1):
        return used(self.rule, request, self.window) + amount <= self.limit()

    def count(self, request, amount=1):
        hit(self.rule, request, self.limit(), self.window, amount=amount)
