"""The aids on a listing page: the finder's answer for the listing's situation (kind →
audience, first profession, commune), at most five, and a link to the prefilled finder."""

import re

import pytest
from django.urls import reverse

from aides.factories import AidPageFactory
from frontend import api
from frontend.aid_answers import listing_situation, ranked_aids
from listings.factories import ListingFactory
from listings.models import ListingKind
from reference.validators import format_point
from tests.aides.test_eligibility_golden import world  # noqa: F401

pytestmark = pytest.mark.django_db

AID_TITLE = re.compile(r'<h3 class="aid-card__title">(?:<a [^>]*>)?([^<]+)<')


def aid_titles(html):
    return AID_TITLE.findall(html)


@pytest.fixture
def many_aids(world):  # noqa: F811
    """Six more aids for everyone, so that a listing has more than five to choose from."""
    index = world["aids"]["J"].get_parent()
    for number in range(6):
        AidPageFactory(parent=index, title=f"K{number} – Aide pour tous", amount_text="1 000 €")
    return world


def listing_in(world, kind, profession="gp", commune="die"):  # noqa: F811
    return ListingFactory(
        kind=kind,
        commune=world["communes"][commune],
        location=format_point(44.75, 5.37),  # the golden communes have no centre
        professions=[world["professions"][profession]] if profession else [],
    )


def test_a_replacement_listing_shows_at_most_five_aids_and_none_for_interns(client, many_aids, monkeypatch):
    calls = []
    execute = api.execute

    def counting(request, name, variables=None):
        calls.append(name)
        return execute(request, name, variables)

    monkeypatch.setattr(api, "execute", counting)
    listing = listing_in(many_aids, ListingKind.REPLACEMENT)
    response = client.get(reverse("frontend:listing", args=[listing.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    titles = aid_titles(html)
    assert 1 <= len(titles) <= 5
    assert "G – Bourse des internes" not in html  # interns' aid: not for a locum
    assert not any(title.startswith(("C –", "D –")) for title in titles)  # closed, docteurs juniors only
    # Eligible first: J and the K aids (for everyone), before the aids to check.
    verdicts = re.findall(r'<p class="aid-card__verdict"><span class="tag">([^<]+)</span>', html)
    assert verdicts == sorted(verdicts, key=["Vous y avez droit", "À vérifier"].index)
    assert verdicts[0] == "Vous y avez droit"
    # The finder, prefilled with the listing's situation.
    assert (
        'href="/aides/trouver/?profil=remplacant&amp;profession=medecin-generaliste&amp;commune=26113">'
        "Voir toutes les aides pour cette situation</a>" in html
    )
    # The listing's page, then its aids: two API calls, whatever the number of aids.
    assert calls.count("listing_page") == 1 and calls.count("listing_aids") == 1
    assert "aid_finder" not in calls


def test_an_intern_housing_listing_shows_the_interns_aid(client, world):  # noqa: F811
    listing = listing_in(world, ListingKind.INTERN_HOUSING)
    html = client.get(reverse("frontend:listing", args=[listing.slug])).content.decode()
    assert "G – Bourse des internes" in aid_titles(html)
    assert "profil=interne&amp;profession=medecin-generaliste&amp;commune=26113" in html


def test_an_office_for_a_nurse_in_die(client, world):  # noqa: F811
    listing = listing_in(world, ListingKind.OFFICE, profession="nurse")
    html = client.get(reverse("frontend:listing", args=[listing.slug])).content.decode()
    titles = aid_titles(html)
    assert "E – Infirmiers en zone très sous-dotée" in titles
    assert not any(title.startswith(("A –", "B –", "G –")) for title in titles)  # GPs' and interns' aids
    assert "profil=installe&amp;profession=infirmier&amp;commune=26113" in html


def test_the_situation_of_a_listing():
    listing = {"kind": "replacement", "professions": [{"slug": "pediatre"}], "commune": {"inseeCode": "26501"}}
    codes = {"interne", "remplacant", "installe"}
    assert listing_situation(listing, codes) == {"audience": "remplacant", "profession": "pediatre", "commune": "26501"}
    assert listing_situation(listing | {"kind": "intern_housing"}, codes)["audience"] == "interne"
    for kind in ("office", "practice_takeover", "salaried_post", "collaboration", "partnership", "clinique_veto"):
        assert listing_situation(listing | {"kind": kind}, codes)["audience"] == "installe"
    # An audience the desk does not have is left unanswered; no profession, none sent.
    assert listing_situation(listing | {"professions": []}, {"interne"}) == {
        "audience": None,
        "profession": None,
        "commune": "26501",
    }


def test_within_a_verdict_the_largest_amount_comes_first():
    answer = {
        "eligible": [{"id": "1", "title": "A – conseil"}, {"id": "2", "title": "B – prime"}],
        "toCheck": [{"id": "3", "title": "C – bourse"}],
        "notApplicable": [],
        "assessments": [
            {"aidId": "1", "estimatedAmount": None},
            {"aidId": "2", "estimatedAmount": {"low": 5000, "high": 5000}},
            {"aidId": "3", "estimatedAmount": {"low": 6000, "high": 6000}},
        ],
    }
    shown, total = ranked_aids(answer, {})
    assert [item["aid"]["title"] for item in shown] == ["B – prime", "A – conseil", "C – bourse"]
    assert total == 3
