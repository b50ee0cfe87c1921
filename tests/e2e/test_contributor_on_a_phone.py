"""A mairie clerk proposes a listing from a phone (375 × 812) in a real browser (Debian's
chromium): the map frames the chosen commune, the typed address is found and places the
point, a forgotten field brings the form back with a summary that has the focus and the
photo still attached, then the listing is sent and the clerk reads what was sent, the
moderators' request and the history. axe-core finds no serious or critical violation on the
pages met on the way."""

import pytest
from wagtail.models import TaskState

from listings.models import Listing, ListingModerationTask, Organisation
from reference.models import Profession

from ..frontend.axe import axe_violations, format_violations
from ..listings.conftest import jpeg_bytes, make_die_with_an_address
from .journeys import PASSWORD, contributor_login, shot

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def clerk(django_user_model):
    die = make_die_with_an_address()
    Profession.objects.create(name="Médecin généraliste", slug="medecin-generaliste")
    town = Organisation.objects.create(name="Mairie de Die", kind="municipality")
    town.communes.add(die)
    user = django_user_model.objects.create_user("greffe", "accueil@mairie-die.example", PASSWORD)
    town.members.add(user)
    return user


@pytest.fixture
def phone(chromium, live_server):
    context = chromium.new_context(locale="fr-FR", viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    outside = []
    page.on("request", lambda request: None if request.url.startswith(live_server.url) else outside.append(request.url))
    yield page
    context.close()
    assert [url for url in outside if not url.startswith(("data:", "blob:"))] == []


def assert_accessible(page, where):
    violations = axe_violations(page)
    assert violations == [], f"{where} :\n{format_violations(violations)}"


def test_a_clerk_on_a_phone_finds_the_address_survives_an_error_and_follows_the_listing(
    phone, live_server, clerk, tmp_path
):
    page, base = phone, live_server.url
    photo = tmp_path / "cabinet-die.jpg"
    photo.write_bytes(jpeg_bytes())

    contributor_login(page, base, "greffe")
    # The header's « Proposer une annonce » leads a signed-in member to their space's form.
    with page.expect_navigation():
        page.goto(f"{base}/proposer-une-annonce/")
    assert page.url == f"{base}/espace-contributeur/annonces/nouvelle/"
    assert "rattachée à votre structure" in page.content()

    page.get_by_label("Type d'annonce").select_option(label="Local professionnel disponible")
    # Only the details of the chosen kind are shown (and sent).
    assert page.get_by_role("group", name="Pour des locaux").is_visible()
    assert page.locator("fieldset[data-listing-kinds=replacement]").is_hidden()
    page.get_by_label("Titre").fill("Cabinet place de la République")
    # « Résumé » forgotten on purpose: the error round.
    page.get_by_label("Commune").select_option(label="Die (26113)")
    page.get_by_label("Adresse", exact=True).fill("12 place de la Republique")
    page.get_by_role("button", name="Placer l'adresse sur la carte").click()
    page.get_by_role("button", name="12 Place de la République 26150 Die").click()
    assert page.get_by_label("Latitude").input_value() == "44.753400"
    assert page.get_by_label("Longitude").input_value() == "5.370100"
    assert "Point placé" in page.locator(".address-search__status").inner_text()
    # The map framed Die and names it.
    page.wait_for_selector(".picker-label")
    assert "Die" in page.locator(".picker-label").all_inner_texts()
    page.get_by_label("Photos").set_input_files(str(photo))
    page.locator("#id_contact-name").fill("Agnès Roux")
    page.locator("#id_contact-email").fill("accueil@mairie-die.example")
    shot(page, "contributor-phone-1-form")
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer à l'équipe du guichet").click()

    # Sent back: the summary is on screen and has the focus; the photo and the point are kept.
    summary = page.locator("[data-error-summary]")
    assert page.evaluate("() => document.activeElement.hasAttribute('data-error-summary')")
    box = summary.bounding_box()
    assert 0 <= box["y"] < PHONE["height"], box
    assert "Une erreur empêche l'envoi" in summary.inner_text()
    assert page.get_by_label("cabinet-die.jpg").is_checked()
    assert float(page.get_by_label("Latitude").input_value()) == 44.7534
    assert Listing.objects.count() == 0
    shot(page, "contributor-phone-2-errors")
    assert_accessible(page, "formulaire renvoyé avec une erreur")

    summary.get_by_role("link").click()
    assert page.evaluate("() => document.activeElement.id") == "id_summary"
    page.get_by_label("Résumé").fill("Deux pièces de 35 m² au rez-de-chaussée, accessibles.")
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer à l'équipe du guichet").click()

    listing = Listing.objects.get()
    assert (listing.latitude, listing.longitude) == (44.7534, 5.3701)
    assert listing.photos.count() == 1
    assert "Ce que vous avez envoyé" in page.content()
    thumbnail = page.locator(".photo-thumbnails img")
    assert thumbnail.evaluate("image => image.complete && image.naturalWidth > 0")
    assert "Envoyée à l'équipe du guichet" in page.locator(".history").inner_text()
    assert_accessible(page, "page de l'annonce dans l'espace contributeur")

    # The moderators ask for a change; the clerk reads it on the listing and above the form.
    moderator = type(clerk).objects.create_superuser("moderatrice", "moderatrice@example.org", PASSWORD)
    task_state = listing.current_workflow_state.current_task_state
    task_state.task.specific.on_action(
        task_state, moderator, ListingModerationTask.REQUEST_CHANGES, comment="Précisez le loyer mensuel."
    )
    assert TaskState.objects.filter(status=TaskState.STATUS_REJECTED).exists()
    page.reload()
    assert "Précisez le loyer mensuel." in page.content()
    assert "L'équipe du guichet" in page.locator(".history").inner_text()
    assert "moderatrice" not in page.locator(".history").inner_text()
    with page.expect_navigation():
        page.get_by_role("link", name="Modifier l'annonce").click()
    assert "Modifications demandées par l'équipe du guichet" in page.content()
    assert "Précisez le loyer mensuel." in page.locator(".notice--changes").inner_text()
    shot(page, "contributor-phone-3-edit-with-request")
    assert_accessible(page, "formulaire de modification avec la demande de l'équipe")
