"""`{{ value|long_date }}`: « 1er janvier 2026 » in every template (site, admin, e-mails)."""

from django import template

from core.dates import long_date as long_date_text

register = template.Library()


@register.filter
def long_date(value):
    return long_date_text(value)


@register.filter
def long_datetime(value):
    return long_date_text(value, with_time=True)
