from .accounts import AccountRequest, AccountRequestStatus, validate_siret
from .details import DETAIL_FIELD_NAMES, DETAIL_GROUPS
from .kinds import ContractType, ListingKind, ReplacementRhythm, WorkingTime
from .listings import Listing, ListingContact, ListingPhoto, ListingStatus
from .moderation import ListingModerationTask, listing_refused
from .organisations import Organisation, OrganisationKind

__all__ = [
    "AccountRequest",
    "AccountRequestStatus",
    "DETAIL_FIELD_NAMES",
    "DETAIL_GROUPS",
    "ContractType",
    "Listing",
    "ListingContact",
    "ListingKind",
    "ListingModerationTask",
    "ListingPhoto",
    "ListingStatus",
    "Organisation",
    "OrganisationKind",
    "ReplacementRhythm",
    "WorkingTime",
    "listing_refused",
    "validate_siret",
]
