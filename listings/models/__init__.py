from .listings import Listing, ListingContact, ListingKind, ListingPhoto, ListingStatus
from .moderation import ListingModerationTask
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
]
