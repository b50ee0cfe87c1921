"""The demo's images: placeholder pictures saved in the « Démonstration » collection.

Every demo picture lives in that collection, so that ``seed_demo --reset`` finds them all.
"""

from wagtail.images import get_image_model
from wagtail.models import Collection

from home.placeholder_images import DEMO_CREDIT, placeholder_image_file

DEMO_COLLECTION_NAME = "Démonstration"


def demo_collection():
    """The image collection holding every demo picture (so that --reset finds them)."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=DEMO_COLLECTION_NAME).first()
    return existing or root.add_child(name=DEMO_COLLECTION_NAME)


def create_image(title, kind, *, seed, label="", alt_text="", collection=None, **kwargs):
    """Create and save an image of the project's image model from a placeholder picture."""
    image = get_image_model()(
        title=title,
        file=placeholder_image_file(kind, seed=seed, label=label, **kwargs),
        alt_text=alt_text,
        credit=DEMO_CREDIT,
    )
    if collection is not None:
        image.collection = collection
    image._set_image_file_metadata()
    image.save()
    return image


def get_or_create_demo_image(title, kind, *, seed, label="", alt_text="", **kwargs):
    """The demo image called ``title``, created once in the demo collection."""
    collection = demo_collection()
    existing = get_image_model().objects.filter(title=title, collection=collection).first()
    if existing:
        return existing
    return create_image(title, kind, seed=seed, label=label, alt_text=alt_text, collection=collection, **kwargs)
