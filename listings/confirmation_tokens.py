"""The signed, expiring token in the confirmation link e-mailed to a listing's submitter.

The token is the authorisation: no login needed. It expires after
``LISTING_CONFIRMATION_LINK_DAYS`` days.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .confirmation import ConfirmationError
from .desk import public_url

CONFIRM_SALT = "listings.freshness.confirm"
# Routed by listings/freshness_urls.py (checked at start-up by listings/checks.py).
CONFIRMATION_URL_NAME = "listings_freshness:confirm"


def make_confirmation_token(listing):
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object({"listing": listing.pk})


def read_confirmation_token(token):
    """The listing id in a valid token; ConfirmationError with a French message otherwise."""
    max_age = timedelta(days=settings.LISTING_CONFIRMATION_LINK_DAYS)
    try:
        data = signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ConfirmationError(
            "Ce lien de confirmation a expiré. Connectez-vous à votre espace contributeur "
            "ou contactez le guichet pour confirmer votre annonce."
        ) from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise ConfirmationError(
            "Ce lien de confirmation n'est pas valide. Vérifiez que vous avez copié l'adresse complète "
            "reçue par e-mail."
        ) from error
    if not isinstance(data, dict) or not isinstance(data.get("listing"), int):
        raise ConfirmationError("Ce lien de confirmation n'est pas valide.")
    return data["listing"]


def confirmation_url(listing):
    """On the listing's desk: the confirmation page speaks in its name."""
    return public_url(reverse(CONFIRMATION_URL_NAME, args=[make_confirmation_token(listing)]), listing.site)
