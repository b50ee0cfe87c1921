"""Limits of the public endpoint and the errors it may show to clients.

Every number a client could abuse is here, so that the schema, the view and the tests
read the same values.
"""

import strawberry
import strawberry_django
from django.conf import settings
from strawberry.extensions import FieldExtension
from strawberry_django.fields.field import StrawberryDjangoField
from strawberry_django.pagination import OffsetPaginationInput

# A request body larger than this is refused with a 400 before it is parsed.
MAX_BODY_BYTES = getattr(settings, "GRAPHQL_MAX_BODY_BYTES", 20_000)
MAX_DEPTH = getattr(settings, "GRAPHQL_MAX_DEPTH", 8)
MAX_ALIASES = getattr(settings, "GRAPHQL_MAX_ALIASES", 15)
MAX_TOKENS = getattr(settings, "GRAPHQL_MAX_TOKENS", 2_000)
# Largest page a paginated field returns; larger requests are refused with a message.
MAX_PAGE_SIZE = getattr(settings, "GRAPHQL_MAX_PAGE_SIZE", 100)
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
    order; in a prefetch (nested lists) the cap is applied per parent by a window
    function, so it stays one SQL query for the whole list of parents. The cost rule
    (graphql_api.cost) reads `cap` to bound the work of a document before running it.
    """

    cap = MAX_PAGE_SIZE

    def get_queryset(self, queryset, info, *, pagination=None, **kwargs):
        if pagination in (None, strawberry.UNSET):
            pagination = OffsetPaginationInput(offset=0, limit=self.cap)
        else:
            check_pagination(pagination)
        return super().get_queryset(queryset, info, pagination=pagination, **kwargs)


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
