"""Admin behaviour of the media library."""

from wagtail import hooks

from .storage import PENDING_PREFIX


@hooks.register("construct_image_chooser_queryset")
def hide_photos_awaiting_moderation(images, request):
    """Photos of listings awaiting moderation are private files: no editor may put one in a
    page (it would show as a broken image to the public) until the listing is approved,
    which moves the file to the public folders (storage.make_public)."""
    return images.exclude(file__startswith=PENDING_PREFIX)
