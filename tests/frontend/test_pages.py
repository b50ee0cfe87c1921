"""Server-rendered pages of the public site (no JavaScript needed), on a small known desk."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse

from listings.factories import ListingFactory

pytestmark = pytest.mark.django_db

FRONTEND = Path(__file__).resolve().parents[2] / "frontend"


def test_frontend_reads_only_the_api_never_the_orm():
    """No module of the public site imports models or querysets."""
    forbidden = ("models", "django.db", "wagtail.models", "listings", "reference", "aides", "partners", "home")
    allowed = {"django.contrib.auth.models"}  # AnonymousUser: the API's anonymous visitor, no query
    for path in FRONTEND.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in set(names) - allowed:
                assert not name.startswith(forbidden) and not name.endswith(".models"), f"{path.name} imports {name}"


def test_map_page_lists_public_listings_only(client, small_site):
    response = client.get("/carte/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "3\u00a0opportunités" in html
    assert "Cabinet lumineux à Valmont" in html
    assert "Brouillon invisible" not in html
    assert 'lang="fr"' in html and "<main" in html
    # Every filter field has a label.
    for field_id in ("f-type", "f-profession", "f-commune", "f-rayon", "f-q"):
        assert f'<label for="{field_id}"' in html


def test_map_page_filters_by_kind_profession_and_commune(client, small_site):
    html = client.get("/carte/", {"type": "SALARIED_POST"}).content.decode()
    assert "1\u00a0opportunité" in html and "Poste de pédiatre salarié" in html
    assert "Cabinet lumineux" not in html
    html = client.get("/carte/", {"profession": "medecin-generaliste"}).content.decode()
    assert "2\u00a0opportunités" in html and "Poste de pédiatre" not in html
    html = client.get("/carte/", {"commune": "valmont sur drome"}).content.decode()
    assert "2\u00a0opportunités" in html and "Valmont-sur-Drôme (26501)" in html
    html = client.get("/carte/", {"commune": "Nulle-Part"}).content.decode()
    assert "Aucune commune ne correspond" in html


def test_listing_page(client, small_site):
    response = client.get(reverse("frontend:listing", args=["cabinet-lumineux-valmont"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Cabinet lumineux à Valmont" in html
    assert '<meta name="description" content="Un cabinet de 20 m²' in html
    assert "Six mois de loyer offerts." in html
    assert "camille@example.org" in html  # consented
    assert "mailto:guichet@example.org?subject=Annonce%20%C3%A0%20mettre%20%C3%A0%20jour" in html
    assert "Prime d&#x27;installation en zone prioritaire" in html or "Prime d'installation en zone prioritaire" in html
    assert "zonage fictif de démonstration" in html


def test_a_listing_title_names_its_commune_once(client, small_site):
    commune = small_site.communes["a"]
    ListingFactory(title=f"Remplacements réguliers à {commune.name}", slug="remplacements-valmont", commune=commune)
    html = client.get(reverse("frontend:listing", args=["remplacements-valmont"])).content.decode()
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title == f"Remplacements réguliers à {commune.name} – Guichet unique santé", title
    # A title without the commune's name gets it, with the kind of opportunity.
    html = client.get(reverse("frontend:listing", args=["cabinet-lumineux-valmont"])).content.decode()
    assert f"– Local professionnel disponible à {commune.name} –" in html.split("</title>", 1)[0]


def test_listing_contact_only_when_consented(client, small_site):
    html = client.get(reverse("frontend:listing", args=["remplacement-ete-valmont"])).content.decode()
    assert "secret@example.org" not in html and "Secret Personne" not in html
    assert "Le contact n'est pas publié" in html


def test_unpublished_listing_is_not_found(client, small_site):
    assert client.get(reverse("frontend:listing", args=["brouillon-invisible"])).status_code == 404
    assert client.get("/annonces/n-existe-pas/").status_code == 404


def test_commune_page(client, small_site):
    response = client.get("/communes/valmont-sur-drome-26501/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Valmont-sur-Drôme</h1>" in html
    assert "Zonage fictif de démonstration" in html
    assert "Cabinet lumineux à Valmont" in html and "Brouillon invisible" not in html
    assert "Centre hospitalier de Valmont" in html and "Accueille des internes" in html
    assert "Prime d" in html and "Logement offert à Roche-Baronne" not in html
    # Short and stale URLs redirect to the canonical one.
    assert client.get("/communes/26501/")["Location"] == "/communes/valmont-sur-drome-26501/"
    assert client.get("/communes/26999/").status_code == 404


def test_commune_page_nearby_opportunities(client, small_site):
    from reference.factories import CommuneFactory

    CommuneFactory(insee_code="26504", name="Voisin", centroid_latitude=44.80, centroid_longitude=5.37)
    html = client.get("/communes/voisin-26504/").content.decode()
    assert "Opportunités à proximité" in html
    assert "Cabinet lumineux à Valmont" in html and "(à 5,6\u00a0km)" in html


@pytest.mark.parametrize(
    ("profile", "expected", "absent"),
    [
        (
            {"profil": "installe", "profession": "medecin-generaliste", "commune": "Valmont-sur-Drôme"},
            ["Prime d&#x27;installation en zone prioritaire"],
            ["Bourse des internes", "Logement offert"],
        ),
        (
            {"profil": "interne", "profession": "medecin-generaliste", "commune": "26501"},
            ["Bourse des internes"],
            ["Prime d&#x27;installation", "Logement offert"],
        ),
        (
            {"profil": "installe", "commune": "Roche-Baronne (26502)"},
            ["Logement offert à Roche-Baronne"],
            ["Prime d&#x27;installation", "Bourse des internes"],
        ),
    ],
)
def test_aid_finder(client, small_site, profile, expected, absent):
    html = client.get("/aides/trouver/", profile).content.decode()
    for title in expected:
        assert title in html
    # The other aids are listed only under « Non applicable », each with its reason.
    possible = html.split('data-verdict="NOT_APPLICABLE"')[0]
    for title in absent:
        assert title not in possible
    assert f"{len(expected)}\u00a0aide" in html


def test_aid_finder_form_without_answer(client, small_site):
    html = client.get("/aides/trouver/").content.decode()
    assert "<legend>Je suis</legend>" in html and "Médecin installé" in html
    assert "correspondent à votre situation" not in html


def test_sitemap_lists_listings_and_communes(client, small_site):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/annonces/cabinet-lumineux-valmont/" in xml
    assert "/annonces/brouillon-invisible/" not in xml
    assert "/communes/pre-vert-26503/" in xml
    assert "/carte/" in xml and "/aides/prime-zip/" in xml


def test_communes_index_and_search(client, small_site):
    html = client.get("/communes/").content.decode()
    assert "Communes avec des opportunités (2)" in html
    assert client.get("/communes/", {"commune": "pre vert"})["Location"] == "/communes/pre-vert-26503/"


def test_listings_url_redirects_to_the_list(client, small_site):
    response = client.get("/annonces/", {"type": "OFFICE"})
    assert response.status_code == 301 and response["Location"] == "/carte/?type=OFFICE"


def test_home_page_puts_the_map_first(client, small_site):
    html = client.get("/").content.decode()
    assert 'data-map="opportunities"' in html
    assert html.index('data-map="opportunities"') < html.index("Par où commencer")
    assert "Proposer une annonce" in html and "/proposer-une-annonce/" in html
    assert "<title>Guichet de test</title>" in html  # its own name, not repeated


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/carte/",
        "/carte/?profession=medecin-generaliste",
        "/annonces/cabinet-lumineux-valmont/",
        "/communes/",
        "/communes/valmont-sur-drome-26501/",
        "/aides/trouver/",
        "/sitemap.xml",
    ],
)
def test_warm_anonymous_pages_run_no_sql(client, small_site, settings, url):
    """The full-page cache (cms/pagecache.py) answers a second visitor without the database."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 600
    first = client.get(url)
    assert first.status_code == 200 and first["X-Page-Cache"] == "MISS"
    client.cookies.clear()
    with CaptureQueriesContext(connection) as ctx:
        warm = client.get(url)
    assert warm["X-Page-Cache"] == "HIT" and warm.content == first.content
    assert len(ctx.captured_queries) == 0, [query["sql"][:80] for query in ctx.captured_queries]


def test_a_mistyped_address_gets_a_french_page_with_a_way_back(client, small_site):
    response = client.get("/annonces/cette-annonce-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="fr">' in html and "Page introuvable" in html
    assert 'href="/carte/"' in html and "Aller au contenu" in html  # the site's header and links
    response = client.get("/une-faute-de-frappe/")
    assert response.status_code == 404 and "Page introuvable" in response.content.decode()


def test_a_server_error_is_a_french_page(client, settings):
    """500.html needs no database, cache or template tag: it renders whatever broke."""
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert '<html lang="fr">' in html and "Une erreur est survenue" in html
    assert "{%" not in html
