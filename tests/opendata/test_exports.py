"""Open data out: only public listings, never contacts or members, stable columns, valid
GeoJSON, Licence Ouverte stated, cacheable responses built in a constant number of queries."""

import csv
import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from listings.models import Organisation
from reference.models import Commune, HealthFacility, Profession
from tests.graphql_api.conftest import make_listing

LICENCE = "Licence Ouverte / Open Licence version 2.0 (Etalab)"

# The published contract with reusers: append new columns at the end, never rename or remove.
LISTING_COLUMNS = [
    "identifiant",
    "slug",
    "titre",
    "type",
    "type_libelle",
    "resume",
    "description",
    "professions",
    "professions_codes",
    "commune_code_insee",
    "commune_nom",
    "adresse",
    "latitude",
    "longitude",
    "surface_m2",
    "loyer_mensuel_eur",
    "prix_cession_eur",
    "mois_loyer_offerts",
    "conditions",
    "disponible_le",
    "derniere_publication",
    "derniere_confirmation",
    "structure",
    "structure_type",
    "url",
    "disponible_jusqu_au",
    "logement_fourni",
    "rythme_remplacement",
    "type_contrat",
    "temps_de_travail",
    "temps_de_travail_precisions",
    "salaire_brut_mensuel_min_eur",
    "salaire_brut_mensuel_max_eur",
    "secretariat_partage",
    "places_internes",
    "prix_mensuel_interne_eur",
]
FACILITY_COLUMNS = [
    "identifiant",
    "numero_finess",
    "nom",
    "type",
    "type_libelle",
    "commune_code_insee",
    "commune_nom",
    "adresse",
    "latitude",
    "longitude",
    "accueille_internes",
    "telephone",
    "site_web",
    "places",
]
FILES = ["annonces.csv", "annonces.geojson", "offre-de-soins.csv", "offre-de-soins.geojson"]


@pytest.fixture
def die(db):
    return Commune.objects.create(insee_code="26113", name="Die", centroid_latitude=44.753, centroid_longitude=5.370)


@pytest.fixture
def gp(db):
    return Profession.objects.create(name="Médecin généraliste", slug="medecin-generaliste", sort_order=1)


def get(client, name, **headers):
    return client.get(f"/donnees-ouvertes/{name}", headers=headers)


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "UTF-8 with BOM, for spreadsheets"
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def read_geojson(response):
    return json.loads(response.content)


def test_only_published_listings_never_contacts_or_members(client, die, gp):
    member = get_user_model().objects.create_user(
        username="membre-secret", email="membre-secret@example.org", password="x", first_name="Membrine"
    )
    organisation = Organisation.objects.create(name="CPTS du Diois", kind="cpts", email="cpts-secret@example.org")
    organisation.members.add(member)
    public = make_listing(
        die, title="Publiée visible", professions=[gp], contact="consented", organisation=organisation
    )
    private_contact = make_listing(die, title="Publiée contact privé", contact="private")
    hidden = {
        state: make_listing(die, state=state, title=f"Cachée {state}")
        for state in ("draft", "pending", "rejected", "expired", "expired_date", "withdrawn")
    }
    pending_edit = make_listing(die, state="pending_edit", title="Publiée avec une modification en attente")

    for name in ("annonces.csv", "annonces.geojson"):
        response = get(client, name)
        assert response.status_code == 200
        content = response.content.decode("utf-8")
        for listing in (public, private_contact, pending_edit):
            assert f"annonce-{listing.pk}" in content
            assert listing.slug in content
        for state, listing in hidden.items():
            assert f"Cachée {state}" not in content, state
            assert f"annonce-{listing.pk}" not in content, state
            assert listing.slug not in content, state
        assert "MODIFIÉE" not in content, "only the approved version of a listing with a pending edit"
        for secret in ("Dr Secret", "0600000000", "membre-secret", "Membrine", "cpts-secret"):
            assert secret not in content, secret
        assert not re.search(r"secret\d+@", content), "contact e-mails (« secretariat_partage » is a column)"
        assert "CPTS du Diois" in content  # the structure's name is public, its members are not

    rows = read_csv(get(client, "annonces.csv"))
    assert len(rows) == 1 + 3
    features = read_geojson(get(client, "annonces.geojson"))["features"]
    expected = sorted([public.pk, private_contact.pk, pending_edit.pk])
    assert [feature["id"] for feature in features] == [f"annonce-{pk}" for pk in expected]


def test_columns_are_stable(client, die, gp):
    make_listing(die, professions=[gp])
    HealthFacility.objects.create(kind="msp", name="MSP de Die", commune=die)
    assert read_csv(get(client, "annonces.csv"))[0] == LISTING_COLUMNS
    assert read_csv(get(client, "offre-de-soins.csv"))[0] == FACILITY_COLUMNS
    listing_properties = read_geojson(get(client, "annonces.geojson"))["features"][0]["properties"]
    assert list(listing_properties) == [c for c in LISTING_COLUMNS if c not in ("latitude", "longitude")]
    facility_properties = read_geojson(get(client, "offre-de-soins.geojson"))["features"][0]["properties"]
    assert list(facility_properties) == [c for c in FACILITY_COLUMNS if c not in ("latitude", "longitude")]


def test_empty_files_still_have_their_header(client, db):
    assert read_csv(get(client, "annonces.csv")) == [LISTING_COLUMNS]
    assert read_geojson(get(client, "offre-de-soins.geojson"))["features"] == []


def test_listing_values(client, die, gp, settings):
    settings.OPENDATA_LISTING_URL = "https://guichet.example.org/annonces/{slug}/"
    nurse = Profession.objects.create(name="Infirmier·ère", slug="infirmier", sort_order=2)
    listing = make_listing(
        die,
        kind="practice_takeover",
        title="Cabinet; « à reprendre »\nà Die",
        professions=[nurse, gp],
        coordinates=(44.7531, 5.3702),
        surface_m2=72.5,
        rent_free_months=6,
    )
    header, row = read_csv(get(client, "annonces.csv"))
    values = dict(zip(header, row, strict=True))
    assert values["identifiant"] == f"annonce-{listing.pk}"
    assert values["titre"] == "Cabinet; « à reprendre »\nà Die"  # quoted, not split
    assert values["type"] == "practice_takeover"
    assert values["type_libelle"] == "Cabinet à reprendre"
    assert values["professions"] == "Médecin généraliste | Infirmier·ère"
    assert values["professions_codes"] == "medecin-generaliste | infirmier"
    assert (values["commune_code_insee"], values["commune_nom"]) == ("26113", "Die")
    assert (values["latitude"], values["longitude"]) == ("44.7531", "5.3702")
    assert (values["surface_m2"], values["mois_loyer_offerts"], values["loyer_mensuel_eur"]) == ("72.5", "6", "")
    assert values["url"] == f"https://guichet.example.org/annonces/{listing.slug}/"
    assert values["derniere_publication"].startswith(str(listing.last_published_at.date()))


def test_geojson_is_a_valid_feature_collection(client, die, gp):
    listing = make_listing(die, professions=[gp], coordinates=(44.75, 5.37))
    HealthFacility.objects.create(kind="hospital", name="CH de Die", finess_number="260000047", commune=die)
    no_position = HealthFacility.objects.create(kind="cpts", name="CPTS sans adresse", commune=die)
    for name in ("annonces.geojson", "offre-de-soins.geojson"):
        response = get(client, name)
        assert response["Content-Type"] == "application/geo+json"
        collection = read_geojson(response)
        assert collection["type"] == "FeatureCollection"
        assert collection["licence"] == LICENCE
        assert collection["attribution"]
        for feature in collection["features"]:
            assert feature["type"] == "Feature"
            assert isinstance(feature["id"], str) and feature["id"] == feature["properties"]["identifiant"]
            geometry = feature["geometry"]
            if geometry is not None:
                assert geometry["type"] == "Point"
                longitude, latitude = geometry["coordinates"]  # RFC 7946: longitude first
                assert 4.6 <= longitude <= 5.85 and 44.1 <= latitude <= 45.4
    listing_feature = read_geojson(get(client, "annonces.geojson"))["features"][0]
    assert listing_feature["geometry"]["coordinates"] == [5.37, 44.75]
    assert listing_feature["properties"]["professions"] == ["Médecin généraliste"]
    facilities = {f["id"]: f for f in read_geojson(get(client, "offre-de-soins.geojson"))["features"]}
    assert set(facilities) == {"260000047", f"etablissement-{no_position.pk}"}, "FINESS number when known"
    assert facilities[f"etablissement-{no_position.pk}"]["geometry"] is None
    assert facilities["260000047"]["properties"]["type_libelle"] == "Centre hospitalier"
    assert listing.slug in json.dumps(listing_feature)


def test_responses_are_public_cacheable_and_state_the_licence(client, die):
    make_listing(die)
    for name in [*FILES, "", "catalogue.json"]:
        response = get(client, name)
        assert response.status_code == 200, name
        assert response["Cache-Control"].startswith("public, max-age="), name
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "licence-ouverte" in response["Link"]
        assert get(client, name, if_none_match=response["ETag"]).status_code == 304
    assert client.post("/donnees-ouvertes/annonces.csv").status_code == 405
    assert get(client, "inconnu.csv").status_code == 404
    assert get(client, "annonces.xlsx").status_code == 404
    assert LICENCE in get(client, "").content.decode()


def test_catalogue_describes_every_distribution(client, db):
    catalogue = json.loads(get(client, "catalogue.json").content)
    assert catalogue["@type"] == "dcat:Catalog"
    assert "licence-ouverte" in catalogue["dct:license"]
    urls = [d["dcat:downloadURL"] for ds in catalogue["dcat:dataset"] for d in ds["dcat:distribution"]]
    assert urls == [f"http://testserver/donnees-ouvertes/{name}" for name in FILES]
    for url in urls:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200
    columns = {ds["dct:identifier"]: ds["columns"] for ds in catalogue["dcat:dataset"]}
    assert columns == {"annonces": LISTING_COLUMNS, "offre-de-soins": FACILITY_COLUMNS}


def test_publishing_refreshes_the_cached_file(client, die):
    make_listing(die, title="Première")
    assert "Première" in get(client, "annonces.csv").content.decode()
    make_listing(die, title="Seconde")
    assert "Seconde" in get(client, "annonces.csv").content.decode()
    withdrawn = make_listing(die, title="Bientôt retirée")
    assert "Bientôt retirée" in get(client, "annonces.csv").content.decode()
    withdrawn.unpublish()
    assert "Bientôt retirée" not in get(client, "annonces.csv").content.decode()


@pytest.mark.slow  # builds its data at two sizes: in CI, not in the fast set
# +2 each: the request's desk (its site by host, its settings), read once per host and version.
@pytest.mark.parametrize(("name", "queries"), [("annonces.csv", 4), ("annonces.geojson", 4), ("offre-de-soins.csv", 3)])
def test_query_count_is_constant(client, die, gp, django_assert_num_queries, name, queries):
    organisation = Organisation.objects.create(name="Mairie de Die", kind="municipality")

    def add(n):
        for i in range(n):
            make_listing(die, professions=[gp], organisation=organisation)
            HealthFacility.objects.create(kind="practice", name=f"Cabinet {i}", commune=die)

    for total in (2, 25):
        add(total - HealthFacility.objects.count())
        cache.clear()
        with django_assert_num_queries(queries):
            response = get(client, name)
        records = read_csv(response)[1:] if name.endswith(".csv") else read_geojson(response)["features"]
        assert len(records) == total
        # A second request is served from the server cache, without any query.
        with django_assert_num_queries(0):
            assert get(client, name).content == response.content


@pytest.mark.django_db
def test_the_open_data_page_has_the_site_favicon(client):
    html = client.get("/donnees-ouvertes/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
