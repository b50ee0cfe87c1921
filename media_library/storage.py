"""Local media storage with a private area for photos awaiting moderation.

Files whose name starts with `pending/` are written under PRIVATE_MEDIA_ROOT, outside
MEDIA_ROOT, so neither the web server nor Django's static serving can hand them out;
their URL is a view that checks who asks (moderators, the submitting organisation).
When the listing is approved, `make_public()` moves them to the ordinary media folders.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils.encoding import filepath_to_uri

PENDING_PREFIX = "pending/"


def is_pending(name):
    return bool(name) and name.startswith(PENDING_PREFIX)


class MediaStorage(FileSystemStorage):
    """MEDIA_ROOT for every file, except `pending/…` names, which go to a plain file system
    storage rooted at PRIVATE_MEDIA_ROOT and get a permission-checked URL."""

    def _private(self):
        return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)

    def _save(self, name, content):
        return self._private()._save(name, content) if is_pending(name) else super()._save(name, content)

    def _open(self, name, mode="rb"):
        return self._private()._open(name, mode) if is_pending(name) else super()._open(name, mode)

    def delete(self, name):
        return self._private().delete(name) if is_pending(name) else super().delete(name)

    def exists(self, name):
        return self._private().exists(name) if is_pending(name) else super().exists(name)

    def size(self, name):
        return self._private().size(name) if is_pending(name) else super().size(name)

    def path(self, name):
        return self._private().path(name) if is_pending(name) else super().path(name)

    def url(self, name):
        if is_pending(name):
            return reverse("media_library:pending_file", args=[name.removeprefix(PENDING_PREFIX)])
        return super().url(name)


def make_public(image):
    """Move a pending image's original to the public folders and drop its private
    renditions (public ones are generated again on demand). Returns True if moved."""
    name = image.file.name
    if not is_pending(name):
        return False
    storage = image.file.storage
    with storage.open(name) as source:
        public_name = storage.save(name.removeprefix(PENDING_PREFIX), source)
    for rendition in image.renditions.all():
        rendition.file.delete(save=False)
        rendition.delete()
    type(image).objects.filter(pk=image.pk).update(file=public_name)
    storage.delete(name)
    image.file.name = public_name
    return True


def url_builder(storage):
    """A function name → URL equal to `storage.url`, calling the storage once in all.

    Building thousands of URLs (the map) through `storage.url()` costs ~20 µs each. When
    a storage's URLs are a fixed prefix plus the quoted name (local files, S3 without
    signed URLs), the prefix is read once from a sample; signed URLs (S3 with
    `querystring_auth`) and private pending files still go through the storage.
    """
    if getattr(storage, "querystring_auth", False):
        return storage.url
    marker = "gus-url-marker"
    prefix, found, suffix = storage.url(marker).partition(marker)
    if not found or suffix:
        return storage.url

    def build(name):
        return storage.url(name) if is_pending(name) else prefix + filepath_to_uri(name)

    return build
