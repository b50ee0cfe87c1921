import gzip
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.content_version import content_version
from reference.models import Address, AddressKind, Commune

FIXTURE = Path(__file__).parent / "fixtures" / "ban-adresses-test.csv"
HEADER = FIXTURE.read_text(encoding="utf-8").splitlines()[0]


def run(*args, **options):
    out = io.StringIO()
    call_command("import_ban_addresses", *(str(arg) for arg in args), stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def row(
    ban_id="26113_0180_00001", numero="1", rep="", voie="Place de la République", code="26113", lon="5.38", lat="44.75"
):
    cells = [ban_id, "", numero, rep, voie, "26150", code, "Die", "", "", "", "", lon, lat, "entrée"]
    return ";".join(cells + [""] * 8)


def write(tmp_path, lines, name="adresses.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def snapshot():
    return list(Address.objects.order_by("ban_id").values())


@pytest.fixture
def communes():
    made = {}
    for code, name, departement in (
        ("26113", "Die", "26"),
        ("26108", "Crest", "26"),
        ("26184", "Miribel", "26"),
        ("26210", "Montrigaud", "26"),
        ("07010", "Annonay (test)", "07"),
    ):
        made[code] = Commune.objects.create(insee_code=code, name=name, departement_code=departement)
    return made


@pytest.mark.django_db
def test_ban_file_creates_addresses_streets_and_lieux_dits(communes):
    output = run(FIXTURE)

    assert output.startswith("Adresses : 12 créées, 0 mises à jour, 0 inchangées, 0 rejetées.")
    assert "5 commune(s) importée(s)" not in output and "3 commune(s) importée(s)" in output
    assert "dont 4 voie(s) et 1 lieu(x)-dit(s)" in output
    assert Address.objects.filter(kind=AddressKind.HOUSENUMBER).count() == 7
    twelve_bis = Address.objects.get(ban_id="26113_0180_00012_bis")
    assert (twelve_bis.number, twelve_bis.suffix, twelve_bis.postcode) == (12, "bis", "26150")
    assert twelve_bis.label == "12 bis Place de la République 26150 Die"
    assert twelve_bis.search_text == " 12 bis place de la republique 26150 die "
    assert twelve_bis.latitude == pytest.approx(44.74929) and twelve_bis.longitude == pytest.approx(5.38125)
    street = Address.objects.get(kind=AddressKind.STREET, street_name="Place de la République")
    assert street.label == "Place de la République 26150 Die"
    assert street.latitude == pytest.approx((44.749213 + 44.749283 + 44.749290 + 44.749330) / 4)
    assert Address.objects.get(kind=AddressKind.LOCALITY).label == "Les Granges 26150 Die"
    # The database still holds Miribel (2018 outlines): the address stays in the commune holding it.
    galaure = Address.objects.get(ban_id="26210_0001_00120")
    assert galaure.commune == communes["26184"]
    assert "valherbasse" in galaure.search_text and "miribel" in galaure.search_text
    assert "1 adresse(s) rattachée(s) à leur ancienne commune" in output


@pytest.mark.django_db
def test_second_run_changes_nothing_and_says_so(communes):
    run(FIXTURE)
    before = snapshot()

    with CaptureQueriesContext(connection) as queries:
        output = run(FIXTURE)

    assert output.startswith("Adresses : 0 créées, 0 mises à jour, 12 inchangées, 0 rejetées.")
    assert "Aucun changement : les adresses étaient déjà à jour." in output
    assert not [q for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert snapshot() == before


@pytest.mark.django_db
def test_gzip_file_is_read_like_the_plain_one(communes, tmp_path):
    path = tmp_path / "adresses-26.csv.gz"
    path.write_bytes(gzip.compress(FIXTURE.read_bytes()))

    assert run(path).startswith("Adresses : 12 créées")


@pytest.mark.django_db
def test_dry_run_writes_nothing(communes, tmp_path):
    run(FIXTURE)
    Address.objects.filter(ban_id="26113_0180_00001").update(latitude=44.7)
    stale = Address.objects.create(
        ban_id="26113_0180_00099",
        number=99,
        street_name="Place de la République",
        commune=communes["26113"],
        latitude=44.75,
        longitude=5.38,
    )
    before = snapshot()
    version = content_version()

    output = run(FIXTURE, dry_run=True)

    assert output.startswith("Simulation (aucune modification) : Adresses : 0 créées, 1 mises à jour, 11 inchangées")
    assert "1 adresse(s) des communes importées absente(s) du fichier : seraient supprimée(s)." in output
    assert snapshot() == before
    assert Address.objects.filter(pk=stale.pk).exists()
    assert content_version() == version


@pytest.mark.django_db
def test_addresses_absent_from_the_file_are_removed_in_imported_communes_only(communes, tmp_path):
    run(FIXTURE)
    elsewhere = Commune.objects.create(insee_code="26362", name="Valence", departement_code="26")
    kept = Address.objects.create(
        ban_id="26362_0001_00001",
        number=1,
        street_name="Avenue Victor Hugo",
        commune=elsewhere,
        latitude=44.93,
        longitude=4.89,
    )
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()[1:]
    smaller = write(tmp_path, [line for line in lines if not line.startswith("26113_0180_00120")])
    version = content_version()

    output = run(smaller)

    assert "1 adresse(s) des communes importées absente(s) du fichier : supprimée(s)." in output
    assert not Address.objects.filter(ban_id="26113_0180_00120").exists()
    assert Address.objects.filter(pk=kept.pk).exists()
    assert content_version() != version  # the caches of address answers are renewed


@pytest.mark.django_db
def test_rejected_rows_cancel_the_import_unless_skipped(communes, tmp_path):
    path = write(
        tmp_path,
        [
            row(),
            row(ban_id="26999_0001_00001", code="26999"),
            row(ban_id="07010_0001_00001", code="07010"),
            row(ban_id="26113_0180_00002", numero="2", lat="quarante-quatre"),
            row(ban_id="26113_0180_00004", numero="4", lon="3.10"),
            row(ban_id="26113_0180_00006", numero="6a"),
            row(ban_id="26113_0180_00001"),
        ],
    )

    with pytest.raises(CommandError) as error:
        run(path)

    message = str(error.value)
    assert "Import des adresses BAN impossible (6 erreurs" in message
    assert "aucune modification faite" in message
    assert "Ligne 3 : commune 26999 inconnue" in message
    assert "Ligne 4 : commune 07010 (Annonay (test)) hors du territoire (département 26)" in message
    assert "Ligne 5 : latitude « quarante-quatre » illisible." in message
    assert "Ligne 6 : position (latitude 44.75000, longitude 3.10000) hors du territoire Drôme." in message
    assert "Ligne 7 : numéro « 6a » invalide" in message
    assert "Ligne 8 : identifiant BAN 26113_0180_00001 en double dans le fichier." in message
    assert not Address.objects.exists()

    output = run(path, skip_invalid=True)

    assert output.startswith("Adresses : 2 créées, 0 mises à jour, 0 inchangées, 6 rejetées.")
    assert "Lignes rejetées (6) :" in output
    assert Address.objects.get(kind=AddressKind.HOUSENUMBER).ban_id == "26113_0180_00001"


@pytest.mark.django_db
def test_a_stored_address_whose_row_is_now_rejected_is_kept(communes, tmp_path):
    run(write(tmp_path, [row(), row(ban_id="26113_0180_00002", numero="2")]))

    output = run(write(tmp_path, [row(), row(ban_id="26113_0180_00002", numero="2", lat="")]), skip_invalid=True)

    assert "Ligne 3 : latitude absente." in output
    assert Address.objects.filter(ban_id="26113_0180_00002").exists()


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"", "Le fichier est vide."),
        (b"code;nom\n26113;Die\n", "colonne identifiant introuvable"),
        (b"\x1f\x8b\x08\x00garbage", "archive gzip illisible ou tronquée"),
    ],
)
@pytest.mark.django_db
def test_unusable_files_are_refused_in_french(communes, tmp_path, content, expected):
    path = tmp_path / "adresses.csv"
    path.write_bytes(content)

    with pytest.raises(CommandError, match=expected):
        run(path)


@pytest.mark.django_db
def test_a_truncated_archive_writes_nothing(communes, tmp_path):
    lines = [row(ban_id=f"26113_0180_{n:05d}", numero=str(n)) for n in range(1, 3000)]
    compressed = gzip.compress(("\n".join([HEADER, *lines]) + "\n").encode())
    path = tmp_path / "adresses-26.csv.gz"
    path.write_bytes(compressed[: len(compressed) // 2])

    with pytest.raises(CommandError, match="archive gzip illisible ou tronquée"):
        run(path)

    assert not Address.objects.exists()


@pytest.mark.django_db
def test_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="Fichier introuvable"):
        run(tmp_path / "absent.csv.gz")
