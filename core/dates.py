"""Dates in French as the public reads them: « 1er janvier 2026 », « 2 janvier 2026 »."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format


def long_date(value, with_time=False):
    """A date (or datetime, shown in local time) in words; '' for None. The first of the
    month is « 1er », as French typography wants (Django's « j » gives « 1 »)."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    day = "1er" if value.day == 1 else str(value.day)
    text = f"{day} {date_format(value, 'F Y')}"
    if with_time and isinstance(value, datetime.datetime):
        text += f" à {date_format(value, 'H:i')}"
    return text
