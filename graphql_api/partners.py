"""Partner pages: the institutions a doctor deals with."""

import strawberry
import strawberry_django

from partners.models import PartnerKind, PartnerPage, PartnersIndexPage

from .blocks import StreamBlock, rich_text_html, stream_blocks
from .enums import enum_from_choices
from .images import ImageType
from .pages import PageInterface
from .site import public_pages

PartnerKindEnum = enum_from_choices("PartnerKind", PartnerKind, "Kind of partner institution.")


@strawberry_django.type(PartnerPage, name="PartnerPage", description="A partner institution (ARS, CPAM, Ordre...).")
class PartnerPageType(PageInterface):
    kind: PartnerKindEnum = strawberry_django.field(description="Kind of partner.")
    mission: str = strawberry_django.field(description="Its role for a doctor, in a few sentences.")
    email: str = strawberry_django.field(description="Institutional e-mail address.")
    phone: str = strawberry_django.field(description="Institutional phone number.")
    address: str = strawberry_django.field(description="Postal address.")
    latitude: float | None = strawberry_django.field(description="Latitude (WGS84).")
    longitude: float | None = strawberry_django.field(description="Longitude (WGS84).")
    website: str = strawberry_django.field(description="Website.")
    logo: ImageType | None = strawberry_django.field(description="Logo.")

    @strawberry_django.field(description="Institutional contacts, as HTML.", only=["contact_details"])
    def contact_details_html(self) -> str:
        return rich_text_html(self.contact_details)

    @strawberry_django.field(description="Services offered, as content blocks.", only=["services"])
    def services(self, info: strawberry.Info) -> list[StreamBlock]:
        return stream_blocks(self.services, info)

    @classmethod
    def get_queryset(cls, queryset, info, **kwargs):
        return public_pages(queryset, info)


@strawberry_django.type(
    PartnersIndexPage, name="PartnersIndexPage", description="The directory of partners (lists them: `partners`)."
)
class PartnersIndexPageType(PageInterface):
    introduction: str = strawberry_django.field(description="Introduction text.")

    @classmethod
    def get_queryset(cls, queryset, info, **kwargs):
        return public_pages(queryset, info)


@strawberry.input(description="Filters on partners.")
class PartnerFilter:
    kinds: list[PartnerKindEnum] | None = strawberry.field(default=None, description="Kinds of partner.")


def apply_partner_filter(queryset, filters):
    if filters is not None and filters.kinds:
        queryset = queryset.filter(kind__in=[k.value for k in filters.kinds])
    return queryset
