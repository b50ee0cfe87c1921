"""A document refused as a whole gets HTTP 400; an answer with data stays 200."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        "{ "
        + " ".join(
            f"a{i}: communes(pagination: {{limit: 100}}) {{ results {{ applicableAids {{ title }} }} }}"
            for i in range(15)
        )
        + " }",
        "{ " + " ".join(f"a{i}: professions {{ slug }}" for i in range(50)) + " }",
        "{ listings(pagination: {limit: 1000000}) { totalCount } }",
        "{ nothing }",
        "{ professions { ",
    ],
    ids=["over budget", "too many aliases", "page too large", "unknown field", "syntax error"],
)
def test_refused_documents_are_400(client, query):
    response = client.get("/graphql/", {"query": query})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"]
    assert response["Cache-Control"] == "no-store"


def test_a_normal_answer_is_200(client):
    assert client.get("/graphql/", {"query": "{ professions { slug } }"}).status_code == 200
