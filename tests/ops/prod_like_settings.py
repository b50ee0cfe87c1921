"""Production settings for the app servers that the ops tests start on localhost.

Everything is cms.settings.production (cache, sessions, middleware, logs, timeouts)
except what plain HTTP on loopback and a test run cannot have: secure-only cookies and
the HTTPS redirect, and collectstatic's manifest (50 s to build: templates get plain
static URLs instead).
"""

from cms.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
