"""The admin map works on a closed network: Leaflet is served by the site, no CDN."""

import pytest
from django.urls import reverse

from listings.models import Listing
from reference.models import Commune

pytestmark = pytest.mark.django_db


def test_listing_form_loads_leaflet_from_the_site(admin_client):
    response = admin_client.get(reverse(Listing.snippet_viewset.get_url_name("add")))
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert "/static/vendor/leaflet/leaflet.css" in html
    assert "reference/js/map-field.js" in html
    assert "unpkg.com" not in html
    assert 'id="gus-map-config"' in html
    assert 'lang="fr' in html


def test_leaflet_files_are_collected(client, settings):
    from django.contrib.staticfiles import finders

    assert finders.find("vendor/leaflet/leaflet.js")
    assert finders.find("vendor/leaflet/images/marker-icon.png")


def test_commune_boundaries_for_the_admin_map(admin_client):
    square = {"type": "Polygon", "coordinates": [[[4.9, 44.9], [5.0, 44.9], [5.0, 45.0], [4.9, 44.9]]]}
    Commune.objects.create(insee_code="26362", name="Valence", boundary=square)
    Commune.objects.create(insee_code="26058", name="Sans contour")
    response = admin_client.get(reverse("reference:commune_boundaries"))
    data = response.json()
    assert data["type"] == "FeatureCollection"
    assert [feature["properties"]["code"] for feature in data["features"]] == ["26362"]


def test_commune_boundaries_are_public_open_data(client):
    Commune.objects.create(insee_code="26362", name="Valence", boundary={"type": "Polygon", "coordinates": []})
    response = client.get(reverse("reference:commune_boundaries"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_admin_calls_no_third_party_host(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "gravatar.com" not in html
    assert "releases.wagtail.org" not in html


def test_aid_audiences_are_editable_in_the_admin(admin_client):
    from aides.models import AidAudience

    AidAudience.objects.create(code="interne", name="Interne")
    response = admin_client.get(reverse(AidAudience.snippet_viewset.get_url_name("list")))
    assert response.status_code == 200
    assert "Interne" in response.content.decode()
