"""Limits of the public endpoint and the errors it may show to clients.

Every number a client could abuse is here, so that the schema, the view and the tests
read the same values.
"""

import functools
import re

import strawberry
import strawberry_django
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from graphql import GraphQLError
from strawberry.extensions import FieldExtension, MaskErrors
from strawberry_django.fields.field import StrawberryDjangoField
from strawberry_django.pagination import OffsetPaginationInput

# A request body larger than this is refused with a 400 before it is parsed.
MAX_BODY_BYTES = settings.GRAPHQL_MAX_BODY_BYTES
MAX_DEPTH = settings.GRAPHQL_MAX_DEPTH
MAX_ALIASES = settings.GRAPHQL_MAX_ALIASES
MAX_TOKENS = settings.GRAPHQL_MAX_TOKENS
# Largest page a paginated field returns; larger requests are refused with a message.
MAX_PAGE_SIZE = settings.GRAPHQL_MAX_PAGE_SIZE
MAX_RADIUS_KM = 200
# Short vocabularies attached to an object (professions of a listing, audiences of an aid).
VOCABULARY_CAP = 20
# Photos of a listing (the admin and the forms accept at most 10).
MAX_PHOTOS = 10
MAX_SEARCH_LENGTH = 200


# What a client sees of an unexpected error (graphql_api.schema masks the rest).
MASKED_ERROR_MESSAGE = "Erreur inattendue."


class PublicError(Exception):
    """An error whose message (in French) is meant for the client and is never masked."""


def search_text(text):
    """The words of a `search` filter, stripped; PublicError when longer than MAX_SEARCH_LENGTH."""
    text = text.strip()
    if len(text) > MAX_SEARCH_LENGTH:
        raise PublicError(f"La recherche est limitée à {MAX_SEARCH_LENGTH} caractères.")
    return text


class PageSizeLimit(FieldExtension):
    """Refuses `pagination: {limit: N}` above MAX_PAGE_SIZE with a clear message.

    strawberry-django would silently cap it (PAGINATION_MAX_LIMIT is also set as a
    backstop); a client asking for more deserves to know it did not get it.
    """

    def resolve(self, next_, source, info, **kwargs):
        check_pagination(kwargs.get("pagination"))
        return next_(source, info, **kwargs)


def check_pagination(pagination):
    if pagination is None or pagination is strawberry.UNSET:
        return
    limit = getattr(pagination, "limit", None)
    offset = getattr(pagination, "offset", 0) or 0
    if limit not in (None, strawberry.UNSET) and (limit < 0 or limit > MAX_PAGE_SIZE):
        raise PublicError(f"La taille de page doit être comprise entre 0 et {MAX_PAGE_SIZE} résultats.")
    if offset < 0:
        raise PublicError("Le décalage (offset) ne peut pas être négatif.")


class CappedListField(StrawberryDjangoField):
    """A list of model objects that never returns more than `cap` items.

    Without a `pagination` argument the first `cap` items are returned, in the field's
    order. For a reverse foreign key, in a prefetch (nested lists), the cap is applied per
    parent by a window function: one SQL query for the whole list of parents. For a
    many-to-many relation it is applied in Python: the window added to a prefetch of
    modelcluster's ParentalManyToManyField joins the through table twice and repeats every
    row (strawberry-django #650 is fixed for Django's managers only). The cost rule
    (graphql_api.cost) reads `cap` to bound the work of a document before running it.
    """

    cap = MAX_PAGE_SIZE

    def get_queryset(self, queryset, info, *, pagination=None, **kwargs):
        if pagination not in (None, strawberry.UNSET):
            check_pagination(pagination)
        if self.is_many_to_many:
            return super().get_queryset(queryset, info, pagination=None, **kwargs)  # sliced in get_result
        if pagination in (None, strawberry.UNSET):
            pagination = OffsetPaginationInput(offset=0, limit=self.cap)
        return super().get_queryset(queryset, info, pagination=pagination, **kwargs)

    def get_result(self, source, info, args, kwargs):
        result = super().get_result(source, info, args, kwargs)
        if not self.is_many_to_many:
            return result
        pagination = kwargs.get("pagination")
        if pagination in (None, strawberry.UNSET):
            return result[: self.cap]
        offset = pagination.offset or 0
        limit = self.cap if pagination.limit in (None, strawberry.UNSET) else pagination.limit
        return result[offset : offset + limit]

    @functools.cached_property
    def is_many_to_many(self):
        definition = self.origin_django_type
        if definition is None:  # a root field: a queryset of its own, not a relation
            return False
        name = self.django_name or self.python_name
        try:
            return definition.model._meta.get_field(name).many_to_many
        except FieldDoesNotExist:
            return False


def capped_list(description, *, cap=MAX_PAGE_SIZE, paginated=False, **kwargs):
    """A CappedListField; `paginated` adds the optional `pagination` argument to page further."""
    more = ", more with `pagination`" if paginated else ""
    field = strawberry_django.field(
        description=f"{description} (at most {cap}{more}).",
        field_cls=CappedListField,
        pagination=True if paginated else strawberry.UNSET,
        **kwargs,
    )
    field.cap = cap
    return field


# The limits strawberry and graphql-core enforce say so in English: their messages, in French.
LIMIT_MESSAGES = [
    (
        re.compile(r"exceeds maximum operation depth of (\d+)"),
        "Requête trop imbriquée : {0} niveaux au maximum.",
    ),
    (
        re.compile(r"(\d+) aliases found\. Allowed: (\d+)"),
        "Trop d'alias : {0} dans la requête, {1} au maximum.",
    ),
    (
        re.compile(r"Document contains more than (\d+) tokens"),
        "Requête trop longue : plus de {0} éléments (jetons), la limite.",
    ),
]


def in_french(error):
    """The error, with a limit's English message given in French."""
    for pattern, french in LIMIT_MESSAGES:
        if match := pattern.search(error.message):
            return GraphQLError(
                french.format(*match.groups()),
                nodes=error.nodes,
                source=error.source,
                positions=error.positions,
                path=error.path,
            )
    return error


class PublicErrors(MaskErrors):
    """Masks unexpected errors (no internals, no personal data) and gives the limits'
    refusals in French; validation messages and PublicError pass unchanged. (The token
    limit fails while parsing, before extensions run: the view translates that one.)"""

    def _process_errors(self, errors):
        return [in_french(error) for error in super()._process_errors(errors)]
