"""Reading a large CSV file (plain or gzip-compressed) row by row, in bounded memory.

reading.py loads a whole file, which suits files of a few thousand rows; the BAN's
addresses of one département are ~400,000 rows (60 MB once decompressed), so they are
streamed instead. Problems with the file itself (missing, empty, a damaged archive, an
encoding that changes half-way) are ImportFileErrors in French, like reading.py's.
"""

import codecs
import csv
import gzip
import io
import zlib
from contextlib import contextmanager
from pathlib import Path

from .reading import LATIN1, UTF8
from .report import ImportFileError

GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 64 * 1024
# A BAN cell never comes near this; csv's default (128 kB) would let a broken quote swallow the file.
FIELD_SIZE_LIMIT = 16 * 1024


def _check_path(path, subject):
    if not path.exists():
        raise ImportFileError(path, ["Fichier introuvable."], subject=subject)
    if not path.is_file():
        raise ImportFileError(path, ["Ce chemin n'est pas un fichier."], subject=subject)


@contextmanager
def open_text_stream(path, *, subject):
    """Yield (text stream, encoding label) for a plain or gzip file (recognised by its content).

    UTF-8 (with or without BOM) is expected; a start that is not valid UTF-8 is read as
    Windows-1252, like reading.decode_text does for whole files.
    """
    path = Path(path)
    _check_path(path, subject)
    try:
        raw = path.open("rb")
    except OSError as error:
        message = f"Lecture du fichier impossible ({error.strerror or error})."
        raise ImportFileError(path, [message], subject=subject) from error
    with raw:
        compressed = raw.read(2) == GZIP_MAGIC
        raw.seek(0)
        start = _read_start(raw, compressed, path, subject)
        if not start.strip():
            raise ImportFileError(path, ["Le fichier est vide."], subject=subject)
        encoding, label = _guess_encoding(start)
        raw.seek(0)
        binary = gzip.GzipFile(fileobj=raw) if compressed else raw
        yield io.TextIOWrapper(binary, encoding=encoding, newline=""), label


def _read_start(raw, compressed, path, subject):
    """The first bytes of the (decompressed) content, to guess its encoding."""
    if not compressed:
        return raw.read(SNIFF_BYTES)
    try:
        return gzip.GzipFile(fileobj=raw).read(SNIFF_BYTES)
    except (OSError, EOFError, zlib.error) as error:
        raise ImportFileError(path, [damaged_archive_message(error)], subject=subject) from error


def _guess_encoding(start):
    try:
        # The sample may end inside a multi-byte character: decode incrementally, not final.
        codecs.getincrementaldecoder("utf-8-sig")().decode(start, final=False)
    except UnicodeDecodeError:
        return "cp1252", LATIN1
    return "utf-8-sig", UTF8


def damaged_archive_message(error):
    return f"archive gzip illisible ou tronquée ({error}) : téléchargez le fichier à nouveau."


def stream_records(stream, delimiter, path, *, subject):
    """Yield (line number, list of stripped cells) for every non-empty record of the stream.

    A damaged archive or an undecodable byte met half-way raises ImportFileError: the
    caller's transaction then undoes whatever was written from the rows before it.
    """
    csv.field_size_limit(FIELD_SIZE_LIMIT)
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            yield reader.line_num, [cell.strip() for cell in row]
    except UnicodeDecodeError as error:
        message = f"Ligne {reader.line_num + 1} : caractères illisibles dans l'encodage détecté ({error.reason})."
        raise ImportFileError(path, [message], subject=subject) from error
    except csv.Error as error:
        raise ImportFileError(path, [f"Ligne {reader.line_num} : CSV mal formé ({error})."], subject=subject) from error
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise ImportFileError(path, [damaged_archive_message(error)], subject=subject) from error
