import csv
import json
import math
from pathlib import Path

import pytest
from django.conf import settings

from reference.mergers import merge_communes, plan_merger
from reference.models import Commune
from reference.places import commune_contains, commune_frame

# A 1° x 1° square around (44.5, 5.5) with a hole of 0.2° in its middle.
OUTER = [[5.0, 44.0], [6.0, 44.0], [6.0, 45.0], [5.0, 45.0], [5.0, 44.0]]
HOLE = [[5.4, 44.4], [5.4, 44.6], [5.6, 44.6], [5.6, 44.4], [5.4, 44.4]]
ISLAND = [[[4.0, 44.0], [4.2, 44.0], [4.2, 44.2], [4.0, 44.2], [4.0, 44.0]]]


def commune(boundary=None, **fields):
    return Commune(insee_code="26113", name="Die", departement_code="26", boundary=boundary, **fields)


@pytest.mark.parametrize(
    "latitude, longitude, expected",
    [
        (44.2, 5.2, True),  # inside
        (44.2, 6.2, False),  # east of it
        (43.9, 5.5, False),  # south of it
        (44.5, 5.5, False),  # in the hole
        (44.45, 5.65, True),  # beside the hole
    ],
)
def test_polygon_with_a_hole(latitude, longitude, expected):
    square = commune({"type": "Polygon", "coordinates": [OUTER, HOLE]})

    assert commune_contains(square, latitude, longitude) is expected


def test_multipolygon_holds_points_of_each_part():
    parts = commune({"type": "MultiPolygon", "coordinates": [[OUTER, HOLE], ISLAND]})

    assert commune_contains(parts, 44.1, 4.1) is True
    assert commune_contains(parts, 44.2, 5.2) is True
    assert commune_contains(parts, 44.5, 5.5) is False
    assert commune_contains(parts, 44.1, 4.5) is False


def test_triangle_edges_are_followed():
    triangle = commune({"type": "Polygon", "coordinates": [[[5.0, 44.0], [6.0, 44.0], [5.0, 45.0], [5.0, 44.0]]]})

    assert commune_contains(triangle, 44.4, 5.4) is True
    assert commune_contains(triangle, 44.6, 5.6) is False


def test_no_outline_says_nothing():
    assert commune_contains(commune(None), 44.5, 5.5) is None
    assert commune_contains(commune({"type": "Point", "coordinates": [5.5, 44.5]}), 44.5, 5.5) is None
    assert commune_contains(commune({"type": "Polygon", "coordinates": [OUTER]}), None, 5.5) is None


# Metres to degrees at the square's middle latitude (the projection commune_contains uses).
METRES_PER_DEGREE_LAT = 110_574


def metres_of_longitude(metres, latitude):
    return metres / (math.cos(math.radians(latitude)) * 111_320)


@pytest.mark.parametrize(
    "latitude, longitude, tolerance_m, expected",
    [
        (44.5, 6.0 + metres_of_longitude(100, 44.5), 0, False),  # 100 m east of the east edge
        (44.5, 6.0 + metres_of_longitude(100, 44.5), 200, True),
        (44.5, 6.0 + metres_of_longitude(500, 44.5), 200, False),
        (44.0 - 100 / METRES_PER_DEGREE_LAT, 5.5, 200, True),  # 100 m south
        (44.0 - 500 / METRES_PER_DEGREE_LAT, 5.5, 200, False),
        # Beyond a corner the nearest point is the corner: 120 m east and 120 m north ≈ 170 m.
        (45.0 + 120 / METRES_PER_DEGREE_LAT, 6.0 + metres_of_longitude(120, 45.0), 200, True),
        (45.0 + 150 / METRES_PER_DEGREE_LAT, 6.0 + metres_of_longitude(150, 45.0), 200, False),  # ≈ 212 m
        (44.5, 5.4 + metres_of_longitude(100, 44.5), 200, True),  # in the hole, 100 m from its edge
        (44.5, 5.5, 200, False),  # in the middle of the hole: 0.1° ≈ 8 km from its edges
        (44.5, 5.5, 20_000, True),
        (44.2, 5.2, 0, True),  # inside needs no tolerance
    ],
)
def test_points_just_outside_are_taken_within_the_tolerance(latitude, longitude, tolerance_m, expected):
    """Outlines date from 2018, communes from 2026: a point on a moved border is not refused."""
    square = commune({"type": "MultiPolygon", "coordinates": [[OUTER, HOLE], ISLAND]})

    assert commune_contains(square, latitude, longitude, tolerance_m=tolerance_m) is expected


def test_tolerance_says_nothing_without_an_outline():
    assert commune_contains(commune(None), 44.5, 5.5, tolerance_m=200) is None
    assert commune_contains(commune({"type": "Polygon", "coordinates": [OUTER]}), 44.5, None, tolerance_m=200) is None


def test_frame_uses_the_centroid_and_the_outline_box():
    frame = commune_frame(
        commune(
            {"type": "MultiPolygon", "coordinates": [[OUTER, HOLE], ISLAND]},
            centroid_latitude=44.5,
            centroid_longitude=5.45,
        )
    )

    assert frame.as_json() == {"code": "26113", "name": "Die", "centre": [44.5, 5.45], "bbox": [4.0, 44.0, 6.0, 45.0]}


def test_frame_without_centroid_or_outline():
    assert commune_frame(commune({"type": "Polygon", "coordinates": [OUTER]})).centre == (44.5, 5.5)
    assert commune_frame(commune(None)).as_json() == {"code": "26113", "name": "Die", "centre": None, "bbox": None}


def test_every_demo_address_lies_in_its_commune():
    """The demo file's positions were picked inside the 2018 outlines (data/drome/SOURCE.md)."""
    data = Path(settings.BASE_DIR) / "data" / "drome"
    outlines = {
        feature["properties"]["code"]: feature["geometry"]
        for feature in json.loads((data / "communes-26-drome.geojson").read_text(encoding="utf-8"))["features"]
    }
    with (data / "ban-adresses-demo.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert len(rows) >= 30
    for row in rows:
        code = row["code_insee_ancienne_commune"] or row["code_insee"]
        place = commune(outlines[code])
        assert commune_contains(place, float(row["lat"]), float(row["lon"])) is True, row["id"]


# --- Merged communes (« communes nouvelles ») ----------------------------------------------

WEST = [[[5.0, 44.0], [5.1, 44.0], [5.1, 44.1], [5.0, 44.1], [5.0, 44.0]]]
EAST = [[[5.1, 44.0], [5.2, 44.0], [5.2, 44.1], [5.1, 44.1], [5.1, 44.0]]]


def stored(code, name, coordinates):
    boundary = {"type": "Polygon", "coordinates": coordinates} if coordinates else None
    return Commune.objects.create(insee_code=code, name=name, departement_code="26", boundary=boundary)


@pytest.mark.django_db
def test_a_merged_commune_without_outline_refuses_nothing():
    """A commune nouvelle under a new code is created by the COG import with no outline (the
    2018 file has none under its code): then nothing is refused, tolerance or not."""
    new = stored("26001", "Commune nouvelle", None)

    assert commune_contains(new, 44.05, 5.15, tolerance_m=200) is None


@pytest.mark.django_db
def test_a_merged_commune_with_its_former_communes_outlines_holds_their_points():
    """What reference/mergers.py should leave: the new commune's outline covering the old ones."""
    new = commune({"type": "MultiPolygon", "coordinates": [WEST, EAST]})

    assert commune_contains(new, 44.05, 5.05) is True
    assert commune_contains(new, 44.05, 5.15) is True


@pytest.mark.django_db
def test_after_a_merger_a_point_of_the_former_commune_is_not_refused():
    new = stored("26001", "Commune nouvelle", WEST)
    old = stored("26002", "Ancienne commune", EAST)

    merge_communes([plan_merger(old, new.insee_code, new.name)], {new.insee_code: new})
    new.refresh_from_db()

    assert commune_contains(new, 44.05, 5.05) is True
    assert commune_contains(new, 44.05, 5.15, tolerance_m=200) is not False  # in the former commune
