"""Photos kept between two rounds of a form that had errors.

A browser never sends a file twice: without this, a contributor who forgot a field lost the
photos they had chosen. Photos that passed the checks (uploads.py: re-encoded, metadata
removed) are written to private storage, outside MEDIA_ROOT and never served, under a
128-bit random name; the form carries the names back, signed so that nobody can make it read
another file. They are used when the form is finally accepted, and deleted then, or after
HOLD_HOURS (a form that holds photos purges the folder, at most every PURGE_EVERY_SECONDS).

Error rounds cost nothing against the public form's quota, so holding has its own: a client
may hold HOLD_LIMIT_PER_HOUR photos an hour (two full forms); past it, the form still comes
back with its errors but without keeping the new photos, and the disk cannot be filled.
"""

import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from core.ratelimit import Quota

from .uploads import MAX_FILES

HOLD_HOURS = 24
HOLD_LIMIT_PER_HOUR = 2 * MAX_FILES
HOLDING = Quota("held-photos", lambda: HOLD_LIMIT_PER_HOUR)
PURGE_EVERY_SECONDS = 600
SALT = "listings.held-photos"
FOLDER = "formulaires-en-cours"


def _storage():
    return FileSystemStorage(location=Path(settings.PRIVATE_MEDIA_ROOT) / FOLDER, base_url=None)


def may_hold(request, count):
    """Whether this client may still hold `count` more photos this hour."""
    return HOLDING.allows(request, count)


def hold(photos, original_names, request):
    """Write re-encoded photos ((name, bytes) pairs, as uploads.validate_photos returns them)
    and return one signed token per photo, carrying its original name for display. Counts
    them against the client's hourly allowance (check `may_hold` first)."""
    if cache.add("held-photos:purged", True, PURGE_EVERY_SECONDS):
        purge_expired()
    HOLDING.count(request, len(photos))
    storage = _storage()
    tokens = []
    for (_, content), original in zip(photos, original_names, strict=True):
        key = uuid.uuid4().hex
        storage.save(f"{key}.jpg", ContentFile(content))
        tokens.append(signing.dumps({"key": key, "name": original[:120]}, salt=SALT, compress=True))
    return tokens


def describe(tokens):
    """The held photos still available, as (token, original name) pairs; invalid or expired
    tokens are dropped."""
    return [(token, entry["name"]) for token, entry in _entries(tokens)]


def release(tokens):
    """The held photos' content as (name, bytes) pairs, ready for submission.submit_listing."""
    storage = _storage()
    photos = []
    for _, entry in _entries(tokens):
        try:
            with storage.open(f"{entry['key']}.jpg") as stored:
                photos.append((f"annonce-{uuid.uuid4().hex}.jpg", stored.read()))
        except FileNotFoundError:  # purged between the check and the read: the photo is gone
            continue
    return photos


def discard(tokens):
    storage = _storage()
    for _, entry in _entries(tokens):
        storage.delete(f"{entry['key']}.jpg")


def purge_expired(now=None):
    """Delete held photos older than HOLD_HOURS (forms abandoned after an error)."""
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / FOLDER
    if not folder.is_dir():
        return 0
    # An hour after the tokens expire, so that no file goes while a valid token names it.
    cutoff = (now or time.time()) - (HOLD_HOURS + 1) * 3600
    removed = 0
    for path in folder.glob("*.jpg"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _entries(tokens):
    storage = _storage()
    seen = set()
    for token in tokens:
        try:
            entry = signing.loads(token, salt=SALT, max_age=HOLD_HOURS * 3600)
        except signing.BadSignature:
            continue
        key = str(entry.get("key", ""))
        if len(key) != 32 or not key.isalnum() or key in seen or not storage.exists(f"{key}.jpg"):
            continue
        seen.add(key)
        yield token, {"key": key, "name": str(entry.get("name", "photo"))}
