"""A « Bouton d'action » with neither page nor address: a French error on the block, in the
page editor and in its autosave, never a 500."""

import pytest
from django.urls import reverse
from wagtail.blocks import StructBlockValidationError
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.blocks import CallToActionBlock
from home.factories import ContentPageFactory, HomePageFactory
from home.models import ContentPage

pytestmark = pytest.mark.django_db

ERROR = "Choisissez une page du site ou saisissez une adresse web."


def post_data(**extra):
    return nested_form_data(
        {
            "title": "Parcours des internes",
            "slug": "parcours-des-internes",
            "introduction": "",
            "body": streamfield([("call_to_action", {"text": "En savoir plus", "page": "", "url": ""})]),
            **extra,
        }
    )


@pytest.fixture
def add_url():
    return reverse("wagtailadmin_pages:add", args=("home", "contentpage", HomePageFactory().pk))


def test_publishing_shows_the_error_on_the_block(admin_client, add_url):
    response = admin_client.post(add_url, {**post_data(), "action-publish": "1"})
    assert response.status_code == 200
    assert ERROR in response.content.decode()
    assert not ContentPage.objects.filter(slug="parcours-des-internes").exists()


def test_saving_a_draft_shows_the_error_on_the_block(admin_client, add_url):
    response = admin_client.post(add_url, post_data())
    assert response.status_code == 200
    assert ERROR in response.content.decode()


def test_autosave_answers_a_json_error(admin_client, add_url):
    response = admin_client.post(add_url, post_data(), headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert response.json()["error_code"] == "validation_error"
    assert not ContentPage.objects.exists()


def test_autosave_of_an_existing_page_answers_a_json_error(admin_client):
    page = ContentPageFactory(parent=HomePageFactory(), slug="parcours-des-internes")
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)), post_data(), headers={"Accept": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["error_code"] == "validation_error"
    assert page.revisions.count() == 1  # the invalid draft was not saved


def test_the_block_refuses_a_button_leading_nowhere():
    block = CallToActionBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"text": "En savoir plus", "page": None, "url": ""}))
    assert error.value.block_errors["page"].messages == [ERROR]
    assert block.clean(block.to_python({"text": "Site", "page": None, "url": "https://example.org"}))
