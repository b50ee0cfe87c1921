from django.apps import AppConfig


class GraphqlApiConfig(AppConfig):
    name = "graphql_api"
    verbose_name = "API GraphQL"

    def ready(self):
        from . import schema, signals  # noqa: F401 — schema: see below

        signals.connect()
        # The schema (and every type module under it) is imported here, once, before any
        # thread starts: `runserver` imports the URLconf in its reloader thread while its
        # system checks load the site's template tags (frontend.api → graphql_api.schema) in
        # another, and two threads importing this module graph in different orders could
        # get a partially initialised module ("cannot import name 'CommuneType'").
