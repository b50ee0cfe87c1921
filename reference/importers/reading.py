"""Turning a file on disk into text and records: bytes, encodings, JSON, CSV.

Official files come as UTF-8 or Latin-1, with ``;`` or ``,``; every problem met here is
an ImportFileError in French, so the user learns what is wrong with the file itself
before any row is looked at.
"""

import csv
import io
import json
from functools import partial
from pathlib import Path

from .report import ImportFileError

UTF8 = "UTF-8"
LATIN1 = "Latin-1 (Windows-1252)"

# Python's json module reports syntax errors in English; these are the usual ones.
JSON_MESSAGES = {
    "Expecting value": "valeur attendue",
    "Expecting ',' delimiter": "virgule attendue",
    "Expecting ':' delimiter": "deux-points attendus",
    "Expecting property name enclosed in double quotes": "nom de propriété entre guillemets attendu",
    "Unterminated string starting at": "chaîne de caractères non terminée",
    "Extra data": "données en trop après la fin du document",
    "Invalid control character at": "caractère de contrôle interdit dans une chaîne",
    "Invalid \\escape": "séquence d'échappement invalide",
    "Illegal trailing comma before end of object": "virgule en trop avant la fin d'un objet",
    "Illegal trailing comma before end of array": "virgule en trop avant la fin d'une liste",
}


def read_file_bytes(path, error_class=ImportFileError, subject=None):
    """The file's bytes, or error_class(path, [French message]) when it cannot be read."""
    path = Path(path)
    if subject:
        error_class = partial(error_class, subject=subject)
    if not path.exists():
        raise error_class(path, ["Fichier introuvable."])
    if not path.is_file():
        raise error_class(path, ["Ce chemin n'est pas un fichier."])
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise error_class(path, [f"Lecture du fichier impossible ({error.strerror or error})."]) from error
    if not raw.strip():
        raise error_class(path, ["Le fichier est vide."])
    return raw


def decode_text(raw):
    """Decode UTF-8 (with or without BOM), falling back to Windows-1252/Latin-1.

    Returns (text, encoding label). Text files from INSEE, ARS or FINESS come in either
    encoding: a file that is not valid UTF-8 is almost certainly Latin-1 (accented
    letters as single bytes), and no valid UTF-8 text with accents decodes as Latin-1 by
    mistake here because UTF-8 is always tried first.
    """
    try:
        return raw.decode("utf-8-sig"), UTF8
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), LATIN1
    except UnicodeDecodeError:  # Bytes undefined in Windows-1252 (0x81, 0x8D...): plain Latin-1.
        return raw.decode("latin-1"), LATIN1


def encoding_note(encoding, expected):
    if encoding == expected:
        return None
    return f"Encodage détecté : {encoding} (attendu : {expected}) ; le fichier a été lu dans cet encodage."


def describe_json_error(error):
    message = next((fr for en, fr in JSON_MESSAGES.items() if error.msg.startswith(en)), f"« {error.msg} »")
    return f"JSON mal formé, ligne {error.lineno}, colonne {error.colno} : {message}."


def load_json(text, path, subject=None):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(path, [describe_json_error(error)], subject=subject) from error


def sniff_delimiter(text, candidates=";,\t|"):
    """The most frequent candidate in the first non-empty line (';' for French files)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {candidate: first.count(candidate) for candidate in candidates}
    best = max(counts, key=lambda candidate: counts[candidate])
    return best if counts[best] else ";"


def csv_records(text, delimiter):
    """Yield (line number, list of stripped cells) for every non-empty record."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        yield reader.line_num, [cell.strip() for cell in row]
