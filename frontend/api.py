"""Run the public GraphQL API in-process, exactly as an anonymous visitor of /graphql/ would.

The public site reads nothing else: no ORM query in this app. Every page has its GraphQL
document in frontend/queries/<name>.graphql. Results are cached under the API's content
version, so that publishing or withdrawing content invalidates them like the endpoint's.
"""

import copy
import hashlib
import json
import logging
from functools import cache as memoize
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from strawberry.django.context import StrawberryDjangoContext

from core.content_version import content_version
from graphql_api import cache as api_cache
from graphql_api.persisted import document_hash
from graphql_api.schema import schema

logger = logging.getLogger(__name__)

QUERIES_DIR = Path(__file__).resolve().parent / "queries"
CACHE_SECONDS = api_cache.RESPONSE_TTL


class ApiError(Exception):
    """The API refused a query; ``messages`` are the API's public (French) messages."""

    def __init__(self, messages):
        self.messages = messages
        super().__init__("; ".join(messages))


@memoize
def document(name):
    """The GraphQL document frontend/queries/<name>.graphql."""
    return (QUERIES_DIR / f"{name}.graphql").read_text(encoding="utf-8")


def persisted_id(name):
    """The id under which the API knows document ``name`` (graphql_api.persisted)."""
    return document_hash(document(name))


def anonymous(request):
    """A copy of the request as the public endpoint sees it: no user, whatever the session."""
    public_request = copy.copy(request)
    public_request.user = AnonymousUser()
    return public_request


def execute(request, name, variables=None):
    """The ``data`` of query ``name`` with ``variables``; raises ApiError on API errors."""
    query = document(name)
    variables = variables or {}
    payload = json.dumps([request.get_host(), name, variables], sort_keys=True, separators=(",", ":"))
    key = f"frontend:api:{content_version()}:{hashlib.sha256(payload.encode()).hexdigest()}"
    data = cache.get(key)
    if data is not None:
        return data
    result = schema.execute_sync(
        query,
        variable_values=variables,
        context_value=StrawberryDjangoContext(request=anonymous(request), response=None),
    )
    if result.errors:
        messages = [error.message for error in result.errors]
        logger.info("API error for %s: %s", name, messages)
        raise ApiError(messages)
    data = result.data
    cache.set(key, data, CACHE_SECONDS)
    return data


def execute_all_pages(request, name, field, variables=None, page_size=100):
    """Every result of paginated ``field`` (communes, listings...), page by page."""
    variables = dict(variables or {})
    results, offset = [], 0
    while True:
        data = execute(request, name, {**variables, "offset": offset, "limit": page_size})
        page = data[field]
        results.extend(page["results"])
        offset += page_size
        if offset >= page["totalCount"] or not page["results"]:
            return data, results
