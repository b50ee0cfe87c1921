"""`{{ page|if_public }}`: the page when the public may see it, else None (home/visibility.py)."""

from django import template

from home.visibility import is_public_page

register = template.Library()


@register.filter
def if_public(page):
    return page if is_public_page(page) else None
