"""A refusal written for the person who meets it.

Django's PermissionDenied may carry any text, in any language (Wagtail's, a library's, an
internal detail). The site's 403 page (frontend/views/errors.py) shows the message of a
`Refusal` only, and a general sentence for anything else.
"""

from django.core.exceptions import PermissionDenied


class Refusal(PermissionDenied):
    """PermissionDenied whose message is French and meant for the user."""
