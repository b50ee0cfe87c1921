"""The one rule for every public rendering of a page reference (blocks, rich text, funders,
breadcrumbs, the API): a page may be shown to the public when it is live and neither it nor
an ancestor has a view restriction (login, password, groups) — Wagtail's live().public().
A reference to any other page shows neither its title nor its address.

Images: Wagtail's collection privacy protects documents only; an image of a restricted
collection would still be served. Public renderings leave such images out (an editor who
restricts a collection expects its images to stay private).
"""

from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import CollectionViewRestriction, Page


def public_page_ids(pages):
    """The ids, among `pages`, of those the public may see (one query)."""
    ids = [page.pk for page in pages if page is not None]
    if not ids:
        return set()
    return set(Page.objects.filter(pk__in=ids).live().public().values_list("pk", flat=True))


def is_public_page(page):
    return page is not None and page.pk in public_page_ids([page])


def public_url(page, request=None):
    """The page's URL when the public may see it, else None."""
    return page.get_url(request=request) if is_public_page(page) else None


def in_restricted_collection(prefix=""):
    """An expression, for a queryset of images, true when the image's collection or one of
    its ancestors has a view restriction (a tree path is a prefix of its descendants')."""
    path = OuterRef(f"{prefix}collection__path")
    return Exists(
        CollectionViewRestriction.objects.annotate(length=Length("collection__path")).filter(
            collection__path=Substr(path, 1, F("length"))
        )
    )


def public_image_ids(images):
    """The ids, among `images`, of those not in a restricted collection (one query)."""
    images = [image for image in images if image is not None]
    if not images:
        return set()
    model = type(images[0])
    ids = [image.pk for image in images]
    return set(model.objects.filter(pk__in=ids).exclude(in_restricted_collection()).values_list("pk", flat=True))


def is_public_image(image):
    return image is not None and image.pk in public_image_ids([image])
