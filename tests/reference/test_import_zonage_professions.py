"""manage.py import_zonage_professions: long and wide layouts, all or nothing, idempotent."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reference.importers.zoning_parsing import parse_zone_class
from reference.models import Commune, Profession, ProfessionZoning, ZonageCategory, ZoningClass

FIXTURES = Path(__file__).parent / "fixtures"
LONG = FIXTURES / "zonage-professions-long-test.csv"
WIDE = FIXTURES / "zonage-professions-large-test.csv"
SOURCE = "ARS Auvergne-Rhône-Alpes, arrêté du 9 mai 2025"

pytestmark = pytest.mark.django_db


def run(path, *args, **options):
    out = io.StringIO()
    call_command("import_zonage_professions", str(path), *args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def zonings():
    return {
        (z.commune.insee_code, z.profession.slug): z.zone_class
        for z in ProfessionZoning.objects.select_related("commune", "profession")
    }


def snapshot():
    return (
        list(Commune.objects.order_by("pk").values()),
        list(ProfessionZoning.objects.order_by("pk").values()),
    )


def write(tmp_path, text):
    path = tmp_path / "zonage-professions.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def communes():
    return [
        Commune.objects.create(insee_code="26001", name="Solaure en Diois", zonage="zac", zonage_is_fictitious=True),
        Commune.objects.create(insee_code="26210", name="Valherbasse"),
        Commune.objects.create(insee_code="26362", name="Valence", zonage="hz"),
    ]


@pytest.fixture
def professions():
    rows = [
        ("medecin-generaliste", "Médecin généraliste"),
        ("infirmier", "Infirmier·ère"),
        ("masseur-kinesitherapeute", "Masseur-kinésithérapeute"),
        ("chirurgien-dentiste", "Chirurgien-dentiste"),
        ("sage-femme", "Sage-femme"),
    ]
    return {slug: Profession.objects.create(slug=slug, name=name) for slug, name in rows}


def test_long_layout(communes, professions):
    output = run(LONG, source=SOURCE, date="2025-05-09")

    assert "Zonages par profession : 5 créés, 0 mis à jour, 0 inchangés, 0 rejetés ; 1 ligne(s) ignorée(s)" in output
    assert "Format détecté : long" in output
    assert zonings() == {
        ("26001", "medecin-generaliste"): "zip",
        ("26001", "infirmier"): "tres_sous_dotee",
        ("26001", "masseur-kinesitherapeute"): "sous_dotee",
        ("26362", "medecin-generaliste"): "hz",
        ("26362", "infirmier"): "sur_dotee",
    }
    for zoning in ProfessionZoning.objects.all():
        assert (zoning.source, zoning.decided_on, zoning.fictitious) == (SOURCE, date(2025, 5, 9), False)


def test_wide_layout(communes, professions):
    output = run(WIDE, "--departement", "26", source=SOURCE, date="09/05/2025")

    assert "Zonages par profession : 9 créés, 0 mis à jour, 0 inchangés, 0 rejetés ; 1 ligne(s) ignorée(s)" in output
    assert "Format détecté : large" in output
    assert zonings() == {
        ("26001", "medecin-generaliste"): "zac",
        ("26001", "infirmier"): "tres_sous_dotee",
        ("26001", "masseur-kinesitherapeute"): "intermediaire",
        ("26001", "sage-femme"): "sous_dotee",
        ("26001", "chirurgien-dentiste"): "tres_dotee",
        # The empty kine cell gives no zoning for that profession.
        ("26210", "medecin-generaliste"): "zip",
        ("26210", "infirmier"): "intermediaire",
        ("26210", "sage-femme"): "non_prioritaire",
        ("26210", "chirurgien-dentiste"): "sur_dotee",
    }
    assert set(ProfessionZoning.objects.values_list("decided_on", flat=True)) == {date(2025, 5, 9)}


def test_gp_class_keeps_commune_zonage_in_step(communes, professions):
    output = run(WIDE, source=SOURCE)

    assert "Zonage ARS des communes (médecins généralistes) : 2 mise(s) à jour." in output
    assert {c.insee_code: (c.zonage, c.zonage_is_fictitious) for c in Commune.objects.all()} == {
        "26001": (ZonageCategory.ZAC, False),  # same class, but no longer fictitious
        "26210": (ZonageCategory.ZIP, False),
        "26362": (ZonageCategory.HZ, False),  # not in the file: untouched
    }


def test_import_clears_the_fictitious_flag(communes, professions):
    ProfessionZoning.objects.create(
        commune=communes[0],
        profession=professions["infirmier"],
        zone_class=ZoningClass.VERY_UNDERSERVED,
        source="données de démonstration – à vérifier",
        fictitious=True,
    )

    output = run(WIDE, source=SOURCE)

    assert "8 créés, 1 mis à jour, 0 inchangés" in output
    zoning = ProfessionZoning.objects.get(commune=communes[0], profession=professions["infirmier"])
    assert (zoning.zone_class, zoning.fictitious, zoning.source) == ("tres_sous_dotee", False, SOURCE)


@pytest.mark.parametrize("path", [LONG, WIDE], ids=["long", "wide"])
def test_dry_run_writes_nothing(communes, professions, path):
    before = snapshot()

    output = run(path, dry_run=True, source=SOURCE)

    assert output.startswith("Simulation (aucune modification) : Zonages par profession : ")
    assert " 0 créés" not in output
    assert snapshot() == before


@pytest.mark.parametrize("path", [LONG, WIDE], ids=["long", "wide"])
def test_second_run_writes_nothing(communes, professions, path):
    run(path, source=SOURCE, date="2025-05-09")
    before = snapshot()

    with CaptureQueriesContext(connection) as queries:
        output = run(path, source=SOURCE, date="2025-05-09")

    assert "0 créés, 0 mis à jour" in output
    assert "médecins généralistes" not in output
    assert not [q for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert snapshot() == before


def test_new_source_or_date_updates_the_zonings(communes, professions):
    run(LONG, source=SOURCE, date="2025-05-09")

    output = run(LONG, source=SOURCE, date="2026-01-15")

    assert "0 créés, 5 mis à jour, 0 inchangés" in output
    assert set(ProfessionZoning.objects.values_list("decided_on", flat=True)) == {date(2026, 1, 15)}


REJECTED = {
    "unknown commune (long)": (
        "insee;profession;classe\n26001;infirmier;Sous-dotée\n26999;infirmier;Sous-dotée\n",
        ["Ligne 3 (code 26999) : commune 26999 inconnue"],
    ),
    "unknown commune (wide, once per row)": (
        "insee;infirmier;kine\n26001;Sous-dotée;Sous-dotée\n26999;Sous-dotée;Sous-dotée\n",
        ["Ligne 3 (code 26999) : commune 26999 inconnue", "(1 erreur "],
    ),
    "unknown class": (
        "insee;profession;classe\n26001;infirmier;Zone rouge\n",
        ["Ligne 2 (code 26001) : Infirmier·ère : classe de zonage « Zone rouge » inconnue"],
    ),
    "empty class (long)": (
        "insee;profession;classe\n26001;infirmier;\n",
        ["Ligne 2 (code 26001) : Infirmier·ère : classe de zonage absente."],
    ),
    "unknown profession value": (
        "insee;profession;classe\n26001;infirmier;ZIP\n26001;Ostéopathe;Sous-dotée\n",
        ["Ligne 3 (code 26001) : valeur « Ostéopathe » : profession inconnue", "sage-femme"],
    ),
    "unknown profession column": (
        "code_insee;nom_commune;infirmier;orthophoniste\n26001;Solaure;Sous-dotée;Sous-dotée\n",
        ["Ligne 1 (en-tête) : colonne « orthophoniste » : profession inconnue"],
    ),
    "GP class for another profession's vocabulary": (
        "insee;medecin\n26001;Sous-dotée\n",
        ["Ligne 2 (code 26001) : Médecin généraliste : classe « Sous-dotée » impossible"],
    ),
    "duplicate commune and profession": (
        "insee;profession;classe\n26001;kine;ZIP\n26001;Masseur-kinésithérapeute;Sous-dotée\n",
        ["Ligne 3 (code 26001) : Masseur-kinésithérapeute, commune 26001 en double : déjà à la ligne 2"],
    ),
    "no profession column": ("code_commune;zonage\n26001;ZIP\n", ["Ligne 1 (en-tête) : colonne de profession"]),
    "no class column (long)": ("insee;profession\n26001;infirmier\n", ["colonne de la classe de zonage introuvable"]),
}


@pytest.mark.parametrize("text, expected", REJECTED.values(), ids=REJECTED.keys())
def test_rejected_rows_abort_the_import(tmp_path, communes, professions, text, expected):
    before = snapshot()

    with pytest.raises(CommandError) as raised:
        run(write(tmp_path, text), source=SOURCE)

    message = str(raised.value)
    assert message.startswith("Import du zonage par profession impossible")
    assert "aucune modification faite" in message
    for fragment in expected:
        assert fragment in message
    assert snapshot() == before


def test_skip_invalid_imports_the_valid_rows(tmp_path, communes, professions):
    text = "code_insee;infirmier;orthophoniste\n26001;Sous-dotée;ZIP\n26210;Zone rouge;ZIP\n26999;Intermédiaire;\n"

    output = run(write(tmp_path, text), skip_invalid=True)

    assert "Zonages par profession : 1 créés, 0 mis à jour, 0 inchangés, 3 rejetés." in output
    assert "- Ligne 1 (en-tête) : colonne « orthophoniste » : profession inconnue" in output
    assert "- Ligne 3 (code 26210) : Infirmier·ère : classe de zonage « Zone rouge » inconnue" in output
    assert "- Ligne 4 (code 26999) : commune 26999 inconnue" in output
    assert "Aucune source indiquée (--source)" in output
    assert zonings() == {("26001", "infirmier"): "sous_dotee"}


def test_bad_date_is_refused_in_french(communes, professions):
    with pytest.raises(CommandError, match="date « 9 mai » invalide"):
        run(LONG, date="9 mai")


@pytest.mark.parametrize(
    "value, expected",
    [
        ("ZIP", "zip"),
        ("Zone d'action complémentaire", "zac"),
        ("hors zonage", "hz"),
        ("Très sous-dotée", "tres_sous_dotee"),
        ("ZONES TRES SOUS DOTEES", "tres_sous_dotee"),
        ("zone sous-dotée", "sous_dotee"),
        ("Sous doté", "sous_dotee"),
        ("Intermédiaires", "intermediaire"),
        ("très dotée", "tres_dotee"),
        ("Sur-dotée", "sur_dotee"),
        ("surdotée", "sur_dotee"),
        ("Zone non prioritaire", "non_prioritaire"),
    ],
)
def test_class_values(value, expected):
    assert parse_zone_class(value) == expected


def test_a_class_is_read_among_the_desks_classes(tmp_path, communes, professions):
    """A class the desk added is read by its label or code; a class the desk removed is rejected."""
    from reference.vocabularies import Term, Vocabulary, ZoningLevel

    Term.objects.create(
        vocabulary=Vocabulary.ZONING_CLASS, code="zone_rouge", label="Zone rouge", level=ZoningLevel.PRIORITY
    )
    Term.objects.filter(vocabulary=Vocabulary.ZONING_CLASS, code="sur_dotee").delete()
    path = tmp_path / "zonages.csv"
    path.write_text("code_commune;profession;classe\n26001;infirmier;Zone rouge\n26210;infirmier;sur-dotée\n", "utf-8")

    output = run(path, skip_invalid=True)

    assert "1 créés" in output and "1 rejetés" in output
    assert "classe « sur-dotée » absente des « Classes de zonage » du guichet" in output
    assert ProfessionZoning.objects.get().zone_class == "zone_rouge"
