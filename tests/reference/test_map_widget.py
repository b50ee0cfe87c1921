"""The admin's map widget: French, shown at once, on the saved point or the territory,
searching addresses through the desk's own service only."""

import json
import re

import pytest
from django.urls import reverse

from partners.factories import PartnerPageFactory
from reference.widgets import SAVED_POINT_ZOOM, SelfHostedLeafletField

pytestmark = pytest.mark.django_db


def options(html):
    raw = re.search(r'data-gus-map-field-options-value="([^"]*)"', html).group(1)
    return json.loads(raw.replace("&quot;", '"').replace("&amp;", "&").replace("&#x27;", "'"))


def test_a_saved_point_opens_at_street_level():
    html = SelfHostedLeafletField(srid=4326, address_field="address").render(
        "location", "SRID=4326;POINT(4.8924 44.9334)", {"id": "id_location"}
    )
    opts = options(html)
    assert opts["point"] == [44.9334, 4.8924]
    assert opts["zoom"] == SAVED_POINT_ZOOM
    assert 'value="44.933400, 4.892400"' in html
    assert 'value="SRID=4326;POINT(4.8924 44.9334)"' in html


def test_an_empty_map_frames_the_territory(settings):
    html = SelfHostedLeafletField(srid=4326).render("location", "", {"id": "id_location"})
    west, south, east, north = settings.TERRITORY["bbox"]
    opts = options(html)
    assert opts["point"] is None
    assert opts["bounds"] == [[south, west], [north, east]]


def test_the_address_search_is_the_desk_s_own():
    html = SelfHostedLeafletField(srid=4326).render("location", "", {"id": "id_location"})
    assert options(html)["searchUrl"].startswith("/referentiels/adresses/")
    assert "nominatim" not in html.lower()


def test_the_partner_editor_shows_the_map_in_french(admin_client):
    partner = PartnerPageFactory()
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=(partner.pk,))).content.decode()
    assert "Rechercher une adresse" in html
    assert "Effacer la position" in html
    for english in ("Click here to initialize map", "Enter a location", "geo-coded", "unpkg.com"):
        assert english not in html
    assert "wagtailgeowidget/js/leaflet-field.js" not in html
    assert "reference/js/map-field.js" in html
