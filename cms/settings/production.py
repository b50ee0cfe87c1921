"""Production: refuses to start without a secret key and allowed hosts.

Stateless app servers: sessions, cache, rate limits and locks live in PostgreSQL and
Redis, never in process memory or local files (media go to S3 when configured), so
several servers behind a load balancer behave as one. See docs/production.md.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, MEDIA_URL, MIDDLEWARE, REDIS_URL, env_bool, env_list

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY doit être défini (au moins 50 caractères aléatoires) en production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS doit lister les noms de domaine servis en production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# seed_demo's accounts share a published password (cms/settings/base.py).
DEMO_CONTENT_ALLOWED = env_bool("DEMO_CONTENT_ALLOWED")

# --- Database --------------------------------------------------------------------------
# A reused connection is checked before use, so a database restart costs no request.
# PostgreSQL: a connection attempt gives up after DATABASE_CONNECT_TIMEOUT seconds and a
# statement after DATABASE_STATEMENT_TIMEOUT_MS (0: no limit; migrations run with 0).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Persistent connections: a new PostgreSQL connection per request cost more database CPU
# than the uncached map's queries at 200 listings (9.4 ms against 1.6 ms, bench/http_sizes.py).
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _db_options = DATABASES["default"].setdefault("OPTIONS", {})
    _db_options.setdefault("connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")))
    _statement_timeout = int(os.environ.get("DATABASE_STATEMENT_TIMEOUT_MS", "10000"))
    if _statement_timeout > 0:
        _db_options["options"] = f"{_db_options.get('options', '')} -c statement_timeout={_statement_timeout}".strip()

# --- Cache, sessions -----------------------------------------------------------------------
# Redis (REDIS_URL) with short socket timeouts; while it is down the site serves without
# cache (cms.cache). Without Redis, the cache is a table of the database (run
# `manage.py createcachetable`, which scripts/serve.sh does): never process memory.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cms.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "gus"),
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.5")),
                "socket_timeout": float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.5")),
                "CACHE_RETRY_SECONDS": float(os.environ.get("REDIS_RETRY_SECONDS", "5")),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "gus_cache",
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "gus"),
        }
    }
# Sessions in the database, read through the cache: a Redis outage costs a query, not a login.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Files -------------------------------------------------------------------------------
# Static files: compressed and hashed, served by WhiteNoise. Media: an S3-compatible
# bucket when AWS_STORAGE_BUCKET_NAME is set (private files are served through signed
# URLs only if AWS_QUERYSTRING_AUTH), the local MEDIA_ROOT otherwise.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "file_overwrite": False,
            "default_acl": None,
        },
    }
    if os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
        MEDIA_URL = f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN']}/"
    elif os.environ.get("AWS_S3_ENDPOINT_URL"):
        _endpoint = urlsplit(os.environ["AWS_S3_ENDPOINT_URL"])
        MEDIA_URL = f"{_endpoint.scheme}://{_endpoint.netloc}/{AWS_STORAGE_BUCKET_NAME}/"
else:
    _media_storage = {"BACKEND": "media_library.storage.MediaStorage"}
STORAGES = {
    "default": _media_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- HTTPS and security headers --------------------------------------------------------
# A reverse proxy terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]  # probes of the load balancer, in HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview overrides it with SAMEORIGIN on its own views
# Content-Security-Policy (cms.middleware): only the site's own assets on the public
# site; the admin needs inline scripts and styles. CSP_REPORT_ONLY=1 to try a change.
CONTENT_SECURITY_POLICY_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)

_first = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_first],
    "cms.middleware.AccessLogMiddleware",
    "cms.middleware.SecurityHeadersMiddleware",
    "cms.middleware.ServiceUnavailableMiddleware",
    *MIDDLEWARE[_first:],
]

# --- Logs ----------------------------------------------------------------------------------
# One JSON object per line on stderr, without personal data (cms.log). Tracebacks keep
# their stack but not their message. LOG_FORMAT=text for a human-readable console.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "cms.log.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "text" if os.environ.get("LOG_FORMAT") == "text" else "json",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # The access line comes from cms.middleware.AccessLogMiddleware; Django's own
        # request logger would repeat 4xx lines with the request object attached.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "ERROR"},
        "cms.access": {"level": os.environ.get("ACCESS_LOG_LEVEL", "INFO")},
    },
}
