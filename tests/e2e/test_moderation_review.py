"""The moderator's loop in a real browser (Debian's chromium), localhost only: a contributor's
listing is approved from the review screen; the contributor edits it and resubmits; the
moderator reads the review screen (banner, diff with the live version), asks for changes
in Wagtail's comment modal; the contributor resubmits; the review screen says it is a
resubmission and quotes the request; the moderator approves and the new version is public.

The contributor's steps use Wagtail's workflow API (a new revision, then start or resume),
as the contributor space does; the moderator's steps are all clicks. axe runs on the
review screen."""

import json
import urllib.parse

import pytest
from django.contrib.auth.models import Permission

from listings.models import Listing, ListingContact, ListingKind, ListingModerationTask, Organisation
from reference.models import Commune

from ..frontend.axe import BLOCKING_IMPACTS, format_violations, inject_axe
from ..frontend.conftest import restore_migration_data
from .journeys import PASSWORD, admin_login, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

REVIEW_AXE = """async (options) => {
  const results = await axe.run({include: [['.listing-review']]}, options);
  return results.violations.map((rule) => ({
    id: rule.id, impact: rule.impact, help: rule.help, nodes: rule.nodes.length,
    targets: rule.nodes.slice(0, 3).map((node) => node.target.join(' ')),
    html: rule.nodes.slice(0, 3).map((node) => node.html.slice(0, 240)),
  }));
}"""


@pytest.fixture
def people(django_user_model):
    restore_migration_data()  # an earlier transactional test may have flushed the workflow and groups
    commune = Commune.objects.create(insee_code="26108", name="Crest")
    town = Organisation.objects.create(name="Mairie de Crest", kind="municipality", email="mairie@crest.example.org")
    town.communes.add(commune)
    alice = django_user_model.objects.create_user("alice", "alice@example.org", PASSWORD)
    town.members.add(alice)
    moderator = django_user_model.objects.create_user("moderatrice", "moderatrice@example.org", PASSWORD)
    # The moderators are whoever the listing task names (the group is reached through it, not by name).
    moderator.groups.add(ListingModerationTask.objects.get().groups.get())
    # Wagtail's migrations give the group admin access; a flush took it away with the data.
    moderator.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return {"alice": alice, "moderator": moderator, "town": town, "commune": commune}


def contributor_sends(listing, user, **changes):
    """A new version from the contributor: first submission, edit of a live listing, or
    resubmission after a request for changes (Wagtail's start / resume)."""
    listing = Listing.objects.get(pk=listing.pk).get_latest_revision_as_object() if listing.pk else listing
    for name, value in changes.items():
        setattr(listing, name, value)
    if not listing.live:
        listing.save()
    listing.save_revision(user=user, log_action=True)
    state = Listing.objects.get(pk=listing.pk).current_workflow_state
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
    else:
        listing.get_workflow().start(listing, user)
    return listing


def open_review(page, base, listing):
    """From the listings list, as a moderator finds it: the « Relire » link of the listing."""
    page.goto(f"{base}/admin/snippets/listings/listing/")
    page.get_by_role("link", name=f"Relire « {listing.title} »").click()
    page.wait_for_selector(".listing-review")


def decide(page, label, comment=None):
    """Click a decision; a decision that needs a comment opens Wagtail's modal first. Either
    way the page reloads on the review screen with the confirmation."""
    button = page.get_by_role("button", name=label, exact=True)
    if comment is None:
        with page.expect_navigation():
            button.click()
    else:
        button.click()
        page.locator(".modal textarea[name=comment]").fill(comment)
        with page.expect_navigation():
            page.locator(".modal button[type=submit]").click()
    page.wait_for_selector(".listing-review")


def review_axe_violations(page):
    inject_axe(page)
    options = {
        "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
        "resultTypes": ["violations"],
    }
    return [rule for rule in page.evaluate(REVIEW_AXE, options) if rule["impact"] in BLOCKING_IMPACTS]


def test_the_moderators_loop_from_the_review_screen(browser_page, live_server, people):
    page, base = browser_page, live_server.url
    listing = Listing(
        kind=ListingKind.OFFICE,
        title="Cabinet lumineux à Crest",
        summary="Deux pièces de 40 m², accessibles.",
        commune=people["commune"],
        location="SRID=4326;POINT(5.0226 44.7285)",
        monthly_rent_eur=400,
        organisation=people["town"],
        live=False,
    )
    listing.contacts = [ListingContact(name="Claire Martin", email="claire.martin@example.org")]
    listing = contributor_sends(listing, people["alice"])

    admin_login(page, base, "moderatrice")
    open_review(page, base, listing)
    assert "Première soumission" in page.content()
    decide(page, "Approuver et publier")
    assert "Annonce « Cabinet lumineux à Crest » approuvée et publiée." in page.content()
    assert Listing.objects.get(pk=listing.pk).live

    # The contributor raises the rent: the live version stays until a decision.
    contributor_sends(listing, people["alice"], monthly_rent_eur=550)
    open_review(page, base, listing)
    content = page.content()
    assert "Modification d'une annonce publiée" in content
    diff = page.locator("[data-review-diff]")
    assert "Loyer mensuel" in diff.inner_text()
    assert "550" in diff.inner_text() and "400" in diff.inner_text()
    shot(page, "moderation-1-review-edit")
    decide(page, "Demander des modifications", "Pourquoi ce nouveau loyer ? Précisez les charges comprises.")
    assert "Modifications demandées pour l'annonce « Cabinet lumineux à Crest »" in page.content()

    # The contributor answers and resubmits.
    contributor_sends(listing, people["alice"], conditions="Charges comprises : eau et chauffage.")
    open_review(page, base, listing)
    banner = page.locator('[data-review-banner="resubmission"]')
    assert "Nouvelle version envoyée le" in banner.inner_text()
    assert "après votre demande de modifications" in banner.inner_text()
    assert "Pourquoi ce nouveau loyer ? Précisez les charges comprises." in banner.inner_text()
    diff_text = page.locator("[data-review-diff]").inner_text()
    assert "Loyer mensuel" in diff_text and "Conditions" in diff_text
    shot(page, "moderation-2-review-resubmission")
    violations = review_axe_violations(page)
    assert violations == [], "Violations axe sur l'écran de relecture :\n" + format_violations(violations)

    decide(page, "Approuver et publier")
    assert "approuvée et publiée" in page.content()
    listing = Listing.objects.get(pk=listing.pk)
    assert listing.live
    query = urllib.parse.quote(f'{{ listing(slug: "{listing.slug}") {{ title monthlyRentEur conditions }} }}')
    answer = json.loads(page.request.get(f"{base}/graphql/?query={query}").text())
    assert answer["data"]["listing"]["monthlyRentEur"] in (550, "550", "550.00", 550.0)
    assert answer["data"]["listing"]["conditions"] == "Charges comprises : eau et chauffage."
