"""manage.py bootstrap_desk starts a desk for another territory; two desks share one schema.

Replication is one instance per desk: the same code and GraphQL schema, its own database,
configured by environment variables (TERRITORY_*). Each test here runs on a fresh test
database, i.e. one instance: bootstrapped for the Ardèche (hand-made test fixture) it
holds and serves only Ardèche communes, and the bootstrap refuses another territory's file.
"""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from aides.models import AidAudience, AidsIndexPage
from home.models import ContentPage, DeskSettings, HomePage
from partners.models import PartnersIndexPage
from reference.models import Commune, Profession
from tests.graphql_api.conftest import make_listing

# Runs bootstrap_desk end to end on several territories: in CI, not in the fast set.
pytestmark = pytest.mark.slow

ARDECHE_FILE = Path(settings.BASE_DIR) / "tests/fixtures/ardeche/communes-07-test.geojson"
DROME_FILE = Path(settings.BASE_DIR) / "data/drome/communes-26-drome.geojson"
ARDECHE = {"code": "07", "name": "Ardèche", "bbox": (3.85, 44.25, 4.90, 45.40), "center": (44.75, 4.42), "zoom": 9}
DROME = {"code": "26", "name": "Drôme", "bbox": (4.60, 44.10, 5.85, 45.40), "center": (44.73, 5.05), "zoom": 9}
ARDECHE_CODES = {"07186", "07010", "07019", "07324", "07319", "07132", "07330"}


def bootstrap(*args):
    output = StringIO()
    call_command("bootstrap_desk", *args, stdout=output)
    return output.getvalue()


def counts():
    return {
        model.__name__: model.objects.count() for model in (Commune, Profession, AidAudience, Page, Site, DeskSettings)
    }


@pytest.fixture
def ardeche(settings):
    settings.TERRITORY = ARDECHE
    return ARDECHE


@pytest.fixture
def drome_subset(tmp_path):
    """Five Drôme communes from the real file: a small second desk."""
    data = json.loads(DROME_FILE.read_text(encoding="utf-8"))
    data["features"] = data["features"][:5]
    path = tmp_path / "communes-26-extrait.geojson"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path, {feature["properties"]["code"] for feature in data["features"]}


def test_bootstrap_ardeche_fixture(client, db, ardeche):
    output = bootstrap("--communes-file", str(ARDECHE_FILE), "--contact-email", "guichet-sante@example.org")

    assert set(Commune.objects.values_list("insee_code", flat=True)) == ARDECHE_CODES
    assert set(Commune.objects.values_list("departement_code", flat=True)) == {"07"}
    assert list(Profession.objects.values_list("name", flat=True)) == ["Médecin généraliste"]
    assert list(AidAudience.objects.values_list("code", flat=True)) == [
        "etudiant",
        "interne",
        "docteur-junior",
        "remplacant",
        "installe",
        "msu",
    ]

    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage) and home.live and "Ardèche" in home.title
    assert Page.objects.filter(depth=2).count() == 1, "Wagtail's welcome page is replaced"
    children = {page.slug: page.specific for page in home.get_children().live()}
    assert isinstance(children["aides"], AidsIndexPage)
    assert isinstance(children["partenaires"], PartnersIndexPage)
    assert isinstance(children["parcours"], ContentPage)
    assert children["parcours"].title == "De l'internat à l'installation"
    assert all(page.has_unpublished_changes is False for page in children.values())

    desk = DeskSettings.for_site(site)
    assert (desk.territory_name, desk.contact_email) == ("Ardèche", "guichet-sante@example.org")
    min_lon, min_lat, max_lon, max_lat = ARDECHE["bbox"]
    assert min_lat < desk.map_center_latitude < max_lat and min_lon < desk.map_center_longitude < max_lon
    assert 5 <= desk.map_zoom <= 13

    assert "Communes : 7 créées" in output
    assert "Guichet prêt." in output and "import_finess" in output and "createsuperuser" in output
    assert client.get("/").status_code == 200


def test_bootstrap_is_idempotent(db, ardeche):
    bootstrap("--communes-file", str(ARDECHE_FILE), "--desk-name", "Guichet santé Ardèche")
    before = counts()
    output = bootstrap("--communes-file", str(ARDECHE_FILE))
    assert counts() == before
    assert "Rien à créer" in output
    assert DeskSettings.for_site(Site.objects.get(is_default_site=True)).desk_name == "Guichet santé Ardèche"


def test_options_given_later_are_applied(db, ardeche):
    bootstrap("--communes-file", str(ARDECHE_FILE))
    bootstrap("--communes-file", str(ARDECHE_FILE), "--contact-email", "nouveau@example.org")
    assert DeskSettings.for_site(Site.objects.get(is_default_site=True)).contact_email == "nouveau@example.org"


def test_other_professions(db, ardeche):
    bootstrap(
        "--communes-file", str(ARDECHE_FILE), "--professions", " Masseur-kinésithérapeute, Infirmier·ère ,Orthophoniste"
    )
    professions = dict(Profession.objects.values_list("name", "slug"))
    assert professions == {
        "Masseur-kinésithérapeute": "masseur-kinesitherapeute",
        "Infirmier·ère": "infirmier",  # the slug seed_demo uses, so both agree
        "Orthophoniste": "orthophoniste",
    }
    journey = ContentPage.objects.get(slug="parcours")
    assert "masseur-kinésithérapeute" in str(journey.body)


def test_refuses_another_territorys_communes(db, ardeche):
    with pytest.raises(CommandError) as error:
        bootstrap("--communes-file", str(DROME_FILE))
    message = str(error.value)
    assert "ne décrit pas le territoire configuré, Ardèche (07)" in message
    assert "commune du département 26, pas du département 07" in message
    assert "TERRITORY_CODE" in message
    assert counts()["Commune"] == 0 and not HomePage.objects.exists(), "nothing written"


def test_refuses_communes_outside_the_bounding_box(db, settings):
    settings.TERRITORY = {**ARDECHE, "bbox": (3.85, 44.25, 4.90, 45.0)}  # cuts off Annonay and Tournon
    with pytest.raises(CommandError) as error:
        bootstrap("--communes-file", str(ARDECHE_FILE))
    message = str(error.value)
    assert "2 commune(s) sur 7 refusée(s)" in message
    assert "07010, Annonay" in message and "hors de l'emprise du territoire" in message
    assert "TERRITORY_BBOX=4.34,44.36,4.88,45.28" in message, "a bounding box that fits the file is suggested"
    assert Commune.objects.count() == 0


def test_refuses_an_unreadable_file(db, ardeche, tmp_path):
    broken = tmp_path / "communes.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(CommandError, match="JSON mal formé"):
        bootstrap("--communes-file", str(broken))
    with pytest.raises(CommandError, match="Fichier introuvable"):
        bootstrap("--communes-file", str(tmp_path / "absent.geojson"))


# --- Two desks: same schema, each its own data ------------------------------------------------


def sdl_for(territory):
    """The SDL printed by a fresh process configured for this territory (as a deployment is)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "TERRITORY_CODE": territory["code"],
        "TERRITORY_NAME": territory["name"],
        "TERRITORY_BBOX": ",".join(map(str, territory["bbox"])),
    }
    script = "import django; django.setup(); from graphql_api.schema import schema; print(schema.as_str())"
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", script], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    )
    return result.stdout


def test_two_territories_serve_the_same_graphql_schema():
    ardeche_sdl, drome_sdl = sdl_for(ARDECHE), sdl_for(DROME)
    assert "type Query" in ardeche_sdl
    assert ardeche_sdl == drome_sdl


PUBLIC_QUERY = """{
  communes(pagination: {limit: 100}) { totalCount results { inseeCode } }
  listings(pagination: {limit: 100}) { totalCount results { commune { inseeCode } } }
  siteSettings { territoryName }
}"""


def public_codes(client):
    response = client.post("/graphql/", data=json.dumps({"query": PUBLIC_QUERY}), content_type="application/json")
    data = response.json()["data"]
    communes = {row["inseeCode"] for row in data["communes"]["results"]}
    listings = {row["commune"]["inseeCode"] for row in data["listings"]["results"]}
    assert data["communes"]["totalCount"] == len(communes)
    open_data = client.get("/donnees-ouvertes/annonces.csv").content.decode()
    return communes, listings, data["siteSettings"]["territoryName"], open_data


def test_ardeche_desk_sees_only_ardeche(client, db, ardeche):
    bootstrap("--communes-file", str(ARDECHE_FILE))
    make_listing(Commune.objects.get(insee_code="07186"), title="Local à Privas", coordinates=(44.735, 4.599))
    communes, listings, territory, files = public_codes(client)
    assert communes == ARDECHE_CODES
    assert listings == {"07186"}
    assert territory == "Ardèche"
    assert ";26" not in files and ";07186;Privas;" in files


def test_drome_desk_sees_only_drome(client, db, settings, drome_subset):
    settings.TERRITORY = DROME
    path, codes = drome_subset
    bootstrap("--communes-file", str(path))
    commune = Commune.objects.order_by("insee_code").first()
    make_listing(commune, title="Local en Drôme", coordinates=(commune.centroid_latitude, commune.centroid_longitude))
    communes, listings, territory, files = public_codes(client)
    assert communes == codes and all(code.startswith("26") for code in communes)
    assert listings == {commune.insee_code}
    assert territory == "Drôme"
    assert ";07" not in files
