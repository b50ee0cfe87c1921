from django.apps import AppConfig


class AccompanimentConfig(AppConfig):
    name = "accompaniment"
    verbose_name = "Accompagnement des professionnels"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The app's receivers need the models loaded: imported (and connected) only here.
        from . import signals

        signals.connect()
