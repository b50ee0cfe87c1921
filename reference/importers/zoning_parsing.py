"""Reading an ARS zoning file per profession: its vocabulary and its two layouts.

- **long**: one row per commune and profession, with a commune code column, a profession
  column (``profession``, ``metier``…) and a class column (``zonage``, ``classe``…);
- **wide**: one row per commune, with one class column per profession, named after the
  profession's slug or name or a usual short name (``medecin``, ``infirmier``, ``kine``,
  ``sage_femme``, ``orthophoniste``, ``dentiste``; a ``zonage_`` prefix is allowed).
  Descriptive columns (commune name, département, région, EPCI, population) are skipped;
  any other column is an unknown profession, reported on the header line. An empty cell
  means the file gives no zoning for that profession there.

Classes are read case- and accent-insensitively, singular or plural, with or without
« zone » (« Zone très sous-dotée », « sous-dotées », « ZIP », « Hors zonage »…), or as the
code or label of a class of the profession's desk; the class must be one of that desk's
« Classes de zonage » (reference/vocabularies.py), else the row is rejected.
"""

from dataclasses import dataclass, field

from .. import vocabularies
from ..vocabularies import Vocabulary
from ..zoning import GENERAL_PRACTICE_CLASSES, GENERAL_PRACTITIONER_SLUG, ZoningClass
from .columns import find_column, find_header, missing_column_error, normalize_label
from .report import ImportFileError, RowIssue
from .values import clean_insee_code, departement_code_for
from .zonage import ZONAGE_FILE, ZONE_COLUMNS, ZONE_VALUES

SUBJECT = "du zonage par profession"
CODE_COLUMNS = ZONAGE_FILE.code_columns
PROFESSION_COLUMNS = ("profession", "professionnel", "metier", "profession_de_sante", "specialite")
CLASS_COLUMNS = ("classe", "classe_de_zonage", "zonage_ars", *ZONE_COLUMNS)
DESCRIPTIVE_COLUMNS = {
    normalize_label(name)
    for name in (
        "nom", "nom_commune", "libelle", "libelle_commune", "libgeo", "commune", "dep", "departement",
        "code_departement", "reg", "region", "code_region", "epci", "code_epci", "libepci", "population",
    )
}  # fmt: skip
# Wide columns are often named « zonage_infirmier », « classe_kine »...
COLUMN_PREFIXES = ("zonage_", "classe_", "zone_")

# Usual short names in ARS files -> slug of the profession (reference_lists.PROFESSIONS);
# a desk without that profession reports the column or value as unknown.
PROFESSION_ALIASES = {
    "medecin": GENERAL_PRACTITIONER_SLUG,
    "medecins": GENERAL_PRACTITIONER_SLUG,
    "mg": GENERAL_PRACTITIONER_SLUG,
    "medecins_generalistes": GENERAL_PRACTITIONER_SLUG,
    "infirmier": "infirmier",
    "infirmiers": "infirmier",
    "infirmiere": "infirmier",
    "ide": "infirmier",
    "kine": "masseur-kinesitherapeute",
    "kines": "masseur-kinesitherapeute",
    "kinesitherapeute": "masseur-kinesitherapeute",
    "kinesitherapeutes": "masseur-kinesitherapeute",
    "masseurs_kinesitherapeutes": "masseur-kinesitherapeute",
    "sages_femmes": "sage-femme",
    "orthophonistes": "orthophoniste",
    "dentiste": "chirurgien-dentiste",
    "dentistes": "chirurgien-dentiste",
    "chirurgiens_dentistes": "chirurgien-dentiste",
}

# Class names once « zone(s) », plurals and masculine forms are set aside (see class_key).
CLASS_VALUES = {
    "tres_sous_dotee": ZoningClass.VERY_UNDERSERVED,
    "sous_dotee": ZoningClass.UNDERSERVED,
    "intermediaire": ZoningClass.INTERMEDIATE,
    "tres_dotee": ZoningClass.VERY_WELL_SERVED,
    "sur_dotee": ZoningClass.OVERSERVED,
    "surdotee": ZoningClass.OVERSERVED,
    "non_prioritaire": ZoningClass.NOT_PRIORITY,
}


def class_key(label):
    """'zones_tres_sous_dotees' -> 'tres_sous_dotee': one key for each way of writing a class."""
    words = label.split("_")
    if words and words[0] in ("zone", "zones"):
        words = words[1:]
    singular = [word[:-1] if word.endswith(("ees", "es", "aires")) and word != "tres" else word for word in words]
    return "_".join(word + "e" if word.endswith("dote") else word for word in singular)


def parse_zone_class(value, desk_classes=()):
    """The class code written in a cell (an ARS wording, or the code or label of one of
    ``desk_classes``, TermInfo), or ValueError in French."""
    label = normalize_label(value)
    if not label:
        raise ValueError("classe de zonage absente.")
    if label in ZONE_VALUES:
        return str(ZONE_VALUES[label])
    zone_class = CLASS_VALUES.get(class_key(label))
    if zone_class is not None:
        return str(zone_class)
    for entry in desk_classes:
        if label in (normalize_label(entry.code), normalize_label(entry.label)):
            return entry.code
    raise ValueError(
        f"classe de zonage « {value} » inconnue (attendu : ZIP, ZAC, hors zonage, très sous-dotée, "
        "sous-dotée, intermédiaire, très dotée, sur-dotée ou non prioritaire)."
    )


class ProfessionNames:
    """Finds a profession from a column name or a cell: its slug, its name or a usual alias."""

    def __init__(self, professions):
        self.professions = list(professions)
        by_slug = {profession.slug: profession for profession in self.professions}
        self.by_label = {}
        for alias, slug in PROFESSION_ALIASES.items():
            if slug in by_slug:
                self.by_label[alias] = by_slug[slug]
        for profession in self.professions:  # Names and slugs win over aliases.
            self.by_label[normalize_label(profession.slug)] = profession
            self.by_label[normalize_label(profession.name)] = profession

    def find(self, text):
        label = normalize_label(text)
        if label in self.by_label:
            return self.by_label[label]
        for prefix in COLUMN_PREFIXES:
            if label.startswith(prefix) and label[len(prefix) :] in self.by_label:
                return self.by_label[label[len(prefix) :]]
        return None

    def unknown_message(self, text, what):
        known = ", ".join(profession.slug for profession in self.professions) or "aucune"
        return (
            f"{what} « {text} » : profession inconnue (professions du guichet : {known} ; "
            "ajoutez-la dans Référentiels › Professions ou corrigez le nom)."
        )

    def columns_in(self, header):
        """(index, profession) of the wide layout's class columns."""
        return [(index, profession) for index, cell in enumerate(header) if (profession := self.find(cell))]


@dataclass
class Layout:
    """Where the file puts each piece: the code, then either profession + class columns (long)
    or one class column per profession (wide)."""

    header_line: int
    code_index: int
    profession_index: int = None
    class_index: int = None
    profession_columns: list = field(default_factory=list)  # wide: [(index, Profession)]

    @property
    def name(self):
        if self.profession_index is not None:
            return "long (une ligne par commune et profession)"
        return "large (une colonne par profession)"


def find_layout(records, path, names):
    """The header's Layout and the records after it; ImportFileError when a column is missing."""

    def profession_finder(cells):
        index = find_column(cells, PROFESSION_COLUMNS)
        return index if index is not None else next((index for index, _ in names.columns_in(cells)), None)

    header = find_header(
        records,
        path,
        subject=SUBJECT,
        required=[
            ("du code commune", CODE_COLUMNS, lambda cells: find_column(cells, CODE_COLUMNS)),
            (
                "de profession",
                (*PROFESSION_COLUMNS, "ou une par profession : medecin, infirmier, kine…"),
                profession_finder,
            ),
        ],
    )
    position = next(position for position, (_line, cells) in enumerate(records) if cells is header)
    layout = Layout(header_line=records[position][0], code_index=find_column(header, CODE_COLUMNS))
    layout.profession_index = find_column(header, PROFESSION_COLUMNS)
    if layout.profession_index is None:
        layout.profession_columns = names.columns_in(header)
    else:
        layout.class_index = find_column(header, CLASS_COLUMNS)
        if layout.class_index is None:
            raise ImportFileError(
                path, [missing_column_error("de la classe de zonage", CLASS_COLUMNS, header)], subject=SUBJECT
            )
    return header, layout, records[position + 1 :]


def unknown_columns(header, layout, names):
    """RowIssues for the wide layout's header cells that are neither code, description nor profession."""
    if layout.profession_index is not None:
        return []
    return [
        RowIssue(f"Ligne {layout.header_line} (en-tête)", names.unknown_message(cell, "colonne"))
        for cell in header
        if normalize_label(cell)
        and find_column([cell], CODE_COLUMNS) is None
        and normalize_label(cell) not in DESCRIPTIVE_COLUMNS
        and names.find(cell) is None
    ]


def read_zonings(rows, layout, names, *, departement, report, counter):
    """{(code, profession pk): (where, profession, class)} of the rows; problems go to the report."""
    zonings, first_seen = {}, {}
    for line, cells in rows:
        counter.step()
        raw_code = cell_at(cells, layout.code_index)
        where = f"Ligne {line}" + (f" (code {raw_code})" if raw_code else "")
        try:
            code = clean_insee_code(raw_code, pad=True)
        except ValueError as error:
            report.rejected.append(RowIssue(where, str(error)))
            continue
        if departement and departement_code_for(code) != departement:
            report.ignored += 1
            continue
        for profession, value in row_cells(cells, layout, names, where, report):
            try:
                zone_class = zone_class_for(profession, value)
            except ValueError as error:
                report.rejected.append(RowIssue(where, f"{profession.name} : {error}"))
                continue
            key = (code, profession.pk)
            if key in first_seen:
                message = f"{profession.name}, commune {code} en double : déjà à la ligne {first_seen[key]}."
                report.rejected.append(RowIssue(where, message))
                continue
            first_seen[key] = line
            zonings[key] = (where, profession, zone_class)
    return zonings


def cell_at(cells, index):
    return cells[index] if index is not None and index < len(cells) else ""


def row_cells(cells, layout, names, where, report):
    """[(profession, class text)] of one row; an unknown profession value is reported."""
    if layout.profession_index is None:
        # An empty cell of the wide layout: the file gives no zoning for that profession here.
        pairs = [(profession, cell_at(cells, index)) for index, profession in layout.profession_columns]
        return [(profession, value) for profession, value in pairs if value]
    text = cell_at(cells, layout.profession_index)
    profession = names.find(text)
    if profession is None:
        report.rejected.append(RowIssue(where, names.unknown_message(text, "valeur")))
        return []
    return [(profession, cell_at(cells, layout.class_index))]


def zone_class_for(profession, value):
    """The class code of a cell, among the classes of the profession's desk; GPs only take
    ZIP/ZAC/HZ, the classes Commune.zonage can follow."""
    desk_classes = vocabularies.terms(profession.site_id, Vocabulary.ZONING_CLASS)
    zone_class = parse_zone_class(value, desk_classes)
    labels = {entry.code: entry.label for entry in desk_classes}
    if zone_class not in labels:
        raise ValueError(
            f"classe « {value} » absente des « Classes de zonage » du guichet : ajoutez-la (code {zone_class}) "
            "dans Référentiels › Vocabulaires."
        )
    if profession.slug == GENERAL_PRACTITIONER_SLUG and zone_class not in GENERAL_PRACTICE_CLASSES:
        raise ValueError(
            f"classe « {labels[zone_class]} » impossible pour cette profession (attendu : ZIP, ZAC ou hors zonage)."
        )
    return zone_class
