"""What the editors read in the admin is French: the tree's root, the site's name, block
labels, and the few strings Wagtail's own French catalogue gets wrong."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext
from wagtail.models import Page, Site

from home.blocks import BodyStreamBlock

pytestmark = pytest.mark.django_db


def test_the_root_page_and_the_default_site_have_french_names(settings):
    assert Page.get_first_root_node().title == "Racine"
    assert Site.objects.get(is_default_site=True).site_name == settings.WAGTAIL_SITE_NAME


def test_the_explorer_shows_racine_not_root(admin_client):
    html = admin_client.get(reverse("wagtailadmin_explore_root")).content.decode()
    assert "Racine" in html
    assert ">Root<" not in html


def test_wagtail_s_faulty_french_strings_are_corrected():
    with translation.override("fr"):
        assert gettext("Current page status:") == "Statut actuel de la page :"
        summary = ngettext(
            '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>',
            '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>',
            12,
        )
        assert "créées dans %(site_name)s" in summary


def labels(block):
    for name, child in getattr(block, "child_blocks", {}).items():
        yield name, child.label
        yield from labels(child)


def test_block_labels_start_with_a_capital():
    lower = [(name, label) for name, label in labels(BodyStreamBlock()) if label and label[0].islower()]
    assert lower == []
