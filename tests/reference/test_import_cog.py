import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.geojson import polygons_of
from listings.models import Listing, Organisation
from reference.models import Commune, HealthFacility

FIXTURES = Path(__file__).parent / "fixtures"
COG_CSV = FIXTURES / "v_commune_2026-test.csv"
COG_JSON = FIXTURES / "communes-decoupage-administratif-test.json"
REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = Path("/work/shared/data/drome")
REAL_JSON_CANDIDATES = [
    REPO_ROOT / "data" / "drome" / "drome-communes-cog2026_decoupage-administratif-6.0.0.json",
    SHARED / "drome-communes-cog2026_decoupage-administratif-6.0.0.json",
]
REAL_BOUNDARIES_CANDIDATES = [
    REPO_ROOT / "data" / "drome" / "communes-26-drome.geojson",
    SHARED / "communes-26-drome.geojson",
]
HEADER = "TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT"


def run(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_cog_communes", *(str(arg) for arg in args), stdout=out, stderr=err, **options)
    return out.getvalue()


def snapshot():
    return (
        list(Commune.objects.order_by("pk").values()),
        list(HealthFacility.objects.order_by("pk").values()),
        list(Listing.objects.order_by("pk").values_list("pk", "commune_id")),
    )


def write_csv(tmp_path, rows, name="v_commune.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(("\n".join([HEADER, *rows]) + "\n").encode(encoding))
    return path


def com(code, name, dep="26"):
    return f"COM,{code},84,{dep},{dep}D,261,0,{name.upper()},{name},{name},2610,"


def comd(code, name, parent):
    return f"COMD,{code},,,,,0,{name.upper()},{name},{name},,{parent}"


def listing_in(commune, title="Cabinet à reprendre"):
    listing = Listing(
        kind="office", title=title, summary="Annonce de test.", commune=commune, location="SRID=4326;POINT(5.0 45.0)"
    )
    listing.save()
    return listing


@pytest.fixture
def valence():
    return Commune.objects.create(insee_code="26362", name="Valence", population=60_000)


@pytest.fixture
def merger_setup():
    """The 2018 state: Miribel (26184) still exists, with things attached to it."""
    new = Commune.objects.create(insee_code="26210", name="Ancien nom de Valherbasse", population=900)
    old = Commune.objects.create(insee_code="26184", name="Miribel", population=300)
    listings = [listing_in(old, "Cabinet de Miribel"), listing_in(old, "Local à Miribel")]
    facility = HealthFacility.objects.create(kind="msp", name="MSP de Miribel", commune=old)
    both = Organisation.objects.create(name="Mairie de test", kind="municipality")
    both.communes.add(old, new)
    only_old = Organisation.objects.create(name="CPTS de test", kind="cpts")
    only_old.communes.add(old)
    return {"old": old, "new": new, "listings": listings, "facility": facility, "orgs": (both, only_old)}


# --- CSV ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_cog_csv_creates_current_communes(valence):
    output = run(COG_CSV)

    assert "Communes : 2 créées, 0 mises à jour, 1 inchangées, 0 rejetées ; 1 ligne(s) ignorée(s)" in output
    communes = dict(Commune.objects.values_list("insee_code", "name"))
    assert communes == {"26001": "Solaure en Diois", "26210": "Valherbasse", "26362": "Valence"}
    valence.refresh_from_db()
    assert valence.population == 60_000  # The CSV has no population: left alone.
    assert Commune.objects.get(insee_code="26001").slug == "solaure-en-diois-26001"


@pytest.mark.django_db
def test_cog_csv_second_run_writes_nothing(valence):
    run(COG_CSV)
    before = snapshot()

    with CaptureQueriesContext(connection) as queries:
        output = run(COG_CSV)

    assert "Communes : 0 créées, 0 mises à jour, 3 inchangées, 0 rejetées" in output
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    assert snapshot() == before


@pytest.mark.django_db
def test_cog_dry_run_writes_nothing(merger_setup):
    before = snapshot()

    output = run(COG_CSV, dry_run=True)

    assert output.startswith("Simulation (aucune modification) : Communes : 2 créées, 1 mises à jour")
    assert "26184 Miribel → 26210 Valherbasse : 2 annonces, 1 établissement, 2 structures déplacés" in output
    assert snapshot() == before


@pytest.mark.django_db
def test_other_departement_option(tmp_path):
    output = run(COG_CSV, departement="07")

    assert "Communes : 1 créées" in output
    assert list(Commune.objects.values_list("insee_code", "departement_code")) == [("07010", "07")]


@pytest.mark.django_db
def test_latin1_cog_file_is_detected_and_read(tmp_path):
    path = write_csv(tmp_path, [com("26002", "Allan-Île"), com("26003", "Châteauneuf")], encoding="latin-1")

    output = run(path)

    assert "Communes : 2 créées" in output
    assert "Encodage détecté : Latin-1" in output
    assert set(Commune.objects.values_list("name", flat=True)) == {"Allan-Île", "Châteauneuf"}


@pytest.mark.django_db
def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + f"{HEADER}\n{com('26002', 'Allan')}\n".encode())

    assert "Communes : 1 créées" in run(path)


# --- Mergers ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_merger_moves_everything_then_deletes_the_old_commune(merger_setup):
    old, new = merger_setup["old"], merger_setup["new"]

    output = run(COG_CSV)

    assert "Fusions de communes (1) :" in output
    assert "- 26184 Miribel → 26210 Valherbasse : 2 annonces, 1 établissement, 2 structures déplacés" in output
    assert not Commune.objects.filter(insee_code="26184").exists()
    for listing in merger_setup["listings"]:
        listing.refresh_from_db()
        assert listing.commune_id == new.pk
    merger_setup["facility"].refresh_from_db()
    assert merger_setup["facility"].commune_id == new.pk
    both, only_old = merger_setup["orgs"]
    assert list(both.communes.values_list("insee_code", flat=True)) == ["26210"]
    assert list(only_old.communes.values_list("insee_code", flat=True)) == ["26210"]
    new.refresh_from_db()
    assert new.name == "Valherbasse"
    assert new.population == 900
    assert Listing.objects.count() == 2
    assert not Commune.objects.filter(pk=old.pk).exists()

    again = run(COG_CSV)
    assert "Fusions de communes" not in again
    assert "0 créées, 0 mises à jour, 3 inchangées" in again


@pytest.mark.django_db
def test_merger_rewrites_listing_revisions(merger_setup):
    listing = merger_setup["listings"][0]
    revision = listing.save_revision()
    assert revision.content["commune"] == merger_setup["old"].pk

    run(COG_CSV)

    revision.refresh_from_db()
    assert revision.content["commune"] == merger_setup["new"].pk
    assert revision.as_object().commune_id == merger_setup["new"].pk


@pytest.mark.django_db
def test_merger_from_json_anciens_codes(merger_setup):
    other_old = Commune.objects.create(insee_code="26297", name="Saint-Bonnet-de-Valclérieux")
    listing_in(other_old)

    output = run(COG_JSON)

    assert "26184 Miribel → 26210 Valherbasse : 2 annonces, 1 établissement, 2 structures déplacés" in output
    assert "26297 Saint-Bonnet-de-Valclérieux → 26210 Valherbasse : 1 annonce déplacée" in output
    assert set(Commune.objects.values_list("insee_code", flat=True)) == {"26001", "26210", "26362"}
    assert set(Listing.objects.values_list("commune__insee_code", flat=True)) == {"26210"}
    assert Commune.objects.get(insee_code="26210").population == 1234  # Population comes with the JSON.


@pytest.mark.django_db
def test_communes_missing_from_the_file_are_kept_and_listed(valence):
    Commune.objects.create(insee_code="26371", name="Véronne")

    output = run(COG_CSV)

    assert "1 commune(s) du département présentes en base mais absentes du fichier" in output
    assert "26371" in output
    assert Commune.objects.filter(insee_code="26371").exists()


# --- JSON ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_json_creates_with_population_and_is_idempotent():
    output = run(COG_JSON)

    assert "Communes : 3 créées, 0 mises à jour, 0 inchangées, 0 rejetées" in output
    assert Commune.objects.get(insee_code="26362").population == 64_000
    assert "0 créées, 0 mises à jour, 3 inchangées" in run(COG_JSON)


# --- Errors: nothing changes ---------------------------------------------------------------


def json_records(tmp_path, records, name="communes.json"):
    path = tmp_path / name
    path.write_text(json.dumps(records, ensure_ascii=False), "utf-8")
    return path


MALFORMED = {
    "missing column": (
        lambda tmp: _write(tmp, "TYPECOM,COM,REG,DEP,LIBELLE\nCOM,26002,84,26,Allan\n"),
        ["Ligne 1 (en-tête)", "« COMPARENT »"],
    ),
    "semicolons": (
        lambda tmp: _write(tmp, HEADER.replace(",", ";") + "\n"),
        ["séparé par des virgules"],
    ),
    "duplicate code": (
        lambda tmp: write_csv(tmp, [com("26002", "Allan"), com("26002", "Allan-bis")]),
        ["Ligne 3 (code 26002, Allan-bis)", "en double : déjà à la ligne 2"],
    ),
    "bad code": (
        lambda tmp: write_csv(tmp, [com("26002", "Allan"), com("2600", "Alixan")]),
        ["Ligne 3 (code 2600, Alixan)", "code INSEE « 2600 » invalide"],
    ),
    "missing name": (
        lambda tmp: write_csv(tmp, [com("26002", "Allan"), "COM,26004,84,26,26D,261,0,,,,2610,"]),
        ["Ligne 3 (code 26004)", "nom de la commune"],
    ),
    "unknown type": (
        lambda tmp: write_csv(tmp, [com("26002", "Allan"), "XYZ,26004,84,26,26D,261,0,A,A,A,2610,"]),
        ["Ligne 3", "type « XYZ » inconnu"],
    ),
    "unknown parent commune": (
        lambda tmp: write_csv(tmp, [com("26002", "Allan"), comd("26184", "Miribel", "26210")]),
        ["Ligne 3 (code 26184, Miribel)", "commune de rattachement 26210 absente du fichier"],
    ),
    "json bad record": (
        lambda tmp: json_records(
            tmp,
            [
                {"code": "26002", "nom": "Allan", "type": "commune-actuelle", "departement": "26"},
                {"code": "26004", "nom": "Alixan", "type": "commune-actuelle", "population": -5},
            ],
        ),
        ["Enregistrement n° 2 (code 26004, Alixan)", "négative"],
    ),
    "json syntax": (lambda tmp: _write(tmp, '[{"code": "26002",]', "c.json"), ["JSON mal formé", "ligne 1"]),
    "geojson given": (
        lambda tmp: _write(tmp, '{"type": "FeatureCollection", "features": []}', "c.geojson"),
        ["import_communes"],
    ),
}


def _write(tmp_path, text, name="v_commune.csv"):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


@pytest.mark.django_db
@pytest.mark.parametrize("build, expected", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_file_is_rejected_and_nothing_changes(tmp_path, merger_setup, build, expected):
    path = build(tmp_path)
    before = snapshot()

    with pytest.raises(CommandError) as raised:
        run(path)

    message = str(raised.value)
    assert message.startswith("Import des communes (COG) impossible")
    assert "aucune modification faite" in message
    for fragment in expected:
        assert fragment in message
    assert snapshot() == before


@pytest.mark.django_db
def test_skip_invalid_imports_valid_rows_and_lists_rejected_ones(tmp_path):
    path = write_csv(tmp_path, [com("26002", "Allan"), com("2600", "Alixan"), com("26002", "Allan-bis")])

    output = run(path, skip_invalid=True)

    assert "Communes : 1 créées, 0 mises à jour, 0 inchangées, 2 rejetées." in output
    assert "Lignes rejetées (2) :" in output
    assert "- Ligne 3 (code 2600, Alixan) : code INSEE « 2600 » invalide" in output
    assert "- Ligne 4 (code 26002, Allan-bis) : code INSEE 26002 en double" in output
    assert list(Commune.objects.values_list("insee_code", flat=True)) == ["26002"]


@pytest.mark.django_db
def test_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Fichier introuvable"):
        run(tmp_path / "absent.csv")


@pytest.mark.slow  # imports enough rows to see the progress lines (about 4 s)
@pytest.mark.django_db
def test_progress_is_reported_on_stderr(tmp_path):
    rows = [com(f"26{n:03d}", f"Commune {n}") for n in range(0, 1000)]
    err = io.StringIO()

    call_command("import_cog_communes", str(write_csv(tmp_path, rows)), stdout=io.StringIO(), stderr=err)

    assert "1\u202f000 lignes lues" in err.getvalue()
    assert Commune.objects.count() == 1000


# --- Real files ---------------------------------------------------------------------------


@pytest.fixture
def real_files(tmp_path):
    json_path = next((p for p in REAL_JSON_CANDIDATES if p.exists()), None)
    boundaries = next((p for p in REAL_BOUNDARIES_CANDIDATES if p.exists()), None)
    if json_path is None or boundaries is None:
        pytest.skip("Fichiers réels de la Drôme absents.")
    copy = tmp_path / json_path.name
    shutil.copy(json_path, copy)
    return boundaries, copy


@pytest.mark.slow  # the real 2026 COG files
@pytest.mark.django_db
def test_real_cog_2026_after_2018_boundaries_leaves_362_communes(real_files):
    boundaries, cog = real_files
    call_command("import_communes", str(boundaries), stdout=io.StringIO())
    assert Commune.objects.count() == 367
    miribel = Commune.objects.get(insee_code="26184")
    listing = listing_in(miribel)
    valherbasse_boundary = Commune.objects.get(insee_code="26210").boundary
    former_boundaries = [Commune.objects.get(insee_code=code).boundary for code in ("26184", "26297")]

    output = run(cog)

    assert Commune.objects.count() == 362
    assert "Communes : 0 créées, 362 mises à jour, 0 inchangées, 0 rejetées" in output
    assert "Fusions de communes (5) :" in output
    for old, new in (
        ("26184", "26210"),
        ("26297", "26210"),
        ("26219", "26216"),
        ("26354", "26086"),
        ("26371", "26289"),
    ):
        assert not Commune.objects.filter(insee_code=old).exists()
        assert f"- {old} " in output and f"→ {new} " in output
    assert "26184 Miribel → 26210 Valherbasse : 1 annonce déplacée" in output
    listing.refresh_from_db()
    assert listing.commune.insee_code == "26210"
    assert Commune.objects.get(insee_code="26001").name == "Solaure en Diois"
    # Its own outline, plus those of the communes it absorbed (a point there stays in it).
    merged = polygons_of(Commune.objects.get(insee_code="26210").boundary)
    assert merged == polygons_of(valherbasse_boundary) + [p for b in former_boundaries for p in polygons_of(b)]
    assert Commune.objects.filter(population__isnull=True).count() == 0
    assert "absentes du fichier" not in output
    assert "0 créées, 0 mises à jour, 362 inchangées" in run(cog)
