"""E-mail helpers every app's notifications share."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email


def clean_addresses(addresses):
    """Valid, de-duplicated (case-insensitively) addresses, in order: nothing that could
    inject a header (CR/LF) or that the mail server would refuse."""
    seen, result = set(), []
    for address in addresses:
        address = (address or "").strip()
        if not address or "\r" in address or "\n" in address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            continue
        if address.lower() not in seen:
            seen.add(address.lower())
            result.append(address)
    return result
