"""Listings that were public and are no more (expired or withdrawn).

The public site answers « 410 Gone » for their address and suggests similar listings
nearby; for that it needs the listing's kind, commune and professions, and nothing else:
no title, text, photo or contact of a listing that is no longer public.
"""

import strawberry_django

from listings.models import Listing

from .enums import deprecated_for, legacy_member
from .limits import VOCABULARY_CAP, capped_list
from .listings import ListingKindEnum
from .reference import CommuneType, ProfessionType
from .site import desk_rows

FORMER_LISTING_DESCRIPTION = (
    "A listing that was public and is now expired or withdrawn, by slug: only its kind, "
    "commune and professions. Null when the slug is unknown, was never published, or is "
    "still public (then use `listing`)."
)


def formerly_public_listings():
    """Published once (Wagtail's first_published_at) and not public now: THE public rule, negated."""
    return Listing.objects.filter(first_published_at__isnull=False).exclude(
        pk__in=Listing.objects.public().values("pk")
    )


@strawberry_django.type(
    Listing,
    name="FormerListing",
    description="A listing that is no longer public: what it was about, for suggesting similar ones.",
)
class FormerListingType:
    slug: str = strawberry_django.field(description="URL identifier it had.")
    kind_code: str = strawberry_django.field(
        field_name="kind", description="Code of the kind of opportunity it was (labels: `listingKinds`)."
    )
    commune: CommuneType = strawberry_django.field(description="Commune it was in.")
    professions: list[ProfessionType] = capped_list("Professions it sought", cap=VOCABULARY_CAP)

    @strawberry_django.field(
        description="Kind of opportunity it was; OTHER for a kind the desk added.",
        only=["kind"],
        deprecation_reason=deprecated_for("kindCode", "listingKinds"),
    )
    def kind(self) -> ListingKindEnum:
        return legacy_member(ListingKindEnum, self.kind)

    @classmethod
    def get_queryset(cls, queryset, info, **kwargs):
        return queryset & desk_rows(formerly_public_listings(), info)
