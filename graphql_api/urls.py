"""The public GraphQL endpoint; GraphiQL only in development (settings.DEBUG)."""

from django.conf import settings
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from .schema import schema
from .views import PublicGraphQLView

urlpatterns = [
    path(
        "graphql/",
        # No CSRF check: the endpoint is anonymous (cookies are ignored) and has no
        # mutation, so a cross-site request cannot act on anyone's behalf.
        csrf_exempt(PublicGraphQLView.as_view(schema=schema, graphql_ide="graphiql" if settings.DEBUG else None)),
        name="graphql",
    ),
]
