import json

import pytest


@pytest.fixture(autouse=True)
def _media_and_cache_isolation(settings, tmp_path):
    """Each test writes media to its own folder and starts with an empty cache."""
    from django.core.cache import cache

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    cache.clear()
    yield
    cache.clear()


TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server"}


@pytest.fixture(autouse=True)
def _default_site_after_a_flush(request):
    """A transactional test's flush removes the default site wagtailcore's migration made;
    the rows of a desk (reference.desks.DeskOwned) created without a site need it."""
    marker = request.node.get_closest_marker("django_db")
    if (marker and marker.kwargs.get("transaction")) or TRANSACTIONAL_FIXTURES & set(request.fixturenames):
        from .frontend.conftest import ensure_default_site

        request.getfixturevalue("transactional_db")
        ensure_default_site()


@pytest.fixture
def gql(client):
    """POST a query to /graphql/ and return (status, parsed body)."""

    def run(query, variables=None, client_=None, **extra):
        body = {"query": query}
        if variables is not None:
            body["variables"] = variables
        response = (client_ or client).post(
            "/graphql/", data=json.dumps(body), content_type="application/json", **extra
        )
        return response.status_code, response.json()

    return run


CHROMIUM = "/usr/bin/chromium"
# Chromium must not phone home: on a closed network those calls fail noisily, and a
# test must never send traffic beyond localhost.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium driven by Playwright (never a downloaded browser)."""
    import os

    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
    # the test itself are still synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser_page(chromium, live_server):
    """A fresh page that fails the test if anything is requested outside the live server."""
    context = chromium.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    outside = []

    def watch(request):
        if not request.url.startswith((live_server.url, "data:", "blob:")):
            outside.append(request.url)

    page.on("request", watch)
    yield page
    context.close()
    assert outside == [], f"Requêtes hors de localhost : {outside}"


# Tests that start a browser, a live server, gunicorn or a database of their own, or build
# a whole site: seconds each (modules that build much data mark themselves with `pytestmark`).
# `scripts/test.sh -m "not slow"` runs the rest in about a minute.
# `small_site` builds a whole site (pages, aids, communes, listings) for each test.
SLOW_FIXTURES = {
    "chromium",
    "live_server",
    "browser_page",
    "app_server",
    "fresh_database",
    "migrated_template",
    "small_site",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
