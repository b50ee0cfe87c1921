"""CI refuses a migration that drops or renames a column or a table without an explicit
`# destructive-ok: <reason>` (scripts/check_migrations.py)."""

import subprocess
import sys

from .conftest import ROOT

SCRIPT = ROOT / "scripts" / "check_migrations.py"

HEADER = "from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n"


def check(*folders):
    return subprocess.run(  # noqa: S603
        [sys.executable, str(SCRIPT), *map(str, folders)], capture_output=True, text=True, timeout=60
    )


def write_migration(tmp_path, body):
    folder = tmp_path / "app" / "migrations"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "__init__.py").write_text("")
    (folder / "0002_change.py").write_text(HEADER + body)
    return tmp_path


def test_the_project_migrations_pass():
    result = check()
    assert result.returncode == 0, result.stdout


def test_a_dropped_column_without_a_note_fails(tmp_path):
    folder = write_migration(
        tmp_path,
        '    operations = [\n        migrations.RemoveField(model_name="listing", name="fax"),\n    ]\n',
    )
    result = check(folder)
    assert result.returncode == 1
    assert "0002_change.py:6: RemoveField" in result.stdout
    assert "destructive-ok" in result.stdout


def test_renames_deletions_and_raw_sql_are_caught(tmp_path):
    folder = write_migration(
        tmp_path,
        "    operations = [\n"
        '        migrations.RenameField("listing", "fax", "telecopie"),\n'
        '        migrations.DeleteModel(name="Old"),\n'
        '        migrations.RunSQL("ALTER TABLE listings_listing DROP COLUMN fax"),\n'
        '        migrations.AddField("listing", "note", models.TextField(blank=True)),\n'
        "    ]\n",
    )
    result = check(folder)
    assert result.returncode == 1
    assert "RenameField" in result.stdout and "DeleteModel" in result.stdout and "RunSQL" in result.stdout
    assert "AddField" not in result.stdout


def test_an_explicit_note_lets_it_through(tmp_path):
    folder = write_migration(
        tmp_path,
        "    operations = [\n"
        "        # destructive-ok: the fax number was never filled in (checked on 2026-11-20)\n"
        '        migrations.RemoveField(model_name="listing", name="fax"),\n'
        '        migrations.DeleteModel(name="Old"),  # destructive-ok: empty table, replaced by New\n'
        "    ]\n",
    )
    result = check(folder)
    assert result.returncode == 0, result.stdout
