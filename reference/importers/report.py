"""What an import tells its user: the error that stops it, rejected rows, the summary.

Every importer returns an ImportReport or raises an ImportFileError; the management
commands only print them, so the French wording lives here once.
"""

from dataclasses import dataclass, field

# Long lists of problems are cut: the first ones are enough to see what is wrong.
MAX_REPORTED_ERRORS = 20
PROGRESS_EVERY = 1000


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

    def sort_rejected_by_line(self):
        """Rows are rejected in several passes; list them in file order ('Ligne 12 …')."""
        self.rejected.sort(key=lambda issue: int(issue.where.split()[1]))

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


def reject_or_fail(path, report, skip_invalid, subject):
    """Without --skip-invalid, any rejected row aborts the import before any write."""
    if report.rejected and not skip_invalid:
        raise ImportFileError(path, report.rejected, subject=subject)


class Progress:
    """Calls ``callback(count)`` every ``every`` rows (the commands print it to stderr)."""

    def __init__(self, callback=None, every=PROGRESS_EVERY):
        self.callback, self.every, self.count = callback, every, 0

    def step(self):
        self.count += 1
        if self.callback and self.count % self.every == 0:
            self.callback(self.count)
