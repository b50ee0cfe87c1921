from django.apps import AppConfig


class ProvisioningConfig(AppConfig):
    """Sets a desk up: `bootstrap_desk` (an empty desk for a territory) and `seed_demo`
    (the demonstration content). The top layer: it may use every app, none uses it."""

    name = "provisioning"
    verbose_name = "Mise en place du guichet"
