from django.apps import AppConfig


class GraphqlApiConfig(AppConfig):
    name = "graphql_api"
    verbose_name = "API GraphQL"

    def ready(self):
        from . import signals

        signals.connect()
