import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()

# Import every URL module, view and the GraphQL schemas now, in gunicorn's master
# (preload_app): Django would do it on each worker's first request, ~0.5 s during which a
# freshly forked worker answers nothing, health probes included. Workers are recycled
# (max_requests), so this happened over and over under load.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018 (the access is the point: it imports them)
