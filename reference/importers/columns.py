"""Finding the header row of a CSV file and the columns an importer needs in it.

Column names vary between vintages and producers (« CODGEO », « code_commune »,
« Catégorie de zonage »...): they are compared without case, accents or punctuation,
and a missing column is reported with the names that were expected and found.
"""

from core.text import strip_accents

from .report import ImportFileError

MAX_HEADER_SEARCH = 10  # header rows may follow a few lines of title or notes


def normalize_label(text):
    """'Catégorie de zonage' -> 'categorie_de_zonage': for column names and free-text values."""
    text = strip_accents(text)
    return "_".join("".join(char if char.isascii() and char.isalnum() else " " for char in text.lower()).split())


def find_column(header, candidates):
    """Index of the first header cell matching one of the candidates (normalised), or None."""
    normalised = [normalize_label(cell) for cell in header]
    for candidate in candidates:
        wanted = normalize_label(candidate)
        if wanted in normalised:
            return normalised.index(wanted)
    return None


def missing_column_error(what, candidates, header):
    expected = ", ".join(f"« {candidate} »" for candidate in candidates)
    found = ", ".join(f"« {cell} »" for cell in header if cell) or "aucune"
    return f"Ligne 1 (en-tête) : colonne {what} introuvable (attendue : {expected} ; colonnes trouvées : {found})."


def find_header(records, path, *, subject, required):
    """The first of the leading rows holding every required column, or an ImportFileError
    naming each missing one. `required` lists (description, names, finder) where
    finder(cells) returns the column index or None."""
    first = None
    for position, (_line, cells) in enumerate(records):
        first = first or cells
        if all(finder(cells) is not None for _, _, finder in required):
            return cells
        if position >= MAX_HEADER_SEARCH:
            break
    first = first or []
    errors = [
        missing_column_error(description, names, first)
        for description, names, finder in required
        if finder(first) is None
    ]
    raise ImportFileError(path, errors or ["En-tête introuvable."], subject=subject)
