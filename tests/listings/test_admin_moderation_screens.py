"""The moderators' screens in the admin: decisions up front in the edit view's action menu,
specific French confirmations, and the review screen (« Relire l'annonce »)."""

import datetime
import html

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState

from listings import moderation_states
from listings.admin_editing import ListingActionMenu
from listings.factories import (
    ContributorFactory,
    ListingContactFactory,
    ListingFactory,
    ListingPhotoFactory,
    OrganisationFactory,
)
from listings.models import Listing, ListingKind, ListingStatus
from reference.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"wagtailsnippets_listings_listing:{name}", args=args or None)


def action_url(listing, action):
    task_state = Listing.objects.get(pk=listing.pk).current_workflow_task_state
    return url("workflow_action", listing.pk, action, task_state.pk)


def messages_of(response):
    """The texts of the messages the response leaves, without Wagtail's buttons."""
    return [html.unescape(str(message).split("\n")[0]) for message in response.wsgi_request._messages]


@pytest.fixture
def editor(django_user_model):
    """Can enter the admin and edit listings, but may not moderate them."""
    user = django_user_model.objects.create_user("redacteur", "redacteur@example.org", "motdepasse")
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "add_listing", "change_listing", "view_listing"])
    )
    return user


@pytest.fixture
def contributor():
    return ContributorFactory()


@pytest.fixture
def organisation(contributor):
    return OrganisationFactory(name="Mairie de Crest", email="mairie@crest.example.org", members=[contributor])


@pytest.fixture
def pending(organisation, contributor):
    return ListingFactory(
        title="Cabinet à Crest",
        organisation=organisation,
        monthly_rent_eur=400,
        status=ListingStatus.PENDING,
        status__submitter=contributor,
    )


def menu_for(user, listing, rf):
    request = rf.get("/")
    request.user = user
    instance = Listing.objects.get(pk=listing.pk).get_latest_revision_as_object()
    return ListingActionMenu(request, view="edit", instance=instance, locked_for_user=False)


# --- Action menu ---------------------------------------------------------------------------------


def test_a_moderator_sees_the_decisions_first(moderator, pending, rf):
    menu = menu_for(moderator, pending, rf)
    assert (menu.default_item.name, menu.default_item.label) == ("approve", "Approuver et publier")
    assert [(item.name, item.label) for item in menu.leading_items] == [
        ("reject", "Demander des modifications"),
        ("refuse", "Refuser définitivement"),
    ]
    names = [item.name for item in menu.menu_items]
    assert "action-save" in names  # « Enregistrer le brouillon » is in the dropdown


def test_the_decisions_render_outside_the_dropdown(moderator, pending, client):
    client.force_login(moderator)
    page = BeautifulSoup(client.get(url("edit", pending.pk)).content, "html.parser")
    menu = page.select_one(".listing-action-menu")
    dropdown = menu.select_one(".w-dropdown__content")
    buttons = [" ".join(button.get_text().split()) for button in menu.find_all("button")]
    in_dropdown = {" ".join(button.get_text().split()) for button in dropdown.find_all("button")}
    assert buttons[0] == "Approuver et publier"
    assert "Enregistrer le brouillon" in in_dropdown
    visible = [label for label in buttons if label not in in_dropdown and label != "Plus d'actions"]
    assert visible == ["Approuver et publier", "Demander des modifications", "Refuser définitivement"]
    # The comment modal of Wagtail's workflow script opens for the two decisions that need one.
    for name in ("reject", "refuse"):
        assert menu.select_one(f'[data-workflow-action-name="{name}"]')["data-workflow-action-modal-url"]


def test_an_editor_keeps_wagtails_menu(editor, pending, rf):
    menu = menu_for(editor, pending, rf)
    assert menu.default_item.name == "action-save"
    assert menu.leading_items == []
    assert not any(getattr(item, "name", "") in ("approve", "reject", "refuse") for item in menu.menu_items)


def test_a_moderator_outside_moderation_keeps_wagtails_menu(moderator, organisation, rf):
    published = ListingFactory(organisation=organisation)
    menu = menu_for(moderator, published, rf)
    assert menu.default_item.name == "action-save"
    assert menu.leading_items == []


def test_the_edit_view_leads_moderators_to_the_review_screen(moderator, editor, pending, client):
    client.force_login(moderator)
    html = client.get(url("edit", pending.pk)).content.decode()
    assert url("review", pending.pk) in html
    assert "Relire l'annonce" in html
    client.force_login(editor)
    assert url("review", pending.pk) not in client.get(url("edit", pending.pk)).content.decode()


def test_the_list_offers_a_review_link_for_pending_listings(moderator, pending, organisation, client):
    published = ListingFactory(title="Déjà publiée", organisation=organisation)
    client.force_login(moderator)
    html = client.get(url("list")).content.decode()
    assert url("review", pending.pk) in html
    assert url("review", published.pk) not in html


# --- Confirmations -------------------------------------------------------------------------------


def test_approving_from_the_review_screen_says_so_in_french(client, moderator, pending):
    client.force_login(moderator)
    response = client.post(action_url(pending, "approve"), {"next": url("review", pending.pk)})
    assert response.status_code == 302
    assert messages_of(response) == ["Annonce « Cabinet à Crest » approuvée et publiée."]
    assert Listing.objects.get(pk=pending.pk).live


def test_requesting_changes_says_so_and_needs_a_comment(client, moderator, pending):
    client.force_login(moderator)
    response = client.post(action_url(pending, "reject"), {"comment": ""}, follow=True)
    assert messages_of(response) == ["Expliquez les modifications attendues."]
    assert Listing.objects.get(pk=pending.pk).status == ListingStatus.PENDING
    response = client.post(action_url(pending, "reject"), {"comment": "Précisez la surface."})
    assert messages_of(response) == [
        "Modifications demandées pour l'annonce « Cabinet à Crest » : la structure est prévenue."
    ]
    assert Listing.objects.get(pk=pending.pk).status == ListingStatus.CHANGES_REQUESTED


def test_refusing_says_so_and_keeps_the_refusal_feature(client, moderator, pending):
    client.force_login(moderator)
    response = client.post(action_url(pending, "refuse"), {"comment": "Hors du territoire."})
    assert messages_of(response) == ["Annonce « Cabinet à Crest » refusée définitivement : la structure est prévenue."]
    listing = Listing.objects.get(pk=pending.pk)
    assert listing.status == ListingStatus.REJECTED
    assert listing.rejection_reason == "Hors du territoire."


def test_a_second_decision_is_reported_as_already_taken(client, moderator, pending):
    client.force_login(moderator)
    task_state_url = action_url(pending, "approve")
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    task_state.task.specific.on_action(task_state, moderator, "approve")
    response = client.post(task_state_url)
    assert response.status_code == 302
    assert "approuvée et publiée" not in " ".join(messages_of(response))


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        ({}, "Annonce « {title} » modifiée."),
        ({"action-publish": "action-publish"}, "Annonce « {title} » modifiée et publiée."),
        (
            {"action-workflow-action": "true", "workflow-action-name": "approve"},
            "Annonce « {title} » approuvée et publiée.",
        ),
        (
            {
                "action-workflow-action": "true",
                "workflow-action-name": "reject",
                "workflow-action-extra-data": '{"comment": "Ajoutez une photo."}',
            },
            "Modifications demandées pour l'annonce « {title} » : la structure est prévenue.",
        ),
    ],
)
def test_the_edit_view_confirms_in_french(client, moderator, pending, post, expected):
    client.force_login(moderator)
    data = edit_data(client, pending)
    response = client.post(url("edit", pending.pk), {**data, **post})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert messages_of(response) == [expected.format(title=pending.title)]


def test_the_create_view_confirms_in_french(client, moderator, pending):
    client.force_login(moderator)
    data = edit_data(client, pending)
    data.update(title="Nouveau cabinet", slug="")
    response = client.post(url("add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert messages_of(response) == ["Annonce « Nouveau cabinet » créée."]


def edit_data(client, listing):
    """The values the edit form holds for ``listing``, as the browser posts them."""
    response = client.get(url("edit", listing.pk))
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        widget_data = field.widget.format_value(value) if hasattr(field.widget, "format_value") else value
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif value is None:
            data[name] = ""
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = widget_data if isinstance(widget_data, str) else str(value)
    for prefix, formset in form.formsets.items():
        management = formset.management_form
        for name in management.fields:
            data[f"{prefix}-{name}"] = management[name].value()
        for child in formset.forms:
            for name in child.fields:
                value = child[name].value()
                if value is not None and value is not False:
                    data[f"{child.prefix}-{name}"] = "on" if value is True else str(value)
    return data


# --- Review screen -------------------------------------------------------------------------------


def review(client, listing):
    response = client.get(url("review", listing.pk))
    assert response.status_code == 200
    return response.content.decode()


def test_the_review_screen_shows_the_submitted_content(client, moderator, organisation, contributor):
    listing = ListingFactory(
        kind=ListingKind.SALARIED_POST,
        title="Poste de médecin salarié",
        description="Centre de santé municipal.",
        organisation=organisation,
        contract_type="permanent",
        monthly_pay_min_eur=6000,
        live=False,
        status=ListingStatus.DRAFT,
    )
    ListingContactFactory(listing=listing, name="Claire Martin", email="claire@example.org", phone="04 75 00 00 00")
    moderation_states.submit(Listing.objects.get(pk=listing.pk), contributor)
    client.force_login(moderator)
    html = review(client, listing)
    for text in (
        "Poste de médecin salarié",
        "Centre de santé municipal.",
        "Salaire brut mensuel minimum (€)",
        "6000",
        "Claire Martin",
        "claire@example.org",
        "coordonnées privées",
        "Première soumission",
        "Mairie de Crest",
        "mairie@crest.example.org",
        "1 compte",
        "Envoyée en modération",
    ):
        assert text in html, text
    assert 'data-review-banner="resubmission"' not in html
    for label in ("Approuver et publier", "Demander des modifications", "Refuser définitivement"):
        assert label in html
    assert "wagtailadmin/js/workflow-action.js" in html


def test_a_resubmission_shows_the_banner_the_comment_and_the_diff(client, moderator, contributor, pending):
    pending = Listing.objects.get(pk=pending.pk)
    moderation_states.publish(pending)  # an approved version online
    moderation_states.submit_edit(pending, contributor, monthly_rent_eur=450)
    moderation_states.request_changes(Listing.objects.get(pk=pending.pk), moderator, comment="Le loyer a changé ?")
    listing = Listing.objects.get(pk=pending.pk).get_latest_revision_as_object()
    listing.monthly_rent_eur = 500
    listing.save_revision(user=contributor)
    Listing.objects.get(pk=pending.pk).current_workflow_state.resume(user=contributor)

    client.force_login(moderator)
    html = review(client, pending)
    assert "Nouvelle version envoyée le" in html
    assert "après votre demande de modifications" in html
    assert "Le loyer a changé ?" in html
    diff = html[html.index("data-review-diff") :]
    assert "Loyer mensuel" in diff
    assert "500" in diff and "400" in diff
    assert "Voir ce qui a changé depuis la demande de modifications" in html
    assert "Ouvrir la comparaison complète" in html


def test_the_review_screen_shows_the_organisations_record(client, moderator, organisation, pending):
    ListingFactory(title="Ancienne annonce approuvée", organisation=organisation)
    ListingFactory(title="Annonce refusée", organisation=organisation, status=ListingStatus.REJECTED)
    client.force_login(moderator)
    html = review(client, pending)
    assert "Ancienne annonce approuvée" in html and "Annonce refusée" in html
    counts = html[html.index("data-review-counts") :]
    counts = counts[: counts.index("</dd>")]
    assert "3 au total" in counts
    assert "1 déjà approuvée" in counts
    assert "1 refusée" in counts


def test_only_moderators_may_review(client, editor, contributor, pending):
    for user in (editor, contributor):
        client.force_login(user)
        assert client.get(url("review", pending.pk)).status_code in (302, 403)
    client.force_login(editor)
    assert client.get(url("review", pending.pk)).status_code == 403
    client.logout()
    assert client.get(url("review", pending.pk)).status_code == 302  # to the admin's login


def test_an_unknown_listing_is_a_404(client, moderator):
    client.force_login(moderator)
    assert client.get(url("review", 999_999)).status_code == 404


def build_history(organisation, contributor, moderator, size):
    """``size`` other listings of the organisation, and ``size`` rounds of changes requested
    and resubmitted on the listing under review."""
    commune = CommuneFactory()
    for n in range(size):
        ListingFactory(title=f"Autre {n}", organisation=organisation, commune=commune)
    listing = ListingFactory(organisation=organisation, commune=commune, status=ListingStatus.PENDING)
    for n in range(size):
        moderation_states.request_changes(Listing.objects.get(pk=listing.pk), moderator, comment=f"Tour {n}")
        Listing.objects.get(pk=listing.pk).current_workflow_state.resume(user=contributor)
    return listing


@pytest.mark.slow
def test_the_review_screen_runs_a_constant_number_of_queries(client, moderator, organisation, contributor):
    client.force_login(moderator)
    counts = []
    for size in (1, 6):
        listing = build_history(organisation, contributor, moderator, size)
        review(client, listing)  # warm caches (content types, site settings, renditions)
        with CaptureQueriesContext(connection) as queries:
            review(client, listing)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[1] < 60, counts


def test_the_review_screen_shows_the_photos_at_the_same_cost_for_one_or_six(
    client, moderator, organisation, contributor
):
    """The photos' thumbnails: one query for the images whatever their number (a review
    screen with photos answered 500 once: Wagtail's {% image %} took its spec literally)."""
    client.force_login(moderator)
    counts = []
    for size in (1, 6):
        listing = ListingFactory(organisation=organisation, live=False, status=ListingStatus.DRAFT)
        for _ in range(size):
            ListingPhotoFactory(listing=listing)
        moderation_states.submit(Listing.objects.get(pk=listing.pk), contributor)
        html = review(client, listing)  # also makes the thumbnails
        assert html.count("<figure>") == size
        with CaptureQueriesContext(connection) as queries:
            review(client, listing)
        counts.append(len(queries))
    # Rebuilding a version from its revision, Wagtail (modelcluster's check_fks) checks that
    # each photo's image and listing still exist: 2 queries a photo, and a listing has at
    # most 6 photos (10 in the admin). Everything else, the images included, is constant.
    assert counts[1] - counts[0] == 2 * (6 - 1), counts


# --- Listings report -----------------------------------------------------------------------------


def test_the_report_marks_listings_to_confirm_and_writes_a_plain_no(client, moderator, organisation):
    ListingFactory(title="Annonce à jour", organisation=organisation)
    stale = ListingFactory(title="Annonce ancienne", organisation=organisation)
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Listing.objects.filter(pk=stale.pk).update(first_published_at=long_ago, last_published_at=long_ago)
    client.force_login(moderator)
    page = BeautifulSoup(client.get(reverse("listings_report")).content, "html.parser")

    def stale_cell(title):
        row = next(tr for tr in page.select("tbody tr") if title in tr.get_text())
        return row, row.select("td")[-2]

    row, cell = stale_cell("Annonce à jour")
    assert " ".join(cell.get_text().split()) == "non"
    assert not cell.select("svg")  # no red cross for a listing that needs nothing
    _, cell = stale_cell("Annonce ancienne")
    assert " ".join(cell.get_text().split()) == "oui"
    assert cell.select_one(".listing-report__stale svg")
    assert row.select_one("td.listing-report__title")
    assert ".listing td.listing-report__title" in str(page)  # titles wrap between words
