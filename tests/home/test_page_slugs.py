"""Editors' page addresses: ASCII only, and a taken address explained where the editor is."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.factories import ContentPageFactory, HomePageFactory
from home.forms import free_slug
from home.models import ContentPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return HomePageFactory()


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("home", "contentpage", parent.pk))


def page_data(title, slug, **extra):
    return nested_form_data({"title": title, "slug": slug, "introduction": "", "body": streamfield([]), **extra})


def test_the_admin_slugifies_to_ascii(admin_client, home):
    # A false boolean attribute is left out: the w-slug controller then keeps ASCII only
    # (checked in a browser by tests/e2e/test_editor_admin.py).
    html = admin_client.get(add_url(home)).content.decode()
    assert 'data-controller="w-slug"' in html
    assert "data-w-slug-allow-unicode-value" not in html


def test_a_slug_typed_with_accents_is_stored_in_ascii(admin_client, home):
    response = admin_client.post(add_url(home), page_data("Brouillon abandonné", "brouillon-abandonné-test"))
    assert response.status_code == 302
    page = ContentPage.objects.get(title="Brouillon abandonné")
    assert page.slug == "brouillon-abandonne-test"
    assert page.url_path.endswith("/brouillon-abandonne-test/")


def test_a_slug_left_empty_is_made_from_the_title_in_ascii(home):
    # Wagtail fills an empty slug in itself (e.g. a page created by code or an import).
    page = home.add_child(instance=ContentPage(title="Prêt d'honneur à l'installation"))
    assert page.slug == "pret-dhonneur-a-linstallation"


def test_a_taken_slug_names_the_page_that_holds_it_and_proposes_a_free_one(admin_client, home):
    ContentPageFactory(parent=home, title="Brouillon abandonné test", slug="brouillon-abandonne-test", publish=False)
    response = admin_client.post(
        add_url(home), {**page_data("Brouillon abandonné test", "brouillon-abandonne-test"), "action-publish": "1"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    # The form-level error is in the message at the top, seen from every tab.
    header = html[html.index('class="messages') :][:4000]
    assert "est déjà celle de la page « Brouillon abandonné test » (brouillon jamais publié" in header
    assert "onglet « Promotion »" in header
    assert "brouillon-abandonne-test-2" in header
    assert ContentPage.objects.count() == 1


def test_editing_a_page_to_a_sibling_s_slug_is_explained_too(admin_client, home):
    ContentPageFactory(parent=home, title="Aides au logement", slug="logement")
    page = ContentPageFactory(parent=home, title="Logement des internes", slug="logement-internes")
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)), page_data("Logement des internes", "logement")
    )
    assert response.status_code == 200
    assert "est déjà celle de la page « Aides au logement » (publiée" in response.content.decode()


def test_free_slug_counts_like_wagtail(home):
    ContentPageFactory(parent=home, slug="guide")
    ContentPageFactory(parent=home, slug="guide-2")
    assert free_slug("guide", home) == "guide-3"
    assert free_slug("autre", home) == "autre"
