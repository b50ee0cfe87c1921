from wagtail.snippets.models import register_snippet

from .viewsets import ListingsGroup

register_snippet(ListingsGroup)
