"""The public GraphQL endpoint (built in the API issue; see graphql_api/schema.py)."""

urlpatterns = []
