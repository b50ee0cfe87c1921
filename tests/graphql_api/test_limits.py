"""Limits and endpoint behaviour: each test sends the abusive request and asserts the refusal."""

import json

import pytest

from .conftest import make_listing

pytestmark = pytest.mark.django_db


def messages(body):
    return " ".join(error["message"] for error in body.get("errors", []))


def refused_without_sql(gql, count_queries, query):
    """Send `query`; assert a 400, no data and no SQL query at all. Returns the messages."""
    with count_queries() as ctx:
        status, body = gql(query)
    assert status == 400 and body.get("data") is None, (status, body)
    assert len(ctx.captured_queries) == 0, [q["sql"][:80] for q in ctx.captured_queries]
    return messages(body)


def test_depth_20_is_refused(gql, places, count_queries):
    query = "{ listings { results { " + "commune { listings { " * 9 + "id" + " } }" * 9 + " } } }"
    assert "Requête trop imbriquée : 8 niveaux au maximum." in refused_without_sql(gql, count_queries, query)


def test_50_aliases_are_refused(gql, count_queries):
    query = "{ " + " ".join(f"a{i}: professions {{ slug }}" for i in range(50)) + " }"
    assert "Trop d'alias : 50 dans la requête, 15 au maximum." in refused_without_sql(gql, count_queries, query)


def test_too_many_tokens_are_refused(gql, count_queries):
    query = "{ professions { " + "slug " * 3000 + "} }"
    assert "Requête trop longue : plus de 2000 éléments" in refused_without_sql(gql, count_queries, query)


def test_100_kb_query_is_refused_with_400(client, count_queries):
    query = "{ professions { slug } }" + " " * 100_000
    with count_queries() as ctx:
        response = client.post("/graphql/", json.dumps({"query": query}), content_type="application/json")
    assert response.status_code == 400
    assert "trop volumineuse" in response.json()["errors"][0]["message"]
    assert len(ctx.captured_queries) == 0


@pytest.mark.parametrize("field", ["listings", "communes", "healthFacilities", "aids"])
def test_huge_page_size_is_refused_with_a_message(gql, field, count_queries):
    query = f"{{ {field}(pagination: {{limit: 1000000}}) {{ totalCount }} }}"
    assert "taille de page" in refused_without_sql(gql, count_queries, query)


def test_default_page_is_capped(gql, places):
    for _ in range(25):
        make_listing(places["die"])
    _, body = gql("{ listings { totalCount pageInfo { limit } results { id } } }")
    assert body["data"]["listings"]["totalCount"] == 25
    assert len(body["data"]["listings"]["results"]) == 20


def test_mutation_is_refused(gql, client):
    status, body = gql('mutation { createListing(title: "x") { id } }')
    assert body.get("data") is None and body["errors"]
    response = client.get("/graphql/", {"query": "mutation { x }"})
    assert response.status_code in (400, 405)


def test_editor_session_gets_the_anonymous_answer(client, gql, places, django_user_model):
    make_listing(places["die"], title="Publique")
    make_listing(places["die"], title="Brouillon", state="draft")
    query = "{ listings { totalCount results { title } } }"
    _, anonymous = gql(query)
    editor = django_user_model.objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(editor)
    _, logged_in = gql(query, client_=client)
    assert logged_in == anonymous
    assert anonymous["data"]["listings"]["totalCount"] == 1


def test_malformed_json_is_400(client):
    response = client.post("/graphql/", "{not json", content_type="application/json")
    assert response.status_code == 400


def test_oversized_body_is_400(client):
    response = client.post("/graphql/", "x" * 200_000, content_type="application/json")
    assert response.status_code == 400


def test_non_object_json_and_missing_query_are_400(client):
    for payload in ("[1, 2]", '{"variables": {}}', '"text"'):
        response = client.post("/graphql/", payload, content_type="application/json")
        assert response.status_code == 400, payload


def test_unexpected_errors_are_masked_but_validation_messages_shown(gql):
    _, body = gql("{ doesNotExist }")
    assert "doesNotExist" in messages(body)
    _, body = gql('{ listing(id: "1", slug: "x") { id } }')
    assert "soit l'identifiant, soit le slug" in messages(body)
    _, body = gql("{ listings(filter: {near: {radiusKm: 5000, latitude: 44.7, longitude: 5}}) { totalCount } }")
    assert "rayon" in messages(body)


def test_internal_errors_are_masked(gql, monkeypatch):
    from graphql_api import schema as schema_module

    def boom(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(schema_module, "resolve_site_settings", boom)
    _, body = gql("{ siteSettings { deskName } }")
    assert messages(body) == "Erreur inattendue."


def test_graphiql_is_off_outside_debug(client):
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")
    assert b"graphiql" not in response.content.lower()


def test_get_queries_are_cacheable_and_invalidated_on_publish(client, places):
    query = {"query": "{ listings { totalCount } }"}
    first = client.get("/graphql/", query)
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=60"
    assert first["X-Cache"] == "MISS"
    assert "Cookie" not in first.get("Vary", "")
    second = client.get("/graphql/", query)
    assert second["X-Cache"] == "HIT"
    assert json.loads(second.content)["data"]["listings"]["totalCount"] == 0
    listing = make_listing(places["die"])  # publishing sends `published`
    third = client.get("/graphql/", query)
    assert third["X-Cache"] == "MISS"
    assert json.loads(third.content)["data"]["listings"]["totalCount"] == 1
    listing.unpublish()
    fourth = client.get("/graphql/", query)
    assert json.loads(fourth.content)["data"]["listings"]["totalCount"] == 0


def test_errors_are_not_cached(client):
    response = client.get("/graphql/", {"query": "{ nope }"})
    assert response["Cache-Control"] == "no-store"


def test_cors_allows_configured_origins_without_credentials(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://www.ladrome.fr"]
    response = client.options(
        "/graphql/",
        HTTP_ORIGIN="https://www.ladrome.fr",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert response["Access-Control-Allow-Origin"] == "https://www.ladrome.fr"
    assert "Access-Control-Allow-Credentials" not in response
    response = client.get("/graphql/", {"query": "{ professions { slug } }"}, HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in response


def test_a_json_post_without_cookies_or_csrf_token_is_answered():
    """Servers and other départements' sites POST queries without any cookie."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/graphql/", {"query": "{ siteSettings { deskName } }"}, content_type="application/json")
    assert response.status_code == 200
    assert "errors" not in response.json()


def test_a_submission_does_not_empty_the_cache(client, places):
    """Only publication changes public answers; a pending listing must not cost every
    anonymous visitor a cache miss."""
    query = {"query": "{ listings { totalCount } }"}
    assert client.get("/graphql/", query)["X-Cache"] == "MISS"
    make_listing(places["die"], state="pending")
    after = client.get("/graphql/", query)
    assert after["X-Cache"] == "HIT"
    assert json.loads(after.content)["data"]["listings"]["totalCount"] == 0


def test_no_field_suggestions_outside_development(gql):
    """Suggestions ("Did you mean …") would map the schema for an attacker; introspection
    stays on for the desks that build on the schema."""
    _, body = gql("{ listingz { totalCount } }")
    assert "Did you mean" not in messages(body)
    _, body = gql("{ __schema { queryType { name } } }")
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"
