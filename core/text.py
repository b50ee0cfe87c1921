"""French text without its accents, for comparing what people type with what is stored:
« Cœur de Drôme » and « coeur de drome » must meet. One definition for the site's filters
(frontend/formatting.fold), the importers' column names (reference/importers/columns) and
the address search (reference/addresses)."""

import unicodedata

# Letters NFKD does not decompose: a reader types them as two letters.
LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def strip_accents(text):
    """'Cœur de Drôme' -> 'Coeur de Drome' (case and punctuation kept)."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).translate(LIGATURES)
