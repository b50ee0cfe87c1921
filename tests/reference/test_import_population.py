import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reference.models import Commune

FIXTURE = Path(__file__).parent / "fixtures" / "population-test.csv"


def run(*args, **options):
    out = io.StringIO()
    call_command("import_population", *(str(arg) for arg in args), stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def snapshot():
    return list(Commune.objects.order_by("pk").values())


def write(tmp_path, text, encoding="utf-8", name="population.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def communes():
    return [
        Commune.objects.create(insee_code="26001", name="Solaure en Diois"),
        Commune.objects.create(insee_code="26210", name="Valherbasse", population=1234),
        Commune.objects.create(insee_code="26362", name="Valence", population=60_000),
    ]


@pytest.mark.django_db
def test_latin1_insee_file_sets_the_most_recent_population(communes):
    output = run(FIXTURE)

    assert "Communes : 0 créées, 2 mises à jour, 1 inchangées, 0 rejetées ; 1 ligne(s) ignorée(s)" in output
    assert "Encodage détecté : Latin-1" in output
    assert dict(Commune.objects.values_list("insee_code", "population")) == {
        "26001": 456,
        "26210": 1234,
        "26362": 64_000,
    }


@pytest.mark.django_db
def test_second_run_writes_nothing(communes):
    run(FIXTURE)
    before = snapshot()

    with CaptureQueriesContext(connection) as queries:
        output = run(FIXTURE)

    assert "0 mises à jour, 3 inchangées, 0 rejetées" in output
    assert not [q for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert snapshot() == before


@pytest.mark.django_db
def test_dry_run_writes_nothing(communes):
    before = snapshot()

    output = run(FIXTURE, dry_run=True)

    assert output.startswith("Simulation (aucune modification) : Communes : 0 créées, 2 mises à jour")
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text, encoding",
    [
        ("\ufeffCOM;LIBELLE;PMUN\n26001;Solaure en Diois;457\n26362;Valence (Drôme);64001\n", "utf-8"),
        ("code_insee;nom;population\n26001;Solaure en Diois;457\n26362;Valence (Drôme);64 001\n", "utf-8"),
        ("Populations légales\n\nDEP;COM;Commune;PMUN\n26;001;Solaure;457\n26;362;Valence (Drôme);64001\n", "latin-1"),
    ],
    ids=["utf8-bom-PMUN", "population-column", "title-line-and-DEP-COM"],
)
def test_other_layouts(tmp_path, communes, text, encoding):
    output = run(write(tmp_path, text, encoding))

    assert "2 mises à jour" in output
    assert Commune.objects.get(insee_code="26001").population == 457
    assert Commune.objects.get(insee_code="26362").population == 64_001


MALFORMED = {
    "missing population column": ("CODGEO;LIBGEO\n26001;Solaure\n", ["Ligne 1 (en-tête)", "population"]),
    "missing code column": ("commune;PMUN\nSolaure;456\n", ["Ligne 1 (en-tête)", "code commune"]),
    "duplicate code": (
        "CODGEO;PMUN\n26001;456\n26362;64000\n26001;457\n",
        ["Ligne 4 (code 26001)", "en double : déjà à la ligne 2"],
    ),
    "unknown commune": ("CODGEO;PMUN\n26001;456\n26999;10\n", ["Ligne 3 (code 26999)", "commune 26999 inconnue"]),
    "bad population": ("CODGEO;PMUN\n26001;456\n26362;beaucoup\n", ["Ligne 3 (code 26362)", "n'est pas un nombre"]),
    "negative population": ("CODGEO;PMUN\n26001;456\n26362;-4\n", ["Ligne 3 (code 26362)", "négative"]),
    "bad code": ("CODGEO;PMUN\n26001;456\nABC;4\n", ["Ligne 3 (code ABC)", "invalide"]),
}


@pytest.mark.django_db
@pytest.mark.parametrize("text, expected", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_file_is_rejected_and_nothing_changes(tmp_path, communes, text, expected):
    before = snapshot()

    with pytest.raises(CommandError) as raised:
        run(write(tmp_path, text))

    message = str(raised.value)
    assert message.startswith("Import des populations impossible")
    assert "aucune modification faite" in message
    for fragment in expected:
        assert fragment in message
    assert snapshot() == before


@pytest.mark.django_db
def test_skip_invalid_imports_the_valid_rows(tmp_path, communes):
    path = write(tmp_path, "CODGEO;PMUN\n26001;456\n26999;10\n26362;n/a\n")

    output = run(path, skip_invalid=True)

    assert "Communes : 0 créées, 1 mises à jour, 0 inchangées, 2 rejetées." in output
    assert "- Ligne 3 (code 26999) : commune 26999 inconnue" in output
    assert "- Ligne 4 (code 26362) : population « n/a » n'est pas un nombre." in output
    assert Commune.objects.get(insee_code="26001").population == 456
    assert Commune.objects.get(insee_code="26362").population == 60_000


@pytest.mark.django_db
def test_empty_and_missing_files(tmp_path):
    with pytest.raises(CommandError, match="vide"):
        run(write(tmp_path, ""))
    with pytest.raises(CommandError, match="Fichier introuvable"):
        run(tmp_path / "absent.csv")


@pytest.mark.django_db
def test_an_import_renews_the_public_content_version_a_dry_run_does_not(communes):
    """Importers write in bulk, without signals: the command renews the version itself, so
    that the API and the site stop answering from their caches."""
    from core.content_version import content_version

    before = content_version()
    run(FIXTURE, "--dry-run")
    assert content_version() == before
    run(FIXTURE)
    assert content_version() != before
