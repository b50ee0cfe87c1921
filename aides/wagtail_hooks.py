from wagtail.snippets.models import register_snippet

from .viewsets import AidAudienceViewSet

register_snippet(AidAudienceViewSet)
