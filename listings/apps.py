from django.apps import AppConfig


class ListingsConfig(AppConfig):
    name = "listings"
    verbose_name = "Annonces d'installation"

    def ready(self):
        # The one import inside a function in listings, on purpose: the app's own receivers
        # and hooks need the models loaded, so they are imported (and connected) only here.
        from . import signals

        signals.connect()
