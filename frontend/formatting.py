"""French text helpers for the public site: accent folding and amounts in euros."""

from core.text import strip_accents


def fold(text):
    """Lower case without accents, hyphens or apostrophes: 'Saint-Jean' == 'saint jean'."""
    text = strip_accents(text).encode("ascii", "ignore").decode().lower()
    for char in "-'’":
        text = text.replace(char, " ")
    return " ".join(text.split())


def euros(value):
    """1234.5 -> '1 235 €' (French thousands separator)."""
    if value is None:
        return ""
    return f"{round(value):,}".replace(",", "\u202f") + "\u00a0€"
