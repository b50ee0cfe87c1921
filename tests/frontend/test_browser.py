"""The public site in a real browser (Debian's chromium), against the live server only.

The browser_page fixture (tests/conftest.py) fails a test when any request leaves the live
server: the map's tiles are off (no MAP_TILE_URL), Leaflet and the fonts are served locally.
Screenshots go to test-artifacts/ (gitignored).
"""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def browser_page(browser_page):
    """The shared fixture, with reduced motion: no map animations while counting markers."""
    browser_page.emulate_media(reduced_motion="reduce")
    return browser_page


# Basic, automatable RGAA/WCAG checks: one h1, landmarks, labelled fields, alt on images,
# named links and buttons, lang.
A11Y_SCRIPT = """() => {
  const problems = [];
  if (document.documentElement.lang !== 'fr') problems.push('lang');
  const h1 = document.querySelectorAll('h1').length;
  if (h1 !== 1) problems.push('h1 count ' + h1);
  for (const role of ['main', 'header', 'footer', 'nav'])
    if (!document.querySelector(role)) problems.push('no ' + role);
  for (const img of document.querySelectorAll('img'))
    if (!img.hasAttribute('alt')) problems.push('img without alt ' + img.src);
  for (const field of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
    const labelled = (field.id && document.querySelector(`label[for="${field.id}"]`)) || field.closest('label')
      || field.getAttribute('aria-label') || field.getAttribute('aria-labelledby');
    if (!labelled) problems.push('unlabelled field ' + (field.name || field.id));
  }
  for (const el of document.querySelectorAll('a[href], button')) {
    if (el.closest('.leaflet-container')) continue;
    if (!el.textContent.trim() && !el.getAttribute('aria-label') && !el.querySelector('img[alt]:not([alt=""])'))
      problems.push('unnamed ' + el.outerHTML.slice(0, 80));
  }
  return problems;
}"""


def press(page, button):
    """Click a form's submit button and wait for the page it leads to (not only its address:
    checks run in between would see the previous page, or none)."""
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name=button).click()


def wait_for_map(page):
    """Once the map has loaded its data (map.js sets data-state); animations are off (reduced motion)."""
    page.wait_for_selector("[data-map='opportunities'][data-state='ready']", state="attached", timeout=15_000)
    return page.locator("[data-map='opportunities']")


def markers_on_map(page):
    """Listings shown on the map: single pins plus the numbers on clusters."""
    page.wait_for_timeout(300)  # markercluster adds its layers in batches
    pins = page.locator("#carte .listing-pin").count()
    clusters = page.locator("#carte .listing-cluster span[aria-hidden='true']").all_inner_texts()
    return pins + sum(int(text) for text in clusters)


def shot(page, name, full_page=True):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def assert_accessible_basics(page):
    assert page.evaluate(A11Y_SCRIPT) == [], page.url


def test_map_shows_communes_markers_and_list(browser_page, live_server, small_site_live):
    page = browser_page
    page.goto(f"{live_server.url}/carte/")
    carte = wait_for_map(page)
    assert carte.get_attribute("data-commune-count") == "3"
    assert carte.get_attribute("data-listing-count") == "3"
    assert page.locator("#carte path.commune-shape").count() == 3
    assert markers_on_map(page) == 3
    assert page.locator("#listing-list > li").count() == 3
    assert "Carte chargée : 3\u00a0opportunités, 3\u00a0communes." in page.locator("[data-map-status]").inner_text()
    assert_accessible_basics(page)

    # The care offer layer is off until asked for; interns' hosts stand out (not only by colour: ★).
    assert page.locator("#carte .facility-icon").count() == 0
    page.get_by_label("Afficher l'offre de soins").check()
    page.wait_for_selector("#carte .facility-icon")
    assert page.locator("#carte .facility-icon").count() == 2
    assert page.locator("#carte .facility-icon--interns").inner_text().strip() == "H★"
    page.get_by_label("Afficher l'offre de soins").uncheck()
    assert page.locator("#carte .facility-icon").count() == 0


def test_filters_narrow_markers_and_list(browser_page, live_server, small_site_live):
    page = browser_page
    page.goto(f"{live_server.url}/carte/")
    wait_for_map(page)
    page.get_by_label("Profession").select_option(label="Médecin généraliste")
    press(page, "Afficher les opportunités")
    carte = wait_for_map(page)
    assert carte.get_attribute("data-listing-count") == "2"
    assert markers_on_map(page) == 2
    assert page.locator("#listing-list > li").count() == 2
    assert page.get_by_role("heading", level=2, name="2 opportunités correspondant à vos critères").is_visible()

    page.get_by_label("Type d'opportunité").select_option(label="Remplacement")
    press(page, "Afficher les opportunités")
    carte = wait_for_map(page)
    assert carte.get_attribute("data-listing-count") == "1"
    assert markers_on_map(page) == 1
    assert "Remplacement d'été à Valmont" in page.locator("#listing-list > li").inner_text()

    # Commune with autocomplete (datalist), then the radius.
    page.get_by_label("Type d'opportunité").select_option(value="")
    page.get_by_label("Profession").select_option(value="")
    assert page.locator("#communes-list option[value='Roche-Baronne (26502)']").count() == 1
    page.get_by_label("Commune", exact=True).fill("Roche-Baronne (26502)")
    press(page, "Afficher les opportunités")
    carte = wait_for_map(page)
    assert carte.get_attribute("data-listing-count") == "1"
    assert "Poste de pédiatre salarié" in page.locator("#listing-list > li").inner_text()
    shot(page, "carte-filtree")


def test_aid_finder_returns_the_aids_of_a_profile(browser_page, live_server, small_site_live):
    page = browser_page
    page.goto(f"{live_server.url}/aides/trouver/")
    assert_accessible_basics(page)
    page.get_by_label("Médecin installé").check()
    page.get_by_label("Profession").select_option(label="Médecin généraliste")
    page.get_by_label("Commune d'exercice envisagée").fill("Valmont-sur-Drôme")
    press(page, "Voir les aides")
    results = page.locator(".aid-result")
    assert results.count() == 1
    assert results.get_by_role("heading", level=3).inner_text() == "Prime d'installation en zone prioritaire"
    text = results.inner_text()
    assert "50 000 € (test)" in text and "ZIP uniquement" in text
    assert "zonage fictif de démonstration" in page.locator(".aid-results").inner_text()
    assert page.get_by_label("Médecin installé").is_checked()  # the form keeps the answers
    shot(page, "aides-trouver")


def test_keyboard_only_reaches_a_listing(browser_page, live_server, small_site_live):
    page = browser_page
    page.goto(f"{live_server.url}/carte/")
    wait_for_map(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    for _ in range(40):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href') || ''")
        if href.startswith("/annonces/"):
            break
    else:
        pytest.fail("No listing link reached with the keyboard.")
    # Focus is visible.
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}{href}")
    assert page.get_by_role("heading", level=1).inner_text() in {
        "Cabinet lumineux à Valmont",
        "Remplacement d'été à Valmont",
        "Poste de pédiatre salarié",
    }


def test_pages_work_without_javascript(chromium, live_server, small_site_live):
    context = chromium.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/carte/?profession=pediatre")
        assert page.locator("#listing-list > li").count() == 1
        assert page.locator(".leaflet-container").count() == 0
        page.get_by_role("link", name="Poste de pédiatre salarié").click()
        assert page.get_by_role("heading", level=1).inner_text() == "Poste de pédiatre salarié"
    finally:
        context.close()


def test_demo_site_main_pages(browser_page, live_server):
    """The seeded demo: every commune and every public listing on the map; screenshots."""
    from listings.models import Listing

    from .conftest import restore_migration_data

    restore_migration_data()
    call_command("seed_demo", stdout=StringIO())
    public = Listing.objects.public().count()
    page = browser_page

    page.goto(f"{live_server.url}/")
    carte = wait_for_map(page)
    assert carte.get_attribute("data-commune-count") == "367"
    assert carte.get_attribute("data-listing-count") == str(public)
    assert markers_on_map(page) == public
    assert_accessible_basics(page)
    shot(page, "accueil")

    page.goto(f"{live_server.url}/carte/")
    carte = wait_for_map(page)
    assert page.locator("#carte path.commune-shape").count() == 367
    assert markers_on_map(page) == public
    assert_accessible_basics(page)
    shot(page, "carte", full_page=False)
    page.get_by_label("Afficher l'offre de soins").check()
    page.wait_for_selector("#carte .facility-icon--interns")
    shot(page, "carte-offre-de-soins", full_page=False)

    page.goto(f"{live_server.url}/carte/?commune=Die&rayon=20")
    wait_for_map(page)
    first = page.locator("#listing-list a[href^='/annonces/']").first
    listing_url = first.get_attribute("href")
    page.locator("[data-locate]").first.click()
    page.wait_for_selector("#carte .leaflet-popup")
    shot(page, "carte-die-20km", full_page=False)

    for name, path in (
        ("annonce", listing_url),
        ("commune-die", "/communes/die-26113/"),
        ("communes", "/communes/"),
        ("aides-trouver-interne-die", "/aides/trouver/?profil=interne&profession=medecin-generaliste&commune=26113"),
        ("aides", "/aides/"),
        ("partenaires", "/partenaires/"),
        ("parcours", "/parcours/"),
    ):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        if page.locator("[data-map]").count():
            page.wait_for_selector("[data-map][data-state='ready']", state="attached")
        assert_accessible_basics(page)
        shot(page, name)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/carte/")
    wait_for_map(page)
    shot(page, "carte-mobile", full_page=False)
