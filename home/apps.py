from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Site et pages éditoriales"

    def ready(self):
        # The reference layer reads a desk's territory through this (it may not import home).
        from reference.desk_territories import register_site_territory

        from .desks import desk_territory

        register_site_territory(desk_territory)
