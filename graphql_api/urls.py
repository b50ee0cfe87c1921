"""The public GraphQL endpoint; GraphiQL only in development (settings.DEBUG)."""

from django.conf import settings
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from .contributions import contributions_schema
from .schema import schema
from .views import ContributionsGraphQLView, PublicGraphQLView

urlpatterns = [
    path(
        "graphql/contributions/",
        # Authenticated by bearer token only (never cookies), so CSRF does not apply.
        csrf_exempt(
            ContributionsGraphQLView.as_view(
                schema=contributions_schema, graphql_ide=None, multipart_uploads_enabled=True
            )
        ),
        name="graphql_contributions",
    ),
    path(
        "graphql/",
        # No CSRF check: the endpoint is anonymous (cookies are ignored) and has no
        # mutation, so a cross-site request cannot act on anyone's behalf.
        csrf_exempt(PublicGraphQLView.as_view(schema=schema, graphql_ide="graphiql" if settings.DEBUG else None)),
        name="graphql",
    ),
]
