"""Aids: guides to financial and practical aids, and which of them apply to a person here.

Applicability is AidPage.objects.applicable_to() and AidsByCommune, the single home of
that rule; inside a list of communes it is computed once per request (applicable_aids_in).
"""

import strawberry
import strawberry_django
from django.db.models import Prefetch
from strawberry_django.optimizer import optimize

from aides.models import (
    AidAudience,
    AidPage,
    AidsByCommune,
    AidsIndexPage,
    AidType,
    TerritorialScope,
    ZonageRequirement,
)
from partners.models import PartnerPage
from reference.models import Commune, Profession

from .blocks import StreamBlock, rich_text_html, stream_blocks
from .enums import enum_from_choices
from .limits import MAX_PAGE_SIZE, VOCABULARY_CAP, PublicError, capped_list
from .pages import PageInterface
from .partners import PartnerPageType
from .reference import CommuneType, EpciType, ProfessionType
from .site import public_pages

AidTypeEnum = enum_from_choices("AidType", AidType, "Kind of aid.")
TerritorialScopeEnum = enum_from_choices("TerritorialScope", TerritorialScope, "Where an aid applies.")
ZonageRequirementEnum = enum_from_choices(
    "ZonageRequirement", ZonageRequirement, "ARS zoning a commune must have for the aid to apply."
)


@strawberry_django.type(AidAudience, name="AidAudience", description="Who an aid is for (student, intern...).")
class AidAudienceType:
    code: str = strawberry_django.field(description="Stable identifier, used in filters.")
    name: str = strawberry_django.field(description="Name.")


@strawberry_django.type(AidPage, name="AidPage", description="A guide to one aid.")
class AidPageType(PageInterface):
    summary: str = strawberry_django.field(description="What the aid brings, in one or two sentences.")
    aid_type: AidTypeEnum = strawberry_django.field(description="Kind of aid.")
    amount_min_eur: float | None = strawberry_django.field(description="Minimum amount in euros.")
    amount_max_eur: float | None = strawberry_django.field(description="Maximum amount in euros.")
    amount_text: str = strawberry_django.field(description="Amount in words.")
    audiences: list[AidAudienceType] = capped_list("Audiences; empty means everyone", cap=VOCABULARY_CAP)
    professions: list[ProfessionType] = capped_list("Professions; empty means all", cap=VOCABULARY_CAP)
    scope: TerritorialScopeEnum = strawberry_django.field(description="Territorial scope.")
    communes: list[CommuneType] = capped_list("For a local aid: the communes concerned", paginated=True)
    epcis: list[EpciType] = capped_list("For a local aid: the EPCIs concerned", cap=VOCABULARY_CAP)
    zonage_requirement: ZonageRequirementEnum = strawberry_django.field(description="Zoning condition.")
    application_url: str = strawberry_django.field(description="Where to apply.")
    valid_from: strawberry.auto = strawberry_django.field(description="Valid from this date.")
    valid_until: strawberry.auto = strawberry_django.field(description="Valid until this date.")
    last_reviewed_at: strawberry.auto = strawberry_django.field(
        description="When the desk last checked amounts and conditions with the funder."
    )

    @strawberry_django.field(
        description="The funder, when its page is public.",
        only=["funder_id"],
        prefetch_related=[
            lambda info: Prefetch(
                "funder", queryset=public_pages(PartnerPage.objects.all(), info), to_attr="public_funder"
            )
        ],
    )
    def funder(self, info: strawberry.Info) -> PartnerPageType | None:
        if hasattr(self, "public_funder"):
            return self.public_funder
        # A single page reached by `page(path:)` is not loaded through the optimizer.
        if self.funder_id is None:
            return None
        return public_pages(PartnerPage.objects.filter(pk=self.funder_id), info).first()

    @strawberry_django.field(description="Obligations in return, as HTML.", only=["obligations"])
    def obligations_html(self) -> str:
        return rich_text_html(self.obligations)

    @strawberry_django.field(description="How to apply, as HTML.", only=["how_to_apply"])
    def how_to_apply_html(self) -> str:
        return rich_text_html(self.how_to_apply)

    @strawberry_django.field(description="Detailed presentation, as content blocks.", only=["body"])
    def body(self, info: strawberry.Info) -> list[StreamBlock]:
        return stream_blocks(self.body, info)

    @classmethod
    def get_queryset(cls, queryset, info, **kwargs):
        return public_pages(queryset, info)


@strawberry_django.type(AidsIndexPage, name="AidsIndexPage", description="The guide of aids (lists them: `aids`).")
class AidsIndexPageType(PageInterface):
    introduction: str = strawberry_django.field(description="Introduction text.")

    @classmethod
    def get_queryset(cls, queryset, info, **kwargs):
        return public_pages(queryset, info)


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
