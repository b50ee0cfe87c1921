"""The list that follows the map: /carte/?zone=west,south,east,north lists the listings in
that rectangle; ?partie=liste returns the list alone (what map.js puts in the page)."""

import pytest

pytestmark = pytest.mark.django_db

# Valmont-sur-Drôme (44.75, 5.37) is inside, Roche-Baronne (44.36, 5.14) is not.
AROUND_VALMONT = "5.2,44.6,5.5,44.9"


def test_a_zone_lists_only_the_listings_inside_it(client, small_site):
    html = client.get("/carte/", {"zone": AROUND_VALMONT}).content.decode()
    assert "2\u00a0opportunités dans la partie de la carte affichée" in html
    assert "Cabinet lumineux à Valmont" in html and "Poste de pédiatre salarié" not in html


def test_the_list_alone_for_the_map_script(client, small_site):
    response = client.get("/carte/", {"zone": AROUND_VALMONT, "type": "REPLACEMENT", "partie": "liste"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="map-app__list" id="resultats"')
    assert "<header" not in html and "<html" not in html
    assert "1\u00a0opportunité dans la partie de la carte affichée" in html and "Remplacement d&#x27;été" in html


def test_an_empty_zone_says_how_to_find_more(client, small_site):
    html = client.get("/carte/", {"zone": "0.1,40.1,0.2,40.2", "partie": "liste"}).content.decode()
    assert "Aucune opportunité dans cette partie de la carte" in html


@pytest.mark.parametrize("zone", ["abc", "1,2,3", "5.5,44.6,5.2,44.9", "5,44,500,45", "nan,1,2,3", ""])
def test_a_zone_the_map_cannot_use_is_ignored(client, small_site, zone):
    response = client.get("/carte/", {"zone": zone})
    assert response.status_code == 200
    assert "3\u00a0opportunités" in response.content.decode()


def test_the_pages_of_a_zone_keep_the_zone_but_not_the_fragment(client, small_site, settings):
    from frontend.views import opportunity_map

    opportunity_map.PAGE_SIZE, saved = 1, opportunity_map.PAGE_SIZE
    try:
        html = client.get("/carte/", {"zone": AROUND_VALMONT, "partie": "liste"}).content.decode()
    finally:
        opportunity_map.PAGE_SIZE = saved
    assert 'href="?zone=5.2%2C44.6%2C5.5%2C44.9&amp;page=2"' in html and "partie=" not in html
