from django.apps import AppConfig
from django.db.models.signals import pre_save


class ReferenceConfig(AppConfig):
    name = "reference"
    verbose_name = "Référentiels"

    def ready(self):
        # The receiver needs the models loaded: imported (and connected) only here.
        from wagtail.models import ModelLogEntry

        from .desk_history import stamp_desk

        pre_save.connect(stamp_desk, sender=ModelLogEntry, dispatch_uid="reference_stamp_desk")
