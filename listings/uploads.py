"""Photos sent with a listing: checked before anything is stored, then re-encoded.

Until the listing is approved, a photo is reachable only through an unguessable URL
that no public page, API answer or open-data file contains (tested).

Re-encoding drops EXIF (including GPS positions) and anything hidden after the image
data; the pixel and size limits are checked on the header before decoding, so a
decompression bomb is refused without being expanded in memory.
"""

import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from PIL import Image, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_FILES = 6
MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
MAX_SIDE = 2_400  # stored photos are resized to this; the site never shows more


def validate_photos(files):
    """Return the files re-encoded as (name, bytes) pairs, or raise a French ValidationError
    listing every problem. Nothing is written anywhere."""
    if len(files) > MAX_FILES:
        raise ValidationError(f"Vous pouvez joindre {MAX_FILES} photos au maximum.", code="too_many_files")
    cleaned, errors = [], []
    for upload in files:
        try:
            cleaned.append(reencode(upload))
        except ValidationError as error:
            errors.extend(f"{upload.name} : {message}" for message in error.messages)
    if errors:
        raise ValidationError(errors)
    return cleaned


def reencode(upload):
    if upload.size > MAX_BYTES:
        raise ValidationError(f"le fichier dépasse {MAX_BYTES // (1024 * 1024)} Mo.", code="file_too_large")
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            width, height = probe.size
    except Image.DecompressionBombError as error:
        raise ValidationError(
            f"image trop grande ({MAX_PIXELS // 1_000_000} mégapixels au maximum).", code="too_many_pixels"
        ) from error
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise ValidationError("ce fichier n'est pas une image lisible.", code="not_an_image") from error
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError("formats acceptés : JPEG, PNG ou WebP.", code="bad_format")
    if width * height > MAX_PIXELS:
        raise ValidationError(
            f"image trop grande ({width} × {height} pixels, {MAX_PIXELS // 1_000_000} mégapixels au maximum).",
            code="too_many_pixels",
        )
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image = image.convert("RGB")
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError("image tronquée ou endommagée.", code="truncated") from error
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=85, optimize=True)  # no exif= argument: metadata dropped
    # The file name is a 128-bit random token: until the listing is approved the photo's
    # URL is given to nobody but moderators, and cannot be guessed (see the note in
    # submission.py); nothing about the submitter or the original file name leaks.
    return f"annonce-{uuid.uuid4().hex}.jpg", output.getvalue()


def as_image_file(name, content):
    return ImageFile(io.BytesIO(content), name=name)
