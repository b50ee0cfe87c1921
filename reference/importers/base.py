"""Shared plumbing of the reference-data importers: reading, errors, summaries, progress.

Every importer follows the same contract:
- the whole file is read and validated before anything is written;
- problems are reported in French, each naming its row (line number or record number);
- by default a single invalid row makes the import fail and nothing changes; with
  ``skip_invalid`` the valid rows are imported and the rejected ones are listed;
- writes happen in one transaction; ``dry_run`` computes the same report without writing;
- a second run of the same file reports 0 created / 0 updated.
"""

import csv
import io
import json
import unicodedata
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ..models import Commune
from ..validators import validate_insee_code

MAX_REPORTED_ERRORS = 20
PROGRESS_EVERY = 1000
BATCH_SIZE = 200

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


class ImportFileError(Exception):
    """The file cannot be imported; ``errors`` lists every problem found (in French)."""

    subject = "des données"

    def __init__(self, path, errors, *, subject=None):
        self.path = path
        self.errors = [str(error) for error in errors]
        if subject:
            self.subject = subject
        super().__init__(self.format())

    def format(self):
        count = len(self.errors)
        noun = "erreur" if count == 1 else "erreurs"
        lines = [f"Import {self.subject} impossible ({count} {noun} dans « {self.path} ») ; aucune modification faite."]
        lines += [f"- {error}" for error in self.errors[:MAX_REPORTED_ERRORS]]
        if count > MAX_REPORTED_ERRORS:
            lines.append(f"… et {count - MAX_REPORTED_ERRORS} autre(s) erreur(s) non affichée(s).")
        return "\n".join(lines)


@dataclass
class RowIssue:
    """A rejected row: where it is ('Ligne 12', 'Enregistrement n° 3 (code 26001)') and why."""

    where: str
    message: str

    def __str__(self):
        return f"{self.where} : {self.message}"


@dataclass
class ImportReport:
    """Counts and notes of one run, rendered as the French summary of the commands."""

    noun: str
    feminine: bool = True
    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list = field(default_factory=list)
    ignored: int = 0
    ignored_reason: str = ""
    details: dict = field(default_factory=dict)  # Section title -> list of lines.
    notes: list = field(default_factory=list)

    @property
    def changed(self):
        return bool(self.created or self.updated)

    def add_detail(self, title, line):
        self.details.setdefault(title, []).append(line)

    def counts_line(self):
        return counts_phrase(
            self.noun, self.created, self.updated, self.unchanged, rejected=len(self.rejected), feminine=self.feminine
        )

    def summary(self):
        line = self.counts_line()
        if self.ignored:
            line = f"{line[:-1]} ; {self.ignored} ligne(s) ignorée(s) ({self.ignored_reason})."
        lines = [f"Simulation (aucune modification) : {line}" if self.dry_run else line]
        for title, entries in self.details.items():
            lines.append(f"{title} ({len(entries)}) :")
            lines += [f"- {entry}" for entry in entries]
        if self.rejected:
            lines.append(f"Lignes rejetées ({len(self.rejected)}) :")
            lines += [f"- {issue}" for issue in self.rejected]
        lines += self.notes
        return "\n".join(lines)


def counts_phrase(noun, created, updated, unchanged, *, rejected=None, feminine=True):
    """'Communes : 3 créées, 1 mises à jour, 2 inchangées.' (agreement follows the noun's gender)."""
    end = "es" if feminine else "s"
    parts = [f"{created} créé{end}", f"{updated} mis{end if feminine else ''} à jour", f"{unchanged} inchangé{end}"]
    if rejected is not None:
        parts.append(f"{rejected} rejeté{end}")
    return f"{noun} : {', '.join(parts)}."


# --- Reading -----------------------------------------------------------------------------


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


def normalize_label(text):
    """'Catégorie de zonage' -> 'categorie_de_zonage': for column names and free-text values."""
    text = "".join(char for char in unicodedata.normalize("NFKD", str(text)) if not unicodedata.combining(char))
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


# --- Values ------------------------------------------------------------------------------


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


class Progress:
    """Calls ``callback(count)`` every ``every`` rows (the commands print it to stderr)."""

    def __init__(self, callback=None, every=PROGRESS_EVERY):
        self.callback, self.every, self.count = callback, every, 0

    def step(self):
        self.count += 1
        if self.callback and self.count % self.every == 0:
            self.callback(self.count)


def reject_or_fail(path, report, skip_invalid, subject):
    """Without --skip-invalid, any rejected row aborts the import before any write."""
    if report.rejected and not skip_invalid:
        raise ImportFileError(path, report.rejected, subject=subject)


# --- Commands ------------------------------------------------------------------------------


MAX_HEADER_SEARCH = 10  # header rows may follow a few lines of title or notes


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


def read_commune_values(records, *, code_index, value_index, parse_value, departement, report, counter, dep_index=None):
    """Read a 'commune code → value' file (population, zonage...): {code: (where, value)}.

    Rows of other départements are counted as ignored; a bad code, a bad value or a code
    seen twice is a rejected row naming its line."""
    values, first_seen = {}, {}
    for line, cells in records:
        counter.step()
        raw_code = cells[code_index] if code_index < len(cells) else ""
        if len(raw_code) == 3 and dep_index is not None and dep_index < len(cells):
            raw_code = cells[dep_index] + raw_code  # 'COM' holding the code within the département.
        where = f"Ligne {line}" + (f" (code {raw_code})" if raw_code else "")
        try:
            code = clean_insee_code(raw_code, pad=True)
        except ValueError as error:
            report.rejected.append(RowIssue(where, str(error)))
            continue
        if departement and departement_code_for(code) != departement:
            report.ignored += 1
            continue
        try:
            value = parse_value(cells[value_index] if value_index < len(cells) else "")
        except ValueError as error:
            report.rejected.append(RowIssue(where, str(error)))
            continue
        if code in first_seen:
            report.rejected.append(
                RowIssue(where, f"code INSEE {code} en double : déjà à la ligne {first_seen[code]}.")
            )
            continue
        first_seen[code] = line
        values[code] = (where, value)
    return values


class ImportCommand(BaseCommand):
    """Thin management command around an importer function returning an ImportReport.

    Every importer of official files takes the département to keep (national files
    hold them all), so the option lives here once.
    """

    path_help = "Chemin du fichier."
    importer = None  # staticmethod(import_…)(path, *, departement, dry_run, skip_invalid, progress)

    def add_arguments(self, parser):
        parser.add_argument("path", help=self.path_help)
        parser.add_argument(
            "--departement",
            default=settings.TERRITORY["code"],
            help="Code du département à importer (par défaut : celui du territoire, %(default)s).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Vérifie le fichier et affiche les changements prévus sans rien enregistrer.",
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help=(
                "Importe les lignes valides et liste les lignes rejetées avec leur motif "
                "(par défaut, une seule ligne invalide annule tout l'import)."
            ),
        )

    def run_import(self, path, *, dry_run, skip_invalid, progress, options):
        return self.importer(
            path, departement=options["departement"], dry_run=dry_run, skip_invalid=skip_invalid, progress=progress
        )

    def write_progress(self, count):
        self.stderr.write(f"… {count:_} lignes lues".replace("_", "\u202f"))

    def handle(self, *args, path, dry_run, skip_invalid, **options):
        progress = self.write_progress if options["verbosity"] >= 1 else None
        try:
            report = self.run_import(
                path, dry_run=dry_run, skip_invalid=skip_invalid, progress=progress, options=options
            )
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        first, *rest = report.summary().split("\n")
        self.stdout.write(self.style.WARNING(first) if report.rejected else self.style.SUCCESS(first))
        for line in rest:
            self.stdout.write(line)
