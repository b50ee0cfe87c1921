"""Confirming that a published listing is still valid: from the contributor space or from
the one-click link e-mailed to its submitter (see ``listings/confirmation_tokens.py``)."""

from datetime import timedelta

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Revision

from .freshness_rules import add_months, stale_cutoff_months
from .models import Listing

CONFIRM_ACTION = "listings.confirm"
# A second confirmation within this delay changes nothing (double click, link opened twice).
CONFIRM_IDEMPOTENCE = timedelta(hours=24)


class ConfirmationError(Exception):
    """A confirmation link or request that cannot be honoured; the message is for the user."""


def is_confirmable(listing):
    return Listing.objects.public().filter(pk=listing.pk).exists()


def _patch_revisions(listing, fields):
    """Carry the confirmation into the live and latest revisions, so that publishing one of
    them later does not bring back the old dates."""
    encoded = {name: DjangoJSONEncoder().default(value) if value else None for name, value in fields.items()}
    ids = {pk for pk in (listing.live_revision_id, listing.latest_revision_id) if pk}
    for revision in Revision.objects.filter(pk__in=ids):
        revision.content = {**(revision.content or {}), **encoded}
        revision.save(update_fields=["content"])


def confirm_listing(listing, *, user=None, now=None):
    """Record that the listing is still valid: ``last_confirmed_at`` = now, expiry pushed to
    at least one confirmation period ahead. Returns True if something changed, False if it
    was already confirmed in the last 24 hours. ConfirmationError if it is not online."""
    now = now or timezone.now()
    with transaction.atomic():
        listing = Listing.objects.select_for_update().get(pk=listing.pk)
        if not is_confirmable(listing):
            raise ConfirmationError(
                "Cette annonce n'est plus en ligne (expirée, retirée ou refusée) : elle ne peut pas être "
                "confirmée. Proposez-en une nouvelle version depuis votre espace ou contactez le guichet."
            )
        if listing.last_confirmed_at and listing.last_confirmed_at > now - CONFIRM_IDEMPOTENCE:
            return False
        months = stale_cutoff_months(listing.site)
        previous_expiry = listing.expire_at
        new_expiry = previous_expiry
        if previous_expiry is not None and previous_expiry < add_months(now, months):
            new_expiry = add_months(now, months)
        Listing.objects.filter(pk=listing.pk).update(last_confirmed_at=now, expire_at=new_expiry)
        _patch_revisions(listing, {"last_confirmed_at": now, "expire_at": new_expiry})
        listing.last_confirmed_at, listing.expire_at = now, new_expiry
        log(
            listing,
            CONFIRM_ACTION,
            user=user,
            data={
                "expire_at_before": previous_expiry.isoformat() if previous_expiry else None,
                "expire_at": new_expiry.isoformat() if new_expiry else None,
            },
        )
    return True
