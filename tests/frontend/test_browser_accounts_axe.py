"""axe-core on the contributor-account pages at phone width (375 px): the account request,
« mot de passe oublié » and its link, the members page and its removal confirmation, each
also after a round of errors. No serious or critical violation (tests/frontend/axe.py)."""

from pathlib import Path
from urllib.parse import urlparse

import pytest

from .axe import axe_violations, format_violations

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCREENSHOTS = {"account-request-errors", "password-link-errors", "members"}
PHONE = {"width": 375, "height": 812}
PASSWORD = "motdepasse-de-test"
ERROR_SHOWN = ".error-summary, .error, [role=alert]"


def submit(page):
    with page.expect_navigation() as navigation:
        page.locator("main form[method=post]").last.locator("button[type=submit]").click()
    return navigation.value


def test_account_pages_have_no_serious_or_critical_axe_violation_on_a_phone(browser_page, live_server, small_site_live):
    from listings.accounts import set_password_url
    from listings.factories import ContributorFactory, OrganisationFactory

    manager = ContributorFactory(username="responsable-axe", password=PASSWORD)
    member = ContributorFactory(username="membre-axe")
    structure = OrganisationFactory(
        name="CPTS de test", communes=[small_site_live.communes["a"]], members=[manager, member]
    )
    structure.managers.add(manager)
    newcomer = ContributorFactory(username="nouveau-axe")
    newcomer.set_unusable_password()
    newcomer.save()
    link = urlparse(set_password_url(newcomer)).path

    page = browser_page
    page.set_viewport_size(PHONE)
    base = live_server.url
    failures = {}

    def check(name, response, status=(200,), errors=False):
        problems = []
        if response.status not in status:
            problems.append(f"statut {response.status}")
        if errors and not page.locator(ERROR_SHOWN).count():
            problems.append("aucune erreur affichée")
        overflow = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1")
        if overflow:
            problems.append("défilement horizontal à 375 px")
        if name in SCREENSHOTS:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"axe-phone-{name}.png"), full_page=True)
        violations = axe_violations(page)
        if violations:
            problems.append(format_violations(violations))
        if problems:
            failures[name] = problems

    check("account-request", page.goto(f"{base}/espace-contributeur/demander-un-compte/"))
    # The communes are ticked in a list filtered by what is typed (no Ctrl/Cmd on a phone).
    commune = small_site_live.communes["a"]
    page.get_by_label("Filtrer les communes").fill(commune.name[:4].lower())
    assert page.get_by_label(str(commune)).is_visible()
    visible = page.locator("div.commune-checklist__box > div:not([hidden])").count()
    assert 1 <= visible < len(small_site_live.communes) or len(small_site_live.communes) == 1
    page.get_by_label(str(commune)).check()
    assert "1 commune(s) cochée(s)" in page.locator(".field--filterable").inner_text()
    check("account-request-errors", submit(page), status=(400,), errors=True)
    page.locator("#id_siret").fill("123")
    check("account-request-errors-again", submit(page), status=(400,), errors=True)
    check("account-request-thanks", page.goto(f"{base}/espace-contributeur/demander-un-compte/merci/"))

    check("password-reset", page.goto(f"{base}/espace-contributeur/mot-de-passe/oublie/"))
    page.locator("#id_email").fill("pas-une-adresse")
    check("password-reset-errors", submit(page), status=(200,), errors=True)
    page.locator("#id_email").fill("personne@example.org")
    check("password-reset-done", submit(page))
    check("password-link-invalid", page.goto(f"{base}/espace-contributeur/mot-de-passe/nouveau/MQ/mauvais-jeton/"))
    check("password-link", page.goto(f"{base}{link}"))
    page.locator("#id_new_password1").fill("123")
    page.locator("#id_new_password2").fill("456")
    check("password-link-errors", submit(page), errors=True)
    page.locator("#id_new_password1").fill("Un-mot-de-passe-solide-42")
    page.locator("#id_new_password2").fill("Un-mot-de-passe-solide-42")
    check("password-complete", submit(page))

    page.goto(f"{base}/espace-contributeur/connexion/")
    page.locator("input[name=username]").fill("responsable-axe")
    page.locator("input[name=password]").fill(PASSWORD)
    submit(page)
    check("members", page.goto(f"{base}/espace-contributeur/structures/{structure.pk}/membres/"))
    page.locator("#id_email").fill("pas-une-adresse")
    check("members-errors", submit(page), status=(400,), errors=True)
    check(
        "members-remove",
        page.goto(f"{base}/espace-contributeur/structures/{structure.pk}/membres/{member.pk}/retirer/"),
    )

    assert not failures, "\n".join(f"{name} :\n  " + "\n  ".join(problems) for name, problems in failures.items())
