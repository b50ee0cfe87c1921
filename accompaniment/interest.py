"""« Je suis intéressé(e) » on a public listing.

- An address without an open case: a new case (source INTEREST) is opened with the interest,
  assigned, and the person and the desk are told (``intake.py``).
- An address that already has an open case: nothing is attached yet. Anyone may type
  someone else's address, so the owner of that address confirms: they receive a signed
  link (``links.INTEREST_SALT``, valid as long as a status link) that names the listing,
  their choice about sharing their contact and their message. Following it shows a button;
  pressing it attaches the interest (once, however many times it is pressed).

Either way the visitor sees the same page: the form never tells whether an address is known.
The listing's structure never receives the person's address from here: the desk makes the
introduction, and passes the contact on only when ``Interest.share_contact`` says so.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from listings.desk import public_url
from listings.models import Listing

from . import emails, intake, links
from .models import Case, CaseSource, EntryKind, Interest, TimelineEntry

CONFIRM_URL_NAME = "accompaniment:confirm_interest"


def interest_text(listing):
    return f"Intérêt pour l'annonce « {listing.title} » (n° {listing.pk})."


def receive(listing, data):
    """Handle a valid interest form's ``data`` (cleaned) for a public ``listing``. Returns the
    new case, or None when a confirmation was sent to an existing case's address."""
    # A case is the desk's of the listing: another desk's open case for this address is not this one.
    existing = (
        Case.objects.filter(site_id=listing.site_id).with_email(data["email"]).open().order_by("-created_at").first()
    )
    if existing is not None:
        ask_confirmation(existing, listing, data)
        return None
    case = Case(
        site_id=listing.site_id,
        first_name=data["first_name"],
        last_name=data["last_name"],
        email=data["email"],
        phone=data.get("phone", ""),
    )

    def attach(case):
        add_interest(case, listing, message=data.get("message", ""), share_contact=data["share_contact"])

    # The project is where the listing is: the référent of that territory takes the case.
    return intake.receive_case(case, source=CaseSource.INTEREST, communes=[listing.commune], after_save=attach)


def ask_confirmation(case, listing, data):
    token = links.make_token(
        case,
        salt=links.INTEREST_SALT,
        compress=True,
        listing=listing.pk,
        share=bool(data["share_contact"]),
        message=data.get("message", ""),
    )
    extra = {
        "confirm_url": public_url(reverse(CONFIRM_URL_NAME, args=[token]), case.site),
        "listing_title": listing.title,
    }
    # One e-mail per listing and day: a form sent again does not flood the address.
    key = f"{listing.pk}:{timezone.localdate().isoformat()}"
    emails.notify_person(case, emails.INTEREST_CONFIRM, key=key, extra=extra)


def read_confirmation(token):
    """(case, listing, data) for a valid confirmation token whose listing is still public,
    else (None, None, None)."""
    case, data = links.read_token(token, salt=links.INTEREST_SALT)
    if case is None or not isinstance(data.get("listing"), int):
        return None, None, None
    listings = Listing.objects.public().filter(site_id=case.site_id)  # a listing of the case's desk
    listing = listings.select_related("commune").filter(pk=data["listing"]).first()
    if listing is None:
        return None, None, None
    return case, listing, data


def confirm(case, listing, data):
    """Attach the confirmed interest. Returns (interest, created)."""
    message = data.get("message") if isinstance(data.get("message"), str) else ""
    return add_interest(case, listing, message=message, share_contact=data.get("share") is True)


@transaction.atomic
def add_interest(case, listing, *, message, share_contact):
    """The interest, a line in the timeline and the desk's e-mail; nothing new when the case
    already has an interest in this listing. Returns (interest, created)."""
    # get_or_create also settles the same confirmation pressed twice at once (unique constraint).
    interest, created = Interest.objects.get_or_create(
        case=case, listing=listing, defaults={"message": message, "share_contact": share_contact}
    )
    if not created:
        return interest, False
    TimelineEntry.objects.create(case=case, kind=EntryKind.EVENT, text=interest_text(listing))
    emails.notify_desk(case, emails.INTEREST, key=interest.pk)
    return interest, True
