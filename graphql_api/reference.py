"""Reference data: communes, EPCIs, professions and the care offer (all public records)."""

from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from strawberry.scalars import JSON

from listings.models import Listing
from reference.models import Commune, Epci, HealthFacility, HealthFacilityKind, Profession, ZonageCategory

from .aid_filters import applicable_aids_in
from .enums import deprecated_for, enum_from_choices, legacy_enum, legacy_member
from .geo import BoundingBoxInput, NearInput, apply_place_filter
from .limits import capped_list, search_text
from .site import desk_rows

if TYPE_CHECKING:
    from .aides import AidPageType
    from .listings import ListingType

ZonageEnum = enum_from_choices("Zonage", ZonageCategory, "ARS zoning category of a commune for general practice.")
HealthFacilityKindEnum = legacy_enum(
    "HealthFacilityKind", HealthFacilityKind, "Kind of care facility, as the health desk first defined it."
)


def count_of(queryset, field="commune"):
    """Number of rows of `queryset` pointing at the outer commune, as a correlated subquery.

    Two Count() annotations over joins multiply each other (3 listings x 4 facilities gave
    12 and 12): each count is its own subquery instead.
    """
    counted = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n")[:1]), 0)


@strawberry_django.type(Epci, name="Epci", description="An intercommunal body (EPCI).")
class EpciType:
    siren: str = strawberry_django.field(description="SIREN number, the EPCI's identifier.")
    name: str = strawberry_django.field(description="Name of the EPCI.")


@strawberry_django.type(Profession, name="Profession", description="A health profession.")
class ProfessionType:
    slug: str = strawberry_django.field(description="Stable identifier, used in filters.")
    name: str = strawberry_django.field(description="Name of the profession.")
    rpps_code: str = strawberry_django.field(description="RPPS profession code, when known.")

    @classmethod
    def get_queryset(cls, queryset, info, **kwargs):
        # The request's desk's professions, however they are reached.
        return desk_rows(queryset, info)


@strawberry_django.type(HealthFacility, name="HealthFacility", description="A place of the existing care offer.")
class HealthFacilityType:
    id: strawberry.ID = strawberry_django.field(description="Identifier.")
    kind_code: str = strawberry_django.field(
        field_name="kind", description="Code of the kind of facility (labels: `healthFacilityKinds`)."
    )
    name: str = strawberry_django.field(description="Name.")
    finess_number: str | None = strawberry_django.field(description="FINESS number, when known.")
    address: str = strawberry_django.field(description="Postal address.")
    commune: "CommuneType" = strawberry_django.field(description="Commune where the facility is.")
    latitude: float | None = strawberry_django.field(description="Latitude (WGS84).")
    longitude: float | None = strawberry_django.field(description="Longitude (WGS84).")
    hosts_interns: bool = strawberry_django.field(
        description="True when the place hosts interns (approved training site or MSU)."
    )
    phone: str = strawberry_django.field(description="Switchboard phone number.")
    website: str = strawberry_django.field(description="Website.")
    places: int | None = strawberry_django.field(description="For intern housing: number of places.")

    @strawberry_django.field(
        description="Kind of facility; OTHER for a kind the desk added.",
        only=["kind"],
        deprecation_reason=deprecated_for("kindCode", "healthFacilityKinds"),
    )
    def kind(self) -> HealthFacilityKindEnum:
        return legacy_member(HealthFacilityKindEnum, self.kind)

    @classmethod
    def get_queryset(cls, queryset, info, **kwargs):
        # The request's desk's care offer, also as a commune's `healthFacilities` (communes are shared).
        return desk_rows(queryset, info)


@strawberry_django.type(Commune, name="Commune", description="A municipality of the territory.")
class CommuneType:
    insee_code: str = strawberry_django.field(description="Official 5-character INSEE code.")
    name: str = strawberry_django.field(description="Name.")
    slug: str = strawberry_django.field(description="URL identifier.")
    departement_code: str = strawberry_django.field(description="Département code.")
    epci: EpciType | None = strawberry_django.field(description="The intercommunal body it belongs to.")
    population: int | None = strawberry_django.field(description="Municipal population.")
    centroid_latitude: float | None = strawberry_django.field(description="Latitude of its centre.")
    centroid_longitude: float | None = strawberry_django.field(description="Longitude of its centre.")
    zonage_is_fictitious: bool = strawberry_django.field(
        description="True when the zonage is a demonstration value, not the ARS decree."
    )

    @strawberry_django.field(description="ARS zoning category; null when unknown.", only=["zonage"])
    def zonage(self) -> ZonageEnum | None:
        return self.zonage or None

    @strawberry_django.field(description="Boundary as a GeoJSON geometry (WGS84).", only=["boundary"])
    def boundary(self) -> JSON | None:
        return self.boundary

    @strawberry_django.field(
        description="Number of public listings (opportunities) in the commune.",
        annotate={"public_listing_count": lambda info: count_of(desk_rows(Listing.objects.public(), info))},
    )
    def listing_count(self) -> int:
        return self.public_listing_count

    @strawberry_django.field(
        description="Number of care facilities in the commune.",
        annotate={"facility_count": lambda info: count_of(desk_rows(HealthFacility.objects.all(), info))},
    )
    def health_facility_count(self) -> int:
        return self.facility_count

    listings: list[Annotated["ListingType", strawberry.lazy("graphql_api.listings")]] = capped_list(
        "Public listings in the commune (the same visibility rule as `listings`)", paginated=True
    )
    health_facilities: list[HealthFacilityType] = capped_list("The care offer in the commune", paginated=True)

    @strawberry_django.field(
        description="Public aids that apply in this commune, optionally for an audience and a profession "
        "(computed once for a whole list of communes).",
        only=["zonage", "epci_id"],
    )
    def applicable_aids(
        self,
        info: strawberry.Info,
        audience: Annotated[str | None, strawberry.argument(description="Audience code.")] = None,
        profession: Annotated[str | None, strawberry.argument(description="Profession slug.")] = None,
    ) -> list[Annotated["AidPageType", strawberry.lazy("graphql_api.aides")]]:
        return applicable_aids_in(self, info, audience=audience, profession=profession)


@strawberry.input(description="Filters on communes.")
class CommuneFilter:
    with_opportunities: bool | None = strawberry.field(
        default=None, description="Only communes with at least one public listing."
    )
    epci: str | None = strawberry.field(default=None, description="SIREN of an EPCI.")
    zonage: list[ZonageEnum] | None = strawberry.field(default=None, description="Zoning categories.")
    search: str | None = strawberry.field(default=None, description="Part of the name.")


def apply_commune_filter(queryset, filters, info):
    if filters is None:
        return queryset
    if filters.with_opportunities:
        listings = desk_rows(Listing.objects.public(), info)
        queryset = queryset.filter(Exists(listings.filter(commune=OuterRef("pk"))))
    if filters.epci:
        queryset = queryset.filter(epci__siren=filters.epci)
    if filters.zonage:
        queryset = queryset.filter(zonage__in=[z.value for z in filters.zonage])
    if filters.search:
        queryset = queryset.filter(name__icontains=search_text(filters.search))
    return queryset


@strawberry.input(description="Filters on the care offer.")
class HealthFacilityFilter:
    kind_codes: list[str] | None = strawberry.field(
        default=None, description="Codes of kinds of facility (see `healthFacilityKinds`)."
    )
    kinds: list[HealthFacilityKindEnum] | None = strawberry.field(
        default=None,
        description="Kinds of facility.",
        deprecation_reason=deprecated_for("kindCodes", "healthFacilityKinds"),
    )
    commune: str | None = strawberry.field(default=None, description="INSEE code of a commune.")
    epci: str | None = strawberry.field(default=None, description="SIREN of an EPCI.")
    bbox: BoundingBoxInput | None = strawberry.field(default=None, description="Inside this rectangle.")
    near: NearInput | None = strawberry.field(default=None, description="Within a radius.")
    hosts_interns: bool | None = strawberry.field(default=None, description="Hosts interns or not.")


def apply_facility_filter(queryset, filters):
    if filters is None:
        return queryset
    queryset = apply_place_filter(queryset, filters)
    if filters.hosts_interns is not None:
        queryset = queryset.filter(hosts_interns=filters.hosts_interns)
    return queryset
