"""The public GraphQL schema: read-only queries, limits and the optimizer.

There is no Mutation type: submissions go through a separate, protected path.
"""

from typing import Annotated

import strawberry
import strawberry_django
from django.conf import settings
from strawberry.scalars import JSON
from strawberry.schema.config import StrawberryConfig
from strawberry_django.optimizer import DjangoOptimizerExtension
from strawberry_django.pagination import OffsetPaginated

from aides.models import AidAudience, AidPage
from listings.models import Listing
from partners.models import PartnerPage
from reference.models import Commune, HealthFacility, Profession
from reference.vocabularies import Vocabulary

from .accompaniment import KEY_FIGURES_DESCRIPTION, KeyFiguresType, resolve_key_figures
from .aid_filters import AidFilter, apply_aid_filter
from .aid_finder import AID_FINDER_ARGUMENT, AidFinderAnswerType, resolve_aid_finder
from .aides import AidAudienceType, AidPageType, AidsIndexPageType
from .cost import QueryCostLimiter
from .extensions import limit_extensions
from .former_listings import FORMER_LISTING_DESCRIPTION, FormerListingType, formerly_public_listings
from .limits import (
    MAX_DEPTH,
    PageSizeLimit,
    PublicError,
    capped_list,
)
from .listings import (
    LISTING_MAP_DESCRIPTION,
    ListingFilter,
    ListingOrder,
    ListingType,
    apply_listing_filter,
    apply_listing_order,
    listing_map,
)
from .pages import ContentPageType, HomePageType, PageInterface, resolve_page_by_path
from .partners import PartnerFilter, PartnerPageType, PartnersIndexPageType, apply_partner_filter
from .reference import (
    CommuneFilter,
    CommuneType,
    HealthFacilityFilter,
    HealthFacilityType,
    ProfessionType,
    apply_commune_filter,
    apply_facility_filter,
)
from .site import current_desk, desk_rows, public_pages, territory_communes
from .site_settings import SiteSettingsType, resolve_site_settings
from .vocabularies import (
    MAX_TERMS,
    ListingKindTermType,
    VocabularyTermType,
    ZoningClassTermType,
    listing_kinds,
    simple_terms,
    zoning_classes,
)


@strawberry.type(description="Everything public about the desk, read-only.")
class Query:
    @strawberry_django.offset_paginated(
        OffsetPaginated[ListingType],
        description="Public listings, filtered, sorted and paginated (at most 100 per page).",
        extensions=[PageSizeLimit()],
    )
    def listings(
        self,
        info: strawberry.Info,
        filter: Annotated[ListingFilter | None, strawberry.argument(description="Filters.")] = None,  # noqa: A002
        order: Annotated[ListingOrder | None, strawberry.argument(description="Sort order (default NEWEST).")] = None,
    ) -> list[ListingType]:
        queryset = apply_listing_filter(desk_rows(Listing.objects.public(), info), filter, current_desk(info).site_id)
        return apply_listing_order(queryset, order, filter)

    @strawberry_django.field(description="A public listing by id or by slug; null when absent or not public.")
    def listing(
        self,
        info: strawberry.Info,
        id: Annotated[strawberry.ID | None, strawberry.argument(description="Identifier.")] = None,  # noqa: A002
        slug: Annotated[str | None, strawberry.argument(description="URL identifier.")] = None,
    ) -> ListingType | None:
        if (id is None) == (slug is None):
            raise PublicError("Indiquez soit l'identifiant, soit le slug de l'annonce.")
        listings = desk_rows(Listing.objects.all(), info)
        if id is not None:
            if not str(id).isdigit():
                return Listing.objects.none()
            return listings.filter(pk=int(id)).order_by("pk")
        return listings.filter(slug=slug).order_by("pk")

    @strawberry_django.field(description=FORMER_LISTING_DESCRIPTION)
    def former_listing(
        self,
        info: strawberry.Info,
        slug: Annotated[str, strawberry.argument(description="URL identifier the listing had.")],
    ) -> FormerListingType | None:
        return desk_rows(formerly_public_listings(), info).filter(slug=slug).order_by("pk")

    @strawberry.field(description=LISTING_MAP_DESCRIPTION)
    def listing_map(
        self,
        info: strawberry.Info,
        filter: Annotated[ListingFilter | None, strawberry.argument(description="Filters.")] = None,  # noqa: A002
    ) -> JSON:
        return listing_map(filter, current_desk(info).site_id)

    @strawberry_django.offset_paginated(
        OffsetPaginated[CommuneType],
        description="Communes of the territory, with counts and zoning (at most 100 per page).",
        extensions=[PageSizeLimit()],
    )
    def communes(
        self,
        info: strawberry.Info,
        filter: Annotated[CommuneFilter | None, strawberry.argument(description="Filters.")] = None,  # noqa: A002
    ) -> list[CommuneType]:
        return apply_commune_filter(territory_communes(Commune.objects.order_by("name", "pk"), info), filter, info)

    @strawberry_django.field(description="A commune by its INSEE code.")
    def commune(
        self,
        info: strawberry.Info,
        insee_code: Annotated[str, strawberry.argument(description="5-character INSEE code.")],
    ) -> CommuneType | None:
        return territory_communes(Commune.objects.filter(insee_code=insee_code), info).order_by("pk")

    @strawberry_django.offset_paginated(
        OffsetPaginated[HealthFacilityType],
        description="The existing care offer (at most 100 per page).",
        extensions=[PageSizeLimit()],
    )
    def health_facilities(
        self,
        info: strawberry.Info,
        filter: Annotated[HealthFacilityFilter | None, strawberry.argument(description="Filters.")] = None,  # noqa: A002
    ) -> list[HealthFacilityType]:
        return apply_facility_filter(desk_rows(HealthFacility.objects.order_by("name", "pk"), info), filter)

    @capped_list("Health professions")
    def professions(self, info: strawberry.Info) -> list[ProfessionType]:
        return desk_rows(Profession.objects.all(), info)

    @capped_list("Audiences aids are for")
    def aid_audiences(self, info: strawberry.Info) -> list[AidAudienceType]:
        return desk_rows(AidAudience.objects.all(), info)

    @strawberry.field(
        description=f"Kinds of listing of this desk, in order, with their labels (at most {MAX_TERMS}): "
        "what `kindCode` means."
    )
    def listing_kinds(self, info: strawberry.Info) -> list[ListingKindTermType]:
        return listing_kinds(info)

    @strawberry.field(
        description=f"Kinds of care-offer facility of this desk, in order (at most {MAX_TERMS}): what "
        "`HealthFacility.kindCode` means."
    )
    def health_facility_kinds(self, info: strawberry.Info) -> list[VocabularyTermType]:
        return simple_terms(info, Vocabulary.FACILITY_KIND)

    @strawberry.field(
        description=f"Kinds of aid of this desk, in order (at most {MAX_TERMS}): what `aidTypeCode` means."
    )
    def aid_types(self, info: strawberry.Info) -> list[VocabularyTermType]:
        return simple_terms(info, Vocabulary.AID_TYPE)

    @strawberry.field(description=f"Zoning classes of this desk, in order (at most {MAX_TERMS}).")
    def zoning_classes(self, info: strawberry.Info) -> list[ZoningClassTermType]:
        return zoning_classes(info)

    @strawberry_django.offset_paginated(
        OffsetPaginated[AidPageType],
        description="Public aids; with audience, profession and commune, those that apply (at most 100 per page).",
        extensions=[PageSizeLimit()],
    )
    def aids(
        self,
        info: strawberry.Info,
        filter: Annotated[AidFilter | None, strawberry.argument(description="Filters.")] = None,  # noqa: A002
    ) -> list[AidPageType]:
        return apply_aid_filter(public_pages(AidPage.objects.all(), info), filter, info)

    @strawberry.field(
        description="The aid finder: which public aids a person may get, grouped by verdict with the reasons, "
        "the conditions to check and an estimated total. Closed aids are never applicable."
    )
    def aid_finder(self, info: strawberry.Info, situation: AID_FINDER_ARGUMENT) -> AidFinderAnswerType:
        return resolve_aid_finder(info, situation)

    @capped_list("Public partner institutions")
    def partners(
        self,
        info: strawberry.Info,
        filter: Annotated[PartnerFilter | None, strawberry.argument(description="Filters.")] = None,  # noqa: A002
    ) -> list[PartnerPageType]:
        return apply_partner_filter(public_pages(PartnerPage.objects.all(), info), filter).order_by("title", "pk")

    @strawberry.field(description="The public page at this URL path of the current site, e.g. /aides/; null if none.")
    def page(
        self, info: strawberry.Info, path: Annotated[str, strawberry.argument(description="URL path.")]
    ) -> PageInterface | None:
        return resolve_page_by_path(info, path)

    @strawberry.field(description="Settings of the desk for the current site.")
    def site_settings(self, info: strawberry.Info) -> SiteSettingsType | None:
        return resolve_site_settings(info)

    @strawberry.field(description=KEY_FIGURES_DESCRIPTION)
    def key_figures(self, info: strawberry.Info) -> KeyFiguresType:
        return resolve_key_figures(info)


schema = strawberry.Schema(
    query=Query,
    # Every page type of the site, so that `page(path:)` can return any of them.
    types=[HomePageType, ContentPageType, AidsIndexPageType, AidPageType, PartnersIndexPageType, PartnerPageType],
    # "Did you mean…" suggestions help a developer, not an attacker mapping the schema
    # (introspection stays on: other desks build on the schema).
    config=StrawberryConfig(disable_field_suggestions=not settings.DEBUG),
    extensions=[
        *limit_extensions(max_depth=MAX_DEPTH),
        QueryCostLimiter,
        DjangoOptimizerExtension,
    ],
)
