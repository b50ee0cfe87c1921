"""axe-core on the page of a manager's invitation at phone width (375 px): the
confirmation an existing account sees, and the refusal another account sees. No serious
or critical violation (tests/frontend/axe.py)."""

import pytest

from .axe import axe_violations, format_violations

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

PHONE = {"width": 375, "height": 812}
PASSWORD = "motdepasse-de-test"


def test_the_invitation_pages_have_no_serious_or_critical_axe_violation_on_a_phone(
    browser_page, live_server, small_site_live
):
    from listings.accounts import invitation_path
    from listings.factories import ContributorFactory, OrganisationFactory

    manager = ContributorFactory(username="responsable-invitation")
    invited = ContributorFactory(username="invitee-axe", password=PASSWORD)
    ContributorFactory(username="autre-axe", password=PASSWORD)
    structure = OrganisationFactory(name="CPTS invitante", communes=[small_site_live.communes["a"]], members=[manager])
    structure.managers.add(manager)
    path = invitation_path(structure, invited, manager)

    page = browser_page
    page.set_viewport_size(PHONE)
    base = live_server.url
    failures = {}

    def sign_in(username):
        page.context.clear_cookies()
        page.goto(f"{base}/espace-contributeur/connexion/")
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("main form[method=post] button[type=submit]").last.click()

    def check(name, response, status):
        problems = [f"statut {response.status}"] if response.status != status else []
        if page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1"):
            problems.append("défilement horizontal à 375 px")
        if violations := axe_violations(page):
            problems.append(format_violations(violations))
        if problems:
            failures[name] = problems

    sign_in("autre-axe")
    check("invitation-other-account", page.goto(f"{base}{path}"), 403)
    sign_in("invitee-axe")
    check("invitation", page.goto(f"{base}{path}"), 200)
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()
    assert structure.members.filter(pk=invited.pk).exists()
    check("invitation-already-member", page.goto(f"{base}{path}"), 200)

    assert not failures, "\n".join(f"{name} :\n  " + "\n  ".join(problems) for name, problems in failures.items())
