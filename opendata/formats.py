"""Serialisation of the open datasets: CSV for spreadsheets, GeoJSON for maps.

CSV choices, for the usual French reuser (a spreadsheet, then a portal):
- UTF-8 with a byte order mark: Excel (French locale) otherwise reads accents as Latin-1;
  LibreOffice, Python (encoding="utf-8-sig"), R and csvkit all accept the BOM;
- ";" as separator: what French Excel expects, and what INSEE, FINESS and most French
  open-data files use (the project's importers read it too);
- "." as decimal separator and ISO 8601 dates, so that numbers and dates are read the same
  everywhere; booleans as true/false; CRLF line ends (RFC 4180); several values in one cell
  joined by " | ";
- a plain header line (no comment line): the licence is stated by the catalogue, the
  /donnees-ouvertes/ page and the Link header of the response;
- text a spreadsheet would run as a formula gets a leading apostrophe (core/spreadsheets.py).
"""

import csv
import io
import json

from core.spreadsheets import BOM, CSV_DELIMITER, neutralise_formula

from .datasets import LICENCE_NAME, LICENCE_URL, MULTI_VALUE_SEPARATOR


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise_formula(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return neutralise_formula(MULTI_VALUE_SEPARATOR.join(value))
    if isinstance(value, float):
        return repr(value)  # shortest exact form, "." as decimal separator
    return str(value)


def to_csv(dataset, rows):
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(dataset.columns)
    for row in rows:
        writer.writerow([_csv_cell(row[column]) for column in dataset.columns])
    return buffer.getvalue().encode("utf-8")


def to_geojson(dataset, rows, *, attribution):
    """An RFC 7946 FeatureCollection; licence and attribution as foreign members.

    Features without coordinates keep a null geometry (allowed by RFC 7946), so that the
    GeoJSON and the CSV list the same records.
    """
    features = []
    for row in rows:
        latitude, longitude = row["latitude"], row["longitude"]
        geometry = (
            {"type": "Point", "coordinates": [longitude, latitude]}
            if latitude is not None and longitude is not None
            else None
        )
        properties = {column: row[column] for column in dataset.columns if column not in ("latitude", "longitude")}
        features.append({"type": "Feature", "id": row["identifiant"], "geometry": geometry, "properties": properties})
    collection = {
        "type": "FeatureCollection",
        "name": dataset.slug,
        "title": dataset.title,
        "description": dataset.description,
        "licence": LICENCE_NAME,
        "licence_url": LICENCE_URL,
        "attribution": attribution,
        "features": features,
    }
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
