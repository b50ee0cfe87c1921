from django.apps import AppConfig


class ListingsConfig(AppConfig):
    name = "listings"
    verbose_name = "Annonces d'installation"

    def ready(self):
        # The only imports inside a function in listings, on purpose: the app's own receivers,
        # hooks and vocabulary registrations need the models loaded, so they are imported
        # (and connected) only here.
        from . import signals, vocabularies

        signals.connect()
        vocabularies.register()
