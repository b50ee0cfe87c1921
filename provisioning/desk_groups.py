"""A desk's staff groups (plan D5, issue 17): « Modérateurs – <desk> », « Rédacteurs – <desk> »,
« Chargés d'accompagnement – <desk> » and « Responsables de l'accompagnement – <desk> ».

Each gets the model permissions of the default desk's group of the same role (the groups the
migrations made, with any grant added since), is bound to its desk (users.GroupDesk), and
gets the page permissions of that group on the desk's home page (not Wagtail's root) and its
collection permissions on the desk's collection. The desk's moderators also moderate its
listings (the listing moderation task) and its pages (a page workflow of the desk, on its home).

With a second desk, Wagtail's permissions on the root page and the root collection would let
the default desk's staff edit every desk's pages and images (plan, risk 8): they are moved
onto the default desk's home page and collection, with the media and collections that were
at the root. Idempotent: a second run changes nothing.

Three things stay out of a new desk's reach: the shared « Photos des annonces » collection
(every desk's pending listing photos: it stays at the root, for superusers and the listing
code only), the shared communes and EPCI (a new desk's editors may read them, not change
them: the health desk's aid finder reads their zonage), and another desk's groups, collection
and workflow found by the same desk name (refused: choose --desk-name).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from listings.models import ListingModerationTask
from listings.submission import PENDING_PHOTOS_COLLECTION
from users.models import DeskRole, GroupDesk

from .report import BootstrapError

# The group names' first words, as users/roles.py names the default desk's groups.
ROLE_LABELS = {
    DeskRole.MODERATORS: "Modérateurs",
    DeskRole.EDITORS: "Rédacteurs",
    DeskRole.ACCOMPANIMENT: "Chargés d'accompagnement",
    DeskRole.ACCOMPANIMENT_MANAGERS: "Responsables de l'accompagnement",
}
# Used only when the default desk has no group of the role to copy (deleted by an admin):
# literal copies of users/migrations/0002_staff_roles.py, listings/migrations/0009 and
# accompaniment/migrations/0002_groups.py.
FALLBACK_PERMISSIONS = {
    DeskRole.MODERATORS: [
        "wagtailadmin.access_admin",
        *(f"listings.{a}_listing" for a in ("add", "change", "delete", "view", "publish", "lock", "unlock")),
        *(f"listings.{a}_organisation" for a in ("add", "change", "delete", "view")),
        *(f"listings.{a}_accountrequest" for a in ("change", "view")),
        "reference.view_commune",
        "reference.view_healthfacility",
    ],
    DeskRole.EDITORS: [
        "wagtailadmin.access_admin",
        "listings.view_listing",
        "reference.change_commune",
        "reference.view_commune",
        *(f"reference.{a}_epci" for a in ("add", "change", "view")),
        *(f"reference.{a}_profession" for a in ("add", "change", "view")),
        *(f"reference.{a}_healthfacility" for a in ("add", "change", "delete", "view")),
        *(f"aides.{a}_aidaudience" for a in ("add", "change", "view")),
    ],
    DeskRole.ACCOMPANIMENT: [
        "wagtailadmin.access_admin",
        *(f"accompaniment.{a}_case" for a in ("add", "change", "view")),
        "accompaniment.view_assignmentrule",
        "accompaniment.export_figures",
        "reference.view_commune",
    ],
    DeskRole.ACCOMPANIMENT_MANAGERS: [
        "wagtailadmin.access_admin",
        *(f"accompaniment.{a}_case" for a in ("add", "change", "delete", "view")),
        *(f"accompaniment.{a}_assignmentrule" for a in ("add", "change", "delete", "view")),
        "accompaniment.export_figures",
        "accompaniment.manage_all_cases",
        "reference.view_commune",
    ],
}
WORKFLOW_PREFIX = "Modération des pages"
# Shared rows (communes and EPCI serve every desk): only the default desk's staff change them.
SHARED_REFERENCE_PERMISSIONS = [
    *(f"reference.{a}_commune" for a in ("add", "change", "delete")),
    *(f"reference.{a}_epci" for a in ("add", "change", "delete")),
]


def _permissions(names):
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found += Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return found


def _template_group(default_site, role):
    """The default desk's group of ``role``: the one whose permissions a new desk copies."""
    if default_site is None:
        return None
    binding = GroupDesk.objects.filter(site=default_site, role=role).select_related("group").order_by("pk").first()
    return binding.group if binding else None


def _desk_collection(site, desk_name):
    """The desk's collection, under the root collection (found again by its name)."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=desk_name).first()
    return existing or root.add_child(name=desk_name)


def _is_root_page(page_id):
    return Page.objects.filter(pk=page_id, depth=1).exists()


def move_root_permissions_to_default_desk(default_site, desk_name, other_collections=()):
    """Risk 8: the default desk's groups (and Wagtail's groups bound to no desk) lose their
    permissions on the root page and root collection, and get them on the default desk's home
    page and collection. The images and documents of the root collection and its other
    collections move under the default desk's collection, so its staff keep them."""
    collection = _desk_collection(default_site, desk_name)
    groups = Group.objects.exclude(desk__site__in=Site.objects.exclude(pk=default_site.pk))
    home = default_site.root_page
    for permission in GroupPagePermission.objects.filter(group__in=groups, page__depth=1):
        GroupPagePermission.objects.get_or_create(
            group_id=permission.group_id, page=home, permission_id=permission.permission_id
        )
        permission.delete()
    root = Collection.get_first_root_node()
    for permission in GroupCollectionPermission.objects.filter(group__in=groups, collection=root):
        GroupCollectionPermission.objects.get_or_create(
            group_id=permission.group_id, collection=collection, permission_id=permission.permission_id
        )
        permission.delete()
    for model in (get_image_model(), get_document_model()):
        model.objects.filter(collection=root).update(collection=collection)
    photos = Collection.objects.filter(name=PENDING_PHOTOS_COLLECTION).first()
    if photos is not None and photos.depth > root.depth + 1:
        # Moved under the default desk's collection by an earlier version: back to the root.
        photos.move(root, pos="sorted-child")
    keep = {collection.pk, *other_collections, *([photos.pk] if photos else [])}
    for child in list(root.get_children()):
        if child.pk not in keep:
            # Wagtail keeps collections sorted by name (node_order_by): any other position is refused.
            child.move(Collection.objects.get(pk=collection.pk), pos="sorted-child")
    return collection


def _name_taken(site, desk_name, default_site):
    """Another desk already known by ``desk_name``: the host of the first site whose groups,
    collection or page workflow bear that name, or None."""
    others = Site.objects.exclude(pk=site.pk)
    names = [f"{label} – {desk_name}" for label in ROLE_LABELS.values()]
    binding = GroupDesk.objects.filter(group__name__in=names, site__in=others).select_related("site").first()
    if binding is not None:
        return binding.site
    root = Collection.get_first_root_node()
    owner = (
        GroupDesk.objects.filter(
            site__in=others,
            group__collection_permissions__collection__in=root.get_children().filter(name=desk_name),
        )
        .select_related("site")
        .first()
    )
    if owner is not None:
        return owner.site
    if default_site is not None and desk_name in (default_site.site_name, default_site.hostname):
        return default_site
    workflow_home = (
        WorkflowPage.objects.filter(workflow__name=f"{WORKFLOW_PREFIX} – {desk_name}")
        .exclude(page=site.root_page)
        .values_list("page", flat=True)
        .first()
    )
    if workflow_home is not None:
        return others.filter(root_page_id=workflow_home).first() or default_site
    return None


def _desk_page_workflow(site, desk_name, moderators):
    """The desk's pages are moderated by its moderators only: a workflow of its own on its
    home page (Wagtail's default workflow, on the root, stays the default desk's)."""
    name = f"{WORKFLOW_PREFIX} – {desk_name}"
    task = GroupApprovalTask.objects.filter(name=name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=name, active=True)
    task.groups.add(moderators)
    workflow, _ = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=site.root_page, defaults={"workflow": workflow})


@transaction.atomic
def ensure_desk_groups(site, desk_name, default_desk_name=None):
    """The four staff groups of ``site``'s desk (see the module's docstring); returns them by
    role. For the default site, the groups already bound to it are kept (they are its
    groups); for another desk, the default desk's root permissions are moved first
    (``default_desk_name`` names its collection; its settings' desk name by default)."""
    default_site = Site.objects.filter(is_default_site=True).first()
    is_default = default_site is not None and default_site.pk == site.pk
    if not is_default:
        taken_by = _name_taken(site, desk_name, default_site)
        if taken_by is not None:
            raise BootstrapError(
                f"Le nom « {desk_name} » est déjà celui d'un autre guichet ({taken_by.hostname}) : ses groupes, "
                "sa collection et son workflow portent ce nom. Choisissez un autre nom avec --desk-name."
            )
    desk_collection = None if is_default else _desk_collection(site, desk_name)
    shared = [] if is_default else _permissions(SHARED_REFERENCE_PERMISSIONS)
    if not is_default and default_site is not None:
        other_desks = GroupCollectionPermission.objects.filter(
            group__desk__site__in=Site.objects.exclude(pk=default_site.pk)
        ).values_list("collection", flat=True)
        move_root_permissions_to_default_desk(
            default_site,
            default_desk_name or default_site.site_name or default_site.hostname,
            other_collections={desk_collection.pk, *other_desks},
        )
    groups = {}
    for role, label in ROLE_LABELS.items():
        template = _template_group(default_site, role)
        binding = GroupDesk.objects.filter(site=site, role=role).select_related("group").order_by("pk").first()
        if binding is not None:
            groups[role] = binding.group
            # Groups made before the shared reference data was kept to the default desk.
            binding.group.permissions.remove(*shared)
            continue
        group, _ = Group.objects.get_or_create(name=f"{label} – {desk_name}")
        GroupDesk.objects.update_or_create(group=group, defaults={"site": site, "role": role})
        groups[role] = group
        if template is not None:
            group.permissions.add(*template.permissions.exclude(pk__in=[p.pk for p in shared]))
            page_permissions = set(template.page_permissions.values_list("permission_id", flat=True))
            collection_permissions = set(template.collection_permissions.values_list("permission_id", flat=True))
        else:
            group.permissions.add(*(p for p in _permissions(FALLBACK_PERMISSIONS[role]) if p not in shared))
            page_permissions = collection_permissions = set()
        for permission_id in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=site.root_page, permission_id=permission_id)
        for permission_id in collection_permissions if desk_collection else ():
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=desk_collection, permission_id=permission_id
            )
    if not is_default:
        for task in ListingModerationTask.objects.all():
            task.groups.add(groups[DeskRole.MODERATORS])
        _desk_page_workflow(site, desk_name, groups[DeskRole.MODERATORS])
    return groups
