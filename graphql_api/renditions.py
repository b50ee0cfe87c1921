"""The allow-listed rendition sizes and their generation when content is published.

A first rendition costs ~30 ms per image: it is made when a listing or page is published
(signal receivers in graphql_api.apps), never on a public request when avoidable.
This module does not import strawberry so that signal receivers stay light.
"""

import enum
import logging

from wagtail.blocks import StreamValue

logger = logging.getLogger(__name__)


class RenditionSize(enum.Enum):
    THUMBNAIL = "fill-400x300"
    CARD = "fill-800x600"
    LARGE = "max-1600x1200"


ALLOWED_SPECS = [size.value for size in RenditionSize]
MAP_SPEC = RenditionSize.THUMBNAIL.value


def generate_allowed_renditions(images):
    """Create the missing allow-listed renditions of these images (errors are logged, not raised)."""
    for image in {image.pk: image for image in images if image is not None}.values():
        try:
            image.get_renditions(*ALLOWED_SPECS)
        except Exception:  # a broken source file must not block publishing
            logger.warning("Could not generate renditions of image %s", image.pk, exc_info=True)


def images_of(instance):
    """Images a published listing or page shows publicly."""
    images = []
    photos = getattr(instance, "photos", None)
    if photos is not None and hasattr(photos, "all"):
        images.extend(photo.image for photo in photos.all())
    for name in ("hero_image", "image", "logo"):
        images.append(getattr(instance, name, None))
    for name in ("body", "services"):
        value = getattr(instance, name, None)
        if isinstance(value, StreamValue):
            images.extend(_stream_images(value))
    return [image for image in images if image is not None]


def _stream_images(stream_value):
    for child in stream_value:
        if child.block_type == "image":
            yield child.value
