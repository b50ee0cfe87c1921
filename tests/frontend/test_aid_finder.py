"""The aid finder page (/aides/trouver/) answered by the API's aidFinder: the golden table of
tests/aides through the HTML, the sections, the total, the missing answers and bad values."""

import re

import pytest

from partners.factories import PartnerPageFactory
from tests.aides.test_eligibility_golden import AIDS, GOLDEN, TODAY, world  # noqa: F401

pytestmark = pytest.mark.django_db

SECTION_LETTER = {"ELIGIBLE": "E", "TO_CHECK": "C", "NOT_APPLICABLE": "N"}
SECTION = re.compile(r'<section class="verdict[^"]*" data-verdict="(\w+)".*?</section>', re.S)


def sections(html):
    """{verdict: the HTML of its section} of the finder's answer."""
    return {match.group(1): match.group(0) for match in SECTION.finditer(html)}


def letters(html):
    """The verdict letter of each aid A…J, read from the section its title appears in."""
    found = {}
    for verdict, section in sections(html).items():
        for letter in re.findall(r">([A-J]) – ", section):
            assert letter not in found, f"{letter} in two sections"
            found[letter] = SECTION_LETTER[verdict]
    return "".join(found.get(letter, "?") for letter in AIDS)


def parameters(world, audience, profession, commune, first, mode, planned):  # noqa: F811
    """The finder's query string for a row of the golden table (its date: the table's today)."""
    params = {"date": planned or TODAY.isoformat()}
    if audience:
        params["profil"] = audience
    if profession:
        params["profession"] = world["professions"][profession].slug
    if commune:
        params["commune"] = world["communes"][commune].insee_code
    if first is not None:
        params["premiere"] = "oui" if first else "non"
    if mode:
        params["mode"] = mode.upper()
    return params


def test_golden_table_through_the_finder_page(client, world, subtests):  # noqa: F811
    # One world for the whole table (building it is most of the cost); one subtest per row.
    for row, audience, profession, commune, first, mode, planned, expected in GOLDEN:
        with subtests.test(row=row):
            query = parameters(world, audience, profession, commune, first, mode, planned)
            response = client.get("/aides/trouver/", query)
            assert response.status_code == 200
            assert letters(response.content.decode()) == expected


def test_the_answer_is_explained(client, world):  # noqa: F811
    html = client.get(
        "/aides/trouver/",
        {"profil": "installe", "profession": "medecin-generaliste", "commune": "Die", "premiere": "oui"}
        | {"mode": "LIBERAL", "date": TODAY.isoformat()},
    ).content.decode()
    by_verdict = sections(html)
    assert "<h3" in by_verdict["ELIGIBLE"] and "Vous y avez droit" in by_verdict["ELIGIBLE"]
    # To check: A with its condition, H with its commitment.
    assert "Secteur 1 ou adhésion à l&#x27;OPTAM." in by_verdict["TO_CHECK"]
    assert "Engagement : exercer 3 ans dans la Drôme." in by_verdict["TO_CHECK"]
    # Cumulation notes under the aid they concern (B, eligible).
    assert "Non cumulable avec une autre aide « première installation »" in by_verdict["ELIGIBLE"]
    # Not applicable: collapsed, each aid with its reason.
    not_applicable = by_verdict["NOT_APPLICABLE"]
    assert "<details" in not_applicable
    assert "Fermée aux nouvelles demandes depuis le 1er janvier 2026." in not_applicable
    # The total (B: 5 000 €; with A or B and H: 15 000 €) in French, and its assumptions.
    assert "entre 5\u202f000\u00a0€ et 15\u202f000\u00a0€" in html
    assert "catégorie non cumulable" in html
    # Everything answered: nothing would change the result.
    assert "Ce qui changerait le résultat" not in html
    assert html.count("Faire la demande") == 0  # the golden aids have no application address
    assert "data-print hidden" in html and "js/print.js" in html


def test_missing_answers_are_listed_with_a_link_to_their_question(client, world):  # noqa: F811
    html = client.get("/aides/trouver/", {"commune": "26113", "date": TODAY.isoformat()}).content.decode()
    assert "Ce qui changerait le résultat :" in html
    for field, label in (
        ("a-profil", "votre situation (étudiant, interne, installé…)"),
        ("a-profession", "votre profession"),
        ("a-premiere", "s&#x27;il s&#x27;agit de votre première installation"),
        ("a-mode", "votre mode d&#x27;exercice"),
    ):
        assert f'<a href="#{field}">{label}</a>' in html
        assert f'id="{field}"' in html
    assert '<a href="#a-commune">' not in html  # answered


def test_application_link_funder_and_future_aid(client, world):  # noqa: F811
    aid = world["aids"]["J"]
    funder = PartnerPageFactory(parent=aid.get_parent().get_parent(), title="ARS de test", slug="ars-test")
    aid.application_url = "https://demarches.example.org/aide-j"
    aid.funder = funder
    aid.save_revision().publish()
    html = client.get("/aides/trouver/", {"profil": "installe", "date": TODAY.isoformat()}).content.decode()
    eligible = sections(html)["ELIGIBLE"]
    assert 'href="https://demarches.example.org/aide-j" rel="noopener">Faire la demande' in eligible
    assert f'<a href="{funder.url}">ARS de test</a>' in eligible
    # D opens on 1 January 2027: « À partir du … » wherever it is listed.
    html = client.get("/aides/trouver/", {"profil": "docteur-junior", "date": TODAY.isoformat()}).content.decode()
    assert "À partir du 1er janvier 2027" in html


def test_nothing_answered_shows_only_the_form(client, world):  # noqa: F811
    html = client.get("/aides/trouver/").content.decode()
    assert "<legend>S'agit-il de votre première installation ?</legend>" in html
    assert 'id="a-mode"' in html and 'type="date"' in html
    assert "Exercice libéral" in html and "Maison de santé pluriprofessionnelle (MSP)" in html
    assert "data-verdict" not in html and "js/print.js" not in html


@pytest.mark.parametrize(
    "params",
    [
        {"premiere": "peut-être"},
        {"mode": "xx"},
        {"date": "2026-13-45"},
        {"premiere": "peut-être", "mode": "xx", "date": "2026-13-45", "profil": "nobody", "profession": "x"},
        {"date": "demain"},
        {"mode": "liberal\x00"},
    ],
)
def test_bad_values_become_the_fields_default(client, world, params):  # noqa: F811
    response = client.get("/aides/trouver/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form class="filters aid-form"' in html
    assert "data-verdict" not in html  # nothing usable was answered
    assert '<input id="a-date" name="date" type="date" value=""' in html
    assert 'name="premiere" value="" checked' in html


def test_bad_values_next_to_good_ones_are_ignored(client, world):  # noqa: F811
    good = client.get("/aides/trouver/", {"profil": "installe", "commune": "26113", "date": TODAY.isoformat()})
    bad = client.get(
        "/aides/trouver/",
        {"profil": "installe", "commune": "26113", "date": TODAY.isoformat(), "premiere": "peut-être", "mode": "xx"},
    )
    assert bad.status_code == 200 and letters(bad.content.decode()) == letters(good.content.decode())
