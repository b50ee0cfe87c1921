import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reference.importers.finess_geolocation import lambert93_to_wgs84
from reference.importers.finess_records import STRUCTURE_FIELDS
from reference.models import Commune, HealthFacility, HealthFacilityKind

FIXTURE = Path(__file__).parent / "fixtures" / "finess-test.csv"
LAMBERT = "1,ATLASANTE,96,BAN,EPSG:2154 RGF93 / Lambert-93 (Métropole)"


def run(*args, **options):
    out = io.StringIO()
    call_command("import_finess", *(str(arg) for arg in args), stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def snapshot():
    return list(Commune.objects.order_by("pk").values()), list(HealthFacility.objects.order_by("pk").values())


def structure(finess="260000011", name="CH DE TEST", commune="362", departement="26", category="355", **extra):
    fields = dict.fromkeys(STRUCTURE_FIELDS, "")
    fields.update(
        structureet="structureet",
        nofinesset=finess,
        rs=name,
        commune=commune,
        departement=departement,
        categetab=category,
        ligneacheminement="26000 VALENCE",
        **extra,
    )
    return ";".join(fields.values())


def geo(finess="260000011", x="849282.9", y="6427810.9", source=LAMBERT):
    return f"geolocalisation;{finess};{x};{y};{source};2026-05-04"


def write(tmp_path, lines, encoding="latin-1", header=True):
    path = tmp_path / "finess.csv"
    content = ["finess;etalab;98;2026-05-12"] if header else []
    path.write_bytes(("\n".join(content + lines) + "\n").encode(encoding))
    return path


@pytest.fixture
def communes():
    return {
        code: Commune.objects.create(insee_code=code, name=name)
        for code, name in (("26001", "Solaure en Diois"), ("26210", "Valherbasse"), ("26362", "Valence"))
    }


@pytest.fixture
def existing_facility(communes):
    """A facility entered by hand: its own fields must survive a failed import."""
    return HealthFacility.objects.create(
        kind="msp", name="Ancienne MSP", finess_number="260000029", commune=communes["26362"], hosts_interns=True
    )


@pytest.mark.django_db
def test_finess_extract_creates_the_care_offer(communes):
    output = run(FIXTURE)

    assert "Établissements : 3 créés, 0 mis à jour, 0 inchangés, 0 rejetés ; 2 ligne(s) ignorée(s)" in output
    assert "1 géolocalisation(s) aux coordonnées X et Y inversées, corrigées." in output
    assert "1 établissement(s) sans géolocalisation" in output
    facilities = {f.finess_number: f for f in HealthFacility.objects.all()}
    assert set(facilities) == {"260000011", "260000029", "260000037"}

    hospital = facilities["260000011"]
    assert hospital.kind == HealthFacilityKind.HOSPITAL
    assert hospital.name == "CENTRE HOSPITALIER DE TEST"
    assert hospital.commune.insee_code == "26362"
    assert hospital.address == "1 AV DE L'HÔPITAL, 26000 VALENCE"
    assert hospital.phone == "04 75 00 00 01"
    assert hospital.latitude == pytest.approx(44.9334, abs=1e-4)
    assert hospital.longitude == pytest.approx(4.8924, abs=1e-4)

    msp = facilities["260000029"]
    assert msp.kind == HealthFacilityKind.MSP
    assert msp.name == "MAISON DE SANTÉ DU DIOIS (TEST)"
    assert msp.commune.insee_code == "26001"
    assert msp.latitude == pytest.approx(44.7536, abs=1e-4)  # Swapped X/Y fixed.
    assert msp.longitude == pytest.approx(5.3700, abs=1e-4)

    centre = facilities["260000037"]
    assert centre.kind == HealthFacilityKind.HEALTH_CENTRE
    assert centre.location == "" and centre.latitude is None


@pytest.mark.django_db
def test_second_run_writes_nothing(communes):
    run(FIXTURE)
    before = snapshot()

    with CaptureQueriesContext(connection) as queries:
        output = run(FIXTURE)

    assert "Établissements : 0 créés, 0 mis à jour, 3 inchangés, 0 rejetés" in output
    assert not [q for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert snapshot() == before


@pytest.mark.django_db
def test_existing_facility_is_updated_and_keeps_its_own_fields(existing_facility):
    output = run(FIXTURE)

    assert "Établissements : 2 créés, 1 mis à jour, 0 inchangés" in output
    existing_facility.refresh_from_db()
    assert existing_facility.name == "MAISON DE SANTÉ DU DIOIS (TEST)"
    assert existing_facility.commune.insee_code == "26001"
    assert existing_facility.hosts_interns is True


@pytest.mark.django_db
def test_dry_run_writes_nothing(existing_facility):
    before = snapshot()

    output = run(FIXTURE, dry_run=True)

    assert output.startswith("Simulation (aucune modification) : Établissements : 2 créés, 1 mis à jour")
    assert snapshot() == before


@pytest.mark.django_db
def test_utf8_extract_is_detected(tmp_path, communes):
    path = write(tmp_path, [structure(name="CENTRE HOSPITALIER DE DRÔME"), geo()], encoding="utf-8")

    output = run(path)

    assert "Établissements : 1 créés" in output
    assert "Encodage détecté : UTF-8" in output
    assert HealthFacility.objects.get().name == "CENTRE HOSPITALIER DE DRÔME"


@pytest.mark.django_db
def test_older_layout_with_split_source_field(tmp_path, communes):
    line = "geolocalisation;260000011;849282.9;6427810.9;1;ATLASANTE;100;IGN;BD_ADRESSE;V2.1;LAMBERT_93;2016-02-29"
    path = write(tmp_path, [structure(), line], header=False)

    assert "1 créés" in run(path)
    assert HealthFacility.objects.get().latitude == pytest.approx(44.9334, abs=1e-4)


def test_lambert93_conversion():
    latitude, longitude = lambert93_to_wgs84(700_000, 6_600_000)  # Lambert 93 false origin: 46.5° N, 3° E.
    assert latitude == pytest.approx(46.5, abs=1e-6)
    assert longitude == pytest.approx(3.0, abs=1e-6)


MALFORMED = {
    "outside the territory": (
        [structure(), geo(x="652469.0", y="6862035.3")],
        ["Ligne 2 (FINESS 260000011, CH DE TEST)", "en dehors du territoire Drôme", "ligne 3"],
    ),
    "not lambert 93 numbers": (
        [structure(), geo(x="4.89", y="44.93")],
        ["Ligne 2 (FINESS 260000011, CH DE TEST)", "hors des valeurs du Lambert 93"],
    ),
    "unreadable coordinates": ([structure(), geo(x="abc")], ["Ligne 2", "coordonnées illisibles"]),
    "other coordinate system": (
        [structure(), geo(source="2,ATLASANTE,96,BAN,EPSG:5490 RGAF09/UTM Zone 20N (Antilles)")],
        ["Ligne 2", "EPSG:5490", "non pris en charge"],
    ),
    "unknown commune": (
        [structure(commune="999"), geo()],
        ["Ligne 2 (FINESS 260000011, CH DE TEST)", "commune 26999 inconnue"],
    ),
    "duplicate finess": (
        [structure(), structure(name="CH BIS"), geo()],
        ["Ligne 3 (FINESS 260000011, CH BIS)", "en double : déjà à la ligne 2"],
    ),
    "invalid finess": ([structure(finess="26000")], ["Ligne 2 (FINESS 26000, CH DE TEST)", "invalide"]),
    "missing name": ([structure(name="")], ["Ligne 2 (FINESS 260000011)", "raison sociale"]),
    "truncated record": ([structure(), "structureet;260000029;260000000;MSP"], ["Ligne 3", "4 champs au lieu de 32"]),
}


@pytest.mark.django_db
@pytest.mark.parametrize("lines, expected", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_file_is_rejected_and_nothing_changes(tmp_path, existing_facility, lines, expected):
    before = snapshot()

    with pytest.raises(CommandError) as raised:
        run(write(tmp_path, lines))

    message = str(raised.value)
    assert message.startswith("Import FINESS impossible")
    assert "aucune modification faite" in message
    for fragment in expected:
        assert fragment in message
    assert snapshot() == before


@pytest.mark.django_db
def test_not_a_finess_file(tmp_path, communes):
    path = tmp_path / "other.csv"
    path.write_text("CODGEO;PMUN\n26001;456\n", "utf-8")

    with pytest.raises(CommandError, match="ce n'est pas une extraction FINESS"):
        run(path)


@pytest.mark.django_db
def test_skip_invalid_imports_the_valid_rows(tmp_path, communes):
    lines = [
        structure(),
        structure(finess="260000029", name="CS HORS CADRE", category="124"),
        geo(),
        geo(finess="260000029", x="652469.0", y="6862035.3"),
    ]

    output = run(write(tmp_path, lines), skip_invalid=True)

    assert "Établissements : 1 créés, 0 mis à jour, 0 inchangés, 1 rejetés." in output
    assert "- Ligne 3 (FINESS 260000029, CS HORS CADRE) : le point converti" in output
    assert list(HealthFacility.objects.values_list("finess_number", flat=True)) == ["260000011"]


@pytest.mark.django_db
def test_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Import FINESS impossible.*\n- Fichier introuvable"):
        run(tmp_path / "absent.csv")


@pytest.mark.django_db
def test_a_kind_the_desk_does_not_have_is_rejected(tmp_path, communes):
    """Facility kinds are the desk's data: a category whose kind was removed from the
    « Types d'offre de soins » is rejected with what to add, not stored with an unknown code."""
    from reference.vocabularies import Term, Vocabulary

    Term.objects.filter(vocabulary=Vocabulary.FACILITY_KIND, code="msp").delete()
    lines = [structure(), structure(finess="260000029", name="MSP DU TEST", category="603")]

    with pytest.raises(CommandError) as raised:
        run(write(tmp_path, lines))
    assert (
        "Ligne 3 (FINESS 260000029, MSP DU TEST) : type d'établissement « msp » absent des « Types d'offre de "
        "soins » du guichet : ajoutez un terme de code msp dans Référentiels › Vocabulaires"
    ) in str(raised.value)
    assert not HealthFacility.objects.exists()

    output = run(write(tmp_path, lines), skip_invalid=True)
    assert "1 créés, 0 mis à jour, 0 inchangés, 1 rejetés" in output


@pytest.mark.django_db
def test_finess_numbers_are_unique_per_desk_and_the_import_fills_the_default_desk(existing_facility):
    """A second desk (e.g. veterinary, same département) may hold the same FINESS number; the
    import updates only the default desk's facility, and a duplicate in one desk is refused
    with a French message that speaks of that desk only."""
    from django.core.exceptions import ValidationError
    from wagtail.models import Page, Site

    from tests.frontend.conftest import seed_vocabularies

    other = Site.objects.create(hostname="veto.test", root_page=Page.get_first_root_node(), site_name="Véto")
    seed_vocabularies()  # the new desk's own « msp » term
    theirs = HealthFacility(
        kind="msp", name="Leur établissement", finess_number="260000029", commune=existing_facility.commune, site=other
    )
    theirs.full_clean(validate_constraints=True)
    theirs.save()
    duplicate = HealthFacility(kind="msp", name="Doublon", finess_number="260000029", commune=existing_facility.commune)
    with pytest.raises(ValidationError, match="Un établissement de ce guichet porte déjà ce numéro FINESS."):
        duplicate.full_clean()

    output = run(FIXTURE)

    assert "Établissements : 2 créés, 1 mis à jour, 0 inchangés" in output
    theirs.refresh_from_db()
    assert theirs.name == "Leur établissement"
    assert set(HealthFacility.objects.exclude(site=other).values_list("finess_number", flat=True)) == {
        "260000011",
        "260000029",
        "260000037",
    }
