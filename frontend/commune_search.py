"""Finding the commune a visitor typed: a name, an INSEE code or 'Name (code)'."""

import re

from . import api
from .formatting import fold

AMBIGUOUS = "Plusieurs communes correspondent à votre saisie : précisez-la."
NOT_FOUND = "Aucune commune ne correspond à votre saisie."


def commune_names(request):
    """Every commune (code, name, slug): the autocomplete list."""
    _, communes = api.execute_all_pages(request, "commune_names", "communes")
    return communes


def resolve_commune(communes, text):
    """(commune, candidates) for what a visitor typed: a name, an INSEE code or 'Name (code)'."""
    text = (text or "").strip()
    if not text:
        return None, []
    match = re.search(r"\(?([0-9][0-9AB][0-9]{3})\)?\s*$", text)
    if match:
        for commune in communes:
            if commune["inseeCode"] == match.group(1).upper():
                return commune, []
    wanted = fold(re.sub(r"\s*\(.*\)\s*$", "", text))
    exact = [commune for commune in communes if fold(commune["name"]) == wanted]
    if len(exact) == 1:
        return exact[0], []
    candidates = exact or [commune for commune in communes if wanted and wanted in fold(commune["name"])]
    if len(candidates) == 1:
        return candidates[0], []
    return None, candidates[:20]


def commune_errors(text, commune, candidates):
    """The form's message when something was typed but no single commune matches it."""
    if not (text or "").strip() or commune is not None:
        return []
    return [AMBIGUOUS if candidates else NOT_FOUND]
