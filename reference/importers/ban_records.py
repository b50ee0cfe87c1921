"""The rows of the BAN's address file (``adresses-26.csv.gz`` of adresse.data.gouv.fr).

``;``-separated UTF-8, one numbered address per row: id;id_fantoir;numero;rep;nom_voie;
code_postal;code_insee;nom_commune;code_insee_ancienne_commune;nom_ancienne_commune;x;y;
lon;lat;type_position;alias;nom_ld;libelle_acheminement;nom_afnor;source_position;
source_nom_voie;certification_commune;cad_parcelles. Each row becomes the field values of
one Address, or a ValueError with the French reason it is rejected. The streets and
lieux-dits are derived from the numbered rows (Places), one Address each.
"""

import math
import zlib
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings

from ..addresses import AddressKind, normalise_text, search_words
from .columns import find_column
from .values import clean_insee_code

# (description, column names) of the columns the importer reads; the others are ignored.
COLUMNS = {
    "ban_id": ("identifiant", ["id"]),
    "number": ("numéro", ["numero"]),
    "suffix": ("indice de répétition", ["rep"]),
    "street_name": ("nom de voie", ["nom_voie"]),
    "postcode": ("code postal", ["code_postal"]),
    "insee_code": ("code INSEE", ["code_insee"]),
    "commune_name": ("nom de commune", ["nom_commune"]),
    "former_code": ("code INSEE de l'ancienne commune", ["code_insee_ancienne_commune"]),
    "former_name": ("nom de l'ancienne commune", ["nom_ancienne_commune"]),
    "longitude": ("longitude", ["lon"]),
    "latitude": ("latitude", ["lat"]),
    "locality_name": ("lieu-dit", ["nom_ld"]),
}
# The number the BAN's exports give to a named place without a number (a toponym).
TOPONYM_NUMBER = 99999
# The fields an import writes, in the order values are compared.
FIELDS = [
    "kind",
    "number",
    "suffix",
    "street_name",
    "locality_name",
    "postcode",
    "commune_id",
    "latitude",
    "longitude",
    "search_text",
]
# Derived positions are means: rounded so that float noise never counts as a change.
DERIVED_DECIMALS = 7


def required_columns():
    """(description, names, finder) for columns.find_header."""
    return [(label, names, partial(find_column, candidates=names)) for label, names in COLUMNS.values()]


def column_indexes(header):
    return {key: find_column(header, names) for key, (_label, names) in COLUMNS.items()}


@dataclass(frozen=True)
class CommuneRef:
    pk: int
    insee_code: str
    departement_code: str
    name: str


class CommuneResolver:
    """Finds a row's commune by its INSEE code, or by its former commune's code while the
    database still holds that commune (communes not yet merged there, as in the 2018
    outlines): the address then stays with the commune whose outline holds it."""

    def __init__(self, communes):
        self.by_code = {commune.insee_code: commune for commune in communes}
        self.territory = settings.TERRITORY["code"]
        self.by_former_code = 0

    def resolve(self, code, former_code):
        commune = self.by_code.get(former_code) if former_code and former_code != code else None
        if commune is not None:
            self.by_former_code += 1
        else:
            commune = self.by_code.get(code)
        if commune is None:
            raise LookupError(code)
        if commune.departement_code != self.territory:
            raise ValueError(
                f"commune {commune.insee_code} ({commune.name}) hors du territoire "
                f"(département {self.territory}) : elle n'est pas importée."
            )
        return commune


def cell(cells, indexes, key):
    index = indexes[key]
    return cells[index] if index is not None and index < len(cells) else ""


def parse_coordinate(text, what, bound):
    if not text:
        raise ValueError(f"{what} absente.")
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise ValueError(f"{what} « {text} » illisible.") from None
    if not math.isfinite(value) or not -bound <= value <= bound:
        raise ValueError(f"{what} « {text} » invalide (coordonnées WGS84 attendues).")
    return value


def parse_position(cells, indexes):
    """(latitude, longitude) inside the territory's box, or ValueError."""
    longitude = parse_coordinate(cell(cells, indexes, "longitude"), "longitude", 180)
    latitude = parse_coordinate(cell(cells, indexes, "latitude"), "latitude", 90)
    min_lon, min_lat, max_lon, max_lat = settings.TERRITORY["bbox"]
    if not (min_lat <= latitude <= max_lat and min_lon <= longitude <= max_lon):
        raise ValueError(
            f"position (latitude {latitude:.5f}, longitude {longitude:.5f}) hors du territoire "
            f"{settings.TERRITORY['name']}."
        )
    return latitude, longitude


def parse_number(text):
    """The house number, or None for a named place without one (empty or 99999)."""
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(f"numéro « {text} » invalide (nombre entier attendu).")
    number = int(text)
    return None if number == TOPONYM_NUMBER else number


def parse_row(cells, indexes, resolver):
    """(Address field values, commune, other names of the commune) of one row; ValueError
    with the French reason, or LookupError(code) for a commune absent from the database."""
    ban_id = cell(cells, indexes, "ban_id")
    if not ban_id:
        raise ValueError("identifiant BAN (colonne id) absent.")
    if len(ban_id) > 60 or " " in ban_id:
        raise ValueError(f"identifiant BAN « {ban_id[:60]} » invalide.")
    code = clean_insee_code(cell(cells, indexes, "insee_code"))
    former_code = cell(cells, indexes, "former_code").upper()
    commune = resolver.resolve(code, former_code)
    number = parse_number(cell(cells, indexes, "number"))
    street_name = cell(cells, indexes, "street_name")
    locality_name = cell(cells, indexes, "locality_name")
    if not street_name and not locality_name:
        raise ValueError("nom de voie et lieu-dit absents.")
    latitude, longitude = parse_position(cells, indexes)
    postcode = cell(cells, indexes, "postcode")[:5]
    suffix = cell(cells, indexes, "suffix")[:10] if number is not None else ""
    kind = AddressKind.HOUSENUMBER if number is not None else AddressKind.LOCALITY
    numbered = f"{number} {suffix}".strip() if number is not None else ""
    names = _other_commune_names(commune, cell(cells, indexes, "commune_name"), cell(cells, indexes, "former_name"))
    values = {
        "ban_id": ban_id,
        "kind": kind,
        "number": number,
        "suffix": suffix,
        "street_name": street_name,
        "locality_name": locality_name,
        "postcode": postcode,
        "commune_id": commune.pk,
        "latitude": latitude,
        "longitude": longitude,
        "search_text": search_words(numbered, street_name, locality_name, postcode, commune.name, *names),
    }
    return values, commune, names


def _other_commune_names(commune, file_name, former_name):
    """Names the row is also known by (the file's commune name, a former commune's name)."""
    known = {normalise_text(commune.name)}
    names = []
    for name in (file_name, former_name):
        if name and normalise_text(name) not in known:
            known.add(normalise_text(name))
            names.append(name)
    return tuple(names)


@dataclass
class Place:
    """A street or lieu-dit being derived: its numbers' mean position."""

    kind: str
    name: str
    postcode: str
    commune: CommuneRef
    other_names: tuple
    count: int = 0
    latitude_sum: float = 0.0
    longitude_sum: float = 0.0

    def add(self, latitude, longitude):
        self.count += 1
        self.latitude_sum += latitude
        self.longitude_sum += longitude

    def values(self, ban_id):
        street, locality = (self.name, "") if self.kind == AddressKind.STREET else ("", self.name)
        return {
            "ban_id": ban_id,
            "kind": self.kind,
            "number": None,
            "suffix": "",
            "street_name": street,
            "locality_name": locality,
            "postcode": self.postcode,
            "commune_id": self.commune.pk,
            "latitude": round(self.latitude_sum / self.count, DERIVED_DECIMALS),
            "longitude": round(self.longitude_sum / self.count, DERIVED_DECIMALS),
            "search_text": search_words(self.name, self.postcode, self.commune.name, *self.other_names),
        }


@dataclass
class Places:
    """The streets and lieux-dits of the imported rows, keyed by commune and normalised name.

    Their ids (« 26113_voie_1a2b3c4d ») are made from the commune and the name: the BAN's
    own street codes are not unique (« xxxx » for every street without a FANTOIR code).
    """

    places: dict = field(default_factory=dict)

    def add_row(self, values, commune, other_names):
        self._add(AddressKind.STREET, values["street_name"], values, commune, other_names)
        if normalise_text(values["locality_name"]) != normalise_text(values["street_name"]):
            self._add(AddressKind.LOCALITY, values["locality_name"], values, commune, other_names)

    def _add(self, kind, name, values, commune, other_names):
        normalised = normalise_text(name)
        if not normalised or (kind == AddressKind.STREET and values["number"] is None):
            return  # A toponym row is already the place itself.
        prefix = "voie" if kind == AddressKind.STREET else "ld"
        ban_id = f"{commune.insee_code}_{prefix}_{zlib.crc32(normalised.encode()):08x}"
        place = self.places.get(ban_id)
        if place is None:
            place = self.places[ban_id] = Place(kind, name, values["postcode"], commune, other_names)
        place.add(values["latitude"], values["longitude"])

    def rows(self):
        for ban_id, place in self.places.items():
            yield place.values(ban_id)

    def count(self, kind):
        return sum(1 for place in self.places.values() if place.kind == kind)
