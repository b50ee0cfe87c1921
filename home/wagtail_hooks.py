from wagtail import hooks

from .rich_text import PublicPageLinkHandler


# A high order runs this after Wagtail's own registration, so this handler replaces it.
@hooks.register("register_rich_text_features", order=1000)
def public_page_links(features):
    features.register_link_type(PublicPageLinkHandler)
