from wagtail import hooks

from users.roles import desks_of

from .desks import pages_of_desks
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


@hooks.register("construct_page_chooser_queryset")
def only_the_readers_desks_pages(pages, request):
    """Page choosers (links, funders…) browse and search the pages of the desks the user works
    for (and the root, where browsing starts), never another desk's tree."""
    if request.user.is_superuser:
        return pages
    desks = desks_of(request.user).select_related("root_page")
    return pages.filter(depth=1) | pages_of_desks(pages, desks)
