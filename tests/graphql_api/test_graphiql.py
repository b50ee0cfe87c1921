"""GraphiQL (development only) loads nothing from a CDN."""

import re

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.test import override_settings

from cms.settings import dev


@override_settings(STATICFILES_DIRS=dev.STATICFILES_DIRS)
def test_graphiql_page_uses_only_files_served_by_the_site():
    html = render_to_string("graphql/graphiql.html")
    assert "unpkg.com" not in html
    assert "https://" not in html and "http://" not in html
    assets = re.findall(r'(?:src|href)="/static/([^"]+)"', html)
    assert len(assets) == 5
    finders.get_finder.cache_clear()
    for asset in assets:
        assert finders.find(asset), asset
