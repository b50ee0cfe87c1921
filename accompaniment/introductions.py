"""« Mettre en relation »: the desk introduces a person interested in a listing to the
listing's structure, once per interest.

Two e-mails go out:
- to the structure (its members' addresses, else the listing's contact, else the
  organisation's — ``listings.notifications.submitter_addresses``): the person's name,
  contact and message only if they agreed (``Interest.share_contact``); otherwise the desk
  relays, and a reply goes to the référent (``emails.send_case_email``'s reply-to);
- to the person: the structure's contact only if its contact agreed to publish it
  (``ListingContact.consent_to_publish``); otherwise the desk relays.
The interest records who introduced and when, the timeline and the audit log say it
happened (the log: ids and whether the contact was shared, nothing personal).
"""

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from core.mail import clean_addresses
from listings.desk import public_url
from listings.models import Listing, ListingContact
from listings.notifications import submitter_addresses

from . import emails
from .models import EntryKind, Interest, TimelineEntry

INTRODUCE_ACTION = "accompaniment.introduce"


class IntroductionRefused(Exception):
    """Why the introduction cannot be made now, in French for the référent."""


@dataclass
class Plan:
    """What « Mettre en relation » would send, shown on the confirmation page."""

    structure_addresses: list
    share_contact: bool
    contact: ListingContact | None  # published contact of the listing, else None
    listing_is_public: bool
    problem: str = ""


def public_contact(listing):
    contact = ListingContact.objects.filter(listing_id=listing.pk).order_by("pk").first()
    return contact if contact is not None and contact.consent_to_publish else None


def plan(interest):
    listing, case = interest.listing, interest.case
    addresses = submitter_addresses(listing)
    problem = ""
    if interest.introduced_at:
        problem = f"La mise en relation a déjà été faite le {timezone.localtime(interest.introduced_at):%d/%m/%Y}."
    elif not case.is_open:
        problem = "Le dossier n'est plus suivi (installé, clos ou anonymisé) : rouvrez-le d'abord."
    elif not addresses:
        problem = (
            "Aucune adresse e-mail n'est connue pour la structure de cette annonce : contactez-la par téléphone, "
            "puis notez l'échange dans la chronologie."
        )
    elif not clean_addresses([case.email]):
        problem = "La personne n'a pas d'adresse e-mail valable : corrigez-la dans l'onglet « Personne »."
    return Plan(
        structure_addresses=addresses,
        share_contact=interest.share_contact,
        contact=public_contact(listing),
        listing_is_public=Listing.objects.public().filter(pk=listing.pk).exists(),
        problem=problem,
    )


def listing_extra(listing, is_public):
    # The listing's page is on its own desk's site.
    path = reverse("frontend:listing", args=[listing.slug]) if is_public and listing.slug else ""
    url = public_url(path, listing.site) if path else ""
    organisation = listing.organisation.name if listing.organisation_id else ""
    return {"listing_title": listing.title, "listing_url": url, "organisation_name": organisation}


@transaction.atomic
def introduce(interest, user):
    """Send both e-mails and record the introduction; IntroductionRefused if it cannot be."""
    interest = (
        # Lock the interest row only: PostgreSQL refuses FOR UPDATE on the nullable side of the
        # outer joins (referent, organisation).
        Interest.objects.select_for_update(of=("self",))
        .select_related("case__referent", "listing__organisation")
        .get(pk=interest.pk)
    )
    case, listing = interest.case, interest.listing
    what = plan(interest)
    if what.problem:
        raise IntroductionRefused(what.problem)
    common = listing_extra(listing, what.listing_is_public)
    emails.notify(
        case,
        emails.STRUCTURE_INTRODUCTION,
        what.structure_addresses,
        key=interest.pk,
        extra={
            **common,
            "share_contact": interest.share_contact,
            "interest_message": interest.message if interest.share_contact else "",
        },
        user=user,
    )
    contact = what.contact
    emails.notify_person(
        case,
        emails.INTRODUCTION,
        key=interest.pk,
        extra={
            **common,
            "contact_public": contact is not None,
            "contact_name": contact.name if contact else "",
            "contact_role": contact.role if contact else "",
            "contact_email": contact.email if contact else "",
            "contact_phone": contact.phone if contact else "",
        },
        user=user,
    )
    interest.introduced_at = timezone.now()
    interest.introduced_by = user
    interest.save(update_fields=["introduced_at", "introduced_by"])
    how = "coordonnées de la personne transmises" if interest.share_contact else "échanges relayés par le guichet"
    TimelineEntry.objects.create(
        case=case,
        kind=EntryKind.EVENT,
        text=f"Mise en relation avec la structure de l'annonce « {listing.title} » ({how}).",
        author=user,
    )
    log(
        instance=case,
        action=INTRODUCE_ACTION,
        user=user,
        data={
            "interest": interest.pk,
            "listing": listing.pk,
            "contact_shared": interest.share_contact,
            "structure_recipients": len(what.structure_addresses),
        },
    )
    return interest
