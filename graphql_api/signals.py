"""Signal receivers: cache invalidation and rendition generation on publish."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, published, unpublished

from .cache import bump_content_version
from .renditions import generate_allowed_renditions, images_of

REFERENCE_MODELS = [
    "reference.Commune",
    "reference.Epci",
    "reference.Profession",
    "reference.HealthFacility",
    "aides.AidAudience",
    "listings.Organisation",
    "home.DeskSettings",
    "wagtailcore.PageViewRestriction",
]
# Saving a listing row does not change what is public (drafts and submissions are not;
# publication sends `published`/`unpublished`), so only its deletion bumps the version:
# a submission must not empty the cache of every anonymous answer.
DELETE_ONLY_MODELS = ["listings.Listing"]


def generate_renditions_on_publish(instance=None, **kwargs):
    if instance is not None:
        generate_allowed_renditions(images_of(instance))


def connect():
    from django.apps import apps

    for signal in (published, unpublished, page_published, page_unpublished):
        signal.connect(bump_content_version, dispatch_uid=f"graphql_api-bump-{id(signal)}")
    published.connect(generate_renditions_on_publish, dispatch_uid="graphql_api-renditions-published")
    page_published.connect(generate_renditions_on_publish, dispatch_uid="graphql_api-renditions-page-published")
    for label in REFERENCE_MODELS:
        model = apps.get_model(label)
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"graphql_api-save-{label}")
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"graphql_api-delete-{label}")
    for label in DELETE_ONLY_MODELS:
        model = apps.get_model(label)
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"graphql_api-delete-{label}")
