"""The staff groups bootstrap_desk --hostname gives a new desk (provisioning/desk_groups.py)
against instances that already hold other collections, desks of the same name, shared
photos and shared reference data (issue 17, review of the desk groups)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, Page, Site

from home.models import HomePage
from provisioning.desk_groups import ensure_desk_groups
from users.models import DeskRole

pytestmark = pytest.mark.django_db


def new_site(hostname, title):
    home = Page.get_first_root_node().add_child(instance=HomePage(title=title, slug=hostname.replace(".", "-")))
    return Site.objects.create(hostname=hostname, port=80, root_page=home, site_name=title)


@pytest.fixture
def site_a():
    """The default site, on a home page of its own (as bootstrap_desk makes it)."""
    site = Site.objects.get(is_default_site=True)
    site.root_page = Page.get_first_root_node().add_child(instance=HomePage(title="Guichet A", slug="guichet-a"))
    site.site_name = "Guichet A"
    site.save()
    ensure_desk_groups(site, "Guichet A")
    return site


@pytest.fixture
def site_b(site_a):
    return new_site("b.example", "Guichet B")


def member(django_user_model, group, name):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "motdepasse")
    user.groups.add(group)
    return user


def test_a_second_desk_starts_on_an_instance_with_other_root_collections(site_b):
    # Collections are kept sorted by name (Wagtail's node_order_by): the demo's, or an editor's.
    Collection.get_first_root_node().add_child(name="Démo")
    Collection.get_first_root_node().add_child(name="Zoé")
    ensure_desk_groups(site_b, "B")
    names = [c.name for c in Collection.get_first_root_node().get_children()]
    assert "B" in names
    assert Collection.objects.get(name="Démo").get_parent().name == "Guichet A"
