"""The territory's outline (reference/outline.py): shared edges cancel, the rest make rings."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from core.content_version import bump_content_version
from reference.cache import forget_commune_boundaries
from reference.models import Commune
from reference.outline import outline_of, outline_stats, point_in_ring, signed_area, territory_outline
from reference.territory import Territory

DROME = Path(__file__).resolve().parents[2] / "data" / "drome" / "communes-26-drome.geojson"


def square(x, y, size=1.0, clockwise=False):
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring[::-1] if clockwise else ring]}


def grid_around_hole():
    """A 3 x 3 grid of unit squares without the middle one: a ring of communes around an enclave."""
    return [square(x, y) for x in range(3) for y in range(3) if (x, y) != (1, 1)]


def test_two_adjacent_squares_make_one_ring():
    outline = outline_of([square(0, 0), square(1, 0)])
    assert outline["type"] == "MultiPolygon"
    assert outline_stats(outline) == (1, 0, 6)  # the shared edge's ends stay on the long sides
    (ring,) = outline["coordinates"][0]
    assert ring[0] == ring[-1]
    assert signed_area(ring) == pytest.approx(2 * 2.0)  # counter-clockwise, area 2
    assert {tuple(point) for point in ring} == {(0, 0), (1, 0), (2, 0), (2, 1), (1, 1), (0, 1)}


def test_ring_orientation_of_the_input_does_not_matter():
    clockwise = outline_of([square(0, 0, clockwise=True), square(1, 0)])
    assert outline_stats(clockwise) == (1, 0, 6)


def test_a_ring_of_communes_around_an_enclave_gives_an_outer_ring_and_a_hole():
    outline = outline_of(grid_around_hole())
    assert outline_stats(outline) == (1, 1, 12 + 4)
    outer, hole = outline["coordinates"][0]
    assert signed_area(outer) > 0 > signed_area(hole)  # RFC 7946: holes clockwise
    assert {tuple(point) for point in hole} == {(1, 1), (2, 1), (2, 2), (1, 2)}
    assert point_in_ring((1.5, 1.5), outer) and point_in_ring((1.5, 1.5), hole)


def test_an_island_is_a_polygon_of_its_own():
    outline = outline_of([square(0, 0), square(1, 0), square(5, 5, size=0.5)])
    assert outline_stats(outline) == (2, 0, 6 + 4)


def test_an_island_inside_the_enclave():
    outline = outline_of([*grid_around_hole(), square(1.25, 1.25, size=0.5)])
    assert outline_stats(outline) == (2, 1, 12 + 4 + 4)
    by_size = sorted(outline["coordinates"], key=len)
    assert len(by_size[0]) == 1 and len(by_size[1]) == 2  # the island has no hole; the mainland has one


def test_communes_touching_at_a_corner_give_two_simple_rings():
    outline = outline_of([square(0, 0), square(1, 1)])
    assert outline_stats(outline) == (2, 0, 8)
    for (ring,) in outline["coordinates"]:
        assert len({tuple(point) for point in ring}) == len(ring) - 1  # no vertex visited twice


def test_multipolygons_and_holes_of_a_commune():
    donut = {
        "type": "MultiPolygon",
        "coordinates": [
            [
                [[0, 0], [3, 0], [3, 3], [0, 3], [0, 0]],
                [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]],
            ],
            [[[10, 10], [11, 10], [11, 11], [10, 10]]],
        ],
    }
    assert outline_stats(outline_of([donut])) == (2, 1, 4 + 4 + 3)
    # Filling the hole with another commune removes it.
    assert outline_stats(outline_of([donut, square(1, 1)])) == (2, 0, 4 + 3)


def test_coordinates_are_rounded_before_matching():
    nudged = {"type": "Polygon", "coordinates": [[[1 + 1e-9, 0], [2, 0], [2, 1], [1, 1 - 1e-9], [1 + 1e-9, 0]]]}
    assert outline_stats(outline_of([square(0, 0), nudged])) == (1, 0, 6)


def test_empty_and_malformed_geometries_are_ignored():
    assert outline_of([]) == {"type": "MultiPolygon", "coordinates": []}
    degenerate = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 0]]]}
    assert outline_of([None, {"type": "Point", "coordinates": [0, 0]}, degenerate]) == outline_of([])


def test_the_shipped_drome_outlines_give_the_departement_and_the_valreas_enclave():
    features = json.loads(DROME.read_text(encoding="utf-8"))["features"]
    outline = outline_of(feature["geometry"] for feature in features)
    polygons, holes, vertices = outline_stats(outline)
    assert (polygons, holes) == (1, 1)
    outer, enclave = outline["coordinates"][0]
    assert (len(outer) - 1, len(enclave) - 1) == (1751, 179)
    assert vertices == 1930
    # Valréas (84138, Vaucluse) is in the hole; Nyons (26220) is not.
    assert point_in_ring((4.99, 44.38), enclave)
    assert not point_in_ring((5.14, 44.36), enclave) and point_in_ring((5.14, 44.36), outer)


@pytest.mark.django_db
def test_territory_outline_is_cached_under_the_content_version():
    commune = Commune.objects.create(insee_code="26501", name="Ouest", boundary=square(4.9, 44.9, 0.1))
    Commune.objects.create(insee_code="26502", name="Est", boundary=square(5.0, 44.9, 0.1))
    Commune.objects.create(insee_code="26503", name="Sans contour")
    first = territory_outline()
    assert first["type"] == "Feature"
    assert first["properties"] == {"code": "26", "nom": "Drôme"}
    assert outline_stats(first["geometry"]) == (1, 0, 6)

    # A change that sends no signal (as a bulk import) is not seen until the version changes...
    Commune.objects.filter(pk=commune.pk).update(boundary=square(4.0, 44.0, 0.1))
    assert territory_outline() == first
    bump_content_version()
    assert outline_stats(territory_outline()["geometry"]) == (2, 0, 8)

    # ...or until the importers forget the cached outlines.
    Commune.objects.filter(pk=commune.pk).update(boundary=square(4.9, 44.9, 0.1))
    forget_commune_boundaries()
    assert outline_stats(territory_outline()["geometry"]) == (1, 0, 6)


@pytest.mark.django_db
def test_two_desks_on_one_departement_share_the_outline_each_under_its_name():
    """A health desk and a veterinary desk of the Drôme: one cached geometry, two names
    (the cache once kept the first desk's name and served it to the other)."""
    from dataclasses import replace

    Commune.objects.create(insee_code="26501", name="Ouest", boundary=square(4.9, 44.9, 0.1))
    health = Territory.from_settings()
    veterinary = replace(health, name="Drôme vétérinaire")
    first, second = territory_outline(health), territory_outline(veterinary)
    assert first["properties"]["nom"] == "Drôme" and second["properties"]["nom"] == "Drôme vétérinaire"
    assert first["geometry"] == second["geometry"] is not None
    assert territory_outline(health)["properties"]["nom"] == "Drôme"


@pytest.mark.django_db
def test_territory_outline_without_communes():
    assert territory_outline()["geometry"] is None


@pytest.mark.django_db
def test_outline_endpoint(client, django_assert_num_queries):
    Commune.objects.create(insee_code="26501", name="Ouest", boundary=square(4.9, 44.9, 0.1))
    Commune.objects.create(insee_code="26502", name="Est", boundary=square(5.0, 44.9, 0.1))
    url = reverse("reference:territory_outline")
    assert url == "/referentiels/contour.geojson"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    data = response.json()
    assert data["type"] == "Feature" and data["geometry"]["type"] == "MultiPolygon"
    assert outline_stats(data["geometry"]) == (1, 0, 6)
    with django_assert_num_queries(0):
        assert client.get(url).json() == data
