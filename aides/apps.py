from django.apps import AppConfig


class AidesConfig(AppConfig):
    name = "aides"
    verbose_name = "Aides à l'installation"

    def ready(self):
        # Needs the models loaded: imported here, not at the top.
        from . import vocabularies

        vocabularies.register()
