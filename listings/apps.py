from django.apps import AppConfig


class ListingsConfig(AppConfig):
    name = "listings"
    verbose_name = "Annonces d'installation"

    def ready(self):
        from media_library.views import register_pending_image_viewer

        from . import signals
        from .photo_access import organisation_members_may_see

        signals.connect()
        register_pending_image_viewer(organisation_members_may_see)
