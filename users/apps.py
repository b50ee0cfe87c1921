from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "users"
    verbose_name = "Utilisateurs"

    def ready(self):
        from django.core import checks

        from .checks import check_unbound_groups

        checks.register(check_unbound_groups, checks.Tags.database)
