"""Photos kept between two rounds of a form that had errors.

A browser never sends a file twice: without this, a contributor who forgot a field lost the
photos they had chosen. Photos that passed the checks (uploads.py: re-encoded, metadata
removed) are written to private storage, outside MEDIA_ROOT and never served, under a
128-bit random name; the form carries the names back, signed so that nobody can make it read
another file. They are used when the form is finally accepted, and deleted then, or after
HOLD_HOURS by the next form that holds photos.
"""

import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

HOLD_HOURS = 24
SALT = "listings.held-photos"
FOLDER = "formulaires-en-cours"


def _storage():
    return FileSystemStorage(location=Path(settings.PRIVATE_MEDIA_ROOT) / FOLDER, base_url=None)


def hold(photos, original_names):
    """Write re-encoded photos ((name, bytes) pairs, as uploads.validate_photos returns them)
    and return one signed token per photo, carrying its original name for display."""
    purge_expired()
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
        with storage.open(f"{entry['key']}.jpg") as stored:
            photos.append((f"annonce-{uuid.uuid4().hex}.jpg", stored.read()))
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
    cutoff = (now or time.time()) - HOLD_HOURS * 3600
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
