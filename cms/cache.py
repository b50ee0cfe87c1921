"""A Redis cache that degrades to "no cache" while Redis is unreachable.

Django's RedisCache raises on every call when Redis is down, which would turn each public
page into a 500. The cache only ever holds copies (GraphQL responses, commune outlines)
or short-lived counters (the public form's rate limit), so during an outage:

- reads are misses, writes and deletes are dropped, `add` says "not added" and `incr`
  says "no such key" (the rate limit then counts from 1: it fails open);
- after a failure Redis is not asked again for `CACHE_RETRY_SECONDS` (a small circuit
  breaker), so a request never waits more than one socket timeout;
- the first call after that window tries again: recovery is automatic.

`check()` bypasses all that for the readiness endpoint (cms/health.py).
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("cms.cache")

try:  # redis is a dependency of the project; keep the import local to this backend
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    REDIS_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
except ImportError:  # pragma: no cover
    REDIS_ERRORS = (OSError,)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self.retry_seconds = float(options.pop("CACHE_RETRY_SECONDS", 5))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._down_until = 0.0
        self._lock = threading.Lock()

    # -- circuit breaker ------------------------------------------------------------
    def _available(self):
        return time.monotonic() >= self._down_until

    def _failed(self, error):
        with self._lock:
            first = self._down_until == 0.0 or time.monotonic() >= self._down_until
            self._down_until = time.monotonic() + self.retry_seconds
        if first:
            logger.warning(
                "Cache Redis injoignable (%s) : le site continue sans cache, nouvel essai dans %ss",
                type(error).__name__,
                self.retry_seconds,
            )

    def _recovered(self):
        if self._down_until:
            with self._lock:
                was_down, self._down_until = self._down_until, 0.0
            if was_down:
                logger.info("Cache Redis de nouveau joignable")

    def _call(self, name, fallback, *args, **kwargs):
        if not self._available():
            return fallback()
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except REDIS_ERRORS as error:
            self._failed(error)
            return fallback()
        self._recovered()
        return result

    # -- the cache API ----------------------------------------------------------------
    def get(self, key, default=None, version=None):
        return self._call("get", lambda: default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", dict, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", lambda: False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", lambda: False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", lambda: None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", lambda: list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", lambda: False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", lambda: None, keys, version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found (cache unavailable)")

        return self._call("incr", missing, key, delta, version)

    def clear(self):
        return self._call("clear", lambda: False)

    # -- readiness ----------------------------------------------------------------------
    def check(self):
        """Round trip to Redis, raising on failure (readiness endpoint)."""
        client = self._cache.get_client(write=True)
        client.ping()
        self._recovered()
