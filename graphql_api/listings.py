"""Listings (installation opportunities): only what Listing.objects.public() lets through.

Contacts appear only when the contributor consented; there is no filter or ordering on
contact data. A live listing's row is its approved version: Wagtail keeps pending edits
in revisions until they are published (checked by tests/graphql_api/test_visibility.py).
"""

import enum

import strawberry
import strawberry_django
from django.db.models import F, Prefetch
from strawberry.scalars import JSON
from wagtail.search.backends import get_search_backend

from listings.models import (
    ContractType,
    Listing,
    ListingContact,
    ListingKind,
    ListingPhoto,
    Organisation,
    OrganisationKind,
    ReplacementRhythm,
    WorkingTime,
)

from .enums import deprecated_for, enum_from_choices, legacy_enum, legacy_member
from .geo import BoundingBoxInput, NearInput, apply_place_filter
from .images import ImageType
from .limits import MAX_PHOTOS, VOCABULARY_CAP, PublicError, capped_list, search_text
from .map import build_listing_map, public_listing_map
from .reference import CommuneType, ProfessionType
from .site import desk_rows

MAX_SEARCH_RESULTS = 1_000

ListingKindEnum = legacy_enum(
    "ListingKind", ListingKind, "Kind of installation opportunity, as the health desk first defined it."
)
OrganisationKindEnum = enum_from_choices("OrganisationKind", OrganisationKind, "Kind of contributing structure.")
ReplacementRhythmEnum = enum_from_choices("ReplacementRhythm", ReplacementRhythm, "How often a replacement is needed.")
ContractTypeEnum = enum_from_choices("ContractType", ContractType, "Employment contract of a salaried post.")
WorkingTimeEnum = enum_from_choices("WorkingTime", WorkingTime, "Working time of a salaried post.")


@strawberry_django.type(Organisation, name="Organisation", description="The structure that published a listing.")
class OrganisationType:
    name: str = strawberry_django.field(description="Name of the structure.")
    kind: OrganisationKindEnum = strawberry_django.field(description="Kind of structure.")
    website: str = strawberry_django.field(description="Website of the structure.")


@strawberry_django.type(ListingPhoto, name="ListingPhoto", description="A photo of a listing.")
class ListingPhotoType:
    image: ImageType = strawberry_django.field(description="The image.")
    caption: str = strawberry_django.field(description="Caption.")

    @classmethod
    def get_queryset(cls, queryset, info, **kwargs):
        # Photos are public only as part of a public listing of the desk, however they are reached.
        return queryset.filter(listing__in=desk_rows(Listing.objects.public(), info))


@strawberry_django.type(
    ListingContact,
    name="ListingContact",
    description="Who to contact about a listing; only published when the person consented.",
)
class ListingContactType:
    name: str = strawberry_django.field(description="Name.")
    role: str = strawberry_django.field(description="Role or position.")
    email: str = strawberry_django.field(description="E-mail address.")
    phone: str = strawberry_django.field(description="Phone number.")

    @classmethod
    def get_queryset(cls, queryset, info, **kwargs):
        # Only consented contacts of public listings, whatever path reaches this type.
        return queryset.filter(consent_to_publish=True, listing__in=desk_rows(Listing.objects.public(), info))


@strawberry_django.type(Listing, name="Listing", description="A published installation opportunity.")
class ListingType:
    id: strawberry.ID = strawberry_django.field(description="Identifier.")
    slug: str = strawberry_django.field(description="URL identifier.")
    kind_code: str = strawberry_django.field(
        field_name="kind", description="Code of the kind of opportunity (labels: `listingKinds`)."
    )
    title: str = strawberry_django.field(description="Title.")
    summary: str = strawberry_django.field(description="One or two sentences for lists and the map.")
    description: str = strawberry_django.field(description="Full description (plain text).")
    professions: list[ProfessionType] = capped_list("Professions sought", cap=VOCABULARY_CAP)
    commune: CommuneType = strawberry_django.field(description="Commune of the opportunity.")
    address: str = strawberry_django.field(description="Address.")
    latitude: float | None = strawberry_django.field(description="Latitude (WGS84).")
    longitude: float | None = strawberry_django.field(description="Longitude (WGS84).")
    surface_m2: float | None = strawberry_django.field(description="Surface in square metres.")
    monthly_rent_eur: float | None = strawberry_django.field(description="Monthly rent in euros.")
    sale_price_eur: float | None = strawberry_django.field(description="Sale price in euros.")
    rent_free_months: int | None = strawberry_django.field(description="Months of rent offered.")
    conditions: str = strawberry_django.field(description="Conditions offered (plain text).")
    available_from: strawberry.auto = strawberry_django.field(description="Date from which it is available.")
    available_until: strawberry.auto = strawberry_django.field(
        description="Last day it is available: end of a replacement, a fixed-term post or a housing period."
    )
    housing_included: bool | None = strawberry_django.field(
        description="Whether housing comes with a replacement, salaried post or collaboration; null if not stated."
    )
    working_time_details: str = strawberry_django.field(
        description="Salaried post: working time in the contributor's words (e.g. 0.8 FTE, four days a week)."
    )
    monthly_pay_min_eur: int | None = strawberry_django.field(
        description="Salaried post: minimum gross monthly pay in euros (the pay, when fixed)."
    )
    monthly_pay_max_eur: int | None = strawberry_django.field(
        description="Salaried post: maximum gross monthly pay in euros; null for a fixed pay."
    )
    shared_secretariat: bool | None = strawberry_django.field(
        description="Office, practice, collaboration, partnership: whether a secretariat is shared; null if unknown."
    )
    intern_places: int | None = strawberry_django.field(description="Intern housing: how many interns it can house.")
    intern_monthly_price_eur: float | None = strawberry_django.field(
        description="Intern housing: monthly price per intern in euros, charges included; 0 when free."
    )
    last_published_at: strawberry.auto = strawberry_django.field(description="When it was last published.")
    expire_at: strawberry.auto = strawberry_django.field(
        description="When it stops being public (its planned expiry); null when no end is set."
    )
    last_confirmed_at: strawberry.auto = strawberry_django.field(
        description="When the contributor last confirmed that it is still valid."
    )
    organisation: OrganisationType | None = strawberry_django.field(description="The structure that published it.")
    photos: list[ListingPhotoType] = capped_list("Photos, in display order", cap=MAX_PHOTOS)

    @strawberry_django.field(
        description="Kind of opportunity; OTHER for a kind the desk added.",
        only=["kind"],
        deprecation_reason=deprecated_for("kindCode", "listingKinds"),
    )
    def kind(self) -> ListingKindEnum:
        return legacy_member(ListingKindEnum, self.kind)

    @strawberry_django.field(
        description="Replacement: how often it is needed; null if not stated.", only=["replacement_rhythm"]
    )
    def replacement_rhythm(self) -> ReplacementRhythmEnum | None:
        return self.replacement_rhythm or None

    @strawberry_django.field(description="Salaried post: kind of contract; null if not stated.", only=["contract_type"])
    def contract_type(self) -> ContractTypeEnum | None:
        return self.contract_type or None

    @strawberry_django.field(description="Salaried post: full or part time; null if not stated.", only=["working_time"])
    def working_time(self) -> WorkingTimeEnum | None:
        return self.working_time or None

    @strawberry_django.field(
        description="Contact person, only when they consented to publication; null otherwise.",
        prefetch_related=[
            Prefetch(
                "contacts",
                queryset=ListingContact.objects.filter(consent_to_publish=True).order_by("pk"),
                to_attr="public_contacts",
            )
        ],
    )
    def contact(self) -> ListingContactType | None:
        contacts = self.public_contacts
        return contacts[0] if contacts else None

    @classmethod
    def get_queryset(cls, queryset, info, **kwargs):
        # Combined with THE public rule and the request's desk, whatever queryset the optimizer
        # hands us (also in prefetches: a commune's listings are those of this desk only).
        return queryset & desk_rows(Listing.objects.public(), info)


@strawberry.input(description="Filters on listings; all given filters must match.")
class ListingFilter:
    kind_codes: list[str] | None = strawberry.field(
        default=None, description="Codes of kinds of opportunity (see `listingKinds`)."
    )
    kinds: list[ListingKindEnum] | None = strawberry.field(
        default=None,
        description="Kinds of opportunity.",
        deprecation_reason=deprecated_for("kindCodes", "listingKinds"),
    )
    commune: str | None = strawberry.field(default=None, description="INSEE code of a commune.")
    epci: str | None = strawberry.field(default=None, description="SIREN of an EPCI.")
    professions: list[str] | None = strawberry.field(
        default=None, description="Profession slugs; a listing matches if it seeks any of them."
    )
    bbox: BoundingBoxInput | None = strawberry.field(default=None, description="Inside this rectangle.")
    near: NearInput | None = strawberry.field(default=None, description="Within a radius of a point or commune.")
    search: str | None = strawberry.field(
        default=None, description="Words to find in the title, summary, description or commune (French)."
    )


@strawberry.enum(name="ListingOrder", description="How to sort listings.")
class ListingOrder(enum.Enum):
    NEWEST = strawberry.enum_value("newest", description="Most recently published first (default).")
    OLDEST = strawberry.enum_value("oldest", description="Least recently published first.")
    TITLE = strawberry.enum_value("title", description="By title, A to Z.")
    AVAILABLE_FROM = strawberry.enum_value("available_from", description="Soonest available first.")
    DISTANCE = strawberry.enum_value("distance", description="Nearest first; needs the `near` filter.")


def search_listings(queryset, text, site_id):
    """Listings of the desk ``site_id`` matching the words, through Wagtail's search backend
    (database)."""
    text = search_text(text)
    if not text:
        return queryset
    # Search the desk's live listings and let the pk__in below intersect with the public
    # queryset. The desk is filtered in the search, before the cut at MAX_SEARCH_RESULTS:
    # other desks' matches must not take the places of this desk's.
    results = get_search_backend().search(
        text, Listing.objects.filter(live=True, site_id=site_id), operator="and", order_by_relevance=False
    )
    return queryset.filter(pk__in=[listing.pk for listing in results[:MAX_SEARCH_RESULTS]])


def apply_listing_filter(queryset, filters, site_id):
    """``queryset``: public listings of the desk ``site_id``, narrowed by ``filters``."""
    if filters is None:
        return queryset
    queryset = apply_place_filter(queryset, filters)
    if filters.professions:
        queryset = queryset.filter(
            pk__in=Listing.objects.filter(professions__slug__in=filters.professions).values("pk")
        )
    if filters.search:
        queryset = search_listings(queryset, filters.search, site_id)
    return queryset


def apply_listing_order(queryset, order, filters):
    order = order or ListingOrder.NEWEST
    if order is ListingOrder.DISTANCE:
        if filters is None or filters.near is None:
            raise PublicError("Le tri par distance nécessite le filtre « near ».")
        return queryset.order_by("distance_km2", "pk")
    return queryset.order_by(
        *{
            ListingOrder.NEWEST: [F("last_published_at").desc(nulls_last=True), "-pk"],
            ListingOrder.OLDEST: [F("last_published_at").asc(nulls_last=True), "pk"],
            ListingOrder.TITLE: ["title", "pk"],
            ListingOrder.AVAILABLE_FROM: [F("available_from").asc(nulls_last=True), "pk"],
        }[order]
    )


LISTING_MAP_DESCRIPTION = (
    "Every public listing with coordinates, as a GeoJSON FeatureCollection built in a constant number "
    "of SQL queries. Each feature has `id` and point geometry [longitude, latitude]; its properties are "
    "`id`, `slug`, `title`, `kindCode` (code of the kind, see `listingKinds`), `kind` (deprecated: the "
    "ListingKind name, OTHER for a kind the desk added), `communeName`, "
    "`communeInseeCode`, `communeSlug`, `professions` (list of {slug, name}) and `photoUrl` (THUMBNAIL "
    "rendition of the first photo, or null)."
)


def listing_map(filters, site_id):
    """The map of the public listings of the desk ``site_id``."""
    if filters is None:
        return public_listing_map(site_id)  # the map every visitor loads: prepared queries
    return build_listing_map(apply_listing_filter(Listing.objects.public().filter(site_id=site_id), filters, site_id))


__all__ = ["JSON", "ListingFilter", "ListingOrder", "ListingType", "apply_listing_filter", "apply_listing_order"]
