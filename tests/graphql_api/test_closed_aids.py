"""A closed aid (past its valid_until) never applies, wherever the API answers "which aids
apply"; it stays in the guide (`aids` without criteria) as history."""

from datetime import timedelta

import pytest
from django.utils import timezone

from graphql_api.signals import next_aid_validity_change

from .conftest import make_aid

pytestmark = pytest.mark.django_db

APPLICABLE_IN_DIE = """{
  commune(inseeCode: "26113") { applicableAids { title } }
  communes(filter: {epci: "242600534"}) { results { applicableAids { title } } }
  aids(filter: {commune: "26113"}) { results { title } }
}"""


@pytest.fixture
def dated_aids(aids_index):
    today = timezone.localdate()
    make_aid(aids_index, "Contrat fermé hier", valid_until=today - timedelta(days=1))
    make_aid(aids_index, "Dernier jour aujourd'hui", valid_until=today)
    make_aid(aids_index, "Ouvre demain", valid_from=today + timedelta(days=1))
    make_aid(aids_index, "Sans date")


def test_closed_aids_never_apply(gql, places, dated_aids):
    status, body = gql(APPLICABLE_IN_DIE)
    assert status == 200, body
    expected = ["Dernier jour aujourd'hui", "Ouvre demain", "Sans date"]
    data = body["data"]
    assert sorted(aid["title"] for aid in data["commune"]["applicableAids"]) == expected
    assert sorted(aid["title"] for aid in data["communes"]["results"][0]["applicableAids"]) == expected
    assert sorted(aid["title"] for aid in data["aids"]["results"]) == expected


def test_closed_aids_stay_in_the_guide(gql, dated_aids):
    status, body = gql("{ aids { results { title validUntil } } }")
    assert status == 200, body
    assert "Contrat fermé hier" in [aid["title"] for aid in body["data"]["aids"]["results"]]


def test_the_day_an_aid_closes_renews_the_cached_answers(dated_aids):
    tomorrow = timezone.localdate() + timedelta(days=1)
    # "Dernier jour aujourd'hui" closes tomorrow and "Ouvre demain" opens tomorrow.
    assert timezone.localdate(next_aid_validity_change()) == tomorrow
