"""The editors' loop in the Wagtail admin, in a real browser (Debian's chromium), localhost
only: a content page with an action button leading nowhere gets a French error on the block
(in the editor and its autosave, never a 500), is fixed and published with an ASCII address;
a partner's map is shown at once on its saved point, in French, and searches addresses
through the desk's own service; communes are searched in an aid's chooser. axe checks the
project's own widgets."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Page, Site

from aides.factories import AidPageFactory, AidsIndexPageFactory
from home.factories import HomePageFactory
from home.models import ContentPage
from partners.factories import PartnerPageFactory, PartnersIndexPageFactory
from reference.models import Commune

from ..frontend.axe import AXE_TAGS, BLOCKING_IMPACTS, format_violations, inject_axe
from ..frontend.conftest import ensure_wagtail_roots
from .journeys import PASSWORD, admin_login, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

BLOCK_ERROR = "Choisissez une page du site ou saisissez une adresse web."


@pytest.fixture
def desk(django_user_model):
    # The tree's root after an earlier transactional test's flush (a superuser needs no groups).
    ensure_wagtail_roots()
    home = HomePageFactory(parent=Page.get_first_root_node(), title="Accueil", slug="accueil")
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "site_name": "Guichet"}
    )
    valence = Commune.objects.create(insee_code="26362", name="Valence")
    Commune.objects.create(insee_code="26113", name="Die")
    partner = PartnerPageFactory(
        parent=PartnersIndexPageFactory(parent=home),
        title="CPAM de la Drôme",
        location="SRID=4326;POINT(4.8924 44.9334)",
    )
    aid = AidPageFactory(parent=AidsIndexPageFactory(parent=home), title="Prime d'installation")
    django_user_model.objects.create_superuser("editrice", "editrice@example.org", PASSWORD)
    return {"home": home, "partner": partner, "aid": aid, "valence": valence}


def blocking_violations(page, selector):
    """axe's serious and critical violations inside the project's own widget."""
    inject_axe(page)
    options = {"runOnly": {"type": "tag", "values": list(AXE_TAGS)}, "resultTypes": ["violations"]}
    results = page.evaluate(
        """async ({selector, options}) => {
            const results = await axe.run(selector, options);
            return results.violations.map((rule) => ({
                id: rule.id, impact: rule.impact, help: rule.help, nodes: rule.nodes.length,
                targets: rule.nodes.slice(0, 3).map((node) => node.target.join(' ')),
                html: rule.nodes.slice(0, 3).map((node) => node.html.slice(0, 240)),
            }));
        }""",
        {"selector": selector, "options": options},
    )
    return [rule for rule in results if rule["impact"] in BLOCKING_IMPACTS]


def publish(page):
    page.locator("footer .w-dropdown__toggle").first.click()
    page.get_by_role("button", name="Publier").click()


def test_action_button_error_fix_publish_and_autosave(browser_page, live_server, desk):
    page, base = browser_page, live_server.url
    server_errors = []
    page.on("response", lambda r: server_errors.append(r.url) if r.status >= 500 else None)
    admin_login(page, base, "editrice")

    page.goto(f"{base}/admin/pages/add/home/contentpage/{desk['home'].pk}/")
    page.locator("#id_title").press_sequentially("Brouillon abandonné test")
    page.locator("#id_introduction").click()  # the title's blur syncs the slug
    expect(page.locator("#id_slug")).to_have_value("brouillon-abandonne-test")
    page.get_by_role("button", name="Insérer un bloc").first.click()
    page.get_by_role("option", name="Bouton d'action").click()
    page.get_by_label("Texte du bouton").fill("En savoir plus")

    publish(page)
    page.wait_for_load_state("networkidle")
    error = page.locator(".error-message").filter(has_text=BLOCK_ERROR)
    assert error.first.is_visible()
    shot(page, "editor-1-block-error")

    page.get_by_label("Ou adresse web").fill("https://example.org/installation")
    publish(page)
    page.wait_for_url(f"{base}/admin/pages/{desk['home'].pk}/")
    shot(page, "editor-2-published")
    published = ContentPage.objects.get(title="Brouillon abandonné test")
    assert published.live
    assert published.slug == "brouillon-abandonne-test"

    # Wagtail 8 autosaves a draft while the editor types: an emptied button is refused in
    # JSON with the same error, never a 500.
    page.goto(f"{base}/admin/pages/{published.pk}/edit/")
    page.wait_for_timeout(3_000)  # Wagtail reads the form's initial state after a short delay
    with page.expect_response(
        lambda r: r.request.method == "POST" and f"/admin/pages/{published.pk}/edit/" in r.url, timeout=30_000
    ) as autosave:
        page.get_by_label("Ou adresse web").fill("")
        page.get_by_label("Texte du bouton").click()
    assert autosave.value.status == 400
    assert autosave.value.json()["error_code"] == "validation_error"
    assert server_errors == []


def test_partner_map_is_shown_in_french_on_its_point_and_searches_the_desk(browser_page, live_server, desk):
    page, base = browser_page, live_server.url
    calls = []

    def answer(route):
        calls.append(route.request.url)
        route.fulfill(
            json={
                "results": [
                    {
                        "label": "1 Place de la Liberté 26000 Valence",
                        "latitude": 44.9327,
                        "longitude": 4.8920,
                        "commune_code": "26362",
                        "commune": "Valence",
                        "kind": "housenumber",
                    }
                ]
            }
        )

    page.route("**/referentiels/adresses/**", answer)
    admin_login(page, base, "editrice")
    page.goto(f"{base}/admin/pages/{desk['partner'].pk}/edit/")

    map_ = page.locator(".gus-map-field__map")
    map_.scroll_into_view_if_needed()
    assert map_.is_visible()
    marker = page.locator(".gus-map-field .leaflet-marker-icon")
    assert marker.is_visible()
    # Opened on the saved point: the marker is at the centre of the map.
    box, pin = map_.bounding_box(), marker.bounding_box()
    assert abs((pin["x"] + pin["width"] / 2) - (box["x"] + box["width"] / 2)) < 20
    html = page.content()
    for english in ("Click here to initialize map", "Enter a location", "geo-coded"):
        assert english not in html
    # A visible zoom of 15: the commune outlines' 0.05° squares would not frame the marker at 9.
    assert page.locator(".gus-map-field").get_by_text("Rechercher une adresse").is_visible()

    page.get_by_label("Rechercher une adresse").fill("1 place de la liberté valence")
    page.locator(".gus-map-field").get_by_role("button", name="Rechercher", exact=True).click()
    page.get_by_role("button", name="1 Place de la Liberté 26000 Valence").click()
    assert page.locator("#id_location").input_value() == "SRID=4326;POINT(4.892 44.9327)"
    assert "Repère placé" in page.locator(".gus-map-field__message").inner_text()
    assert calls and "q=1+place+de+la+libert" in calls[0]
    shot(page, "editor-3-partner-map")
    violations = blocking_violations(page, ".gus-map-field")
    assert violations == [], format_violations(violations)


def test_communes_are_searched_in_the_aid_s_chooser(browser_page, live_server, desk):
    page, base = browser_page, live_server.url
    admin_login(page, base, "editrice")
    page.goto(f"{base}/admin/pages/{desk['aid'].pk}/edit/")
    page.get_by_role("button", name="Ajouter des communes").click()
    modal = page.locator(".modal")
    modal.get_by_label("Rechercher une commune").fill("vale")
    expect(modal.get_by_text("Die (26113)")).to_have_count(0)  # the search narrowed the list
    modal.get_by_text("Valence (26362)").wait_for()
    modal.locator("input[data-multiple-choice-select]").first.check()
    modal.get_by_role("button", name="Confirmer la sélection").click()
    chosen = page.locator(".gus-multiple-chooser__list")
    chosen.get_by_text("Valence (26362)").wait_for()
    shot(page, "editor-4-aid-communes")
    violations = blocking_violations(page, ".gus-multiple-chooser")
    assert violations == [], format_violations(violations)

    publish(page)
    page.wait_for_load_state("networkidle")
    aid = desk["aid"].__class__.objects.get(pk=desk["aid"].pk)
    assert list(aid.communes.values_list("insee_code", flat=True)) == ["26362"]
