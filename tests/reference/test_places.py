import csv
import json
from pathlib import Path

import pytest
from django.conf import settings

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
