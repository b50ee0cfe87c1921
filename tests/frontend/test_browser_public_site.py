"""The public site on a phone (375×812) and a desktop (1366×900), with and without
JavaScript (issue 14): the menu, the map page's layout, the map a newcomer can read, the
server-drawn map when scripts do not run, and the error pages (the live server runs with
DEBUG off, as in production).

One test per width and JavaScript setting walks through every point, so the transactional
database flush is paid four times. Accessibility (axe-core) is checked page by page in
test_browser_axe.py.
"""

import pytest

from .test_browser_axe import block_scripts

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

WIDTHS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1366, "height": 900}}


@pytest.fixture
def gone_listing(small_site_live):
    """An expired listing; and enough public ones for the list to be longer than the map."""
    from listings.factories import ListingFactory
    from listings.models import ListingKind, ListingStatus

    for number in range(8):
        ListingFactory(
            title=f"Local numéro {number} à Pré-Vert",
            slug=f"local-{number}-pre-vert",
            kind=ListingKind.OFFICE,
            commune=small_site_live.communes["c"],
            summary="Un local au rez-de-chaussée, accessible, près de la pharmacie.",
        )
    return ListingFactory(
        title="Cabinet dont l'annonce a expiré",
        slug="cabinet-expire-valmont",
        kind=ListingKind.OFFICE,
        commune=small_site_live.communes["a"],
        status=ListingStatus.EXPIRED,
    )


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def visible(page, selector):
    return page.locator(selector).first.is_visible()


def static_map_loaded(page, container):
    """The server's image fills the map's box: loaded and not empty."""
    return page.evaluate(
        """(selector) => {
            const image = document.querySelector(selector + ' img.static-map');
            const shown = image && image.getBoundingClientRect().height > 100;
            return Boolean(shown && image.complete && image.naturalWidth > 0);
        }""",
        container,
    )


def wait_for_maps(page):
    page.wait_for_function(
        "[...document.querySelectorAll('[data-map]')].every((m) => ['ready', 'error'].includes(m.dataset.state))",
        timeout=15_000,
    )
    assert page.locator("[data-map][data-state='error']").count() == 0


def check_menu(page, width, live_server):
    page.goto(f"{live_server.url}/")
    nav_link = page.locator(".site-nav a", has_text="Communes")
    if width == "phone":
        assert visible(page, ".site-menu__button") and not nav_link.is_visible()
        assert box(page, ".site-header")["height"] < 170  # folded: no longer four lines of links
        page.locator(".site-menu__button").click()  # a <details>: no script needed
        assert nav_link.is_visible()
    else:
        assert not visible(page, ".site-menu__button") and nav_link.is_visible()
        assert box(page, ".site-nav")["height"] < 60  # one row


def check_map_page(page, width, js, live_server):
    page.goto(f"{live_server.url}/carte/")
    if js:
        wait_for_maps(page)
        check_readable_map(page)
    map_box, fields = box(page, "#carte"), page.locator("#f-type")
    if width == "phone":
        assert not fields.is_visible()  # the filters fold
        page.locator(".filters__toggle").click()
        assert fields.is_visible()
        assert map_box["y"] < 812, "the map is within the first screen"
        if js:
            assert not visible(page, "#listing-list")  # map first, the list one tap away
            page.get_by_role("button", name="Liste (11)").click()
            assert visible(page, "#listing-list") and not visible(page, "#carte")
            assert page.get_by_role("button", name="Liste (11)").get_attribute("aria-pressed") == "true"
            page.get_by_role("button", name="Carte", exact=True).click()
            assert visible(page, "#carte")
        else:
            assert box(page, "#listing-list")["y"] > map_box["y"]  # both, the map first
            assert visible(page, "a[href='#resultats']")  # the switch is a pair of links
    else:
        assert fields.is_visible() and not visible(page, ".filters__toggle")
        list_box = box(page, "#listing-list")
        assert map_box["x"] > list_box["x"] + list_box["width"] - 1  # the map beside the list
        assert map_box["y"] < 900
        if js:
            page.mouse.wheel(0, 900)
            page.wait_for_timeout(200)
            top = page.evaluate("document.querySelector('#carte').getBoundingClientRect().top")
            assert 0 <= top < 120, "the map stays in view while the list scrolls"
            # The list follows the map (on by default on wide screens).
            assert page.locator("[data-follow-map]").is_checked()
            page.locator("#carte .leaflet-control-zoom-in").click()
            page.wait_for_function("document.querySelector('[data-results]').dataset.zone")
            assert "zone=" in page.url
            assert "dans la partie de la carte affichée" in page.locator("#results-title").inner_text()
    if not js:
        assert static_map_loaded(page, "#carte")
        assert page.locator("#carte.leaflet-container").count() == 0
    assert visible(page, ".map-legend")


def check_readable_map(page):
    """Names, outline, centred cluster counts."""
    page.wait_for_selector("#carte path.territory-outline", state="attached")
    assert page.locator("#carte .commune-label").count() >= 1
    assert page.locator("#carte img.static-map").count() == 0  # the image gave way to the map
    clusters = page.locator("#carte .listing-cluster")
    for index in range(clusters.count()):
        circle = clusters.nth(index).bounding_box()
        digits = clusters.nth(index).locator("span[aria-hidden='true']").bounding_box()
        assert abs((circle["x"] + circle["width"] / 2) - (digits["x"] + digits["width"] / 2)) < 3
        assert abs((circle["y"] + circle["height"] / 2) - (digits["y"] + digits["height"] / 2)) < 4


def check_place_maps(page, js, live_server, small_site):
    for path in (f"/annonces/{small_site.listings['office'].slug}/", f"/communes/{small_site.communes['a'].slug}/"):
        page.goto(f"{live_server.url}{path}")
        if js:
            wait_for_maps(page)
            assert page.locator("[data-map='place'] img.static-map").count() == 0
        else:
            assert static_map_loaded(page, "[data-map='place']"), path


def check_error_pages(page, live_server, gone_listing):
    response = page.goto(f"{live_server.url}/annonces/{gone_listing.slug}/")
    assert response.status == 410
    assert page.get_by_role("heading", level=1).inner_text() == "Cette annonce n'est plus disponible"
    assert page.locator(".listing-card").count() >= 1  # similar listings nearby
    response = page.goto(f"{live_server.url}/annonces/cabinet-lumineux-valmon/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page introuvable"
    assert page.get_by_role("link", name="Cabinet lumineux à Valmont").count() == 1  # what it may have meant
    assert page.locator("form[role=search] input[name=q]").is_visible()


def check_print(page, live_server, small_site):
    page.goto(f"{live_server.url}/annonces/{small_site.listings['office'].slug}/")
    page.emulate_media(media="print")
    assert not visible(page, ".site-header") and not visible(page, "[data-map]")
    assert visible(page, "h1")
    page.emulate_media(media="screen")


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_public_site_at_both_widths(chromium, live_server, small_site_live, gone_listing, width, js):
    context = chromium.new_context(locale="fr-FR", viewport=WIDTHS[width], reduced_motion="reduce")
    context.set_default_timeout(15_000)
    page = context.new_page()
    outside = []
    page.on("request", lambda request: None if request.url.startswith(live_server.url) else outside.append(request.url))
    if not js:
        block_scripts(page)
    try:
        check_menu(page, width, live_server)
        check_map_page(page, width, js, live_server)
        check_place_maps(page, js, live_server, small_site_live)
        check_error_pages(page, live_server, gone_listing)
        check_print(page, live_server, small_site_live)
    finally:
        context.close()
    assert outside == [], outside
