"""`{{ page|if_public }}` and `{{ image|if_public_image }}`: the object when the public may
see it, else None (home/visibility.py)."""

from django import template

from home.visibility import is_public_image, is_public_page

register = template.Library()


@register.filter
def if_public(page):
    return page if is_public_page(page) else None


@register.filter
def if_public_image(image):
    return image if is_public_image(image) else None


@register.filter
def public_ancestors(page):
    """The page's public ancestors below the home page, top first: its breadcrumb."""
    return [ancestor for ancestor in page.get_ancestors().filter(depth__gt=2) if is_public_page(ancestor)]
