"""`keyFigures` in the public API: the public version only, no personal data reachable, a
constant number of queries, and a cached answer that follows the cases."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from graphql import get_named_type, is_leaf_type, parse

from accompaniment.models import CaseState
from accompaniment.signals import next_month_start
from graphql_api.cost import MAX_COST, document_cost
from graphql_api.schema import schema

from .figures_helpers import make_case, make_cases, reference_data

pytestmark = pytest.mark.django_db

FULL = """{ keyFigures { candidates accompanimentsUnderway installations minimumCount includesDemoData firstMonth
    byProfession { key label candidates accompanimentsUnderway installations }
    byTerritory { key label candidates accompanimentsUnderway installations }
    byRequestMonth { key label candidates accompanimentsUnderway installations }
    installationsByMonth { month label installations } } }"""


@pytest.fixture
def ref():
    return reference_data()


def get(client, query=FULL):
    response = client.get("/graphql/", {"query": query})
    return response, json.loads(response.content)


def test_the_public_version_only(client, ref):
    make_cases(6, CaseState.INSTALLED, profession=ref["gp"], epci=ref["diois"])
    make_cases(2, CaseState.IN_PROGRESS, profession=ref["nurse"], epci=ref["valence"])
    response, body = get(client)
    assert response.status_code == 200, body
    figures = body["data"]["keyFigures"]
    assert (figures["candidates"], figures["accompanimentsUnderway"], figures["installations"]) == (8, None, 6)
    assert figures["minimumCount"] == 5 and figures["includesDemoData"] is False
    # 2 nurses alone would be 8 - 6: the doctors' 6 is hidden with them; zeros are hidden too
    # (« 2 nurses, none settled » is about people), so the 6 installed go with the 0. Every
    # count of both rows is then hidden, and a row of « non publié » is not listed at all.
    assert figures["byProfession"] == []
    assert len(figures["byRequestMonth"]) == 24 and len(figures["installationsByMonth"]) == 24


def test_the_cached_answer_follows_the_cases(client, ref):
    make_cases(4, CaseState.INSTALLED)
    waiting = make_case(CaseState.IN_PROGRESS)
    query = "{ keyFigures { installations } }"
    response, body = get(client, query)
    assert body["data"]["keyFigures"]["installations"] is None
    response, body = get(client, query)
    assert response["X-Cache"] == "HIT"
    # The référent records the installation: the next visitor sees five.
    waiting.state = CaseState.INSTALLED
    waiting.installed_on = timezone.localdate()
    waiting.save()
    response, body = get(client, query)
    assert response["X-Cache"] == "MISS"
    assert body["data"]["keyFigures"]["installations"] == 5
    # A change that the figures do not read keeps the cache.
    waiting.next_steps = "Signature du bail"
    waiting.save()
    response, body = get(client, query)
    assert response["X-Cache"] == "HIT"


def test_the_content_version_is_renewed_when_the_month_changes():
    start = next_month_start()
    assert timezone.localtime(start).day == 1 and timezone.localtime(start).time() == datetime.time.min
    assert timezone.now() < start <= timezone.now() + datetime.timedelta(days=32)


@pytest.mark.slow  # builds cases at two sizes
def test_a_constant_number_of_queries(ref):
    def queries(size):
        make_cases(size, CaseState.INSTALLED, profession=ref["gp"], epci=ref["diois"])
        make_cases(size, CaseState.ASSIGNED, profession=ref["nurse"], installed_commune=ref["romans"])
        with CaptureQueriesContext(connection) as captured:
            result = schema.execute_sync(FULL)
        assert result.errors is None
        return len(captured)

    small, large = queries(3), queries(60)
    print(f"keyFigures: {small} queries with 6 cases, {large} with 126")
    assert small == large <= 5  # 4 + the desk (the default site, as no request names a host)


def reachable_fields(graphql_type, seen=None):
    """Every (type, field) reachable from ``graphql_type``."""
    seen = set() if seen is None else seen
    if graphql_type.name in seen or is_leaf_type(graphql_type):
        return set()
    seen.add(graphql_type.name)
    found = set()
    for name, field in graphql_type.fields.items():
        found.add((graphql_type.name, name))
        found |= reachable_fields(get_named_type(field.type), seen)
    return found


def test_no_personal_data_is_reachable(client, ref):
    make_cases(6, CaseState.INSTALLED, profession=ref["gp"], epci=ref["diois"], installed_commune=ref["die"])
    graphql_schema = schema._schema
    fields = reachable_fields(graphql_schema.get_type("KeyFigures"))
    names = {name for _, name in fields}
    assert names == {
        "candidates",
        "accompanimentsUnderway",
        "installations",
        "minimumCount",
        "includesDemoData",
        "firstMonth",
        "byProfession",
        "byTerritory",
        "byRequestMonth",
        "installationsByMonth",
        "key",
        "label",
        "month",
    }
    # No type of the public schema stands for a case or what hangs from it.
    for type_name in graphql_schema.type_map:
        assert not any(word in type_name for word in ("Case", "Interest", "Timeline", "Referent", "Assignment"))
    response, body = get(client)
    text = response.content.decode()
    for forbidden in ("Prénom", "Nom-Secret", "example.org", "Message privé", "04 65 71"):
        assert forbidden not in text
    assert body["data"]["keyFigures"]["installations"] == 6


def test_the_document_is_cheap():
    cost = document_cost(schema._schema, parse(FULL), {})
    assert cost < MAX_COST / 10
