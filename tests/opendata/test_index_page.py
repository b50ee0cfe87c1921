"""/donnees-ouvertes/ is a page of the site: its header, menu, breadcrumb and footer."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_open_data_page_is_in_the_sites_layout(client):
    response = client.get("/donnees-ouvertes/")
    html = response.content.decode()
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    assert 'class="site-header"' in html and 'class="site-footer"' in html and "Aller au contenu" in html
    assert '<nav class="breadcrumb" aria-label="Fil d\'Ariane">' in html
    assert '<a href="/donnees-ouvertes/" aria-current="page">Données ouvertes</a>' in html
    assert 'href="annonces.csv"' in html and 'rel="license"' in html
    assert html.count("<h1") == 1
