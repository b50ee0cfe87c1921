"""The aid finder in a real browser (Debian's chromium), with and without JavaScript, on the
golden table's desk (tests/aides/test_eligibility_golden.py). Screenshots in test-artifacts/."""

import re

import pytest

from tests.aides.test_eligibility_golden import TODAY, world  # noqa: F401

from .conftest import ensure_wagtail_roots
from .test_browser import assert_accessible_basics, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def live_world(transactional_db, request):
    """The golden desk, after the flush of a transactional test removed Wagtail's roots."""
    ensure_wagtail_roots()
    return request.getfixturevalue("world")


def answer_the_questions(page):
    """An installed GP, first installation, liberal practice in Die, on the table's today."""
    page.get_by_label("Installé", exact=True).check()
    page.get_by_label("Profession").select_option(label="Médecin généraliste")
    page.get_by_label("Commune d'exercice envisagée").fill("Die (26113)")
    page.get_by_label("Mode d'exercice").select_option(label="Exercice libéral")
    page.get_by_label("Date d'installation envisagée").fill(TODAY.isoformat())
    page.get_by_role("group", name="S'agit-il de votre première installation ?").get_by_label("Oui").check()
    # Wait for the answer's page itself, not only its address: a check run in between
    # finds no document (seen once in CI with two test workers).
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Voir les aides").click()


def titles(page, verdict):
    """The letters of the aids listed in a section (text content: the details may be closed)."""
    links = page.locator(f"[data-verdict={verdict}]").locator("h3 a, .not-applicable__list li > a")
    return [text.strip()[0] for text in links.all_text_contents()]


def test_the_finder_explains_its_answer_and_prints(browser_page, live_server, live_world):
    page = browser_page
    page.goto(f"{live_server.url}/aides/trouver/")
    assert_accessible_basics(page)
    assert page.locator("[data-print]").count() == 0  # no answer yet, nothing to print
    answer_the_questions(page)

    # The address carries the answers: the page can be shared.
    assert re.search(r"profil=installe&profession=medecin-generaliste&commune=Die\+%2826113%29", page.url)
    assert "premiere=oui" in page.url and "mode=LIBERAL" in page.url and f"date={TODAY}" in page.url
    assert_accessible_basics(page)
    # Golden row « installed GP, first, liberal, Die (ZIP) »: CENNNNNCNE.
    assert sorted(titles(page, "ELIGIBLE")) == ["B", "J"]
    assert sorted(titles(page, "TO_CHECK")) == ["A", "H"]
    assert sorted(titles(page, "NOT_APPLICABLE")) == list("CDEFGI")
    for name in ("Vous y avez droit (2)", "À vérifier (2)", "Non applicable (6)"):
        assert page.get_by_role("heading", level=2, name=name).is_visible()
    to_check = page.locator("[data-verdict=TO_CHECK]")
    assert "Secteur 1 ou adhésion à l'OPTAM." in to_check.inner_text()
    assert "entre 5\u202f000\u00a0€ et 15\u202f000\u00a0€" in page.locator(".aid-summary").inner_text()
    # The form keeps the answers.
    assert page.get_by_label("Installé", exact=True).is_checked()
    assert page.get_by_label("Mode d'exercice").input_value() == "LIBERAL"
    assert page.get_by_label("Date d'installation envisagée").input_value() == TODAY.isoformat()

    # Not applicable: collapsed, each aid with its reason once opened.
    reason = page.get_by_text("Fermée aux nouvelles demandes depuis le 1er janvier 2026.")
    assert not reason.is_visible()
    page.get_by_text("Voir les 6 aides qui ne s'appliquent pas et pourquoi").click()
    assert reason.is_visible()
    page.get_by_text("Voir les 6 aides qui ne s'appliquent pas et pourquoi").click()
    assert not reason.is_visible()
    shot(page, "aides-trouver-reponse")

    # « Imprimer ce récapitulatif »: shown by the script, calls the browser's print.
    button = page.get_by_role("button", name="Imprimer ce récapitulatif")
    assert button.is_visible()
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("window.printed") == 1

    # On paper: no header, navigation, form or footer; the details are open.
    page.emulate_media(media="print")
    for selector in (".site-header", ".site-footer", ".breadcrumb", ".aid-form", "[data-print]"):
        assert not page.locator(selector).first.is_visible(), selector
    assert reason.is_visible()
    assert page.locator(".aid-results").is_visible()
    shot(page, "aides-trouver-impression")
    page.emulate_media(media="screen")


def test_missing_answers_lead_back_to_their_question(browser_page, live_server, live_world):
    page = browser_page
    page.goto(f"{live_server.url}/aides/trouver/?commune=26113&date={TODAY}")
    missing = page.locator("ul[aria-labelledby=missing-title]")
    assert missing.get_by_role("link").all_inner_texts() == [
        "votre situation (étudiant, interne, installé…)",
        "votre profession",
        "s'il s'agit de votre première installation",
        "votre mode d'exercice",
    ]
    missing.get_by_role("link", name="votre profession").click()
    assert page.url.endswith("#a-profession")
    assert page.locator("#a-profession").is_visible()
    assert_accessible_basics(page)


def test_the_finder_works_without_javascript(chromium, live_server, live_world):
    context = chromium.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/aides/trouver/")
        answer_the_questions(page)
        assert sorted(titles(page, "ELIGIBLE")) == ["B", "J"]
        assert sorted(titles(page, "TO_CHECK")) == ["A", "H"]
        # No script: no print button that would do nothing; the details still open.
        assert not page.locator("[data-print]").is_visible()
        reason = page.get_by_text("Fermée aux nouvelles demandes depuis le 1er janvier 2026.")
        assert not reason.is_visible()
        page.get_by_text("Voir les 6 aides qui ne s'appliquent pas et pourquoi").click()
        assert reason.is_visible()
        # A bad value in the address: the page and its form, no answer.
        response = page.goto(f"{live_server.url}/aides/trouver/?premiere=peut-être&mode=xx&date=2026-13-45")
        assert response.status == 200
        assert page.get_by_role("button", name="Voir les aides").is_visible()
        assert page.locator("[data-verdict]").count() == 0
        shot(page, "aides-trouver-sans-js")
    finally:
        context.close()
