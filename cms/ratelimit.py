"""Rate limits per client on public paths (settings.RATE_LIMITS): over the limit, the
answer is 429 with `Retry-After` (seconds to the end of the window). The counters live in
core/ratelimit.py.
"""

from django.conf import settings

from core.ratelimit import hit

from .middleware import error_response

TOO_MANY_MESSAGE = "Trop de requêtes : merci de patienter {seconds} s avant de réessayer."


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
