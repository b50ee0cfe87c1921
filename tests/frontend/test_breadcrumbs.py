"""Every public page says where it is: a breadcrumb from the home page."""

import re
from html import unescape

import pytest

pytestmark = pytest.mark.django_db


def crumbs(html):
    trail = re.search(r'<nav class="breadcrumb" aria-label="Fil d&#x27;Ariane">(.*?)</nav>', html, re.S)
    if trail is None:
        trail = re.search(r"<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\">(.*?)</nav>", html, re.S)
    assert trail, "no breadcrumb"
    items = re.findall(r"<li>(.*?)</li>", trail.group(1), re.S)
    return [unescape(re.sub(r"<[^>]+>", "", item)).strip() for item in items]


def test_application_pages(client, small_site):
    assert crumbs(client.get("/carte/").content.decode()) == ["Accueil", "Carte des opportunités"]
    assert crumbs(client.get("/communes/").content.decode()) == ["Accueil", "Communes"]
    commune = small_site.communes["a"]
    assert crumbs(client.get(f"/communes/{commune.slug}/").content.decode())[0] == "Accueil"


def test_wagtail_pages_show_their_public_ancestors(client, small_site):
    index = small_site.aids["premium"].get_parent()
    assert crumbs(client.get(index.url).content.decode()) == ["Accueil", index.title]
    assert crumbs(client.get(small_site.aids["premium"].url).content.decode()) == [
        "Accueil",
        index.title,
        "Prime d'installation en zone prioritaire",
    ]
