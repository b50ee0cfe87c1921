"""The staff groups bootstrap_desk --hostname gives a new desk (provisioning/desk_groups.py)
against instances that already hold other collections, desks of the same name, shared
photos and shared reference data (issue 17, review of the desk groups)."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.db.models import ProtectedError
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site, WorkflowPage
from wagtail.permissions import policy_registry

from home.models import HomePage
from listings.submission import PENDING_PHOTOS_COLLECTION, photos_collection
from provisioning.desk_groups import ensure_desk_groups
from provisioning.report import BootstrapError
from reference.factories import CommuneFactory
from reference.models import Commune
from users.checks import check_unbound_groups
from users.models import DeskRole, GroupDesk
from users.roles import desk_ids_with_permission, desks_of

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


# --- The shared photos of pending listings -------------------------------------------------------


@pytest.mark.parametrize("made", ["before", "after"])
def test_no_desks_editors_reach_the_shared_listing_photos(site_b, django_user_model, made):
    """Every desk's pending photos share one collection: it stays at the root, where no desk's
    group has a permission (the listing code and superusers only)."""
    photos = photos_collection() if made == "before" else None
    groups_b = ensure_desk_groups(site_b, "Guichet B")
    photos = photos or photos_collection()
    photos.refresh_from_db()
    assert photos.get_parent().is_root()
    groups_a = {binding.role: binding.group for binding in GroupDesk.objects.filter(site__is_default_site=True)}
    for groups, letter in ((groups_a, "a"), (groups_b, "b")):
        for role in (DeskRole.EDITORS, DeskRole.MODERATORS):
            user = member(django_user_model, groups[role], f"{role}-{letter}")
            policy = policy_registry.get_by_type(get_image_model())
            reachable = policy.collections_user_has_any_permission_for(user, ["add", "change", "choose"])
            assert photos not in reachable, (role, letter)
            assert reachable.exists() or role == DeskRole.MODERATORS


def test_photos_moved_under_the_default_desk_by_an_earlier_run_go_back_to_the_root(site_b):
    ensure_desk_groups(site_b, "Guichet B")
    photos_collection().move(Collection.objects.get(name="Guichet A"), pos="sorted-child")
    ensure_desk_groups(site_b, "Guichet B")
    assert Collection.objects.get(name=PENDING_PHOTOS_COLLECTION).get_parent().is_root()


# --- Two desks of the same name ------------------------------------------------------------------


def bindings(site):
    return sorted(GroupDesk.objects.filter(site=site).values_list("group__name", "role"))


@pytest.mark.parametrize("name", ["Guichet unique santé", "Guichet A"])
def test_a_desk_named_like_another_is_refused_and_leaves_the_other_unchanged(site_b, name):
    ensure_desk_groups(site_b, name if name != "Guichet A" else "Guichet unique santé")
    before = bindings(site_b)
    workflow_before = WorkflowPage.objects.get(page=site_b.root_page).workflow_id
    site_c = new_site("c.example", "Guichet C")
    with pytest.raises(BootstrapError) as raised:
        ensure_desk_groups(site_c, name)
    assert "Choisissez un autre nom avec --desk-name" in str(raised.value)
    assert bindings(site_b) == before and bindings(site_c) == []
    assert WorkflowPage.objects.get(page=site_b.root_page).workflow_id == workflow_before
    assert not WorkflowPage.objects.filter(page=site_c.root_page).exists()
    # Another name is fine, and a second run for B keeps B's groups.
    ensure_desk_groups(site_c, "Guichet C")
    ensure_desk_groups(site_b, "Guichet unique santé")
    assert bindings(site_b) == before and len(bindings(site_c)) == 4


# --- Shared communes -----------------------------------------------------------------------------


def test_a_new_desks_editors_read_the_shared_communes_but_never_change_them(client, site_b, django_user_model):
    groups_b = ensure_desk_groups(site_b, "Guichet B")
    commune = CommuneFactory(name="Valmont", zonage="zip")
    edit = reverse(Commune.snippet_viewset.get_url_name("edit"), args=[commune.pk])
    editor_b = member(django_user_model, groups_b[DeskRole.EDITORS], "editor-b")
    assert editor_b.has_perm("reference.view_commune")
    for codename in ("change_commune", "add_epci", "change_epci"):
        assert not editor_b.has_perm(f"reference.{codename}")
    client.force_login(editor_b)
    assert client.get(edit).status_code != 200
    client.post(edit, {"name": "Prise", "zonage": ""})
    commune.refresh_from_db()
    assert (commune.name, commune.zonage) == ("Valmont", "zip")
    # The default desk's editors still maintain them.
    editor_a = member(
        django_user_model, Group.objects.get(desk__role=DeskRole.EDITORS, desk__site__is_default_site=True), "editor-a"
    )
    client.force_login(editor_a)
    assert client.get(edit).status_code == 200


def test_groups_made_before_keep_no_write_access_to_the_shared_communes(site_b, django_user_model):
    groups_b = ensure_desk_groups(site_b, "Guichet B")
    editors = groups_b[DeskRole.EDITORS]
    editors.permissions.add(
        *Group.objects.get(desk__role=DeskRole.EDITORS, desk__site__is_default_site=True).permissions.filter(
            codename__in=["change_commune", "change_epci"]
        )
    )
    ensure_desk_groups(site_b, "Guichet B")
    assert not editors.permissions.filter(codename__in=["change_commune", "change_epci"]).exists()


# --- Groups bound to no desk ---------------------------------------------------------------------


def unbound_member(django_user_model):
    group = Group.objects.create(name="Groupe sans guichet")
    group.permissions.add(
        *Group.objects.get(desk__role=DeskRole.EDITORS, desk__site__is_default_site=True).permissions.all()
    )
    return member(django_user_model, group, "sans-guichet")


def test_with_one_site_a_group_bound_to_no_desk_counts_for_the_default_desk(site_a, django_user_model):
    user = unbound_member(django_user_model)
    assert list(desks_of(user)) == [site_a]
    assert desk_ids_with_permission(user, ["reference.view_commune"]) == {site_a.pk}
    assert check_unbound_groups(databases=["default"]) == []


def test_with_several_sites_a_group_bound_to_no_desk_counts_for_none(site_b, django_user_model):
    user = unbound_member(django_user_model)
    assert list(desks_of(user)) == []
    assert desk_ids_with_permission(user, ["reference.view_commune"]) == frozenset()
    warnings = check_unbound_groups(databases=["default"])
    assert [w.obj for w in warnings if w.id == "users.W001"] == ["Groupe sans guichet"]
    assert "n'est rattaché à aucun guichet" in warnings[0].msg
    # Without a database (manage.py check), the check reads nothing.
    assert check_unbound_groups() == []


def test_a_desk_with_groups_cannot_be_deleted_so_they_never_fall_to_no_desk(site_b):
    ensure_desk_groups(site_b, "Guichet B")
    with pytest.raises(ProtectedError):
        site_b.delete()
    assert len(bindings(site_b)) == 4


# --- Deleting a site from Paramètres › Sites -----------------------------------------------------


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "x"))
    return client


def test_deleting_a_desk_in_use_answers_in_french_with_what_it_still_owns(admin_client, site_b):
    ensure_desk_groups(site_b, "Guichet B")
    response = admin_client.post(reverse("wagtailsites:delete", args=[site_b.pk]))
    assert response.status_code == 302 and response.url == reverse("wagtailsites:index")
    assert Site.objects.filter(pk=site_b.pk).exists()
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert texts == [
        "Le site « b.example » n'est pas supprimé : des éléments appartiennent encore à son guichet "
        "(4 groupes des guichets). Supprimez-les ou rattachez-les à un autre guichet d'abord."
    ]


def test_an_unused_site_is_still_deleted(admin_client, site_b):
    response = admin_client.post(reverse("wagtailsites:delete", args=[site_b.pk]))
    assert response.status_code == 302
    assert not Site.objects.filter(pk=site_b.pk).exists()
