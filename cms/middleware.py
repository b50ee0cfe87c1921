"""Production middleware: access log, security headers (CSP) and a bounded 503 when the
database is unreachable.

Order in MIDDLEWARE (cms/settings/production.py): right after Django's SecurityMiddleware,
so that every response, the 503 included, carries the headers and is logged.
"""

import logging
import re
import time
import uuid
from html import escape as html_escape
from urllib.parse import urlsplit

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse

access_logger = logging.getLogger("cms.access")
outage_logger = logging.getLogger("cms.outage")

REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


# Signed tokens are 40+ characters; the literal segments of those paths are much shorter.
TOKEN_MIN_LENGTH = 24


def loggable_path(path):
    """The path without the secrets some carry: under ``ACCESS_LOG_TOKEN_PATHS`` (a person's
    status link, confirmation and invitation links, password reset), a long segment is a
    signed token — whoever reads the log could open the page with it — and is replaced by
    « … ». Short literal segments (« nouveau-lien », « effacer ») stay, for the statistics."""
    for prefix in settings.ACCESS_LOG_TOKEN_PATHS:
        if path.startswith(prefix):
            tail = "/".join(
                "…" if len(segment) >= TOKEN_MIN_LENGTH else segment for segment in path[len(prefix) :].split("/")
            )
            return prefix + tail
    return path


class AccessLogMiddleware:
    """One JSON line per request: id, method, path (no query string, no token), status,
    duration. No client address, no headers: nothing that identifies a visitor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex
        start = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - start) * 1000, 1)
        response["X-Request-ID"] = request.id
        path = loggable_path(request.path)
        access_logger.info(
            "%s %s %s",
            request.method,
            path,
            response.status_code,
            extra={
                "request_id": request.id,
                "method": request.method,
                "path": path,
                "status": response.status_code,
                "duration_ms": duration_ms,
            },
        )
        return response


# --- Content Security Policy -------------------------------------------------------------


def _origin(url):
    """Scheme and host of an absolute URL ("https://{s}.tiles.example/…" → "https://*.tiles.example")."""
    parts = urlsplit(url or "")
    if not parts.scheme or not parts.netloc:
        return None
    host = re.sub(r"^\{[a-z]\}\.", "*.", parts.netloc)
    return f"{parts.scheme}://{host}"


def default_policies():
    """(public policy, admin policy) as {directive: [sources]}.

    Public site: only its own scripts, styles, fonts and API; images also from the tile
    server and the media host when they are elsewhere. No inline script or style.
    Administration (Wagtail): its own assets too, but Wagtail still writes inline scripts
    and style attributes, and shows previews in a same-origin frame.
    """
    extra_images = [origin for origin in (_origin(settings.MAP_TILE_URL), _origin(settings.MEDIA_URL)) if origin]
    public = {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:", *extra_images],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    admin = {
        **public,
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
    return public, admin


def render_policy(directives):
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


class SecurityHeadersMiddleware:
    """Content-Security-Policy (public or admin flavour) and Permissions-Policy.

    HSTS, Referrer-Policy, X-Content-Type-Options and Cross-Origin-Opener-Policy come
    from Django's SecurityMiddleware (SECURE_* settings)."""

    def __init__(self, get_response):
        self.get_response = get_response
        public, admin = default_policies()
        self.public_policy = render_policy(settings.CONTENT_SECURITY_POLICY or public)
        self.admin_policy = render_policy(settings.CONTENT_SECURITY_POLICY_ADMIN or admin)
        self.admin_prefixes = tuple(settings.CONTENT_SECURITY_POLICY_ADMIN_PREFIXES)
        report_only = settings.CONTENT_SECURITY_POLICY_REPORT_ONLY
        self.header = "Content-Security-Policy-Report-Only" if report_only else "Content-Security-Policy"
        self.permissions_policy = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        if self.header not in response:
            admin = request.path.startswith(self.admin_prefixes)
            response[self.header] = self.admin_policy if admin else self.public_policy
        if self.permissions_policy:
            response.setdefault("Permissions-Policy", self.permissions_policy)
        return response


# --- Database outage: bounded 503 ------------------------------------------------------------

UNAVAILABLE_MESSAGE = (
    "Le service est momentanément indisponible. Nous rétablissons l'accès au plus vite : "
    "merci de réessayer dans quelques minutes."
)
# Error pages that must render without templates, database or cache (outage, overload,
# rate limit, login lockout): a minimal French page.
ERROR_HTML_TEMPLATE = """<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title></head>
<body>
<main>
<h1>{title}</h1>
<p>{message}</p>
</main>
</body>
</html>
"""
RETRY_AFTER_SECONDS = 30


def is_outage(error):
    """A database that cannot be reached or that cut a query (statement timeout).

    OperationalError covers refused connections, a server that went away and cancelled
    statements; InterfaceError a connection already closed. An IntegrityError or a
    ProgrammingError is a bug, not an outage: it stays a 500."""
    if isinstance(error, OperationalError | InterfaceError):
        return True
    try:  # sessions stored in the cache only (SESSION_ENGINE "cache") would raise these
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # pragma: no cover
        return False
    return isinstance(error, RedisConnectionError | RedisTimeoutError)


def error_response(request, *, status, title, message, retry_after):
    """A French error answer with `Retry-After`, never cached: JSON for the API (and clients
    asking for JSON), a minimal HTML page elsewhere. Texts are the project's own constants."""
    wants_json = request.path.startswith("/graphql") or "application/json" in request.headers.get("Accept", "")
    if wants_json:
        response = JsonResponse({"errors": [{"message": message}]}, status=status)
    else:
        # Element text only: escaping <, > and & suffices (apostrophes stay readable).
        html = ERROR_HTML_TEMPLATE.format(
            title=html_escape(title, quote=False), message=html_escape(message, quote=False)
        )
        response = HttpResponse(html, status=status, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def unavailable_response(request, message=UNAVAILABLE_MESSAGE, retry_after=RETRY_AFTER_SECONDS):
    """A 503 (database outage, request over budget)."""
    return error_response(
        request, status=503, title="Service momentanément indisponible", message=message, retry_after=retry_after
    )


def _log_outage(request, error):
    outage_logger.error(
        "Base de données indisponible (%s) : réponse 503",
        type(error).__name__,
        extra={"request_id": getattr(request, "id", None), "path": request.path},
    )


class ServiceUnavailableMiddleware:
    """Turns a database outage into a 503 with a French message, a Retry-After header and
    no traceback, wherever it happens: in a view (process_exception) or in another
    middleware (got_request_exception marks the request, the 500 is replaced on the way out).
    Nothing is kept between requests: Django closes a broken connection at the end of the
    request (CONN_HEALTH_CHECKS checks a reused one), the next request tries the database
    again, so the site recovers by itself when the database is back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        error = getattr(request, "_outage_error", None)
        if error is not None and response.status_code == 500:
            return unavailable_response(request)
        return response

    def process_exception(self, request, exception):
        if is_outage(exception):
            _log_outage(request, exception)
            return unavailable_response(request)
        return None


def _mark_outage(sender, request=None, **kwargs):
    import sys

    error = sys.exc_info()[1]
    if request is not None and error is not None and is_outage(error):
        _log_outage(request, error)
        request._outage_error = error


got_request_exception.connect(_mark_outage, dispatch_uid="cms.middleware.mark_outage")
