"""Rows already in the database that an import compares its file with."""

from ..models import Commune

# SQLite refuses queries with too many parameters: codes are looked up, and objects
# created or updated, this many at a time.
BATCH_SIZE = 200


def communes_by_code(codes, fields=None):
    """Existing communes among these codes, queried in chunks (SQLite limits parameters)."""
    codes = list(codes)
    communes = {}
    for start in range(0, len(codes), BATCH_SIZE):
        chunk = Commune.objects.filter(insee_code__in=codes[start : start + BATCH_SIZE])
        if fields:
            chunk = chunk.only("pk", "insee_code", *fields)
        communes.update((commune.insee_code, commune) for commune in chunk)
    return communes


def unknown_commune_message(code):
    """Why a row naming a commune absent from the database is rejected."""
    return f"commune {code} inconnue : importez d'abord les communes (import_cog_communes)."
