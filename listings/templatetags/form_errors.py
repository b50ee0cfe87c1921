"""`{% error_summary form other_form extra=messages as errors %}`: the entries of the error
summary (listings/form_messages.py) for forms whose view does not build them itself."""

from django import template

from ..form_messages import error_summary as summary_entries

register = template.Library()


@register.simple_tag
def error_summary(*forms, extra=()):
    return [{"href": "", "label": "", "message": message} for message in extra or ()] + summary_entries(*forms)
