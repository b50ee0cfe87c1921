"""The anonymous, read-only GraphQL endpoint.

- Every request is answered as an anonymous visitor: a logged-in editor's session is
  ignored (request.user is replaced before anything reads it).
- No mutation: the schema has no Mutation type.
- GET queries are allowed so that responses can be cached; bodies and query strings are
  size-limited; malformed requests get a 400, never a 500.
- Successful anonymous responses are cached server-side (graphql_api.cache) and carry
  Cache-Control headers.
"""

import json

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from strawberry.django.views import GraphQLView
from wagtail.models import APIToken

from . import cache
from .limits import MAX_BODY_BYTES

# Listings carry up to 10,000 characters of description plus other fields.
CONTRIBUTIONS_MAX_BODY_BYTES = 64_000
# With photos (multipart): 6 photos of 10 MB at most, plus the fields.
CONTRIBUTIONS_MAX_UPLOAD_BYTES = 61 * 1024 * 1024
TOO_LARGE_MESSAGE = f"Requête trop volumineuse : {MAX_BODY_BYTES} octets au maximum."


def _error(message, status=400):
    response = JsonResponse({"errors": [{"message": message}]}, status=status)
    response["Cache-Control"] = "no-store"
    return response


class PublicGraphQLView(GraphQLView):
    def dispatch(self, request, *args, **kwargs):
        request.user = AnonymousUser()
        if request.method not in ("GET", "POST"):
            return _error("Méthode non autorisée : utilisez GET ou POST.", status=405)
        try:
            content_length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _error("En-tête Content-Length invalide.")
        if content_length > MAX_BODY_BYTES or len(request.META.get("QUERY_STRING", "")) > MAX_BODY_BYTES:
            return _error(TOO_LARGE_MESSAGE)

        if request.method == "POST" and request.content_type == "application/json":
            try:
                data = json.loads(request.body or b"")
            except (ValueError, UnicodeDecodeError):
                return _error("Corps de requête JSON invalide.")
            if not isinstance(data, dict) or not isinstance(data.get("query"), str):
                return _error("Le corps doit être un objet JSON avec un champ « query » (texte).")

        key = self._cache_key(request)
        if key is not None and (content := cache.get_response(key)) is not None:
            response = HttpResponse(content, content_type="application/json")
            response["X-Cache"] = "HIT"
            return self._with_cache_headers(request, response)

        response = super().dispatch(request, *args, **kwargs)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("application/json"):
            content = response.content
            if key is not None and b'"errors"' not in content:
                cache.set_response(key, content)
                response["X-Cache"] = "MISS"
                return self._with_cache_headers(request, response)
        response["Cache-Control"] = "no-store"
        return response

    def _cache_key(self, request):
        """A key for this query, or None when the request is not a plain cacheable query."""
        if request.method == "GET":
            query = request.GET.get("query")
            variables = request.GET.get("variables") or None
            operation_name = request.GET.get("operationName")
            try:
                variables = json.loads(variables) if variables else None
            except ValueError:
                return None
        else:
            if not request.content_type.startswith("application/json"):
                return None
            try:
                data = json.loads(request.body or b"null")
            except (ValueError, UnicodeDecodeError):
                return None
            if not isinstance(data, dict):
                return None
            query, variables, operation_name = data.get("query"), data.get("variables"), data.get("operationName")
        if not isinstance(query, str) or query.lstrip().startswith(("mutation", "subscription")):
            return None
        return cache.response_key(request.get_host(), query, variables, operation_name)

    def _with_cache_headers(self, request, response):
        if request.method == "GET":
            response["Cache-Control"] = f"public, max-age={cache.HTTP_MAX_AGE}"
        else:
            response["Cache-Control"] = "no-cache"
        return response


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
        if int(request.META.get("CONTENT_LENGTH") or 0) > limit:
            return _error(f"Requête trop volumineuse : {limit} octets au maximum.")
        request.user = user_from_bearer_token(request)
        if not request.user.is_authenticated:
            response = _error("Authentification requise : jeton d'API manquant, invalide ou révoqué.", status=401)
            response["WWW-Authenticate"] = "Bearer"
            return response
        if request.content_type == "application/json":
            try:
                data = json.loads(request.body or b"")
            except (ValueError, UnicodeDecodeError):
                return _error("Corps de requête JSON invalide.")
            if not isinstance(data, dict) or not isinstance(data.get("query"), str):
                return _error("Le corps doit être un objet JSON avec un champ « query » (texte).")
        response = super().dispatch(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response
