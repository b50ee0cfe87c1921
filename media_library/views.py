from django.http import FileResponse, Http404

from .models import CustomImage, Rendition
from .storage import PENDING_PREFIX


def can_see_pending_file(user, name):
    """Staff with admin access (moderators, editors) and the members of the organisation
    whose listing the photo belongs to."""
    if not user.is_authenticated:
        return False
    if user.has_perm("wagtailadmin.access_admin"):
        return True
    from listings.models import ListingPhoto  # the photos' owner app; imported late to keep layers apart

    image_ids = (
        CustomImage.objects.filter(file=name).values("pk").union(Rendition.objects.filter(file=name).values("image_id"))
    )
    return ListingPhoto.objects.filter(image_id__in=image_ids, listing__organisation__members=user).exists()


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
