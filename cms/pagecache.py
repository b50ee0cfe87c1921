"""Full-page cache of anonymous HTML, keyed by the content version: a warm page runs no SQL.

Key: content version (core/content_version.py) + host + path + query string.
Publishing, unpublishing, expiring or erasing data changes the version, which
invalidates every page at once on every server; nothing has to be cleared.

Served from and stored into the cache: GET/HEAD requests without a session or flash-message cookie,
outside PAGE_CACHE_EXCLUDED_PREFIXES. Stored: 200 responses that set no cookie, did not
use a CSRF token (a page with a form is never shared), and are not private/no-store.

Why not Django's cache middleware or wagtail-cache: both key on the request headers the
response varies on (Cookie, Accept-Language...), which any client can change at will to
get a fresh, uncached page; the page depends on none of them for an anonymous visitor.
wagtail-cache also needs an explicit purge on publish and knows nothing of listings.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from core.content_version import content_version

# Headers that belong to the page; security headers are added again by their middleware on a hit.
STORED_HEADERS = ("Content-Type", "Content-Language", "Link")
MESSAGES_COOKIE = getattr(settings, "MESSAGE_COOKIE_NAME", "messages")  # django.contrib.messages' cookie


def is_cacheable(request):
    if not settings.PAGE_CACHE_SECONDS:
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    # A session (a logged-in person) or a pending flash message makes the page personal.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES:
        return False
    path = request.path_info
    return not any(path.startswith(prefix) for prefix in settings.PAGE_CACHE_EXCLUDED_PREFIXES)


def page_key(request):
    raw = f"{request.get_host()}|{request.path}|{request.META.get('QUERY_STRING', '')}"
    return f"page:{content_version()}:{hashlib.sha256(raw.encode()).hexdigest()}"


def should_store(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in cache_control
        and "no-store" not in cache_control
        and response.get("Content-Type", "").startswith(("text/html", "application/xml", "text/xml"))
    )


class PageCacheMiddleware:
    """Placed after the session and authentication middleware: a hit returns before any view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable(request):
            return self.get_response(request)
        key = page_key(request)
        stored = cache.get(key)
        if isinstance(stored, tuple) and len(stored) == 2:
            content, headers = stored
            response = HttpResponse(b"" if request.method == "HEAD" else content, status=200)
            for name, value in headers.items():
                response[name] = value
            response["X-Page-Cache"] = "HIT"
            return browser_max_age(response)
        response = self.get_response(request)
        if should_store(request, response):
            headers = {name: response[name] for name in STORED_HEADERS if response.has_header(name)}
            cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "MISS"
            browser_max_age(response)
        return response


def browser_max_age(response):
    patch_cache_control(response, max_age=settings.PAGE_CACHE_BROWSER_MAX_AGE)
    return response
