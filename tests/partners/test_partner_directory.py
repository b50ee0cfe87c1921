import pytest
from wagtail.models import Site

from partners.models import PartnerPage, PartnersIndexPage

pytestmark = pytest.mark.django_db


def test_the_partner_directory_is_grouped_by_kind(client):
    root = Site.objects.get(is_default_site=True).root_page
    directory = root.add_child(instance=PartnersIndexPage(title="Les partenaires", slug="partenaires"))
    for title, kind in [("CPAM de la Drôme", "cpam"), ("ARS", "ars"), ("CPTS du Diois", "cpts")]:
        directory.add_child(instance=PartnerPage(title=title, kind=kind, mission="Accompagner."))
    draft = PartnerPage(title="Partenaire en projet", kind="other", mission="…", live=False)
    directory.add_child(instance=draft)
    html = client.get(directory.url).content.decode()
    headings = ["Agence régionale de santé", "Assurance maladie (CPAM)", "CPTS"]
    positions = [html.index(f">{heading}</h2>") for heading in headings]
    assert positions == sorted(positions)
    assert "Partenaire en projet" not in html


def test_a_partner_page_has_a_breadcrumb_and_a_phone_link(client):
    root = Site.objects.get(is_default_site=True).root_page
    directory = root.add_child(instance=PartnersIndexPage(title="Les partenaires", slug="partenaires"))
    cpam = directory.add_child(
        instance=PartnerPage(title="CPAM de la Drôme", kind="cpam", mission="Accompagner.", phone="36 46")
    )
    html = client.get(cpam.url).content.decode()
    assert '<nav class="breadcrumb" aria-label="Fil d&#x27;Ariane">' in html or 'aria-label="Fil d\'Ariane"' in html
    assert f'<a href="{directory.url}">Les partenaires</a>' in html
    assert '<a href="tel:3646">36 46</a>' in html
