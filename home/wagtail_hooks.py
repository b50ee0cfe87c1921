from wagtail import hooks

from .rich_text import PublicPageLinkHandler
from .site_deletion import delete_url


# A high order runs this after Wagtail's own registration, so this handler replaces it.
@hooks.register("register_rich_text_features", order=1000)
def public_page_links(features):
    features.register_link_type(PublicPageLinkHandler)


# Before Wagtail's own admin URLs (order), so a refused deletion gets its French message.
@hooks.register("register_admin_urls", order=-1)
def desk_site_delete_url():
    return [delete_url()]
