"""The browser fixtures work: Debian's chromium, localhost only."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_admin_login_page_renders_in_french_in_a_real_browser(browser_page, live_server):
    browser_page.goto(f"{live_server.url}/admin/login/")
    assert browser_page.locator("html").get_attribute("lang").startswith("fr")
    assert browser_page.get_by_role("button", name="S'identifier").is_visible()
