"""The public GraphQL endpoint; GraphiQL only in development (settings.DEBUG)."""

from django.conf import settings
from django.urls import path

from .schema import schema
from .views import PublicGraphQLView

urlpatterns = [
    path(
        "graphql/",
        PublicGraphQLView.as_view(schema=schema, graphql_ide="graphiql" if settings.DEBUG else None),
        name="graphql",
    ),
]
