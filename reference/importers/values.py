"""Values every importer reads the same way: the département to keep, INSEE codes, counts.

Each parser returns a clean value or raises ValueError with a French reason, which the
importer attaches to the row it came from.
"""

from django.conf import settings
from django.core.exceptions import ValidationError

from ..validators import validate_insee_code


def departement_or_territory(departement):
    """The département to import, in capitals: the one given, else the territory's own."""
    return (departement if departement is not None else settings.TERRITORY["code"]).strip().upper()


def departement_code_for(insee_code):
    """Two characters (01–95, 2A, 2B), three for overseas départements (971–976)."""
    return insee_code[: 3 if insee_code.startswith("97") else 2]


def clean_insee_code(value, *, pad=False):
    """Normalised INSEE code, or raise ValueError with a French reason.

    With ``pad``, four digits are completed with a leading zero (spreadsheets turn 01001
    into 1001); official files always carry five characters.
    """
    code = (value or "").strip().upper()
    if not code:
        raise ValueError("code INSEE de la commune absent.")
    if pad and len(code) == 4 and code.isdigit():
        code = "0" + code
    try:
        validate_insee_code(code)
    except ValidationError as error:
        raise ValueError(
            f"code INSEE « {value.strip()} » invalide : il doit comporter 5 caractères "
            "(par exemple 26362, 2A004 ou 97411)."
        ) from error
    return code


def parse_count(value, what="population"):
    """A non-negative whole number written '12345', '12 345' or '12345.0'; ValueError otherwise."""
    text = (value or "").replace("\u202f", "").replace("\xa0", "").replace(" ", "").strip()
    if not text:
        raise ValueError(f"{what} absente.")
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        raise ValueError(f"{what} « {value} » n'est pas un nombre.") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"{what} « {value} » n'est pas un nombre.")
    if number < 0:
        raise ValueError(f"{what} « {value} » négative.")
    if number != int(number):
        raise ValueError(f"{what} « {value} » n'est pas un nombre entier.")
    return int(number)
