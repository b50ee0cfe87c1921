"""The whole contribution flow in a real browser (Debian's chromium), localhost only:
a contributor submits a listing with a photo, a moderator requests a change in the
Wagtail admin, the contributor edits, the moderator approves, and the listing is
served by the public GraphQL API. Contributor B cannot reach it by any URL."""

import json
import urllib.parse

import pytest
from django.contrib.auth.models import Group

from listings.models import Listing, Organisation
from reference.models import Commune, Profession

from ..listings.conftest import jpeg_bytes
from .journeys import PASSWORD, admin_login, contributor_login, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(django_user_model):
    valence = Commune.objects.create(insee_code="26362", name="Valence")
    Profession.objects.create(name="Médecin généraliste", slug="medecin-generaliste")
    town = Organisation.objects.create(name="Mairie de Valence", kind="municipality")
    town.communes.add(valence)
    alice = django_user_model.objects.create_user("alice", "alice@example.org", PASSWORD)
    town.members.add(alice)
    other = Organisation.objects.create(name="CPTS du Diois", kind="cpts")
    bruno = django_user_model.objects.create_user("bruno", "bruno@example.org", PASSWORD)
    other.members.add(bruno)
    moderator = django_user_model.objects.create_user("moderatrice", "moderatrice@example.org", PASSWORD)
    moderator.groups.add(Group.objects.get(name="Modérateurs"))
    return {"alice": alice, "bruno": bruno, "moderator": moderator}


def moderate(page, base, listing, action, comment=None):
    page.goto(f"{base}/admin/snippets/listings/listing/edit/{listing.pk}/")
    page.locator("footer .w-dropdown__toggle").click()
    button = page.get_by_role("button", name=action, exact=True)
    if comment is not None:
        button.click()
        page.locator("textarea[name=comment]").fill(comment)
        button = page.locator(".modal button[type=submit]")
    # Wait for the page the action leads to: « networkidle » alone can be reached before the
    # action's request has even started, and the next step would read the state before it.
    with page.expect_navigation():
        button.click()
    page.wait_for_load_state("networkidle")


def test_submit_request_changes_edit_approve_then_public(browser_page, live_server, people, tmp_path):
    page, base = browser_page, live_server.url
    photo = tmp_path / "facade.jpg"
    photo.write_bytes(jpeg_bytes())

    contributor_login(page, base, "alice")
    page.get_by_role("link", name="Nouvelle annonce").first.click()
    page.get_by_label("Type d'annonce").select_option(label="Local professionnel disponible")
    page.get_by_label("Titre").fill("Cabinet lumineux près de la gare")
    page.get_by_label("Résumé").fill("Deux pièces de 40 m², accessibles.")
    page.get_by_label("Médecin généraliste").check()
    page.get_by_label("Commune").select_option(label="Valence (26362)")
    page.get_by_label("Latitude").fill("44.9334")
    page.get_by_label("Longitude").fill("4.8924")
    page.get_by_label("Photos").set_input_files(str(photo))
    page.locator("#id_contact-name").fill("Claire Martin")
    page.locator("#id_contact-email").fill("claire.martin@example.org")
    shot(page, "contribution-1-form")
    page.get_by_role("button", name="Envoyer à l'équipe du guichet").click()
    page.wait_for_load_state("networkidle")
    assert "En attente de modération" in page.content()
    listing = Listing.objects.get()
    assert listing.photos.count() == 1

    moderator_page = page.context.browser.new_page()
    admin_login(moderator_page, base, "moderatrice")
    moderate(moderator_page, base, listing, "Demander des modifications", "Indiquez le loyer mensuel.")
    shot(moderator_page, "contribution-2-admin")

    page.reload()
    assert "Modifications demandées" in page.content()
    assert "Indiquez le loyer mensuel." in page.content()
    page.get_by_role("link", name="Modifier l'annonce").click()
    page.get_by_label("Loyer mensuel (€)").fill("450")
    page.get_by_role("button", name="Envoyer à l'équipe du guichet").click()
    page.wait_for_load_state("networkidle")
    assert "En attente de modération" in page.content()

    moderate(moderator_page, base, Listing.objects.get(), "Approuver et publier")
    moderator_page.close()

    listing = Listing.objects.get()
    assert listing.live
    query = urllib.parse.quote(f'{{ listing(slug: "{listing.slug}") {{ title monthlyRentEur }} }}')
    answer = json.loads(page.request.get(f"{base}/graphql/?query={query}").text())
    assert answer["data"]["listing"]["title"] == "Cabinet lumineux près de la gare"

    # Contributor B cannot reach A's listing by any URL.
    page.request.post(f"{base}/espace-contributeur/deconnexion/", headers={"Referer": base})
    page.context.clear_cookies()
    contributor_login(page, base, "bruno")
    for path in (f"annonces/{listing.pk}/", f"annonces/{listing.pk}/modifier/"):
        assert page.goto(f"{base}/espace-contributeur/{path}").status == 404
    page.goto(f"{base}/admin/snippets/listings/listing/edit/{listing.pk}/")
    assert "/admin/login/" in page.url
    assert "Cabinet lumineux" not in page.goto(f"{base}/espace-contributeur/").text()
