"""The version of the public content: every cache of public answers is keyed by it.

It changes whenever public content may have changed (graphql_api/signals.py connects
publish, unpublish, expiry and reference-data saves to `bump_content_version`), which
invalidates at once the API's response cache, the site's full-page cache
(cms/pagecache.py), the frontend's data cache and the open-data exports. It lives in the
shared cache (Redis in production), so every worker and server sees the same version.
"""

import uuid

from django.core.cache import cache

VERSION_KEY = "graphql_api:content-version"


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
