"""Who may see a listing's photo while it awaits moderation (media_library's private files)."""

from .models import Listing, ListingPhoto


def organisation_members_may_see(user, image_ids):
    """The members of the organisation whose listing holds the photo: in the listing itself,
    or in its latest revision (a pending edit of a published listing keeps its new photos
    there until a moderator publishes it)."""
    if ListingPhoto.objects.filter(image_id__in=image_ids, listing__organisation__members=user).exists():
        return True
    own = Listing.objects.for_contributor(user).select_related("latest_revision")
    for listing in own:
        revision = listing.latest_revision
        if revision is None:
            continue
        photos = (revision.content or {}).get("photos") or []
        if any(photo.get("image") in image_ids for photo in photos if isinstance(photo, dict)):
            return True
    return False
