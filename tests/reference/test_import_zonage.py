import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reference.importers.zonage import parse_zone
from reference.models import Commune, ZonageCategory

FIXTURE = Path(__file__).parent / "fixtures" / "zonage-test.csv"


def run(*args, **options):
    out = io.StringIO()
    call_command("import_zonage", *(str(arg) for arg in args), stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def snapshot():
    return list(Commune.objects.order_by("pk").values())


def write(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "zonage.csv"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def communes():
    return [
        Commune.objects.create(insee_code="26001", name="Solaure en Diois", zonage="zac", zonage_is_fictitious=True),
        Commune.objects.create(insee_code="26210", name="Valherbasse"),
        Commune.objects.create(insee_code="26362", name="Valence", zonage="hz"),
    ]


@pytest.mark.django_db
def test_zonage_file_sets_official_zones(communes):
    output = run(FIXTURE)

    assert "Communes : 0 créées, 2 mises à jour, 1 inchangées, 0 rejetées ; 1 ligne(s) ignorée(s)" in output
    assert {c.insee_code: (c.zonage, c.zonage_is_fictitious) for c in Commune.objects.all()} == {
        "26001": (ZonageCategory.ZIP, False),
        "26210": (ZonageCategory.ZAC, False),
        "26362": (ZonageCategory.HZ, False),
    }


@pytest.mark.django_db
def test_second_run_writes_nothing(communes):
    run(FIXTURE)
    before = snapshot()

    with CaptureQueriesContext(connection) as queries:
        output = run(FIXTURE)

    assert "0 mises à jour, 3 inchangées" in output
    assert not [q for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert snapshot() == before


@pytest.mark.django_db
def test_dry_run_writes_nothing(communes):
    before = snapshot()

    assert run(FIXTURE, dry_run=True).startswith("Simulation (aucune modification) : Communes : 0 créées, 2 mises")
    assert snapshot() == before


@pytest.mark.parametrize(
    "value, expected",
    [
        ("ZIP", "zip"),
        (" zip ", "zip"),
        ("Zone d'intervention prioritaire", "zip"),
        ("ZONE D’INTERVENTION PRIORITAIRE", "zip"),
        ("Zac", "zac"),
        ("Zone d'action complementaire", "zac"),
        ("HZ", "hz"),
        ("Hors zonage", "hz"),
        ("hors-zonage", "hz"),
    ],
)
def test_zone_values(value, expected):
    assert parse_zone(value) == expected


@pytest.mark.django_db
def test_latin1_file_with_other_column_names(tmp_path, communes):
    path = write(
        tmp_path,
        "CODGEO,Catégorie\n26001,Zone d'action complémentaire\n26362,Zone d'intervention prioritaire\n",
        "latin-1",
    )

    output = run(path)

    assert "2 mises à jour" in output
    assert "Encodage détecté : Latin-1" in output
    assert Commune.objects.get(insee_code="26001").zonage == ZonageCategory.ZAC
    assert Commune.objects.get(insee_code="26362").zonage == ZonageCategory.ZIP


MALFORMED = {
    "missing zone column": ("code_commune;nom\n26001;Solaure\n", ["Ligne 1 (en-tête)", "du zonage"]),
    "missing code column": ("nom;zonage\nSolaure;ZIP\n", ["Ligne 1 (en-tête)", "code commune"]),
    "unknown zone": (
        "insee;zone\n26001;ZIP\n26362;Zone rouge\n",
        ["Ligne 3 (code 26362)", "zone « Zone rouge » inconnue"],
    ),
    "empty zone": ("insee;zone\n26001;ZIP\n26362;\n", ["Ligne 3 (code 26362)", "inconnue"]),
    "duplicate code": ("insee;zone\n26001;ZIP\n26001;ZAC\n", ["Ligne 3 (code 26001)", "en double : déjà à la ligne 2"]),
    "unknown commune": ("insee;zone\n26001;ZIP\n26999;ZAC\n", ["Ligne 3 (code 26999)", "commune 26999 inconnue"]),
}


@pytest.mark.django_db
@pytest.mark.parametrize("text, expected", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_file_is_rejected_and_nothing_changes(tmp_path, communes, text, expected):
    before = snapshot()

    with pytest.raises(CommandError) as raised:
        run(write(tmp_path, text))

    message = str(raised.value)
    assert message.startswith("Import du zonage impossible")
    assert "aucune modification faite" in message
    for fragment in expected:
        assert fragment in message
    assert snapshot() == before


@pytest.mark.django_db
def test_skip_invalid_imports_the_valid_rows(tmp_path, communes):
    output = run(write(tmp_path, "insee;zone\n26001;ZIP\n26362;Zone rouge\n"), skip_invalid=True)

    assert "Communes : 0 créées, 1 mises à jour, 0 inchangées, 1 rejetées." in output
    assert "- Ligne 3 (code 26362) : zone « Zone rouge » inconnue" in output
    assert Commune.objects.get(insee_code="26001").zonage == ZonageCategory.ZIP
    assert Commune.objects.get(insee_code="26362").zonage == ZonageCategory.HZ
