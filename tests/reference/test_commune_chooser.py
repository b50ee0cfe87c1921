"""Communes are chosen in Wagtail's chooser modal: searchable, in French, several at once
for an aid's « Communes concernées »."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from aides.factories import AidPageFactory
from aides.models import AidPage
from reference.models import Commune, HealthFacility

pytestmark = pytest.mark.django_db


@pytest.fixture
def communes():
    return {
        "valence": Commune.objects.create(insee_code="26362", name="Valence"),
        "etoile": Commune.objects.create(insee_code="26124", name="Étoile-sur-Rhône"),
        "die": Commune.objects.create(insee_code="26113", name="Die"),
    }


def found(admin_client, query):
    url = reverse(Commune.snippet_viewset.chooser_viewset.get_url_name("choose_results"))
    html = admin_client.get(url, {"q": query}).content.decode()
    return {name for name in ("Valence", "Étoile-sur-Rhône", "Die") if f"{name} (" in html}


def test_search_by_name_without_accents_or_by_insee_code(admin_client, communes):
    assert found(admin_client, "valen") == {"Valence"}
    assert found(admin_client, "etoile") == {"Étoile-sur-Rhône"}
    assert found(admin_client, "Étoile") == {"Étoile-sur-Rhône"}
    assert found(admin_client, "2611") == {"Die"}


def test_the_modal_offers_multiple_selection_in_french(admin_client, communes):
    url = reverse(Commune.snippet_viewset.chooser_viewset.get_url_name("choose"))
    response = admin_client.get(url, {"multiple": "1"})
    html = response.json()["html"]
    assert "Choisir une commune" in html
    assert "data-multiple-choice-form" in html
    assert "Rechercher une commune" in html


def test_the_aid_page_lists_only_the_chosen_communes(admin_client, communes):
    aid = AidPageFactory(communes=[communes["die"]])
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=(aid.pk,))).content.decode()
    assert "Ajouter des communes" in html
    assert "Retirer Die (26113)" in html
    assert "Valence (26362)" not in html  # not 362 options in a list
    assert "reference/js/multiple-chooser.js" in html


def test_the_chosen_communes_are_saved(admin_client, communes):
    aid = AidPageFactory()
    data = nested_form_data(
        {
            "title": aid.title,
            "slug": aid.slug,
            "summary": aid.summary,
            "aid_type": aid.aid_type,
            "amount_period": aid.amount_period,
            "scope": "local",
            "zonage_requirement": aid.zonage_requirement,
            "body": streamfield([]),
        }
    )
    data["communes"] = [communes["valence"].pk, communes["etoile"].pk]
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(aid.pk,)), data)
    assert response.status_code == 302, response.context["form"].errors
    revision = AidPage.objects.get(pk=aid.pk).get_latest_revision_as_object()
    assert {c.name for c in revision.communes.all()} == {"Valence", "Étoile-sur-Rhône"}


def test_a_facility_s_commune_chooser_speaks_french(admin_client, communes):
    facility = HealthFacility.objects.create(kind="msp", name="MSP de Die", commune=communes["die"])
    html = admin_client.get(reverse(HealthFacility.snippet_viewset.get_url_name("edit"), args=(facility.pk,)))
    html = html.content.decode()
    assert "Choisir une autre commune" in html
    assert "Choisir un autre commune" not in html


def test_add_buttons_are_french(admin_client):
    html = admin_client.get(reverse(Commune.snippet_viewset.get_url_name("list"))).content.decode()
    assert "Ajouter une commune" in html
    assert "un(e)" not in html
