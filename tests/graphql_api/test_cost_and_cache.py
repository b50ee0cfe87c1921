"""Hostile clients: the cost budget, cache keys they cannot bypass, persisted documents, ETags.

Each refusal is checked to run zero SQL queries: the work is refused before it starts.
"""

import gzip
import json
from pathlib import Path

import pytest
from django.core.cache import cache
from graphql import parse

from graphql_api.cost import MAX_COST, document_cost
from graphql_api.persisted import document_hash
from graphql_api.schema import schema

from .conftest import make_aid, make_listing

pytestmark = pytest.mark.django_db

DOS_QUERY = "{ communes(pagination: {limit: 100}) { results { name applicableAids { title } } } }"
QUERIES_DIR = Path(__file__).resolve().parents[2] / "frontend" / "queries"


def messages(body):
    return " ".join(error["message"] for error in body.get("errors", []))


def test_the_sites_own_documents_fit_comfortably_in_the_budget():
    for path in sorted(QUERIES_DIR.glob("*.graphql")):
        cost = document_cost(schema._schema, parse(path.read_text()), {"offset": 0, "limit": 100})
        print(f"{path.name}: cost {cost} / {MAX_COST}")
        assert cost <= MAX_COST * 0.5, f"{path.name} costs {cost}"


def test_an_alias_bomb_within_the_alias_limit_is_refused_without_sql(gql, places, count_queries):
    aliased = " ".join(
        f"a{i}: communes(pagination: {{limit: 100}}) {{ results {{ applicableAids {{ title }} }} }}" for i in range(15)
    )
    with count_queries() as ctx:
        status, body = gql("{ " + aliased + " }")
    assert body["data"] is None
    assert "Requête trop coûteuse" in messages(body) and f"budget {MAX_COST}" in messages(body)
    assert len(ctx.captured_queries) == 0


def test_nested_lists_multiply_and_are_refused_without_sql(gql, count_queries):
    query = """{ communes(pagination: {limit: 100}) { results { listings { commune { listings {
        photos { image { rendition(size: CARD) { url } } } } } } } } }"""
    with count_queries() as ctx:
        status, body = gql(query)
    assert "Requête trop coûteuse" in messages(body)
    assert len(ctx.captured_queries) == 0


def test_fragments_and_variables_are_counted(gql, count_queries):
    query = """query Q($n: Int!) { communes(pagination: {limit: $n}) { results { ...C } } }
        fragment C on Commune { listings { ...L } healthFacilities { name } }
        fragment L on Listing { photos { image { rendition(size: CARD) { url } } } professions { name } }"""
    assert document_cost(schema._schema, parse(query), {"n": 100}) > MAX_COST
    assert document_cost(schema._schema, parse(query), {"n": 2}) < MAX_COST
    with count_queries() as ctx:
        _, body = gql(query, {"n": 100})
    assert "Requête trop coûteuse" in messages(body) and len(ctx.captured_queries) == 0
    _, body = gql(query, {"n": 2})
    assert "errors" not in body


def test_applicable_aids_of_100_communes_is_a_constant_number_of_queries(gql, places, gp, aids_index, count_queries):
    from reference.models import Commune

    def run():
        cache.clear()
        with count_queries() as ctx:
            status, body = gql(DOS_QUERY)
        assert "errors" not in body, body
        return len(ctx.captured_queries), body

    make_aid(aids_index, "Partout")
    make_aid(aids_index, "Diois", scope="local", communes=[places["die"]])
    small, body = run()
    for i in range(60):
        Commune.objects.create(insee_code=f"26{500 + i}", name=f"Commune {i}", epci=places["epci"])
    for i in range(5):
        make_aid(aids_index, f"Aide {i}", scope="local", communes=[places["valence"]])
    large, body = run()
    assert small == large <= 10, (small, large)
    by_name = {c["name"]: [a["title"] for a in c["applicableAids"]] for c in body["data"]["communes"]["results"]}
    assert by_name["Die"] == ["Diois", "Partout"]
    assert sorted(by_name["Valence"]) == ["Aide 0", "Aide 1", "Aide 2", "Aide 3", "Aide 4", "Partout"]


def test_nested_lists_are_capped_and_paginated(gql, places):
    for _ in range(4):
        make_listing(places["die"])
    query = """{ commune(inseeCode: "26113") { listingCount all: listings { id }
        page: listings(pagination: {offset: 1, limit: 2}) { id } } }"""
    _, body = gql(query)
    commune = body["data"]["commune"]
    assert commune["listingCount"] == len(commune["all"]) == 4
    assert [item["id"] for item in commune["page"]] == [item["id"] for item in commune["all"][1:3]]
    _, body = gql('{ commune(inseeCode: "26113") { listings(pagination: {limit: 1000}) { id } } }')
    assert "taille de page" in messages(body)


def get(client, query, variables=None, **headers):
    params = {"query": query}
    if variables is not None:
        params["variables"] = json.dumps(variables)
    return client.get("/graphql/", params, **headers)


def test_whitespace_comments_and_unused_variables_share_one_cache_entry(client, places):
    first = get(client, "query Q($x: Int) { communes(pagination: {limit: $x}) { totalCount } }", {"x": 1})
    assert first["X-Cache"] == "MISS"
    variants = [
        "query Q($x: Int) {\n  # a comment\n  communes(pagination: {limit: $x}) {\n    totalCount\n  }\n}",
        "query   Q( $x : Int ) { communes ( pagination : { limit : $x } ) , { totalCount } }",
    ]
    for variant in variants:
        assert get(client, variant, {"x": 1})["X-Cache"] == "HIT", variant
    assert get(client, variants[0], {"x": 1, "unused": "cache-buster-1"})["X-Cache"] == "HIT"
    assert get(client, variants[0], {"unused": "cache-buster-2", "x": 1})["X-Cache"] == "HIT"
    assert get(client, variants[0], {"x": 2})["X-Cache"] == "MISS"  # a declared variable does count


def test_etag_gives_304_and_gzip_is_served_when_accepted(client, places):
    make_listing(places["die"])
    first = get(client, "{ listingMap }")
    etag = first["ETag"]
    assert first.status_code == 200 and etag
    not_modified = get(client, "{ listingMap }", HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified.content == b""
    zipped = get(client, "{ listingMap }", HTTP_ACCEPT_ENCODING="gzip, br")
    assert zipped["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(zipped.content)) == json.loads(first.content)


def test_the_map_is_rebuilt_after_publish_unpublish_and_expiry(client, places):
    from graphql_api.map import build_listing_map
    from listings.models import Listing

    def served_ids():
        body = json.loads(get(client, "{ listingMap }").content)
        assert body["data"]["listingMap"] == build_listing_map(Listing.objects.public())  # as a fresh build
        return sorted(feature["id"] for feature in body["data"]["listingMap"]["features"])

    listing = make_listing(places["die"])
    assert served_ids() == [listing.pk]
    second = make_listing(places["valence"])
    assert served_ids() == sorted([listing.pk, second.pk])  # publish
    second.unpublish()
    assert served_ids() == [listing.pk]  # unpublish
    Listing.objects.filter(pk=listing.pk).update(expired=True)
    listing.refresh_from_db()
    listing.expired = True
    from wagtail.signals import unpublished

    unpublished.send(sender=Listing, instance=listing)  # what publish_scheduled sends on expiry
    assert served_ids() == []


def test_a_persisted_document_is_run_by_its_hash(client, places):
    text = (QUERIES_DIR / "map_listings.graphql").read_text()
    response = client.get("/graphql/", {"documentId": f"sha256:{document_hash(text)}"})
    assert response.status_code == 200 and "listingMap" in response.json()["data"]
    apollo = {"persistedQuery": {"version": 1, "sha256Hash": document_hash(text)}}
    response = client.post("/graphql/", json.dumps({"extensions": apollo}), content_type="application/json")
    assert response.status_code == 200 and "listingMap" in response.json()["data"]


def test_an_unknown_document_id_is_refused_without_sql(client, count_queries):
    with count_queries() as ctx:
        response = client.get("/graphql/", {"documentId": "sha256:" + "0" * 64})
    assert response.status_code == 400
    assert "Document persisté inconnu" in response.json()["errors"][0]["message"]
    assert len(ctx.captured_queries) == 0


def test_persisted_only_mode_refuses_free_text_from_anonymous_clients(client, settings, count_queries):
    settings.GRAPHQL_PERSISTED_ONLY = True
    with count_queries() as ctx:
        response = get(client, "{ professions { slug } }")
    assert response.status_code == 400
    assert "documents enregistrés" in response.json()["errors"][0]["message"]
    assert len(ctx.captured_queries) == 0
    registered = (QUERIES_DIR / "map_listings.graphql").read_text()
    assert get(client, registered).status_code == 200  # the exact text of a registered document


def test_a_request_waits_for_the_entry_another_one_is_building(client, places, count_queries, monkeypatch):
    """After a publish, concurrent misses of the same query build it once: the others wait."""
    from django.core.cache import cache as django_cache

    from graphql_api import cache as api_cache

    make_listing(places["die"])
    first = get(client, "{ listingMap }")
    key = api_cache.response_key("testserver", "{ listingMap }", None, None)
    assert api_cache.get_response(key) is not None
    django_cache.delete(key)
    assert api_cache.claim_build(key)  # another request is building it…

    def the_other_request_delivers(seconds):
        api_cache.set_response(key, first.content)
        api_cache.release_build(key)

    monkeypatch.setattr(api_cache.time, "sleep", the_other_request_delivers)
    with count_queries() as ctx:
        waited = get(client, "{ listingMap }")
    assert waited["X-Cache"] == "HIT" and waited.content == first.content
    assert len(ctx.captured_queries) == 0  # … so this one ran nothing


def test_a_request_builds_the_entry_itself_when_the_builder_gives_up(client, places, monkeypatch):
    from graphql_api import cache as api_cache

    make_listing(places["die"])
    monkeypatch.setattr(api_cache, "claim_build", lambda key: False)  # someone holds the lock forever
    monkeypatch.setattr(api_cache, "BUILD_WAIT_SECONDS", 0.1)
    response = get(client, "{ listingMap }")
    assert response.status_code == 200 and response["X-Cache"] == "MISS"


def test_the_prepared_map_equals_the_orm_map(places, gp):
    """public_listing_map() runs SQL compiled once; it must say exactly what the ORM path says."""
    from django.utils import timezone

    from graphql_api.map import build_listing_map, public_listing_map
    from listings.models import Listing
    from reference.desks import default_site_id

    make_listing(places["die"], professions=[gp], photos=2)
    make_listing(places["valence"], photos=1, title="Caractères « spéciaux » & accents")
    make_listing(places["die"], state="pending")
    make_listing(places["die"], state="expired_date")
    later = make_listing(places["valence"])
    Listing.objects.filter(pk=later.pk).update(expire_at=timezone.now() + timezone.timedelta(days=1))
    prepared = public_listing_map(default_site_id())
    assert prepared == build_listing_map(Listing.objects.public())
    assert len(prepared["features"]) == 3


def test_nobody_waits_for_an_entry_that_will_not_be_kept(client, places, settings, monkeypatch):
    from graphql_api import cache as api_cache

    make_listing(places["die"])
    monkeypatch.setattr(api_cache, "MAX_CACHED_BYTES", 10)  # every answer is too large
    key = api_cache.response_key("testserver", "{ listingMap }", None, None)
    assert get(client, "{ listingMap }").status_code == 200
    assert api_cache.claim_build(key)  # not a lock: the answer is known to be uncacheable
    monkeypatch.setattr(api_cache, "RESPONSE_TTL", 0)
    assert api_cache.claim_build("graphql_api:response:another")


def test_a_persisted_get_from_curl_is_answered_even_with_graphiql_on(rf):
    """curl sends Accept: */*; in development that used to open GraphiQL instead of answering."""
    from graphql_api.schema import schema as public_schema
    from graphql_api.views import PublicGraphQLView

    text = (QUERIES_DIR / "map_listings.graphql").read_text()
    view = PublicGraphQLView.as_view(schema=public_schema, graphql_ide="graphiql")
    response = view(rf.get("/graphql/", {"documentId": f"sha256:{document_hash(text)}"}, HTTP_ACCEPT="*/*"))
    assert response["Content-Type"].startswith("application/json")
    assert "listingMap" in json.loads(response.content)["data"]


def test_aliased_aid_finders_are_refused_before_they_run(gql, count_queries):
    one = "{ aidFinder(situation: {}) { eligible { title } toCheck { title } notApplicable { title } } }"
    assert document_cost(schema._schema, parse(one), {}) < MAX_COST * 0.15
    many = "{ " + " ".join(f"a{i}: aidFinder(situation: {{}}) {{ toCheck {{ title }} }}" for i in range(14)) + " }"
    assert document_cost(schema._schema, parse(many), {}) > MAX_COST
    with count_queries() as ctx:
        status, body = gql(many)
    assert status == 400 and "Requête trop coûteuse" in messages(body)
    assert len(ctx.captured_queries) == 0
