"""The one rule for every public rendering of a page reference (blocks, rich text, funders,
breadcrumbs, the API): a page may be shown to the public when it is live and neither it nor
an ancestor has a view restriction (login, password, groups) — Wagtail's live().public().
A reference to any other page shows neither its title nor its address.
"""

from wagtail.models import Page


def public_page_ids(pages):
    """The ids, among `pages`, of those the public may see (one query)."""
    ids = [page.pk for page in pages if page is not None]
    if not ids:
        return set()
    return set(Page.objects.filter(pk__in=ids).live().public().values_list("pk", flat=True))


def is_public_page(page):
    return page is not None and page.pk in public_page_ids([page])


def public_url(page, request=None):
    """The page's URL when the public may see it, else None."""
    return page.get_url(request=request) if is_public_page(page) else None
