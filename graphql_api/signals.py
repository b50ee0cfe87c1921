"""Signal receivers: cache invalidation and rendition generation on publish."""

import datetime

from django.db.models import Min
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move, published, unpublished

from aides.models import AidPage
from core.content_version import register_next_change
from listings.models import Listing

from .cache import bump_content_version
from .renditions import generate_allowed_renditions, images_of

# Any save or deletion of these changes what the public may see.
REFERENCE_MODELS = [
    "reference.Commune",
    "reference.Epci",
    "reference.Profession",
    "reference.HealthFacility",
    "reference.ProfessionZoning",  # the aid finder reads it
    # A desk's vocabularies: labels, map symbols, detail rules, zoning levels (and the memo of
    # reference.vocabularies.terms(), keyed by the content version).
    "reference.Term",
    "aides.AidAudience",
    "listings.Organisation",
    "home.DeskSettings",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.CollectionViewRestriction",
    # A desk's host, root page or default flag, and which desk a staff group serves.
    "wagtailcore.Site",
    "users.GroupDesk",
]
# Saving a listing row does not change what is public (drafts and submissions are not;
# publication sends `published`/`unpublished`), so only its deletion bumps the version:
# a submission must not empty the cache of every anonymous answer.
DELETE_ONLY_MODELS = ["listings.Listing"]


def bump_if_public_listing(instance=None, **kwargs):
    """A contact edited or erased (RGPD): only a public listing's answers show it."""
    if instance is not None and Listing.objects.public().filter(pk=instance.listing_id).exists():
        bump_content_version()


def next_listing_expiry():
    """The next instant a public listing stops being public by itself (its expire_at)."""
    now = timezone.now()
    return Listing.objects.public(now=now).filter(expire_at__gt=now).aggregate(next=Min("expire_at"))["next"]


def next_aid_validity_change():
    """The next midnight (local time) at which an aid closes or opens: answers about
    applicable aids change then, with no publication."""
    day = AidPage.objects.live().next_validity_change()
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def generate_renditions_on_publish(instance=None, **kwargs):
    if instance is not None:
        generate_allowed_renditions(images_of(instance))


def connect():
    from django.apps import apps

    for signal in (published, unpublished, page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(bump_content_version, dispatch_uid=f"graphql_api-bump-{id(signal)}")
    register_next_change(next_listing_expiry)
    register_next_change(next_aid_validity_change)
    contact = apps.get_model("listings.ListingContact")
    for signal in (post_save, post_delete):
        signal.connect(bump_if_public_listing, sender=contact, dispatch_uid=f"graphql_api-contact-{id(signal)}")
    published.connect(generate_renditions_on_publish, dispatch_uid="graphql_api-renditions-published")
    page_published.connect(generate_renditions_on_publish, dispatch_uid="graphql_api-renditions-page-published")
    for label in REFERENCE_MODELS:
        model = apps.get_model(label)
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"graphql_api-save-{label}")
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"graphql_api-delete-{label}")
    for label in DELETE_ONLY_MODELS:
        model = apps.get_model(label)
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"graphql_api-delete-{label}")
