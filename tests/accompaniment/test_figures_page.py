"""« Chiffres clés » (/chiffres-cles/): the public figures, their tables, the demo warning."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accompaniment.models import CaseState

from .figures_helpers import make_case, make_cases, reference_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def ref():
    return reference_data()


def page(client):
    response = client.get(reverse("frontend:key-figures"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_the_public_figures_and_their_tables(client, ref):
    make_cases(7, CaseState.INSTALLED, profession=ref["gp"], epci=ref["diois"])
    make_cases(6, CaseState.IN_PROGRESS, profession=ref["gp"], epci=ref["valence"])
    make_cases(7, CaseState.ASSIGNED, profession=ref["nurse"], epci=ref["valence"])
    html = page(client)
    assert reverse("frontend:key-figures") == "/chiffres-cles/"
    assert "<strong>20</strong> candidats à l'installation" in html
    assert "<strong>13</strong> accompagnements en cours" in html
    assert "<strong>7</strong> installations" in html
    assert html.count("<caption>") == 3
    assert 'scope="col">Profession' in html and 'scope="row">Médecin généraliste' in html
    assert 'scope="row">CC du Diois' in html
    # No nurse settled: that 0 is hidden, and the doctors' 7 with it (else 7 - 0 = 7).
    assert "non publié" in html
    doctors = r'scope="row">Médecin généraliste</th>\s*<td>13</td>\s*<td>6</td>\s*<td>non publié</td>'
    assert re.search(doctors, html)
    assert "Données de démonstration" not in html
    assert 'href="/etre-accompagne/"' in html
    # Nothing of the people.
    for forbidden in ("Prénom", "Nom-Secret", "example.org", "Message privé"):
        assert forbidden not in html


def test_small_totals_read_less_than_five(client, ref):
    make_cases(2, CaseState.INSTALLED)
    html = page(client)
    assert re.search(r"<strong>moins de 5</strong> installations", html)
    assert "Aucune demande" not in html and "Pas encore assez de demandes" in html


def test_an_empty_desk(client):
    html = page(client)
    assert "<strong>moins de 5</strong> candidats" in html
    assert html.count("Pas encore assez de demandes") == 2


def test_demo_cases_are_announced(client, ref):
    make_cases(6, CaseState.INSTALLED, is_demo=True)
    assert "Données de démonstration" in page(client)


def test_the_page_follows_the_cases_through_the_caches(client, ref):
    make_cases(4, CaseState.INSTALLED)
    waiting = make_case(CaseState.IN_PROGRESS)
    assert "<strong>moins de 5</strong> installations" in page(client)
    waiting.state = CaseState.INSTALLED
    waiting.installed_on = timezone.localdate()
    waiting.save()
    assert "<strong>5</strong> installations" in page(client)


def test_the_footer_links_to_the_page(client):
    html = client.get(reverse("frontend:communes")).content.decode()
    assert 'href="/chiffres-cles/"' in html


def test_the_sitemap_lists_the_page(client):
    assert "/chiffres-cles/" in client.get("/sitemap.xml").content.decode()
