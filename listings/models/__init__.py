from .listings import Listing, ListingContact, ListingKind, ListingPhoto, ListingStatus
from .organisations import Organisation, OrganisationKind

__all__ = [
    "Listing",
    "ListingContact",
    "ListingKind",
    "ListingPhoto",
    "ListingStatus",
    "Organisation",
    "OrganisationKind",
]
