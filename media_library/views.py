from django.http import FileResponse, Http404

from .models import CustomImage, Rendition
from .storage import PENDING_PREFIX

# Functions (user, image_ids) -> bool registered by the apps whose content holds pending
# images (listings registers "the members of the listing's organisation"): this app does
# not need to know them.
_pending_image_viewers = []


def register_pending_image_viewer(may_see):
    if may_see not in _pending_image_viewers:
        _pending_image_viewers.append(may_see)


def can_see_pending_file(user, name):
    """Staff with admin access (moderators, editors), and whoever a registered viewer
    function lets see the image (its owners)."""
    if not user.is_authenticated:
        return False
    if user.has_perm("wagtailadmin.access_admin"):
        return True
    image_ids = set(CustomImage.objects.filter(file=name).values_list("pk", flat=True)) | set(
        Rendition.objects.filter(file=name).values_list("image_id", flat=True)
    )
    return bool(image_ids) and any(may_see(user, image_ids) for may_see in _pending_image_viewers)


def pending_file(request, path):
    """A photo awaiting moderation, for those allowed to see it; 404 for everyone else
    (not 403: the file's existence is not disclosed)."""
    name = PENDING_PREFIX + path
    if ".." in path or not can_see_pending_file(request.user, name):
        raise Http404
    image = CustomImage.objects.filter(file=name).first()
    file_field = image.file if image else getattr(Rendition.objects.filter(file=name).first(), "file", None)
    if file_field is None or not file_field.storage.exists(name):
        raise Http404
    response = FileResponse(file_field.storage.open(name), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response
