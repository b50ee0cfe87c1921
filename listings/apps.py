from django.apps import AppConfig


class ListingsConfig(AppConfig):
    name = "listings"
    verbose_name = "Annonces d'installation"

    def ready(self):
        from . import signals

        signals.connect()
