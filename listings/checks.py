"""System checks of the listings app (registered by ``listings.signals.connect``)."""

from django.core.checks import Warning
from django.urls import NoReverseMatch, reverse

from .confirmation_tokens import CONFIRMATION_URL_NAME


def check_confirmation_url(app_configs=None, **kwargs):
    """The confirmation links e-mailed to submitters must resolve."""
    try:
        reverse(CONFIRMATION_URL_NAME, args=["token"])
    except NoReverseMatch:
        return [
            Warning(
                "The listing confirmation URL is not routed: freshness e-mails cannot be sent.",
                hint='Add path("", include("listings.freshness_urls")) to the project\'s URLconf.',
                id="listings.W001",
            )
        ]
    return []
