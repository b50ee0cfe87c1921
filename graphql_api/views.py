"""The anonymous, read-only GraphQL endpoint.

- Every request is answered as an anonymous visitor: a logged-in editor's session is
  ignored (request.user is replaced before anything reads it).
- No mutation: the schema has no Mutation type.
- GET queries are allowed so that responses can be cached; bodies and query strings are
  size-limited; malformed requests get a 400, never a 500.
- A registered document may be sent by its SHA-256 (graphql_api.persisted).
- Successful anonymous responses are cached server-side (graphql_api.cache), compressed,
  with an ETag (304) and Cache-Control headers; one request builds a missing entry while
  the others asking the same thing wait for it.
- Cost, depth, alias and token limits are schema extensions (graphql_api.schema); rate
  limits and the request budget are middleware (cms.ratelimit, cms.budget).
"""

import json

import orjson
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.utils import timezone
from strawberry.django.views import GraphQLView
from wagtail.models import APIToken

from . import cache, persisted
from .limits import MASKED_ERROR_MESSAGE, MAX_BODY_BYTES, PublicError, in_french

# Listings carry up to 10,000 characters of description plus other fields.
CONTRIBUTIONS_MAX_BODY_BYTES = 64_000
# With photos (multipart): 6 photos of 10 MB at most, plus the fields.
CONTRIBUTIONS_MAX_UPLOAD_BYTES = 61 * 1024 * 1024


def _error(message, status=400):
    response = JsonResponse({"errors": [{"message": message}]}, status=status)
    response["Cache-Control"] = "no-store"
    return response


class PublicGraphQLView(GraphQLView):
    def dispatch(self, request, *args, **kwargs):
        request.user = AnonymousUser()
        if request.method not in ("GET", "POST"):
            return _error("Méthode non autorisée : utilisez GET ou POST.", status=405)
        if (response := check_size(request, MAX_BODY_BYTES)) is not None:
            return response
        if request.method == "GET" or request.content_type == "application/json":
            try:
                data = read_graphql_request(request, persisted_documents=True)
            except BadRequest as error:
                return _error(str(error))
            request.graphql_query = data["query"]
            key = self._cache_key(request, data["query"], data)
        else:
            key = None
        if key is None:
            return self._uncached(self._execute(request, *args, **kwargs))
        return self._through_cache(request, key, lambda: self._execute(request, *args, **kwargs))

    def _execute(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if getattr(request, "graphql_refused", False) and response.status_code == 200:
            response.status_code = 400  # nothing ran: a bad or over-budget document
        return response

    def process_result(self, request, result):
        """Mark a result refused as a whole (syntax, validation, cost, a PublicError at the
        root): it is answered 400, not 200. Masked internal errors stay 200 as GraphQL has it."""
        if result.errors and result.data is None:
            request.graphql_refused = all(error.message != MASKED_ERROR_MESSAGE for error in result.errors)
            result.errors = [in_french(error) for error in result.errors]
        return super().process_result(request, result)

    def _through_cache(self, request, key, execute):
        """The cached answer, or the one another request is building, or a new one (then kept)."""
        if (entry := cache.get_response(key)) is not None:
            return self._cached_response(request, entry, "HIT")
        claimed = cache.claim_build(key)
        if not claimed and (entry := cache.wait_for_response(key)) is not None:
            return self._cached_response(request, entry, "HIT")
        try:
            response = execute()
            if response.status_code == 200 and response.get("Content-Type", "").startswith("application/json"):
                content = response.content
                if b'"errors"' not in content and (entry := cache.set_response(key, content)) is not None:
                    return self._cached_response(request, entry, "MISS", content)
            return self._uncached(response)
        finally:
            if claimed:
                cache.release_build(key)

    def _uncached(self, response):
        response["Cache-Control"] = "no-store"
        return response

    def _cached_response(self, request, entry, status, content=None):
        """The stored answer: 304 when the client has it, gzip when accepted, else plain."""
        if entry.etag in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
        elif "gzip" in request.headers.get("Accept-Encoding", ""):
            response = HttpResponse(entry.gzipped, content_type="application/json")
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(
                content if content is not None else entry.content(), content_type="application/json"
            )
        response["ETag"] = entry.etag
        response["Vary"] = "Accept-Encoding"
        response["X-Cache"] = status
        return self._with_cache_headers(request, response)

    def should_render_graphql_ide(self, request_adapter):
        # A GET carrying a persisted document (no `query`) is an API call, not a browser
        # asking for GraphiQL (development only).
        if getattr(request_adapter.request, "graphql_query", None) is not None:
            return False
        return super().should_render_graphql_ide(request_adapter)

    def parse_http_body(self, request_adapter):
        data = super().parse_http_body(request_adapter)
        query = getattr(request_adapter.request, "graphql_query", None)
        if query is not None and not isinstance(data, list):
            data.query = query  # a persisted document's text (see dispatch)
        return data

    def encode_json(self, data):
        return orjson.dumps(data)

    def _cache_key(self, request, query, data):
        """A key for this query, or None when the request is not a plain cacheable query."""
        variables = data.get("variables")
        if isinstance(variables, str):
            try:
                variables = json.loads(variables) if variables else None
            except ValueError:
                return None
        return cache.response_key(request.get_host(), query, variables, data.get("operationName"))

    def _with_cache_headers(self, request, response):
        if request.method == "GET":
            response["Cache-Control"] = f"public, max-age={cache.HTTP_MAX_AGE}"
        else:
            response["Cache-Control"] = "no-cache"
        return response


def check_size(request, limit):
    """A 400 when the declared body or the query string is larger than `limit`, else None."""
    try:
        content_length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return _error("En-tête Content-Length invalide.")
    if content_length > limit or len(request.META.get("QUERY_STRING", "")) > limit:
        return _error(f"Requête trop volumineuse : {limit} octets au maximum.")
    return None


class BadRequest(Exception):
    """A request refused before GraphQL reads it; its French message is answered with a 400."""


def read_graphql_request(request, *, persisted_documents):
    """The GraphQL request as a dict (query string for GET, JSON body for POST) whose
    "query" is a text; with `persisted_documents`, a registered document's id stands for
    its text (graphql_api.persisted). Raises BadRequest when malformed."""
    data = _query_string_data(request) if request.method == "GET" else _json_body(request)
    if data is None:
        raise BadRequest("Corps de requête JSON invalide.")
    if persisted_documents:
        try:
            data["query"] = persisted.resolve_query(data)
        except PublicError as error:
            raise BadRequest(str(error)) from error
    if not isinstance(data.get("query"), str):
        alternative = " ou « documentId »" if persisted_documents else ""
        raise BadRequest(f"Le corps doit être un objet JSON avec un champ « query » (texte){alternative}.")
    return data


def _query_string_data(request):
    data = {key: request.GET.get(key) for key in ("query", "variables", "operationName", "documentId")}
    if request.GET.get("extensions"):
        try:
            data["extensions"] = json.loads(request.GET["extensions"])
        except ValueError:
            return None
    return data


def _json_body(request):
    try:
        data = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def user_from_bearer_token(request):
    """The active user owning the presented Wagtail API token, else an anonymous user.
    Session cookies are never used: a browser session cannot act through this API."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not APIToken.validate_token_format(token.strip()):
        return AnonymousUser()
    api_token = (
        APIToken.objects.select_related("user")
        .filter(key_hash__in=APIToken.candidate_key_hashes(token.strip()), revoked_at__isnull=True)
        .first()
    )
    if api_token is None or not api_token.user.is_active:
        return AnonymousUser()
    APIToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
    return api_token.user


class ContributionsGraphQLView(GraphQLView):
    """The authenticated submission endpoint: POST only, bearer token, never cached."""

    def dispatch(self, request, *args, **kwargs):
        if request.method != "POST":
            return _error("Utilisez POST avec un jeton d'API (en-tête Authorization: Bearer …).", status=405)
        limit = (
            CONTRIBUTIONS_MAX_UPLOAD_BYTES
            if request.content_type == "multipart/form-data"
            else CONTRIBUTIONS_MAX_BODY_BYTES
        )
        if (response := check_size(request, limit)) is not None:
            return response
        request.user = user_from_bearer_token(request)
        if not request.user.is_authenticated:
            response = _error("Authentification requise : jeton d'API manquant, invalide ou révoqué.", status=401)
            response["WWW-Authenticate"] = "Bearer"
            return response
        if request.content_type == "application/json":
            try:
                read_graphql_request(request, persisted_documents=False)
            except BadRequest as error:
                return _error(str(error))
        response = super().dispatch(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response
