"""The private status link a person receives by e-mail: ``/mon-accompagnement/<token>/``.

The token is the authorisation (no account): it names the case and the link's version,
is signed with the site's secret and expires after ``ACCOMPANIMENT_LINK_DAYS`` days.
Raising ``Case.link_version`` revokes every link sent before; each e-mail the desk sends
carries a fresh link, and the person may ask for a new one with their address
(``/mon-accompagnement/nouveau-lien/``).
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db.models import F
from django.urls import reverse

from listings.desk import public_url

from .models import Case

LINK_SALT = "accompaniment.status-link"
# Confirms an interest sent with the address of an existing case (``interest.py``).
INTEREST_SALT = "accompaniment.interest"


def make_token(case, salt=LINK_SALT, compress=False, **extra):
    """``compress`` shortens a token that carries text (an interest's message)."""
    data = {"case": case.pk, "v": case.link_version, **extra}
    return signing.TimestampSigner(salt=salt).sign_object(data, compress=compress)


def read_token(token, salt=LINK_SALT):
    """The not anonymised case a valid token names (an installed or closed case keeps its link:
    the person may still download or erase their data), with the token's data; ``(None,
    None)`` for a forged, expired or revoked token. The caller says nothing more than « this
    link does not work » (never which of these it is, nor whether the case exists)."""
    max_age = timedelta(days=settings.ACCOMPANIMENT_LINK_DAYS)
    try:
        data = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError, UnicodeDecodeError):
        return None, None
    if not isinstance(data, dict) or not isinstance(data.get("case"), int) or not isinstance(data.get("v"), int):
        return None, None
    case = Case.objects.filter(pk=data["case"], link_version=data["v"], anonymised_at__isnull=True).first()
    return (case, data) if case is not None else (None, None)


def status_url(case):
    """On the case's desk: the status page and its notice speak in that desk's name."""
    return public_url(reverse("accompaniment:status", args=[make_token(case)]), case.site)


def revoke_links(case):
    """Every link sent so far stops working (the admin's « Révoquer le lien », an erasure)."""
    Case.objects.filter(pk=case.pk).update(link_version=F("link_version") + 1)
    case.refresh_from_db(fields=["link_version"])
