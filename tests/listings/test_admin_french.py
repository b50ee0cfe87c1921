"""The listings' admin screens speak French: add buttons, the structures' commune chooser
and the listing's map, which searches addresses within the chosen commune."""

import pytest
from django.urls import reverse

from listings.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "label"), [("listing", "Ajouter une annonce"), ("organisation", "Ajouter une structure")]
)
def test_add_buttons_are_worded_in_french(admin_client, model, label):
    html = admin_client.get(reverse(f"wagtailsnippets_listings_{model}:list")).content.decode()
    assert label in html
    assert "un(e)" not in html


def test_a_structure_s_communes_are_chosen_in_the_searchable_chooser(admin_client):
    organisation = Organisation.objects.create(name="Mairie de Die", kind="municipality")
    html = admin_client.get(reverse("wagtailsnippets_listings_organisation:edit", args=[organisation.pk])).content
    assert b"Ajouter des communes" in html


def test_the_listing_map_searches_within_the_chosen_commune(admin_client):
    html = admin_client.get(reverse("wagtailsnippets_listings_listing:add")).content.decode()
    # The widget's options travel as escaped JSON in Wagtail's form data.
    assert "communeField\\u0026quot;: \\u0026quot;commune\\u0026quot;" in html
    assert "/referentiels/adresses/" in html
    assert "Click here to initialize map" not in html
