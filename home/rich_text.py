"""Rich-text links as the public sees them."""

from wagtail.rich_text.pages import PageLinkHandler

from .visibility import public_page_ids


class PublicPageLinkHandler(PageLinkHandler):
    """Internal links to a page that is not public (draft, private, unpublished) lose their
    address on the site and in the API: the address of unpublished content is not public.
    The editor is unaffected (it converts links with its own handlers)."""

    @classmethod
    def get_many(cls, attrs_list):
        pages = super().get_many(attrs_list)
        public = public_page_ids(pages)
        return [page if page is not None and page.pk in public else None for page in pages]
