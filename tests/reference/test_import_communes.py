import io
import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reference.cache import boundaries_cache_key
from reference.importers.geometry import compute_centroid
from reference.models import Commune, Epci, ZonageCategory

FIXTURES = Path(__file__).parent / "fixtures"
ARDECHE_TEST_FILE = FIXTURES / "communes-07-test.geojson"
REPO_ROOT = Path(__file__).resolve().parents[2]
DROME_CANDIDATES = [
    REPO_ROOT / "data" / "drome" / "communes-26-drome.geojson",
    Path("/work/shared/data/drome/communes-26-drome.geojson"),
]


def run(*args, **options):
    out = io.StringIO()
    call_command("import_communes", *(str(arg) for arg in args), stdout=out, **options)
    return out.getvalue()


def square(lon, lat, size=0.1):
    return [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]


def feature(code, name, geometry=None, **extra_properties):
    return {
        "type": "Feature",
        "properties": {"code": code, "nom": name, **extra_properties},
        "geometry": geometry or {"type": "Polygon", "coordinates": [square(4.9, 44.9)]},
    }


def write_collection(tmp_path, features, name="communes.geojson"):
    path = tmp_path / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False), "utf-8")
    return path


def snapshot():
    return list(Commune.objects.order_by("pk").values())


@pytest.fixture
def drome_file():
    path = next((candidate for candidate in DROME_CANDIDATES if candidate.exists()), None)
    if path is None:
        pytest.skip("Fichier des communes de la Drôme absent.")
    return path


@pytest.fixture
def existing_commune():
    """A commune enriched by other importers, which this importer must leave alone."""
    epci = Epci.objects.create(siren="200068781", name="Valence Romans Agglo")
    return Commune.objects.create(
        insee_code="26362",
        name="Valence",
        population=64_000,
        epci=epci,
        zonage=ZonageCategory.ZAC,
        zonage_is_fictitious=True,
    )


# --- Real file ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_real_drome_file_imports_every_commune_with_plausible_centres(drome_file):
    output = run(drome_file)

    assert "Communes : 367 créées, 0 mises à jour, 0 inchangées." in output
    assert Commune.objects.count() == 367
    assert set(Commune.objects.values_list("departement_code", flat=True)) == {"26"}
    valence = Commune.objects.get(insee_code="26362")
    assert valence.name == "Valence"
    assert valence.slug == "valence-26362"
    assert valence.boundary["type"] in ("Polygon", "MultiPolygon")
    assert abs(valence.centroid_latitude - 44.93) < 0.05
    assert abs(valence.centroid_longitude - 4.89) < 0.05
    for code, latitude, longitude in Commune.objects.values_list(
        "insee_code", "centroid_latitude", "centroid_longitude"
    ):
        assert 44.1 <= latitude <= 45.4, code
        assert 4.6 <= longitude <= 5.9, code


@pytest.mark.django_db
def test_second_run_of_the_real_file_writes_nothing(drome_file):
    run(drome_file)
    before = snapshot()

    with CaptureQueriesContext(connection) as queries:
        output = run(drome_file)

    assert "Communes : 0 créées, 0 mises à jour, 367 inchangées." in output
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    assert snapshot() == before


# --- Creation, update, idempotence ------------------------------------------------------


@pytest.mark.django_db
def test_other_departement_file_imports(tmp_path):
    output = run(ARDECHE_TEST_FILE)

    assert "Communes : 3 créées, 0 mises à jour, 0 inchangées." in output
    communes = {c.insee_code: c for c in Commune.objects.all()}
    assert set(communes) == {"07010", "07020", "07030"}
    assert {c.departement_code for c in communes.values()} == {"07"}
    assert communes["07010"].name == "Testville-sur-Ardèche"
    assert communes["07010"].slug == "testville-sur-ardeche-07010"
    assert communes["07030"].boundary["type"] == "MultiPolygon"
    # Plain square, square with an off-centre hole, two squares weighted by area.
    assert communes["07010"].centroid_latitude == pytest.approx(44.6)
    assert communes["07010"].centroid_longitude == pytest.approx(4.1)
    assert communes["07020"].centroid_latitude == pytest.approx(44.9)
    assert communes["07020"].centroid_longitude == pytest.approx((0.08 * 4.6 - 0.01 * 4.65) / 0.07)
    assert communes["07030"].centroid_latitude == pytest.approx(45.05)
    assert communes["07030"].centroid_longitude == pytest.approx(4.25)

    assert "Communes : 0 créées, 0 mises à jour, 3 inchangées." in run(ARDECHE_TEST_FILE)


@pytest.mark.django_db
def test_changed_name_updates_only_that_commune(tmp_path):
    run(ARDECHE_TEST_FILE)
    before = {c["insee_code"]: c for c in snapshot()}
    data = json.loads(ARDECHE_TEST_FILE.read_text("utf-8"))
    data["features"][1]["properties"]["nom"] = "Saint-Essai-le-Neuf"
    changed = tmp_path / "renamed.geojson"
    changed.write_text(json.dumps(data), "utf-8")

    output = run(changed)

    assert "Communes : 0 créées, 1 mises à jour, 2 inchangées." in output
    after = {c["insee_code"]: c for c in snapshot()}
    assert after["07010"] == before["07010"]
    assert after["07030"] == before["07030"]
    assert after["07020"] == {**before["07020"], "name": "Saint-Essai-le-Neuf"}  # The slug stays stable.


@pytest.mark.django_db
def test_update_leaves_population_epci_and_zonage_alone(tmp_path, existing_commune):
    path = write_collection(tmp_path, [feature("26362", "Valence"), feature("26001", "Albon")])

    output = run(path)

    assert "Communes : 1 créées, 1 mises à jour, 0 inchangées." in output
    valence = Commune.objects.get(insee_code="26362")
    assert valence.pk == existing_commune.pk
    assert valence.slug == existing_commune.slug
    assert valence.population == 64_000
    assert valence.epci_id == existing_commune.epci_id
    assert valence.zonage == ZonageCategory.ZAC
    assert valence.zonage_is_fictitious is True
    assert valence.boundary["type"] == "Polygon"
    assert valence.centroid_latitude == pytest.approx(44.95)
    assert valence.centroid_longitude == pytest.approx(4.95)


@pytest.mark.django_db
def test_new_communes_are_searchable(tmp_path):
    run(ARDECHE_TEST_FILE)
    from wagtail.search.backends import get_search_backend

    results = list(get_search_backend().autocomplete("Testvil", Commune))

    assert [c.insee_code for c in results] == ["07010"]


@pytest.mark.django_db
def test_import_clears_the_boundaries_cache_only_when_something_changed(tmp_path):
    cache.set(boundaries_cache_key("26"), {"stale": True})
    run(ARDECHE_TEST_FILE)
    assert cache.get(boundaries_cache_key("26")) is None

    cache.set(boundaries_cache_key("26"), {"fresh": True})
    run(ARDECHE_TEST_FILE)
    assert cache.get(boundaries_cache_key("26")) == {"fresh": True}


@pytest.mark.django_db
def test_dry_run_writes_nothing(tmp_path, existing_commune):
    before = snapshot()
    cache.set(boundaries_cache_key("26"), {"cached": True})
    path = write_collection(tmp_path, [feature("26362", "Valence-Nouvelle"), feature("26001", "Albon")])

    output = run(path, dry_run=True)

    assert "Simulation (aucune modification) : Communes : 1 créées, 1 mises à jour, 0 inchangées." in output
    assert snapshot() == before
    assert cache.get(boundaries_cache_key("26")) == {"cached": True}


@pytest.mark.django_db
def test_utf8_bom_and_custom_property_names_are_accepted(tmp_path):
    content = json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"INSEE_COM": "2A004", "NOM_COM": "Ajaccio"},
                    "geometry": {"type": "Polygon", "coordinates": [square(8.7, 41.9)]},
                },
                {
                    "type": "Feature",
                    "properties": {"INSEE_COM": "97411", "NOM_COM": "Saint-Denis"},
                    "geometry": {"type": "Polygon", "coordinates": [square(55.4, -20.9)]},
                },
            ],
        }
    )
    path = tmp_path / "bom.geojson"
    path.write_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"))

    output = run(path, code_property="INSEE_COM", name_property="NOM_COM")

    assert "Communes : 2 créées" in output
    assert dict(Commune.objects.values_list("insee_code", "departement_code")) == {"2A004": "2A", "97411": "974"}


# --- Errors: all or nothing ---------------------------------------------------------------


def valid_features():
    return [feature("26001", "Albon"), feature("26002", "Alixan")]


def with_second_feature(**changes):
    features = valid_features()
    second = features[1]
    second["properties"].update(changes.pop("properties", {}))
    second.update(changes)
    return features


def malformed_json(tmp_path):
    path = write_collection(tmp_path, valid_features())
    text = path.read_text("utf-8")
    cut = text.index('"Alixan"')
    path.write_text(text[:cut] + '"Alixan" "oops"' + text[cut + len('"Alixan"') :], "utf-8")
    return path


def latin1_file(tmp_path):
    path = tmp_path / "latin1.geojson"
    content = json.dumps(
        {"type": "FeatureCollection", "features": with_second_feature(properties={"nom": "Allan-Île"})}
    )
    path.write_bytes(content.replace("\\u00ce", "Î").encode("latin-1"))
    return path


def properties_without(key):
    def build(tmp_path):
        features = valid_features()
        del features[1]["properties"][key]
        return write_collection(tmp_path, features)

    return build


def collection_of(features):
    return lambda tmp_path: write_collection(tmp_path, features)


def geometry_of(coordinates, kind="Polygon"):
    return collection_of(with_second_feature(geometry={"type": kind, "coordinates": coordinates}))


def nan_coordinates(tmp_path):
    ring = square(4.9, 44.9)
    ring[2] = [float("nan"), 44.95]
    path = write_collection(tmp_path, with_second_feature(geometry={"type": "Polygon", "coordinates": [ring]}))
    assert "NaN" in path.read_text("utf-8")
    return path


MALFORMED_CASES = {
    "malformed json": (malformed_json, ["JSON mal formé", "entité n° 2"]),
    "latin-1 file": (latin1_file, ["UTF-8", "Entité n° 2 (code 26002, Allan-Île)"]),
    "missing code": (properties_without("code"), ["Entité n° 2 (Alixan)", "« code »"]),
    "missing name": (properties_without("nom"), ["Entité n° 2 (code 26002)", "« nom »"]),
    "bad insee code": (
        collection_of(with_second_feature(properties={"code": "2600"})),
        ["Entité n° 2 (code 2600, Alixan)", "code INSEE « 2600 » invalide"],
    ),
    "duplicate code": (
        collection_of(with_second_feature(properties={"code": "26001"})),
        ["Entité n° 2 (code 26001, Alixan)", "en double", "entité n° 1"],
    ),
    "point geometry": (
        geometry_of([4.9, 44.9], kind="Point"),
        ["Entité n° 2 (code 26002, Alixan)", "« Point » non pris en charge"],
    ),
    "linestring geometry": (
        geometry_of(square(4.9, 44.9), kind="LineString"),
        ["Entité n° 2 (code 26002, Alixan)", "« LineString » non pris en charge"],
    ),
    "missing geometry": (collection_of(with_second_feature(geometry=None)), ["Entité n° 2", "géométrie absente"]),
    "nan coordinate": (nan_coordinates, ["Entité n° 2 (code 26002, Alixan)", "longitude NaN n'est pas un nombre"]),
    "text coordinate": (
        geometry_of([[[4.9, 44.9], ["4.95", 44.9], [4.95, 44.95], [4.9, 44.9]]]),
        ["Entité n° 2 (code 26002, Alixan)", "position 2", 'longitude "4.95" n\'est pas un nombre'],
    ),
    "short ring": (
        geometry_of([[[4.9, 44.9], [4.95, 44.9], [4.9, 44.9]]]),
        ["Entité n° 2 (code 26002, Alixan)", "au moins 4 positions"],
    ),
    "longitude out of range": (
        geometry_of([[[4.9, 44.9], [190.0, 44.9], [4.95, 44.95], [4.9, 44.9]]]),
        ["Entité n° 2 (code 26002, Alixan)", "longitude 190.0", "[-180, 180]"],
    ),
    "latitude out of range": (
        geometry_of([[[4.9, 44.9], [4.95, 95.0], [4.95, 44.95], [4.9, 44.9]]]),
        ["Entité n° 2 (code 26002, Alixan)", "latitude 95.0", "[-90, 90]"],
    ),
    "empty multipolygon": (geometry_of([], kind="MultiPolygon"), ["Entité n° 2 (code 26002, Alixan)", "mal formées"]),
}


@pytest.mark.django_db
@pytest.mark.parametrize("build, expected", MALFORMED_CASES.values(), ids=MALFORMED_CASES.keys())
def test_malformed_file_is_rejected_and_nothing_changes(tmp_path, existing_commune, build, expected):
    path = build(tmp_path)
    before = snapshot()
    cache.set(boundaries_cache_key("26"), {"cached": True})

    with pytest.raises(CommandError) as raised:
        run(path)

    message = str(raised.value)
    assert message.startswith("Import des communes impossible")
    assert "aucune modification faite" in message
    for fragment in expected:
        assert fragment in message
    assert snapshot() == before
    assert Commune.objects.count() == 1
    assert cache.get(boundaries_cache_key("26")) == {"cached": True}


@pytest.mark.django_db
def test_several_errors_are_reported_together(tmp_path, existing_commune):
    before = snapshot()
    features = [feature(f"26{n:03d}", f"Commune {n}") for n in range(1, 31)]
    features[0]["properties"]["code"] = "ABCDE"
    features[4]["geometry"] = {"type": "Point", "coordinates": [4.9, 44.9]}
    path = write_collection(tmp_path, features)

    with pytest.raises(CommandError) as raised:
        run(path)

    message = str(raised.value)
    assert "2 erreurs" in message
    assert "Entité n° 1 (code ABCDE, Commune 1)" in message
    assert "Entité n° 5 (code 26005, Commune 5)" in message
    assert snapshot() == before


@pytest.mark.django_db
def test_error_list_is_capped(tmp_path):
    features = [feature("26001", f"Commune {n}") for n in range(1, 31)]

    with pytest.raises(CommandError) as raised:
        run(write_collection(tmp_path, features))

    message = str(raised.value)
    assert "29 erreurs" in message
    assert "Entité n° 21 " in message
    assert "Entité n° 22 " not in message
    assert "9 autre(s) erreur(s)" in message
    assert Commune.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content, expected",
    [
        ('{"type": "Feature", "geometry": null, "properties": {}}', "n'est pas une FeatureCollection"),
        ("[1, 2]", "n'est pas une FeatureCollection"),
        ('{"type": "FeatureCollection", "features": []}', "aucune commune"),
        ("", "vide"),
        (
            '{"type": "FeatureCollection", "features": [],'
            ' "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}}}',
            "WGS84",
        ),
    ],
)
def test_file_level_errors(tmp_path, content, expected):
    path = tmp_path / "bad.geojson"
    path.write_text(content, "utf-8")

    with pytest.raises(CommandError, match=expected):
        run(path)
    assert Commune.objects.count() == 0


@pytest.mark.django_db
def test_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Fichier introuvable"):
        run(tmp_path / "absent.geojson")


# --- Centroid ---------------------------------------------------------------------------


def test_centroid_ignores_ring_orientation_and_subtracts_holes():
    clockwise = list(reversed(square(0, 0, 2)))
    hole = square(0, 0, 1)  # Bottom-left quarter removed: the centre moves up and right.

    assert compute_centroid({"type": "Polygon", "coordinates": [clockwise]}) == pytest.approx((1, 1))
    latitude, longitude = compute_centroid({"type": "Polygon", "coordinates": [square(0, 0, 2), hole]})
    assert latitude == pytest.approx(7 / 6)
    assert longitude == pytest.approx(7 / 6)


def test_centroid_of_multipolygon_is_weighted_by_area():
    geometry = {"type": "MultiPolygon", "coordinates": [[square(0, 0, 2)], [square(10, 0, 1)]]}

    latitude, longitude = compute_centroid(geometry)

    assert longitude == pytest.approx((4 * 1 + 1 * 10.5) / 5)
    assert latitude == pytest.approx((4 * 1 + 1 * 0.5) / 5)
