from django.apps import AppConfig
from django.db import connections
from django.db.backends.signals import connection_created

from .budget import install_guard


class CmsConfig(AppConfig):
    """The project's own plumbing (settings, middleware); no models."""

    name = "cms"
    verbose_name = "Guichet unique santé"

    def ready(self):
        connection_created.connect(install_guard, dispatch_uid="cms.budget.install_guard")
        # Connections opened before the app registry was ready (management commands, tests).
        for connection in connections.all(initialized_only=True):
            if connection.connection is not None:
                install_guard(sender=type(connection), connection=connection)
