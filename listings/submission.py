"""Saving a proposed listing and sending it to moderation, in one transaction.

The same path serves contributors (with an account and an organisation), occasional
submitters (no account) and, later, the submission API: validation lives in the forms
and the models, the moderation in Wagtail's workflow.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from wagtail.models import Collection, WorkflowState

from media_library.models import CustomImage

from . import held_photos
from .forms import ContactForm
from .models import Listing, ListingContact, ListingPhoto
from .uploads import MAX_FILES, as_image_file, validate_photos

PENDING_PHOTOS_COLLECTION = "Photos des annonces"


class DuplicateSubmission(Exception):
    def __init__(self, listing):
        super().__init__(f"Listing {listing.pk} was already submitted with this key")
        self.listing = listing


def photos_collection():
    collection = Collection.objects.filter(name=PENDING_PHOTOS_COLLECTION).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=PENDING_PHOTOS_COLLECTION)
    return collection


def submit_forms(listing_form, contact_form, *, hold_photos_for=None, **kwargs):
    """Validate a listing form, its contact form and its photos together, then submit
    (keyword arguments as for submit_listing). Returns the listing, or None with the
    errors left on the forms. The contributor space, the public form and the submission
    API all go through here.

    With `hold_photos_for` (the site's forms give their request), photos that passed their
    checks are kept (held_photos.py) when another field has an error, so the next round
    still has them, within the client's hourly allowance; the form lists them in
    `listing_form.held_photos`."""
    held_tokens = [token for token, _ in listing_form.held_photos]
    new_photos, names = [], []
    listing_form.is_valid()
    if "photos" in listing_form.cleaned_data:  # checked even when another field is wrong, to be held
        uploads = listing_form.cleaned_data["photos"]
        try:
            if len(held_tokens) + len(uploads) > MAX_FILES:
                raise ValidationError(
                    f"Vous pouvez joindre {MAX_FILES} photos au maximum : {len(held_tokens)} déjà jointe(s), "
                    f"{len(uploads)} ajoutée(s). Décochez-en ou choisissez-en moins.",
                    code="too_many_files",
                )
            new_photos = validate_photos(uploads)
            names = [upload.name for upload in uploads]
        except ValidationError as error:
            listing_form.add_error("photos", error)
    if not (listing_form.is_valid() and contact_form.is_valid()):
        request = hold_photos_for
        if request is not None and new_photos and held_photos.may_hold(request, len(new_photos)):
            listing_form.held_photos += held_photos.describe(held_photos.hold(new_photos, names, request))
        return None
    listing = listing_form.save(commit=False)
    listing_form.save_m2m()  # professions: kept in memory by modelcluster until the listing is saved
    contact = {field: contact_form.cleaned_data[field] for field in ContactForm.Meta.fields}
    photos = [*held_photos.release(held_tokens), *new_photos]
    listing = submit_listing(listing, contact_data=contact, photos=photos, **kwargs)
    held_photos.discard(held_tokens)
    return listing


def submit_listing(listing, *, contact_data, photos, user=None, organisation=None, submission_key=None):
    """Save `listing` (new, or an edited copy of the latest revision) with its contact and
    re-encoded photos, then (re)start its moderation. A live listing keeps serving its
    approved version: only a new revision is stored until a moderator approves it."""
    stored_files = []
    try:
        with transaction.atomic():
            listing = _save(listing, contact_data, photos, user, organisation, submission_key, stored_files)
            _send_to_moderation(listing, user)
    except Exception as error:
        # The rows were rolled back; the photo files written meanwhile must go too.
        for image_file in stored_files:
            image_file.storage.delete(image_file.name)
        existing = None
        if isinstance(error, IntegrityError) and submission_key:
            existing = Listing.objects.filter(submission_key=submission_key).first()
        if existing is None:
            raise
        raise DuplicateSubmission(existing) from None
    # Moderators are notified by the workflow's task_submitted signal (listings/signals.py).
    return listing


def _save(listing, contact_data, photos, user, organisation, submission_key, stored_files):
    is_new = listing.pk is None
    if is_new:
        listing.live = False
        listing.organisation = organisation
        listing.submission_key = submission_key
    if contact_data is not None:
        listing.contacts = [ListingContact(**contact_data)]
    if photos:
        collection = photos_collection()
        new_photos = []
        for name, content in photos:
            image = CustomImage(
                title=f"Photo – {listing.title}"[:255],
                file=as_image_file(name, content),
                collection=collection,
                uploaded_by_user=user,
            )
            image.pending_review = True  # private until a moderator approves the listing
            image.save()
            stored_files.append(image.file)
            new_photos.append(ListingPhoto(image=image))
        listing.photos = [*listing.photos.all(), *new_photos]
    if not listing.live:
        listing.save()
    listing.save_revision(user=user, log_action=True)
    return listing


def _send_to_moderation(listing, user):
    state = WorkflowState.objects.active().for_instance(listing).first()
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
        return
    if state is not None:
        state.cancel(user=user)  # an edit while pending: review the new version instead
    listing.get_workflow().start(listing, user)
