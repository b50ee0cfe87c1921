"""Brute-force protection on every login form (django-axes, counted in the database, so
across workers and servers): after AXES_FAILURE_LIMIT wrong passwords for one account from
one address, that pair is locked for AXES_COOLOFF_TIME. Staff unlock it in the admin
(Paramètres → Connexions bloquées) or with `manage.py axes_reset_username IDENTIFIANT`.
"""

import math

from django.conf import settings

from .middleware import error_response

LOCKOUT_MESSAGE = (
    "Trop de tentatives de connexion échouées : ce compte est bloqué depuis votre adresse "
    "pendant {minutes} minutes. Réessayez plus tard ou demandez à l'équipe du guichet de le débloquer."
)


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a French page, 429 with Retry-After, nothing about the account."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    message = LOCKOUT_MESSAGE.format(minutes=math.ceil(seconds / 60))
    return error_response(request, status=429, title="Connexion bloquée", message=message, retry_after=seconds)
