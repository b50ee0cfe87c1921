"""Images as allow-listed renditions: a client picks a named size, never arbitrary pixels."""

import enum
import logging

import strawberry
import strawberry_django
from django.db.models import Prefetch

from home.visibility import in_restricted_collection
from media_library.models import CustomImage, Rendition

from .renditions import ALLOWED_SPECS, RenditionSize

logger = logging.getLogger(__name__)

RenditionSizeEnum = strawberry.enum(
    enum.Enum(
        "RenditionSize",
        {
            size.name: strawberry.enum_value(size.name, description=f"Wagtail filter {size.value}.")
            for size in RenditionSize
        },
    ),
    name="RenditionSize",
    description="Allow-listed image sizes: THUMBNAIL fill 400×300, CARD fill 800×600, LARGE at most 1600×1200.",
)


def allowed_renditions_prefetch(prefix=""):
    """Prefetch of the existing allow-listed renditions of an image (one query per relation)."""
    return Prefetch(
        f"{prefix}renditions",
        queryset=Rendition.objects.filter(filter_spec__in=ALLOWED_SPECS).only(
            "id", "image_id", "filter_spec", "file", "width", "height"
        ),
        to_attr="allowed_renditions",
    )


@strawberry.type(name="Rendition", description="A resized version of an image, at an allow-listed size.")
class RenditionType:
    url: str = strawberry.field(description="Public URL of the resized file.")
    width: int = strawberry.field(description="Width in pixels.")
    height: int = strawberry.field(description="Height in pixels.")


def rendition_for(image, size_name):
    """The rendition of `image` at the named size, from the prefetched ones when possible.

    Renditions are generated when content is published (graphql_api.renditions); the
    fallback below only runs for images published before that hook existed.
    """
    spec = RenditionSize[size_name].value
    for rendition in getattr(image, "allowed_renditions", None) or ():
        if rendition.filter_spec == spec:
            return RenditionType(url=rendition.url, width=rendition.width, height=rendition.height)
    try:
        rendition = image.get_rendition(spec)
    except Exception:  # a missing or unreadable source file must not break the response
        logger.warning("Rendition %s of image %s could not be generated", spec, image.pk, exc_info=True)
        return None
    return RenditionType(url=rendition.url, width=rendition.width, height=rendition.height)


# The renditions are prefetched for the type, not for the `rendition` field: the optimizer
# ignores the hints of a field selected twice under aliases with different arguments
# (card: rendition(size: CARD) large: rendition(size: LARGE)), which made one query per photo.
@strawberry_django.type(
    CustomImage,
    name="Image",
    description="An image, served only as allow-listed renditions.",
    prefetch_related=[allowed_renditions_prefetch()],
)
class ImageType:
    id: strawberry.ID = strawberry_django.field(description="Image identifier.")
    alt: str = strawberry_django.field(
        field_name="alt_text", description="Alternative text; empty when the image is decorative."
    )
    credit: str = strawberry_django.field(description="Photo credit to display with the image.")

    @classmethod
    def get_queryset(cls, queryset, info, **kwargs):
        # Images of a view-restricted collection are private, whatever Wagtail serves.
        return queryset.exclude(in_restricted_collection())

    @strawberry_django.field(
        description="The image resized to an allow-listed size.",
        only=["id", "file", "width", "height"],
    )
    def rendition(self, size: RenditionSizeEnum) -> RenditionType | None:
        return rendition_for(self, size.value if hasattr(size, "value") else size)
