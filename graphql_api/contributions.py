"""The authenticated submission API: contributors create and update their listings.

A separate schema on a separate endpoint (/graphql/contributions/), so the public
schema keeps no Mutation type. Callers authenticate with a Wagtail API token
(`Authorization: Bearer wagtail_…`, created by staff with `manage.py api_tokens`);
validation is the listing forms' and moderation is Wagtail's workflow, exactly as for
the contributor space.
"""

import enum
from decimal import Decimal
from typing import Annotated

import strawberry
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from strawberry.file_uploads import Upload
from strawberry.types import Info

from listings.forms import ContactForm, ListingForm
from listings.models import Listing, Organisation
from listings.submission import submit_forms
from reference.models import Commune, Profession

from .extensions import limit_extensions
from .limits import PublicError
from .listings import ContractTypeEnum, ReplacementRhythmEnum, WorkingTimeEnum

CONTRIBUTIONS_MAX_DEPTH = 5


@strawberry.input(description="The contact for a listing; private unless consentToPublish is true.")
class ContactInput:
    name: str = strawberry.field(description="Full name of the person to contact.")
    email: str = strawberry.field(description="E-mail address.")
    role: str = strawberry.field(default="", description="Role in the organisation.")
    phone: str = strawberry.field(default="", description="Phone number.")
    consent_to_publish: bool = strawberry.field(default=False, description="Publish this contact with the listing.")


@strawberry.input(description="A listing as submitted by a contributor. Status and owner are never inputs.")
class ListingInput:
    kind: str = strawberry.field(description="Listing kind code (e.g. office, practice_takeover, replacement).")
    title: str = strawberry.field(description="Title (160 characters at most).")
    summary: str = strawberry.field(description="One or two sentences (300 characters at most).")
    commune_insee_code: str = strawberry.field(description="INSEE code of a commune the organisation may publish for.")
    latitude: float = strawberry.field(description="Latitude (WGS84), inside the territory.")
    longitude: float = strawberry.field(description="Longitude (WGS84), inside the territory.")
    contact: ContactInput = strawberry.field(description="Who to contact about the listing.")
    description: str = strawberry.field(default="", description="Longer description.")
    profession_slugs: list[str] = strawberry.field(default_factory=list, description="Professions sought (slugs).")
    address: str = strawberry.field(default="", description="Street address.")
    surface_m2: Decimal | None = strawberry.field(default=None, description="Surface in square metres.")
    monthly_rent_eur: Decimal | None = strawberry.field(default=None, description="Monthly rent in euros.")
    sale_price_eur: Decimal | None = strawberry.field(default=None, description="Sale price in euros.")
    rent_free_months: int | None = strawberry.field(default=None, description="Months of rent offered.")
    conditions: str = strawberry.field(default="", description="Conditions offered.")
    available_from: str | None = strawberry.field(default=None, description="Availability date (YYYY-MM-DD).")
    available_until: str | None = strawberry.field(
        default=None,
        description="Last day (YYYY-MM-DD): end of a replacement, a fixed-term post or a housing period.",
    )
    housing_included: bool | None = strawberry.field(
        default=None, description="Replacement, salaried post or collaboration: housing included (null: not stated)."
    )
    replacement_rhythm: ReplacementRhythmEnum | None = strawberry.field(
        default=None, description="Replacement only: how often it is needed."
    )
    contract_type: ContractTypeEnum | None = strawberry.field(
        default=None, description="Salaried post only: kind of contract."
    )
    working_time: WorkingTimeEnum | None = strawberry.field(
        default=None, description="Salaried post only: full or part time."
    )
    working_time_details: str = strawberry.field(
        default="", description="Salaried post only: working time in words (120 characters at most)."
    )
    monthly_pay_min_eur: int | None = strawberry.field(
        default=None, description="Salaried post only: minimum (or fixed) gross monthly pay in euros."
    )
    monthly_pay_max_eur: int | None = strawberry.field(
        default=None, description="Salaried post only: maximum gross monthly pay in euros."
    )
    shared_secretariat: bool | None = strawberry.field(
        default=None,
        description="Office, practice takeover, collaboration or partnership: shared secretariat (null: not stated).",
    )
    intern_places: int | None = strawberry.field(
        default=None, description="Intern housing only: how many interns it can house."
    )
    intern_monthly_price_eur: Decimal | None = strawberry.field(
        default=None, description="Intern housing only: monthly price per intern in euros (0: free)."
    )


@strawberry.type(description="A validation problem with one input field, in French.")
class FieldError:
    field: str = strawberry.field(description="Input field name ('__all__' for the whole listing).")
    messages: list[str] = strawberry.field(description="What is wrong, in French.")


@strawberry.type(description="One of the caller's listings, with its moderation status.")
class ContributedListing:
    id: strawberry.ID = strawberry.field(description="Listing id.")
    title: str = strawberry.field(description="Title of the latest version.")
    status: str = strawberry.field(description="Moderation status code (pending, published, ...).")
    status_label: str = strawberry.field(description="Moderation status, in French.")

    @classmethod
    def of(cls, listing):
        status = listing.status
        latest = listing.get_latest_revision_as_object()
        return cls(
            id=strawberry.ID(str(listing.pk)), title=latest.title, status=status.value, status_label=status.label
        )


@strawberry.type(description="Outcome of a submission: the listing sent to moderation, or the errors.")
class SubmissionResult:
    listing: ContributedListing | None = strawberry.field(description="The submitted listing, if valid.")
    errors: list[FieldError] = strawberry.field(description="Validation errors; empty on success.")


def _user(info: Info):
    user = info.context.request.user
    if not user.is_authenticated:
        raise PublicError("Authentification requise : jeton d'API manquant, invalide ou révoqué.")
    return user


def _code(value):
    """An enum input as the form's choice code."""
    return value.value if isinstance(value, enum.Enum) else value


def _yes_no(value):
    """A nullable boolean input as the form's yes / no / not stated select (YesNoUnknownSelect)."""
    return {True: "true", False: "false"}.get(value)


def _form_data(listing_input: ListingInput, organisation):
    data = QueryDict(mutable=True)
    values = {
        "kind": listing_input.kind,
        "title": listing_input.title,
        "summary": listing_input.summary,
        "description": listing_input.description,
        "address": listing_input.address,
        "latitude": listing_input.latitude,
        "longitude": listing_input.longitude,
        "surface_m2": listing_input.surface_m2,
        "monthly_rent_eur": listing_input.monthly_rent_eur,
        "sale_price_eur": listing_input.sale_price_eur,
        "rent_free_months": listing_input.rent_free_months,
        "conditions": listing_input.conditions,
        "available_from": listing_input.available_from,
        "available_until": listing_input.available_until,
        "housing_included": _yes_no(listing_input.housing_included),
        "replacement_rhythm": _code(listing_input.replacement_rhythm),
        "contract_type": _code(listing_input.contract_type),
        "working_time": _code(listing_input.working_time),
        "working_time_details": listing_input.working_time_details,
        "monthly_pay_min_eur": listing_input.monthly_pay_min_eur,
        "monthly_pay_max_eur": listing_input.monthly_pay_max_eur,
        "shared_secretariat": _yes_no(listing_input.shared_secretariat),
        "intern_places": listing_input.intern_places,
        "intern_monthly_price_eur": listing_input.intern_monthly_price_eur,
        "commune": Commune.objects.filter(insee_code=listing_input.commune_insee_code)
        .values_list("pk", flat=True)
        .first(),
        "contact-name": listing_input.contact.name,
        "contact-role": listing_input.contact.role,
        "contact-email": listing_input.contact.email,
        "contact-phone": listing_input.contact.phone,
    }
    for key, value in values.items():
        if value is not None:
            data[key] = str(value)
    if listing_input.contact.consent_to_publish:
        data["contact-consent_to_publish"] = "on"
    data.setlist(
        "professions",
        [
            str(pk)
            # Slugs are unique within a desk: the organisation's.
            for pk in Profession.objects.filter(
                site_id=organisation.site_id, slug__in=listing_input.profession_slugs
            ).values_list("pk", flat=True)
        ],
    )
    return data


def _errors(*forms):
    return [
        FieldError(field=field, messages=[str(message) for message in messages])
        for form in forms
        for field, messages in form.errors.items()
    ]


def _submit(user, organisation, listing_input, photos, existing=None):
    data = _form_data(listing_input, organisation)
    # A new listing belongs to its organisation's desk.
    instance = existing.get_latest_revision_as_object() if existing else Listing(site_id=organisation.site_id)
    form = ListingForm(
        data, MultiValueDict({"photos": list(photos or [])}), instance=instance, organisation=organisation
    )
    contact_form = ContactForm(data)
    listing = submit_forms(form, contact_form, user=user, organisation=organisation)
    if listing is None:
        return SubmissionResult(listing=None, errors=_errors(form, contact_form))
    return SubmissionResult(listing=ContributedListing.of(Listing.objects.get(pk=listing.pk)), errors=[])


PHOTOS_DESCRIPTION = (
    "Photos (JPEG, PNG or WebP, 6 at most, 10 MB each), sent as a multipart request "
    "(GraphQL multipart request spec). They stay private until a moderator approves the listing."
)


@strawberry.type(description="What the authenticated contributor can read.")
class ContributionsQuery:
    @strawberry.field(description="The caller's organisations' listings, newest first.")
    def my_listings(self, info: Info) -> list[ContributedListing]:
        listings = Listing.objects.for_contributor(_user(info)).annotate_status().order_by("-updated_at")[:200]
        return [ContributedListing.of(listing) for listing in listings]


@strawberry.type(description="Submitting listings to moderation.")
class ContributionsMutation:
    @strawberry.mutation(description="Propose a new listing for one of the caller's organisations.")
    def submit_listing(
        self,
        info: Info,
        listing: ListingInput,
        organisation_id: strawberry.ID | None = strawberry.UNSET,
        photos: Annotated[list[Upload] | None, strawberry.argument(description=PHOTOS_DESCRIPTION)] = None,
    ) -> SubmissionResult:
        user = _user(info)
        organisations = Organisation.objects.filter(members=user)
        organisation = organisations.filter(pk=organisation_id).first() if organisation_id else organisations.first()
        if organisation is None:
            raise PublicError("Votre compte n'est rattaché à aucune structure contributrice (ou pas à celle-ci).")
        return _submit(user, organisation, listing, photos)

    @strawberry.mutation(description="Send a new version of one of the caller's listings to moderation.")
    def update_listing(
        self,
        info: Info,
        id: strawberry.ID,  # noqa: A002
        listing: ListingInput,
        photos: Annotated[list[Upload] | None, strawberry.argument(description=PHOTOS_DESCRIPTION)] = None,
    ) -> SubmissionResult:
        user = _user(info)
        existing = Listing.objects.for_contributor(user).filter(pk=id).first()
        if existing is None:
            raise PublicError("Annonce introuvable parmi celles de votre structure.")
        if not existing.can_be_edited_by_contributor:
            raise PublicError("Cette annonce ne peut plus être modifiée.")
        return _submit(user, existing.organisation, listing, photos, existing=existing)


contributions_schema = strawberry.Schema(
    query=ContributionsQuery,
    mutation=ContributionsMutation,
    extensions=limit_extensions(max_depth=CONTRIBUTIONS_MAX_DEPTH),
)
