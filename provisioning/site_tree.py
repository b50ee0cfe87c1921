"""The desk's page tree: its home page as its site's root (the default site's, or a site of
its own for another desk of the instance), and pages under it created once and published
through a revision, as an editor would. Shared by bootstrap_desk and seed_demo; every helper
is idempotent.
"""

from django.utils.text import slugify
from wagtail.models import Page, Site

from home.models import HomePage

HOME_SLUG = "accueil"


def child_page(parent, slug):
    page = parent.get_children().filter(slug=slug).first()
    return page.specific if page else None


def create_page(parent, page):
    """Add ``page`` under ``parent`` and publish it through a revision, as an editor would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_child_page(parent, model, *, slug, **fields):
    """The child page of ``parent`` with this slug, created and published when missing.

    Returns (page, created). An existing page is never modified.
    """
    page = child_page(parent, slug)
    if page is not None:
        return page, False
    return create_page(parent, model(slug=slug, **fields)), True


def ensure_home_page(*, title, slug=HOME_SLUG, introduction="", site_name="", publish=True, **fields):
    """The default desk's HomePage, as the default site's root in place of Wagtail's welcome page.

    Returns (home, created). An existing one (the default site's root, else a home page no
    site uses yet) is kept as it is. With ``publish``, a new home page gets a first revision
    (seed_demo publishes its own once the body is filled in).
    """
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        home = site.root_page.specific
    else:
        home = HomePage.objects.filter(sites_rooted_here__isnull=True).first()
    created = home is None
    if created:
        home = HomePage(title=title, slug=slug, introduction=introduction, **fields)
        Page.get_first_root_node().add_child(instance=home)
        if publish:
            home.save_revision().publish()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=site_name)
    elif site.root_page_id != home.pk:
        previous_root = site.root_page
        site.root_page = home
        # The desk's own name replaces the placeholder a fresh database starts with.
        site.site_name = site_name or site.site_name
        site.save()
        delete_welcome_page(previous_root)
    return home, created


def ensure_desk_site(*, hostname, port, title, introduction="", site_name=""):
    """Another desk of the instance: the Site answering ``hostname``:``port`` and its HomePage,
    a new root beside the other desks' (never the default site, never another desk's tree).

    Returns (site, home, created); an existing site is kept as it is.
    """
    site = Site.objects.filter(hostname=hostname, port=port).select_related("root_page").first()
    if site is not None:
        return site, site.root_page.specific, False
    home = HomePage(title=title, slug=slugify(hostname) or HOME_SLUG, introduction=introduction)
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.create(hostname=hostname, port=port, root_page=home, site_name=site_name)
    return site, home, True


def delete_welcome_page(page):
    """Delete Wagtail's default welcome page once no site uses it (a bare, childless Page)."""
    if page.depth > 1 and page.specific_class is Page and page.is_leaf() and not page.sites_rooted_here.exists():
        page.delete()
