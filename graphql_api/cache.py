"""Server-side cache of anonymous responses, keyed by the content version (core/content_version.py).

The version changes whenever public content may have changed: a listing or page is
published, unpublished or expires (Wagtail's publish_scheduled unpublishes with
`unpublished`), or reference data is saved or deleted. Time-based expiry between two
scheduled runs is bounded by RESPONSE_TTL.
"""

import gzip
import hashlib
import json
import time
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse, print_ast

from core.content_version import bump_content_version, content_version

RESPONSE_TTL = settings.GRAPHQL_CACHE_SECONDS
HTTP_MAX_AGE = settings.GRAPHQL_HTTP_MAX_AGE
# Compressed answers larger than this are not kept (the map of 20,000 listings is ~1 MB).
MAX_CACHED_BYTES = settings.GRAPHQL_CACHE_MAX_ENTRY_BYTES


def response_key(host, query, variables, operation_name):
    """The cache key of a query, or None when it is not a cacheable query.

    Two requests asking the same thing share one key: the document is parsed and
    printed again (whitespace, commas and comments vanish), variables the operation
    does not declare are dropped and the others sorted.
    """
    normalized = normalized_operation(query, operation_name)
    if normalized is None or (variables is not None and not isinstance(variables, dict)):
        return None
    printed, declared, name = normalized
    used = {key: value for key, value in (variables or {}).items() if key in declared}
    payload = json.dumps([host, printed, used, name], sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(payload.encode()).hexdigest()
    return f"graphql_api:response:{content_version()}:{digest}"


@lru_cache(maxsize=256)
def normalized_operation(query, operation_name):
    """(printed document, declared variable names, operation name) of a single query
    operation, or None (syntax error, mutation, ambiguous operation). Memoised: the
    site sends the same few documents over and over."""
    try:
        document = parse(query, no_location=True)
    except GraphQLError:
        return None
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name:
        operations = [op for op in operations if op.name is not None and op.name.value == operation_name]
    if len(operations) != 1 or operations[0].operation is not OperationType.QUERY:
        return None
    declared = frozenset(definition.variable.name.value for definition in operations[0].variable_definitions or ())
    name = operations[0].name.value if operations[0].name else None
    return print_ast(document), declared, name


class CachedResponse:
    """A response body kept gzip-compressed once, with its ETag: a hit costs no JSON work,
    a client that accepts gzip gets the stored bytes, one that has them gets a 304."""

    __slots__ = ("etag", "gzipped")

    def __init__(self, etag, gzipped):
        self.etag = etag
        self.gzipped = gzipped

    @classmethod
    def from_content(cls, content):
        etag = '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'
        # Level 1: 2.4x faster than 6 for 15 % more bytes (measured on the map): built on a miss.
        return cls(etag, gzip.compress(content, compresslevel=1, mtime=0))

    def content(self):
        return gzip.decompress(self.gzipped)

    def __reduce__(self):
        return (CachedResponse, (self.etag, self.gzipped))


def get_response(key):
    entry = cache.get(key)
    return entry if isinstance(entry, CachedResponse) else None


def set_response(key, content):
    """Keep a response (compressed) when it is small enough; the entry, or None."""
    if RESPONSE_TTL <= 0:  # the cache is off (GRAPHQL_CACHE_SECONDS=0): do not compress for nothing
        return None
    entry = CachedResponse.from_content(content)
    if len(entry.gzipped) > MAX_CACHED_BYTES:
        cache.set(f"{key}:too-large", 1, RESPONSE_TTL)  # the next requests build it without waiting
        return None
    cache.set(key, entry, RESPONSE_TTL)
    return entry


# A miss is built by one request while the others asking the same thing wait for it
# (after a publish, twenty visitors of the map would otherwise build it twenty times).
BUILD_LOCK_SECONDS = 30
BUILD_WAIT_SECONDS = 2.0


def claim_build(key):
    """True when this request should build the entry: nobody else is building it, or the
    entry will not be kept anyway (cache off, or an answer too large), so nobody should wait."""
    if RESPONSE_TTL <= 0 or cache.get(f"{key}:too-large"):
        return True
    return cache.add(f"{key}:building", 1, BUILD_LOCK_SECONDS)


def release_build(key):
    cache.delete(f"{key}:building")


def wait_for_response(key):
    """The entry another request is building, or None if it does not come in time."""
    deadline = time.monotonic() + BUILD_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.02)
        if (entry := get_response(key)) is not None:
            return entry
        if cache.get(f"{key}:building") is None:  # the builder gave up (an error): build it ourselves
            return None
    return None


__all__ = ["bump_content_version", "content_version", "get_response", "response_key", "set_response"]
