from .listings import Listing, ListingContact, ListingKind, ListingPhoto, ListingStatus
from .moderation import ListingModerationTask, listing_refused
from .organisations import Organisation, OrganisationKind

__all__ = [
    "Listing",
    "ListingContact",
    "ListingKind",
    "ListingModerationTask",
    "ListingPhoto",
    "ListingStatus",
    "Organisation",
    "OrganisationKind",
    "listing_refused",
]
