"""The maps as SVG images drawn by the server (frontend/static_map.py, views/static_maps.py)."""

import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.content_version import bump_content_version
from frontend.static_map import COUNT_FILLS, COUNT_STROKES, StaticMap, count_class, render
from listings.factories import ListingFactory
from listings.models import Listing, ListingKind, ListingStatus
from reference.factories import CommuneFactory, HealthFacilityFactory
from reference.models import Commune

from .conftest import square

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
MAP = "/carte/plan.svg"
VALMONT = "/communes/valmont-sur-drome-26501/plan.svg"
OFFICE = "/annonces/cabinet-lumineux-valmont/plan.svg"


def parse(response):
    assert response.status_code == 200, response.status_code
    return ET.fromstring(response.content)  # noqa: S314 (the site's own image)


def by_class(root):
    """{css class: element} of the groups and shapes that carry one."""
    return {element.get("class"): element for element in root.iter() if element.get("class")}


def commune_paths(root):
    """{id of the group in <defs>: number of commune outlines in it}."""
    defs = root.find(f"{SVG}defs")
    return {group.get("id"): len(group.findall(f"{SVG}path")) for group in defs}


def tinted(root):
    """{count class: number of communes drawn with it} (the selected commune included)."""
    paths = commune_paths(root)
    counts = {}
    for element in root.iter(f"{SVG}g"):
        classes = (element.get("class") or "").split()
        if "communes" in classes or "selected" in classes:
            klass = int(next(c for c in classes if c.startswith("count-")).removeprefix("count-"))
            for use in element.findall(f"{SVG}use"):
                counts[klass] = counts.get(klass, 0) + paths[use.get("href").removeprefix("#")]
    return counts


def pins(root):
    group = by_class(root).get("listings")
    return 0 if group is None else len(group.findall(f"{SVG}circle"))


def title(root):
    return root.find(f"{SVG}title").text


def test_count_classes_are_the_interactive_maps():
    assert [count_class(n) for n in (0, 1, 2, 3, 4, 5, 40)] == [0, 1, 2, 2, 4, 4, 4]
    assert COUNT_FILLS == {0: "#f4f1ea", 1: "#b7ded6", 2: "#5eb1a3", 4: "#1b6f62"}
    assert COUNT_STROKES == {0: "#a39d8f", 1: "#17564c", 2: "#17564c", 4: "#17564c"}


def test_map_image_headers_and_document(client, small_site):
    response = client.get(MAP)
    root = parse(response)
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert title(root) == "Carte des opportunités d'installation en Drôme : 3\u00a0opportunités"
    assert root.find(f"{SVG}desc") is not None
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    assert max(width, height) == 800 and (width, height) == (float(root.get("width")), float(root.get("height")))
    # Self-contained: no script, no link but to its own shapes, no font or image to fetch.
    assert not [e for e in root.iter() if e.tag in (f"{SVG}script", f"{SVG}image", f"{SVG}foreignObject")]
    for element in root.iter():
        for name, value in element.attrib.items():
            assert not name.startswith("on")
            if name.endswith("href"):
                assert value.startswith("#")
    assert b"http" not in response.content.replace(b'xmlns="http://www.w3.org/2000/svg"', b"")
    # Every commune with an outline, the territory's border under them.
    assert sum(commune_paths(root).values()) == 3
    assert len(by_class(root)["outline"].findall(f"{SVG}use")) == len(commune_paths(root))
    assert by_class(root)["outline"].get("stroke") == "#0b2e4f"


def test_communes_are_tinted_by_their_public_listings(client, small_site):
    # Valmont: 2 listings; Roche-Baronne: 1 (its draft is not public); Pré-Vert: none.
    root = parse(client.get(MAP))
    assert tinted(root) == {2: 1, 1: 1, 0: 1}
    groups = by_class(root)
    for klass in (0, 1, 2):
        assert groups[f"communes count-{klass}"].get("fill") == COUNT_FILLS[klass]
        assert groups[f"communes count-{klass}"].get("stroke") == COUNT_STROKES[klass]
    assert pins(root) == 2  # the two listings of Valmont share one place
    for n in range(2):
        ListingFactory(title=f"Autre {n}", commune=small_site.communes["a"], kind=ListingKind.OFFICE)
    bump_content_version()
    root = parse(client.get(MAP))
    assert tinted(root) == {4: 1, 1: 1, 0: 1}
    assert by_class(root)["communes count-4"].get("fill") == "#1b6f62"


def test_filters_change_the_counts_and_pins(client, small_site):
    root = parse(client.get(MAP, {"type": "SALARIED_POST"}))
    assert tinted(root) == {0: 2, 1: 1} and pins(root) == 1
    assert "1\u00a0opportunité" in title(root)
    root = parse(client.get(MAP, {"profession": "medecin-generaliste"}))
    assert tinted(root) == {0: 2, 2: 1} and pins(root) == 1
    root = parse(client.get(MAP, {"q": "introuvable"}))
    assert tinted(root) == {0: 3} and pins(root) == 0
    root = parse(client.get(MAP, {"commune": "Roche-Baronne"}))
    assert tinted(root) == {0: 2, 1: 1}


def test_the_selected_commune_is_highlighted_with_its_radius(client, small_site):
    root = parse(client.get(MAP, {"commune": "valmont sur drome"}))
    groups = by_class(root)
    selected = groups["selected count-2"]
    assert selected.get("stroke") == "#0b2e4f" and selected.find(f"{SVG}use").get("href") == "#selected-commune"
    assert commune_paths(root)["selected-commune"] == 1
    assert "radius" not in groups
    bold = [text.text for text in groups["labels"] if text.get("font-weight") == "700"]
    assert bold == ["Valmont-sur-Drôme"]
    assert title(root).endswith("à Valmont-sur-Drôme")

    root = parse(client.get(MAP, {"commune": "26501", "rayon": "20"}))
    circle = by_class(root)["radius"]
    assert circle.get("stroke-dasharray") and circle.get("fill") == "none" and float(circle.get("r")) > 0
    assert title(root).endswith("à 20 km autour de Valmont-sur-Drôme")


@pytest.mark.parametrize(
    "query",
    [
        {"rayon": "abc", "type": "nope", "page": "-3"},
        {"commune": "Nulle-Part", "rayon": "20"},
        {"rayon": "15"},  # not one of the choices, and no commune
        {"profession": "inconnue-\x00"},
        {"q": "x" * 5000},
        {"type": ["OFFICE", "<script>"]},
    ],
)
def test_bad_parameters_behave_like_the_map_page(client, small_site, query):
    response = client.get(MAP, query)
    assert response.status_code == 200
    parse(response)
    assert client.get("/carte/", query).status_code == 200


def test_names_and_titles_are_escaped(client, small_site):
    hostile = '<script>alert(1)</script> & "x" \x01'
    CommuneFactory(
        insee_code="26504",
        name=hostile,
        population=900_000,
        centroid_latitude=44.5,
        centroid_longitude=4.8,
        boundary=square(44.5, 4.8),
    )
    ListingFactory(title="<script>alert(2)</script>", slug="annonce-piegee", commune=small_site.communes["a"])
    for url in (MAP, MAP + "?commune=26504", "/communes/script-alert-1-script-x-26504/plan.svg", VALMONT):
        response = client.get(url, follow=True)
        root = parse(response)
        assert b"<script" not in response.content and b"alert(1)</script>" not in response.content
        assert not list(root.iter(f"{SVG}script"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;" in client.get(MAP).content.decode()
    labels = [text.text for text in by_class(parse(client.get(MAP)))["labels"]]
    assert '<script>alert(1)</script> & "x" ' in labels
    root = parse(client.get("/annonces/annonce-piegee/plan.svg"))
    assert title(root) == "Emplacement de l'annonce « <script>alert(2)</script> » à Valmont-sur-Drôme"


def test_commune_image(client, small_site):
    root = parse(client.get(VALMONT))
    assert (root.get("width"), root.get("height")) == ("800", "600")
    assert commune_paths(root)["selected-commune"] == 1
    assert "Valmont-sur-Drôme" in title(root) and "2\u00a0opportunités" in title(root)
    assert len(by_class(root)["facilities"]) == 1 and pins(root) == 1
    # Far away, the other communes are left out of the frame.
    assert sum(commune_paths(root).values()) == 1
    response = client.get("/communes/ancien-nom-26501/plan.svg")
    assert response.status_code == 301 and response["Location"] == VALMONT
    assert client.get("/communes/nulle-part-26999/plan.svg").status_code == 404
    assert client.get("/communes/pas-un-code/plan.svg").status_code == 404


def test_listing_image(client, small_site):
    root = parse(client.get(OFFICE))
    assert (root.get("width"), root.get("height")) == ("800", "600")
    assert title(root) == "Emplacement de l'annonce « Cabinet lumineux à Valmont » à Valmont-sur-Drôme"
    assert pins(root) == 1 and commune_paths(root)["selected-commune"] == 1
    assert client.get("/annonces/n-existe-pas/plan.svg").status_code == 404


@pytest.mark.parametrize("status", [ListingStatus.DRAFT, ListingStatus.PENDING, ListingStatus.WITHDRAWN])
def test_a_listing_that_is_not_public_has_no_image(client, small_site, status):
    listing = ListingFactory(title="Pas public", slug="pas-public", commune=small_site.communes["c"], status=status)
    assert not Listing.objects.public().filter(pk=listing.pk).exists()
    response = client.get("/annonces/pas-public/plan.svg")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert client.get("/annonces/brouillon-invisible/plan.svg").status_code == 404


def test_images_are_cached_under_the_content_version(client, small_site, django_assert_num_queries):
    first = client.get(VALMONT).content
    Commune.objects.filter(insee_code="26501").update(name="Valmont-Nouveau")  # no signal
    with django_assert_num_queries(0):
        assert client.get(VALMONT).content == first
    bump_content_version()
    assert b"Valmont-Nouveau" in client.get(VALMONT).content


def test_the_map_image_is_cached_by_filters_not_by_page_or_unknown_parameters(client, small_site):
    client.get(MAP, {"type": "OFFICE"})
    with CaptureQueriesContext(connection) as ctx:
        for query in ({"type": "OFFICE", "page": "3"}, {"type": "OFFICE", "utm_source": "x"}):
            assert client.get(MAP, query).status_code == 200
    assert len(ctx.captured_queries) == 0


def test_empty_territory_gives_a_valid_image():
    svg = render(StaticMap(title="Vide & rien", communes=[], counts={}))
    root = ET.fromstring(svg)  # noqa: S314 (the renderer's own output)
    assert root.find(f"{SVG}title").text == "Vide & rien"


def cold_queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.slow
def test_query_counts_do_not_grow_with_communes_and_listings(client, small_site):
    """Cold cache, 3 then 33 communes, 3 then 15 listings. (Communes are read from the API 100
    per page, its largest: past 100 communes each more page is 2 queries, as for /carte/.)"""
    urls = [MAP, MAP + "?type=OFFICE&commune=26501&rayon=40", VALMONT, OFFICE]
    small = {url: cold_queries(client, url) for url in urls}
    a = small_site.communes["a"]
    for n in range(30):
        latitude, longitude = 44.0 + (n // 6) * 0.1, 4.7 + (n % 6) * 0.1
        commune = CommuneFactory(
            insee_code=f"26{600 + n}",
            name=f"Commune {n}",
            centroid_latitude=latitude,
            centroid_longitude=longitude,
            boundary=square(latitude, longitude),
        )
        HealthFacilityFactory(commune=a if n % 2 else commune)
    for n in range(12):
        ListingFactory(title=f"Annonce {n}", commune=a, kind=ListingKind.OFFICE)
    large = {url: cold_queries(client, url) for url in urls}
    assert large == small
    assert parse(client.get(MAP)) is not None and Commune.objects.count() == 33
