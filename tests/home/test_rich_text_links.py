"""Rich-text links to unpublished pages reveal no address, on the site and in the API."""

import pytest
from wagtail.models import Site
from wagtail.rich_text import expand_db_html

from home.models import ContentPage

pytestmark = pytest.mark.django_db


def test_links_to_draft_or_private_pages_lose_their_address():
    root = Site.objects.get(is_default_site=True).root_page
    public = root.add_child(instance=ContentPage(title="Publique", slug="publique"))
    draft = root.add_child(instance=ContentPage(title="Projet", slug="projet-secret", live=False))
    html = expand_db_html(
        f'<p><a linktype="page" id="{public.pk}">ici</a> et <a linktype="page" id="{draft.pk}">là</a></p>'
    )
    assert public.url in html
    assert "projet-secret" not in html
    assert "<a>là</a>" in html
