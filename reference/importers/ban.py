"""Import of the BAN's addresses of the territory (``adresses-26.csv.gz``, adresse.data.gouv.fr).

The file (plain or gzip) is streamed: rows are compared with the database and written a
batch at a time, inside one transaction, so that ~400,000 rows fit in bounded memory and
a failure half-way leaves nothing written. Addresses are matched on their BAN id; the
streets and lieux-dits derived from them (ban_records.Places) are written the same way
after the last row. Addresses of the imported communes that the file no longer holds are
deleted. Without --skip-invalid, one rejected row cancels the whole import.
"""

from dataclasses import dataclass

from django.db import connection, transaction

from ..addresses import Address, AddressKind
from ..models import Commune
from .ban_records import FIELDS, CommuneRef, CommuneResolver, Places, column_indexes, parse_row, required_columns
from .columns import find_header
from .lookups import unknown_commune_message
from .reading import UTF8, encoding_note, sniff_delimiter
from .report import MAX_REPORTED_ERRORS, ImportFileError, ImportReport, Progress, RowIssue, counts_phrase
from .streaming import open_text_stream, stream_records

SUBJECT = "des adresses BAN"
# Rows compared and written per batch: one SELECT of existing ids (SQLite accepts 999
# parameters), then bulk writes.
BATCH_SIZE = 500
# Rejected rows kept for the report; beyond, they are only counted.
MAX_KEPT_ISSUES = 1000


@dataclass
class AddressReport(ImportReport):
    noun: str = "Adresses"
    rejected_more: int = 0
    deleted: int = 0

    def reject(self, where, message):
        if len(self.rejected) < MAX_KEPT_ISSUES:
            self.rejected.append(RowIssue(where, message))
        else:
            self.rejected_more += 1

    @property
    def rejected_count(self):
        return len(self.rejected) + self.rejected_more

    @property
    def changed(self):
        return bool(self.created or self.updated or self.deleted)

    def counts_line(self):
        return counts_phrase(self.noun, self.created, self.updated, self.unchanged, rejected=self.rejected_count)

    def summary(self):
        line = self.counts_line()
        lines = [f"Simulation (aucune modification) : {line}" if self.dry_run else line]
        if self.rejected_count:
            lines.append(f"Lignes rejetées ({self.rejected_count}) :")
            lines += [f"- {issue}" for issue in self.rejected[:MAX_REPORTED_ERRORS]]
            hidden = self.rejected_count - MAX_REPORTED_ERRORS
            if hidden > 0:
                lines.append(f"… et {hidden} autre(s) ligne(s) rejetée(s) non affichée(s).")
        return "\n".join(lines + self.notes)

    def errors(self):
        """The rejected rows as the lines of an ImportFileError."""
        errors = [str(issue) for issue in self.rejected]
        if self.rejected_more:
            errors.append(f"… et {self.rejected_more} autre(s) ligne(s) rejetée(s).")
        return errors


def import_ban_addresses(path, *, dry_run=False, skip_invalid=False, progress=None):
    """Create, update and delete the addresses of the communes in the BAN file. Returns an
    AddressReport; raises ImportFileError (nothing written) when the file cannot be used or,
    without skip_invalid, when a row is rejected."""
    report = AddressReport(dry_run=dry_run)
    resolver = CommuneResolver(
        CommuneRef(*values) for values in Commune.objects.values_list("pk", "insee_code", "departement_code", "name")
    )
    with open_text_stream(path, subject=SUBJECT) as (stream, encoding), transaction.atomic():
        writer = BatchWriter(report, dry_run)
        places = Places()
        imported_communes = _read_rows(stream, path, resolver, writer, places, report, Progress(progress))
        for values in places.rows():
            writer.add(values)
        writer.flush()
        if report.rejected and not skip_invalid:
            raise ImportFileError(path, report.errors(), subject=SUBJECT)
        report.deleted = _delete_absent(imported_communes, writer.seen, dry_run)
        if report.changed and not dry_run:
            # Fresh statistics, or PostgreSQL plans the first searches for a table it thinks empty.
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(Address._meta.db_table)}")
    _add_notes(report, places, resolver, imported_communes, encoding)
    return report


def _read_rows(stream, path, resolver, writer, places, report, progress):
    """Parse every row, hand the valid ones to the writer; return the communes they belong to."""
    first_line = stream.readline()
    delimiter = sniff_delimiter(first_line)
    records = stream_records(_lines(first_line, stream), delimiter, path, subject=SUBJECT)
    header = find_header(records, path, subject=SUBJECT, required=required_columns())
    indexes = column_indexes(header)
    communes = set()
    for line, cells in records:
        progress.step()
        where = f"Ligne {line}"
        try:
            values, commune, other_names = parse_row(cells, indexes, resolver)
        except (LookupError, ValueError) as error:
            reason = unknown_commune_message(error.args[0]) if isinstance(error, LookupError) else str(error)
            report.reject(where, reason)
            # Its address, if stored by an earlier import, is kept rather than deleted as absent.
            writer.seen.add(cells[indexes["ban_id"]] if indexes["ban_id"] < len(cells) else "")
            continue
        if values["ban_id"] in writer.seen:
            report.reject(where, f"identifiant BAN {values['ban_id']} en double dans le fichier.")
            continue
        communes.add(commune.pk)
        places.add_row(values, commune, other_names)
        writer.add(values)
    return communes


def _lines(first_line, stream):
    yield first_line
    yield from stream


class BatchWriter:
    """Compares rows with the stored addresses a batch at a time and writes the differences."""

    def __init__(self, report, dry_run):
        self.report, self.dry_run = report, dry_run
        self.batch = []
        self.seen = set()  # BAN ids of the file (and derived places): what must not be deleted.

    def add(self, values):
        self.seen.add(values["ban_id"])
        self.batch.append(values)
        if len(self.batch) >= BATCH_SIZE:
            self.flush()

    def flush(self):
        if not self.batch:
            return
        batch, self.batch = self.batch, []
        stored = {
            ban_id: (pk, stored_values)
            for ban_id, pk, *stored_values in Address.objects.filter(
                ban_id__in=[values["ban_id"] for values in batch]
            ).values_list("ban_id", "pk", *FIELDS)
        }
        to_create, to_update = [], []
        for values in batch:
            existing = stored.get(values["ban_id"])
            if existing is None:
                to_create.append(Address(**values))
            elif existing[1] != [values[name] for name in FIELDS]:
                to_update.append(Address(pk=existing[0], **values))
            else:
                self.report.unchanged += 1
        self.report.created += len(to_create)
        self.report.updated += len(to_update)
        if not self.dry_run:
            Address.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
            Address.objects.bulk_update(to_update, FIELDS, batch_size=BATCH_SIZE // 5)


def _delete_absent(commune_ids, seen, dry_run):
    """Delete (or count, in a dry run) the addresses of these communes absent from the file."""
    absent = [
        pk
        for pk, ban_id in Address.objects.filter(commune_id__in=commune_ids)
        .values_list("pk", "ban_id")
        .iterator(chunk_size=5000)
        if ban_id not in seen
    ]
    if not dry_run:
        for start in range(0, len(absent), BATCH_SIZE):
            Address.objects.filter(pk__in=absent[start : start + BATCH_SIZE]).delete()
    return len(absent)


def _add_notes(report, places, resolver, communes, encoding):
    streets, localities = places.count(AddressKind.STREET), places.count(AddressKind.LOCALITY)
    report.notes.append(
        f"{len(communes)} commune(s) importée(s) ; dont {streets} voie(s) et {localities} lieu(x)-dit(s) "
        "déduits des adresses (position moyenne de leurs numéros)."
    )
    if resolver.by_former_code:
        report.notes.append(
            f"{resolver.by_former_code} adresse(s) rattachée(s) à leur ancienne commune, encore présente dans la "
            "base (commune nouvelle pas encore importée)."
        )
    if report.deleted:
        verb = "seraient supprimée(s)" if report.dry_run else "supprimée(s)"
        report.notes.append(f"{report.deleted} adresse(s) des communes importées absente(s) du fichier : {verb}.")
    if not report.changed:
        report.notes.append("Aucun changement : les adresses étaient déjà à jour.")
    note = encoding_note(encoding, UTF8)
    if note:
        report.notes.append(note)
