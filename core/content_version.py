"""The version of the public content: every cache of public answers is keyed by it.

It changes whenever public content may have changed (graphql_api/signals.py connects
publish, unpublish, expiry, moves, view restrictions, contact edits and reference-data
saves to `bump_content_version`), which invalidates at once the API's response cache, the
site's full-page cache (cms/pagecache.py), the frontend's data cache and the open-data
exports. It lives in the shared cache (Redis in production), so every worker and server
sees the same version.

Some content changes with time alone: a listing stops being public at its `expire_at`,
with no signal. Apps register a function giving the next such instant
(`register_next_change`); the version records it and is renewed once it has passed, so
no cached answer outlives what it shows. Reading the version stays one cache read.
"""

import time
import uuid

from django.core.cache import cache
from django.db import connection, transaction

VERSION_KEY = "graphql_api:content-version"
FIRST_CHECK_SECONDS = 300
_next_change_providers = []


def register_next_change(provider):
    """`provider()` returns the next datetime at which public content changes by itself, or None."""
    if provider not in _next_change_providers:
        _next_change_providers.append(provider)


def _next_change():
    instants = [instant for provider in _next_change_providers if (instant := provider()) is not None]
    return min(instants).timestamp() if instants else None


def content_version():
    stored = cache.get(VERSION_KEY)
    if isinstance(stored, tuple):
        version, valid_until = stored
        if valid_until is None or time.time() < valid_until:
            return version
        return bump_content_version()
    # First use (or an emptied cache): several workers may get here at once, one wins. No
    # query here (a request must not pay for it): the next instant is looked up at the first
    # renewal, at most FIRST_CHECK_SECONDS later, or at the next publication.
    cache.add(VERSION_KEY, (uuid.uuid4().hex, time.time() + FIRST_CHECK_SECONDS), None)
    stored = cache.get(VERSION_KEY)
    return stored[0] if isinstance(stored, tuple) else uuid.uuid4().hex


def bump_content_version(**kwargs):
    """Signal receiver: any public content may have changed. Returns the new version.

    Inside a transaction the version changes now and again at the commit: between the two,
    another worker reads the new version with the old rows and may cache them under it (a
    vocabulary, an API answer); the second change forgets those."""
    version = _new_version()
    if connection.in_atomic_block:
        transaction.on_commit(_new_version)
    return version


def _new_version():
    version = uuid.uuid4().hex
    cache.set(VERSION_KEY, (version, _next_change()), None)
    return version
