"""Two desks in one instance, seen from the public side: each host answers with its own desk
only — GraphQL root fields and nested lists, pages, open data, sitemap, search, caches and
reference JSON — and every host serves the very same committed schema (issue 17).

Each test runs once per host; the other desk's rows are built so that forgetting the desk
anywhere would show them (tests/desks.py).
"""

import csv
import io
import json
from pathlib import Path

import pytest
from django.utils.html import escape
from graphql import (
    build_client_schema,
    build_schema,
    get_introspection_query,
    lexicographic_sort_schema,
    print_schema,
)

from tests.desks import HOSTS, SANTE, VETO

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def gql(client, host, query, variables=None):
    body = {"query": query, **({"variables": variables} if variables else {})}
    response = client.post("/graphql/", data=json.dumps(body), content_type="application/json", HTTP_HOST=host)
    assert response.status_code in (200, 400), response.content
    return response.json()


def data(client, host, query, variables=None):
    body = gql(client, host, query, variables)
    assert "errors" not in body, body
    return body["data"]


def get(client, host, path, **extra):
    return client.get(path, HTTP_HOST=host, **extra)


def slugs(desk, *keys):
    return {desk.listings[key].slug for key in keys}


PUBLIC = {SANTE: ("public",), VETO: ("public", "stray")}


# --- GraphQL root fields -------------------------------------------------------------------------


@pytest.mark.parametrize("host", HOSTS)
def test_listings_are_the_desks(client, two_desks, host):
    own, other = two_desks[host], two_desks.other(host)
    found = data(client, host, "{ listings { totalCount results { slug organisation { name } } } }")["listings"]
    assert {row["slug"] for row in found["results"]} == slugs(own, *PUBLIC[host])
    assert found["totalCount"] == len(PUBLIC[host])
    assert {row["organisation"]["name"] for row in found["results"]} == {own.organisation.name}
    assert not slugs(other, *other.listings) & {row["slug"] for row in found["results"]}


@pytest.mark.parametrize("host", HOSTS)
def test_listing_by_slug_or_id_of_the_other_desk_is_null(client, two_desks, host):
    own, other = two_desks[host], two_desks.other(host)
    query = "query($slug: String, $id: ID) { listing(slug: $slug, id: $id) { slug } }"
    assert data(client, host, query, {"slug": own.listings["public"].slug})["listing"] == {
        "slug": own.listings["public"].slug
    }
    assert data(client, host, query, {"slug": other.listings["public"].slug})["listing"] is None
    assert data(client, host, query, {"id": str(other.listings["public"].pk)})["listing"] is None


@pytest.mark.parametrize("host", HOSTS)
def test_former_listing_is_the_desks(client, two_desks, host):
    own, other = two_desks[host], two_desks.other(host)
    query = "query($slug: String!) { formerListing(slug: $slug) { slug kindCode } }"
    assert data(client, host, query, {"slug": own.listings["expired"].slug})["formerListing"]["kindCode"] == "office"
    assert data(client, host, query, {"slug": other.listings["expired"].slug})["formerListing"] is None


@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("arguments", ["", '(filter: {kindCodes: ["office"]})'])
def test_listing_map_is_the_desks(client, two_desks, host, arguments):
    features = data(client, host, f"{{ listingMap{arguments} }}")["listingMap"]["features"]
    assert {feature["properties"]["slug"] for feature in features} == slugs(two_desks[host], *PUBLIC[host])


def test_listing_map_prepared_per_desk_follows_the_host_in_turn(client, two_desks):
    """The prepared map queries are compiled per desk: asking A, then B, then A again gives
    each its own map (never the first desk's compiled statement)."""
    for host in (SANTE, VETO, SANTE, VETO):
        from django.core.cache import cache

        cache.clear()
        features = data(client, host, "{ listingMap }")["listingMap"]["features"]
        assert {f["properties"]["slug"] for f in features} == slugs(two_desks[host], *PUBLIC[host])


@pytest.mark.parametrize("host", HOSTS)
def test_communes_are_the_desks_territory_with_the_desks_counts(client, two_desks, host):
    own = two_desks[host]
    query = """{ communes { results { inseeCode listingCount healthFacilityCount
        listings { slug } healthFacilities { name } } } }"""
    rows = {row["inseeCode"]: row for row in data(client, host, query)["communes"]["results"]}
    assert set(rows) == {commune.insee_code for commune in own.communes.values()}
    if host == SANTE:
        # The veterinary desk's public listing and facility in Roche are not the health desk's.
        roche = rows["26502"]
        assert (roche["listingCount"], roche["healthFacilityCount"]) == (0, 0)
        assert roche["listings"] == [] and roche["healthFacilities"] == []
        valmont = rows["26501"]
        assert (valmont["listingCount"], valmont["healthFacilityCount"]) == (1, 1)
    else:
        vallon = rows["07501"]
        assert (vallon["listingCount"], vallon["healthFacilityCount"]) == (1, 1)
        assert [row["slug"] for row in vallon["listings"]] == ["clinique-veto"]


@pytest.mark.parametrize("host", HOSTS)
def test_communes_with_opportunities_and_commune_by_code(client, two_desks, host):
    own, other = two_desks[host], two_desks.other(host)
    found = data(client, host, "{ communes(filter: {withOpportunities: true}) { results { inseeCode } } }")
    expected = {SANTE: {"26501"}, VETO: {"07501"}}[host]
    assert {row["inseeCode"] for row in found["communes"]["results"]} == expected
    query = "query($code: String!) { commune(inseeCode: $code) { name } }"
    own_code = next(iter(own.communes.values())).insee_code
    other_code = next(iter(other.communes.values())).insee_code
    assert data(client, host, query, {"code": own_code})["commune"] is not None
    assert data(client, host, query, {"code": other_code})["commune"] is None


@pytest.mark.parametrize("host", HOSTS)
def test_vocabularies_care_offer_and_partners_are_the_desks(client, two_desks, host):
    own = two_desks[host]
    found = data(
        client,
        host,
        """{ healthFacilities { results { name } } professions { slug } aidAudiences { code name }
            partners { title } siteSettings { deskName territoryName } }""",
    )
    assert {row["name"] for row in found["healthFacilities"]["results"]} == {f.name for f in own.facilities.values()}
    assert [row["slug"] for row in found["professions"]] == [own.professions["main"].slug]
    assert found["aidAudiences"] == [{"code": "installe", "name": own.audience.name}]
    assert [row["title"] for row in found["partners"]] == [own.partner.title]
    assert found["siteSettings"]["deskName"] == own.desk_name


@pytest.mark.parametrize("host", HOSTS)
def test_aids_and_their_filters_resolve_codes_in_the_desk(client, two_desks, host):
    own, other = two_desks[host], two_desks.other(host)
    query = """query($filter: AidFilter) { aids(filter: $filter) { results { title audiences { name } } } }"""
    everything = data(client, host, query)["aids"]["results"]
    assert [row["title"] for row in everything] == [own.aid.title]
    # « installe » exists on both desks: the desk's own audience is the one meant.
    filtered = data(client, host, query, {"filter": {"audience": "installe"}})["aids"]["results"]
    assert filtered == [{"title": own.aid.title, "audiences": [{"name": own.audience.name}]}]
    mine = data(client, host, query, {"filter": {"profession": own.professions["main"].slug}})["aids"]["results"]
    assert [row["title"] for row in mine] == [own.aid.title]
    refused = gql(client, host, query, {"filter": {"profession": other.professions["main"].slug}})
    assert refused["errors"][0]["message"] == "Profession inconnue : vérifiez l'identifiant."
    outside = gql(client, host, query, {"filter": {"commune": next(iter(other.communes.values())).insee_code}})
    assert outside["errors"][0]["message"] == "Commune inconnue : vérifiez le code INSEE."


@pytest.mark.parametrize("host", HOSTS)
def test_aid_finder_is_the_desks(client, two_desks, host):
    own, other = two_desks[host], two_desks.other(host)
    query = """query($situation: AidSituation!) { aidFinder(situation: $situation) {
        eligible { title } toCheck { title } notApplicable { title } } }"""
    situation = {"audience": "installe", "profession": own.professions["main"].slug}
    answer = data(client, host, query, {"situation": situation})["aidFinder"]
    titles = {row["title"] for group in answer.values() for row in group}
    assert titles == {own.aid.title}
    refused = gql(client, host, query, {"situation": {"profession": other.professions["main"].slug}})
    assert refused["errors"][0]["message"] == "Profession inconnue : vérifiez l'identifiant."


@pytest.mark.parametrize("host", HOSTS)
def test_key_figures_count_the_desks_cases(client, two_desks, host, settings):
    settings.ACCOMPANIMENT_PUBLIC_MIN_COUNT = 1
    figures = data(client, host, "{ keyFigures { candidates byProfession { key candidates } } }")["keyFigures"]
    own = two_desks[host]
    assert figures["candidates"] == len(own.cases)
    assert figures["byProfession"] == [{"key": own.professions["main"].slug, "candidates": len(own.cases)}]


@pytest.mark.parametrize("host", HOSTS)
def test_page_by_path_is_the_desks(client, two_desks, host):
    own = two_desks[host]
    query = "query($path: String!) { page(path: $path) { title ... on AidPage { slug } } }"
    assert data(client, host, query, {"path": f"/aides/{own.aid.slug}/"})["page"]["title"] == own.aid.title
    other_aid = two_desks.other(host).aid
    assert data(client, host, query, {"path": f"/aides/{other_aid.slug}/"})["page"] is None


@pytest.mark.parametrize("host", HOSTS)
def test_search_finds_the_desks_listings_only(client, two_desks, host):
    query = "query($q: String!) { listings(filter: {search: $q}) { results { slug } } }"
    found = {row["slug"] for row in data(client, host, query, {"q": "vétérinaire"})["listings"]["results"]}
    assert found == (set() if host == SANTE else slugs(two_desks[host], *PUBLIC[host]))
    found = {row["slug"] for row in data(client, host, query, {"q": "cabinet"})["listings"]["results"]}
    expected = {SANTE: {"cabinet-sante"}, VETO: {"cabinet-veto-roche"}}[host]
    assert found == expected


# --- the schema ------------------------------------------------------------------------------------


@pytest.mark.parametrize("host", HOSTS)
def test_every_host_serves_the_committed_sdl(client, two_desks, host):
    """Introspection over HTTP on each desk's host prints exactly the committed schema."""
    # Everything the SDL prints: deprecated arguments and input fields, scalars' specifications.
    query = get_introspection_query(
        descriptions=True, specified_by_url=True, directive_is_repeatable=True, input_value_deprecation=True
    )
    body = data(client, host, query)
    # Sorted both sides: introspection does not keep the order of the types in the file.
    served = print_schema(lexicographic_sort_schema(build_client_schema(body)))
    committed = print_schema(
        lexicographic_sort_schema(build_schema((ROOT / "schema.graphql").read_text(encoding="utf-8")))
    )
    assert served == committed


# --- pages -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("host", HOSTS)
def test_map_page_and_search_show_the_desks_listings(client, two_desks, host):
    own, other = two_desks[host], two_desks.other(host)
    page = get(client, host, "/carte/").content.decode()
    assert own.listings["public"].title in page
    assert other.listings["public"].title not in page
    searched = get(client, host, "/carte/", data={"q": "vétérinaire"}).content.decode()
    assert (own.listings["public"].title in searched) == (host == VETO)
    assert two_desks.veto.listings["public"].title not in searched or host == VETO


@pytest.mark.parametrize("host", HOSTS)
def test_listing_page_of_the_other_desk_is_not_found(client, two_desks, host):
    own, other = two_desks[host], two_desks.other(host)
    assert get(client, host, f"/annonces/{own.listings['public'].slug}/").status_code == 200
    assert get(client, host, f"/annonces/{other.listings['public'].slug}/").status_code == 404
    # Another desk's expired listing is not « gone » here: it never was this desk's.
    assert get(client, host, f"/annonces/{other.listings['expired'].slug}/").status_code == 404
    assert get(client, host, f"/annonces/{own.listings['expired'].slug}/").status_code == 410


@pytest.mark.parametrize("host", HOSTS)
def test_commune_pages_are_the_desks_territory(client, two_desks, host):
    own, other = two_desks[host], two_desks.other(host)
    index = get(client, host, "/communes/").content.decode()
    for commune in own.communes.values():
        assert commune.name in index
    for commune in other.communes.values():
        assert commune.name not in index
    own_commune = next(iter(own.communes.values()))
    other_commune = next(iter(other.communes.values()))
    assert get(client, host, f"/communes/{own_commune.slug}/").status_code == 200
    assert get(client, host, f"/communes/{other_commune.slug}/").status_code == 404


@pytest.mark.parametrize("host", HOSTS)
def test_aid_pages_and_key_figures_pages_are_the_desks(client, two_desks, host, settings):
    settings.ACCOMPANIMENT_PUBLIC_MIN_COUNT = 1
    own, other = two_desks[host], two_desks.other(host)
    aids = get(client, host, "/aides/")
    assert aids.status_code == 200
    assert escape(own.aid.title) in aids.content.decode()
    assert escape(other.aid.title) not in aids.content.decode()
    assert get(client, host, f"/aides/{other.aid.slug}/").status_code == 404
    finder = get(client, host, "/aides/trouver/", data={"audience": "installe"})
    assert finder.status_code == 200
    assert escape(other.aid.title) not in finder.content.decode()
    figures = get(client, host, "/chiffres-cles/")
    assert figures.status_code == 200
    assert own.professions["main"].name in figures.content.decode()
    assert other.professions["main"].name not in figures.content.decode()


@pytest.mark.parametrize("host", HOSTS)
def test_public_forms_offer_the_desks_choices(client, two_desks, host):
    own, other = two_desks[host], two_desks.other(host)
    for path in ("/proposer-une-annonce/", "/espace-contributeur/demander-un-compte/", "/etre-accompagne/"):
        page = get(client, host, path).content.decode()
        own_commune = next(iter(own.communes.values()))
        assert own_commune.name in page, path
        for commune in other.communes.values():
            assert commune.name not in page, path
        if path != "/espace-contributeur/demander-un-compte/":
            assert own.professions["main"].name in page, path
            assert other.professions["main"].name not in page, path


@pytest.mark.parametrize("host", HOSTS)
def test_interest_is_only_for_the_desks_listings(client, two_desks, host):
    own, other = two_desks[host], two_desks.other(host)
    assert get(client, host, f"/etre-accompagne/annonce/{own.listings['public'].slug}/").status_code == 200
    assert get(client, host, f"/etre-accompagne/annonce/{other.listings['public'].slug}/").status_code == 404


# --- open data, sitemap, reference JSON ---------------------------------------------------------------


@pytest.mark.parametrize("host", HOSTS)
def test_open_data_files_and_catalogue_are_the_desks(client, two_desks, host):
    own, other = two_desks[host], two_desks.other(host)
    listings = get(client, host, "/donnees-ouvertes/annonces.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(listings), delimiter=";"))
    assert {row["slug"] for row in rows} == slugs(own, *PUBLIC[host])
    facilities = get(client, host, "/donnees-ouvertes/offre-de-soins.geojson").json()
    assert {f["properties"]["nom"] for f in facilities["features"]} == {f.name for f in own.facilities.values()}
    assert own.desk_name in facilities["attribution"] and other.desk_name not in facilities["attribution"]
    catalogue = get(client, host, "/donnees-ouvertes/catalogue.json").json()
    assert catalogue["dct:spatial"]["dct:identifier"] == f"departement:{own.territory_code}"
    assert catalogue["dct:publisher"]["foaf:name"].startswith(own.desk_name)
    index = get(client, host, "/donnees-ouvertes/").content.decode()
    assert own.desk_name in index


def test_open_data_file_cache_is_per_desk(client, two_desks):
    """The server keeps each desk's file under its own key: B never gets A's cached file."""
    first = get(client, SANTE, "/donnees-ouvertes/annonces.csv").content.decode("utf-8-sig")
    second = get(client, VETO, "/donnees-ouvertes/annonces.csv").content.decode("utf-8-sig")
    assert "cabinet-sante" in first and "clinique-veto" not in first
    assert "clinique-veto" in second and "cabinet-sante" not in second


@pytest.mark.parametrize("host", HOSTS)
def test_sitemap_lists_the_desks_pages(client, two_desks, host):
    own, other = two_desks[host], two_desks.other(host)
    sitemap = get(client, host, "/sitemap.xml").content.decode()
    assert f"http://{host}/annonces/{own.listings['public'].slug}/" in sitemap
    assert other.listings["public"].slug not in sitemap
    assert f"/aides/{own.aid.slug}/" in sitemap and f"/aides/{other.aid.slug}/" not in sitemap
    for commune in other.communes.values():
        assert f"/communes/{commune.slug}/" not in sitemap


@pytest.mark.parametrize("host", HOSTS)
def test_reference_geojson_is_the_desks_territory(client, two_desks, host):
    own = two_desks[host]
    boundaries = get(client, host, "/referentiels/communes.geojson").json()
    assert {f["properties"]["code"] for f in boundaries["features"]} == {c.insee_code for c in own.communes.values()}
    outline = get(client, host, "/referentiels/contour.geojson").json()
    assert outline["properties"]["code"] == own.territory_code
    assert outline["geometry"]["type"] == "MultiPolygon"


def test_reference_geojson_caches_are_per_territory(client, two_desks):
    first = get(client, SANTE, "/referentiels/communes.geojson").json()
    second = get(client, VETO, "/referentiels/communes.geojson").json()
    assert {f["properties"]["code"] for f in first["features"]} == {"26501", "26502"}
    assert {f["properties"]["code"] for f in second["features"]} == {"07501", "07502"}
    assert get(client, SANTE, "/referentiels/contour.geojson").json()["properties"]["code"] == "26"
    assert get(client, VETO, "/referentiels/contour.geojson").json()["properties"]["code"] == "07"


# --- caches -------------------------------------------------------------------------------------------


def test_page_cache_keeps_each_desks_page(client, two_desks, settings):
    settings.PAGE_CACHE_SECONDS = 300
    sante, veto = two_desks.sante, two_desks.veto
    first = get(client, SANTE, "/carte/")
    assert first["X-Page-Cache"] == "MISS" and sante.listings["public"].title in first.content.decode()
    other = get(client, VETO, "/carte/")
    assert other["X-Page-Cache"] == "MISS"
    assert veto.listings["public"].title in other.content.decode()
    assert sante.listings["public"].title not in other.content.decode()
    assert get(client, SANTE, "/carte/")["X-Page-Cache"] == "HIT"
    again = get(client, VETO, "/carte/")
    assert again["X-Page-Cache"] == "HIT" and veto.listings["public"].title in again.content.decode()


def test_graphql_get_cache_keeps_each_desks_answer(client, two_desks):
    query = {"query": "{ listings { results { slug } } listingMap }"}
    first = get(client, SANTE, "/graphql/", data=query)
    assert first["X-Cache"] == "MISS"
    second = get(client, VETO, "/graphql/", data=query)
    assert second["X-Cache"] == "MISS"
    found = {row["slug"] for row in second.json()["data"]["listings"]["results"]}
    assert found == slugs(two_desks.veto, *PUBLIC[VETO])
    assert get(client, SANTE, "/graphql/", data=query)["X-Cache"] == "HIT"
    again = get(client, VETO, "/graphql/", data=query)
    assert again["X-Cache"] == "HIT"
    assert {row["slug"] for row in again.json()["data"]["listings"]["results"]} == found


# --- what visitors send -------------------------------------------------------------------------------


@pytest.mark.parametrize("host", HOSTS)
def test_a_case_and_a_proposal_belong_to_the_host_desk(two_desks, host, rf):
    """The forms behind « Être accompagné(e) » and « Proposer une annonce » give what they
    create the desk of the host they were sent to."""
    from accompaniment.forms import RequestForm
    from listings.desk import request_site
    from listings.forms import ListingForm

    own = two_desks[host]
    site = request_site(rf.get("/", HTTP_HOST=host))
    assert site == own.site
    assert ListingForm(site=site).instance.site_id == own.site.pk
    assert RequestForm(site=site).instance.site_id == own.site.pk
