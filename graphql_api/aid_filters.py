"""Which aids apply to a person here: the `AidFilter` input and the per-commune answer
(`Commune.applicableAids`). Shared by the aid and commune types, so it imports neither.

Applicability itself is AidPage.objects.applicable_to() and AidsByCommune (aides.models).
"""

import strawberry
from strawberry_django.optimizer import optimize

from aides.models import AidAudience, AidPage, AidsByCommune, AidType
from reference.models import Commune, Profession

from .enums import enum_from_choices
from .limits import MAX_PAGE_SIZE, PublicError
from .site import public_pages

AidTypeEnum = enum_from_choices("AidType", AidType, "Kind of aid.")


@strawberry.input(
    description="Filters on aids. Audience, profession and commune together answer "
    "'which aids apply to me here'; each may be left out."
)
class AidFilter:
    audience: str | None = strawberry.field(default=None, description="Audience code (see `aidAudiences`).")
    profession: str | None = strawberry.field(default=None, description="Profession slug.")
    commune: str | None = strawberry.field(default=None, description="INSEE code of the commune of practice.")
    aid_types: list[AidTypeEnum] | None = strawberry.field(default=None, description="Kinds of aid.")


def _get_or_refuse(model, message, **lookup):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        raise PublicError(message)
    return obj


def apply_aid_filter(queryset, filters, *, commune=None):
    audience = profession = None
    if filters is not None:
        if filters.audience:
            audience = _get_or_refuse(AidAudience, "Public inconnu : vérifiez le code.", code=filters.audience)
        if filters.profession:
            profession = _get_or_refuse(
                Profession, "Profession inconnue : vérifiez l'identifiant.", slug=filters.profession
            )
        if filters.commune:
            commune = _get_or_refuse(Commune, "Commune inconnue : vérifiez le code INSEE.", insee_code=filters.commune)
        if filters.aid_types:
            queryset = queryset.filter(aid_type__in=[t.value for t in filters.aid_types])
    if audience or profession or commune:
        queryset = queryset.applicable_to(audience=audience, profession=profession, commune=commune)
    return queryset.order_by("title", "pk")


def applicable_aids_in(commune, info, *, audience=None, profession=None):
    """The public aids that apply in `commune`, for `Commune.applicableAids`.

    However many communes a list holds, the aids are loaded once per selection and
    arguments (memoised on the request's context), then matched to each commune in
    memory: a list of communes costs a constant number of SQL queries.
    """
    memo = info.context.__dict__.setdefault("applicable_aids", {})
    key = (id(info._raw_info.field_nodes[0]), audience, profession)
    if key not in memo:
        filters = AidFilter(audience=audience, profession=profession)
        queryset = apply_aid_filter(public_pages(AidPage.objects.all(), info), filters)
        memo[key] = AidsByCommune(optimize(queryset, info))
    return memo[key].for_commune(commune)[:MAX_PAGE_SIZE]
