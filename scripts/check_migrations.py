#!/usr/bin/env python3
"""Fail when a migration may destroy data without saying so.

A migration that drops or renames a column or a table (RemoveField, DeleteModel,
RenameField, RenameModel, or RunSQL with DROP COLUMN / DROP TABLE) must carry a comment
`# destructive-ok: <reason>` on the operation's line or on the line just above it: the
author states that the data is migrated or not needed, and a reviewer can check it.

Usage: scripts/check_migrations.py [FOLDER ...]   (default: every app of the project)
Exit status 1 with the list of offending operations, 0 otherwise.
"""

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DESTRUCTIVE_OPERATIONS = {"RemoveField", "DeleteModel", "RenameField", "RenameModel"}
DESTRUCTIVE_SQL = re.compile(r"\bDROP\s+(COLUMN|TABLE)\b|\bRENAME\s+(COLUMN|TO)\b", re.IGNORECASE)
MARKER = re.compile(r"#\s*destructive-ok:\s*\S")
SKIPPED_FOLDERS = {".venv", "node_modules", ".git"}


def migration_files(folders):
    for folder in folders:
        for path in sorted(Path(folder).rglob("migrations/*.py")):
            if path.name != "__init__.py" and not SKIPPED_FOLDERS.intersection(path.parts):
                yield path


def _operation_name(call):
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def _is_destructive(call):
    name = _operation_name(call)
    if name in DESTRUCTIVE_OPERATIONS:
        return name
    if name == "RunSQL":
        for node in ast.walk(call):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and DESTRUCTIVE_SQL.search(node.value):
                return "RunSQL (DROP/RENAME)"
    return None


def problems(path):
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        kind = _is_destructive(node)
        if kind is None:
            continue
        first, last = node.lineno, getattr(node, "end_lineno", node.lineno)
        nearby = lines[max(first - 2, 0) : last]  # the line above, then the operation itself
        if not any(MARKER.search(line) for line in nearby):
            found.append(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{first}: {kind}")
    return found


def main(argv):
    folders = [Path(arg).resolve() for arg in argv] or [ROOT]
    offending = [problem for path in migration_files(folders) for problem in problems(path)]
    if offending:
        print("Migrations destructrices sans justification (ajoutez « # destructive-ok: <raison> ») :")
        for line in offending:
            print(f"  {line}")
        return 1
    print("Migrations : aucune opération destructrice non justifiée.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
