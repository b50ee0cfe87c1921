from django.apps import AppConfig


class FrontendConfig(AppConfig):
    """The public site (map, listing and commune pages, aid finder), built on the public GraphQL API."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "frontend"
    verbose_name = "site public"
