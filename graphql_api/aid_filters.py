"""Which aids apply to a person here: the `AidFilter` input and the per-commune answer
(`Commune.applicableAids`). Shared by the aid and commune types, so it imports neither.

Applicability itself is aides.eligibility (AidPage.objects.applicable_to() uses it).
"""

import strawberry
from strawberry_django.optimizer import optimize

from aides.eligibility import Eligibility, Situation
from aides.models import AidAudience, AidPage, AidType
from reference.models import Commune, Profession

from .enums import deprecated_for, legacy_codes_q, legacy_enum
from .limits import MAX_PAGE_SIZE, PublicError
from .site import current_desk, desk_rows, public_pages, territory_communes

AidTypeEnum = legacy_enum("AidType", AidType, "Kind of aid, as the health desk first defined it.")


@strawberry.input(
    description="Filters on aids. Audience, profession and commune together answer "
    "'which aids apply to me here'; each may be left out."
)
class AidFilter:
    audience: str | None = strawberry.field(default=None, description="Audience code (see `aidAudiences`).")
    profession: str | None = strawberry.field(default=None, description="Profession slug.")
    commune: str | None = strawberry.field(default=None, description="INSEE code of the commune of practice.")
    aid_type_codes: list[str] | None = strawberry.field(
        default=None, description="Codes of kinds of aid (see `aidTypes`)."
    )
    aid_types: list[AidTypeEnum] | None = strawberry.field(
        default=None, description="Kinds of aid.", deprecation_reason=deprecated_for("aidTypeCodes", "aidTypes")
    )


def _get_or_refuse(queryset, message, **lookup):
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise PublicError(message)
    return obj


def resolve_situation(filters, info):
    """The person's situation named by an AidFilter (codes → records of the request's desk:
    its audiences and professions, the communes of its territory); PublicError on an unknown code.
    The desk's zoning classes judge it, even when no profession names the desk."""
    site_id = current_desk(info).site_id
    if filters is None:
        return Situation(site_id=site_id)
    return Situation(
        site_id=site_id,
        audience=filters.audience
        and _get_or_refuse(
            desk_rows(AidAudience.objects.all(), info), "Public inconnu : vérifiez le code.", code=filters.audience
        ),
        profession=filters.profession
        and _get_or_refuse(
            desk_rows(Profession.objects.all(), info),
            "Profession inconnue : vérifiez l'identifiant.",
            slug=filters.profession,
        ),
        commune=filters.commune
        and _get_or_refuse(
            territory_communes(Commune.objects.all(), info),
            "Commune inconnue : vérifiez le code INSEE.",
            insee_code=filters.commune,
        ),
    )


def apply_aid_filter(queryset, filters, info):
    situation = resolve_situation(filters, info)
    if filters is not None and filters.aid_type_codes:
        queryset = queryset.filter(aid_type__in=filters.aid_type_codes)
    if filters is not None and filters.aid_types:
        queryset = queryset.filter(legacy_codes_q("aid_type", AidTypeEnum, filters.aid_types))
    if situation.audience or situation.profession or situation.commune:
        queryset = queryset.applicable_to(
            audience=situation.audience,
            profession=situation.profession,
            commune=situation.commune,
            site_id=situation.site_id,
        )
    return queryset.order_by("title", "pk")


def applicable_aids_in(commune, info, *, audience=None, profession=None):
    """The public aids that apply in `commune`, for `Commune.applicableAids`.

    However many communes a list holds, the aids and their conditions are loaded once per
    selection and arguments (memoised on the request's context), then judged for each
    commune in memory: a list of communes costs a constant number of SQL queries.
    """
    memo = info.context.__dict__.setdefault("applicable_aids", {})
    key = (id(info._raw_info.field_nodes[0]), audience, profession)
    if key not in memo:
        situation = resolve_situation(AidFilter(audience=audience, profession=profession), info)
        queryset = public_pages(AidPage.objects.all(), info).order_by("title", "pk")
        memo[key] = Eligibility(optimize(queryset, info), situation, explain=False)
    return memo[key].applicable(commune)[:MAX_PAGE_SIZE]
