"""Server-side cache of anonymous responses, invalidated by a version key.

The version changes whenever public content may have changed: a listing or page is
published, unpublished or expires (Wagtail's publish_scheduled unpublishes with
`unpublished`), or reference data is saved or deleted. Time-based expiry between two
scheduled runs is bounded by RESPONSE_TTL.
"""

import hashlib
import json
import uuid

from django.conf import settings
from django.core.cache import cache

VERSION_KEY = "graphql_api:content-version"
RESPONSE_TTL = getattr(settings, "GRAPHQL_CACHE_SECONDS", 300)
HTTP_MAX_AGE = getattr(settings, "GRAPHQL_HTTP_MAX_AGE", 60)
MAX_CACHED_BYTES = 16 * 1024 * 1024  # the map of 20,000 listings is ~7 MB


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_content_version(**kwargs):
    """Signal receiver: any public content may have changed."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def response_key(host, query, variables, operation_name):
    payload = json.dumps([host, query, variables, operation_name], sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(payload.encode()).hexdigest()
    return f"graphql_api:response:{content_version()}:{digest}"


def get_response(key):
    return cache.get(key)


def set_response(key, content):
    if len(content) <= MAX_CACHED_BYTES:
        cache.set(key, content, RESPONSE_TTL)
