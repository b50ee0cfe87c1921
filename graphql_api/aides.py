"""Aids: guides to financial and practical aids, and which of them apply to a person here.

Applicability is AidPage.objects.applicable_to() and AidsByCommune, the single home of
that rule; the filter and the per-commune answer are in graphql_api.aid_filters.
"""

import strawberry
import strawberry_django
from django.db.models import Prefetch

from aides.models import (
    AidAudience,
    AidPage,
    AidsIndexPage,
    TerritorialScope,
    ZonageRequirement,
)
from partners.models import PartnerPage

from .aid_filters import AidTypeEnum
from .blocks import StreamBlock, rich_text_html, stream_blocks
from .enums import deprecated_for, enum_from_choices, legacy_member
from .limits import VOCABULARY_CAP, capped_list
from .pages import PageInterface
from .partners import PartnerPageType
from .reference import CommuneType, EpciType, ProfessionType
from .site import desk_rows, public_pages

TerritorialScopeEnum = enum_from_choices("TerritorialScope", TerritorialScope, "Where an aid applies.")
ZonageRequirementEnum = enum_from_choices(
    "ZonageRequirement", ZonageRequirement, "ARS zoning a commune must have for the aid to apply."
)


@strawberry_django.type(AidAudience, name="AidAudience", description="Who an aid is for (student, intern...).")
class AidAudienceType:
    code: str = strawberry_django.field(description="Stable identifier, used in filters.")
    name: str = strawberry_django.field(description="Name.")

    @classmethod
    def get_queryset(cls, queryset, info, **kwargs):
        return desk_rows(queryset, info)


@strawberry_django.type(AidPage, name="AidPage", description="A guide to one aid.")
class AidPageType(PageInterface):
    summary: str = strawberry_django.field(description="What the aid brings, in one or two sentences.")
    aid_type_code: str = strawberry_django.field(
        field_name="aid_type", description="Code of the kind of aid (labels: `aidTypes`)."
    )
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
        description="Kind of aid; OTHER for a kind the desk added.",
        only=["aid_type"],
        deprecation_reason=deprecated_for("aidTypeCode", "aidTypes"),
    )
    def aid_type(self) -> AidTypeEnum:
        return legacy_member(AidTypeEnum, self.aid_type)

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
