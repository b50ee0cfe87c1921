"""Rich-text links as the public sees them."""

from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler


class PublicPageLinkHandler(PageLinkHandler):
    """Internal links to a page that is not public (draft, private, unpublished) lose their
    address on the site and in the API: the address of unpublished content is not public.
    The editor is unaffected (it converts links with its own handlers)."""

    @classmethod
    def get_many(cls, attrs_list):
        pages = super().get_many(attrs_list)
        ids = [page.pk for page in pages if page is not None]
        public = set(Page.objects.filter(pk__in=ids).live().public().values_list("pk", flat=True))
        return [page if page is not None and page.pk in public else None for page in pages]
