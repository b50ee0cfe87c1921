"""Test settings: fast hashing, in-memory media and cache, immediate tasks."""

import atexit
import os
import shutil
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="gus-test-media-")
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
# A loaded CI machine must not turn a slow page into a 503; tests of the budget set their own.
REQUEST_BUDGET_SECONDS = 30.0
# The suite sends thousands of requests a minute from one address; rate-limit tests set their own.
RATE_LIMITS = {path: (1_000_000, window) for path, (_, window) in RATE_LIMITS.items()}  # noqa: F405
# Tests change content with the ORM and read pages again; the page-cache tests turn it on.
PAGE_CACHE_SECONDS = 0
# SQLite's test database is a file, never Django's in-memory default: with an in-memory
# database the live server's threads share the test's one connection, and a page whose
# map, image and scripts are requested at once could hang a browser test. With a file,
# each thread has its own connection, as on PostgreSQL.
# scripts/test.sh keeps it between local runs (--reuse-db); otherwise it is a temporary
# file, removed at exit.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    if os.environ.get("TEST_DATABASE_KEEP"):
        _test_database = str(BASE_DIR / ".test-db.sqlite3")  # noqa: F405
    else:
        _test_database_dir = tempfile.mkdtemp(prefix="gus-test-db-")
        atexit.register(shutil.rmtree, _test_database_dir, ignore_errors=True)
        _test_database = os.path.join(_test_database_dir, "test.sqlite3")
    DATABASES["default"]["TEST"] = {"NAME": _test_database}  # noqa: F405
