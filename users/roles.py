"""The desk's staff: its groups' names, as the admin shows them, who counts as staff, and
which desks (Wagtail sites) a user works for through their groups (users.GroupDesk).

Wagtail creates "Moderators" and "Editors"; users/migrations/0003 renames them in French and
users/migrations/0004 binds the four groups below to the default site.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from wagtail.models import Site

from .models import GroupDesk

# Review and publish listings, manage contributor organisations.
MODERATORS_GROUP = "Modérateurs"
# Communication staff: pages, aid guides, partners and the reference data.
EDITORS_GROUP = "Rédacteurs"
# Follow the professionals' cases (accompaniment app): only they, and the managers, see them.
ACCOMPANIMENT_GROUP = "Chargés d'accompagnement"
# Also see every case (when ACCOMPANIMENT_REFERENT_ONLY is on) and assign them.
ACCOMPANIMENT_MANAGERS_GROUP = "Responsables de l'accompagnement"


def staff_users():
    """Accounts of the desk's staff: those who may use the admin (Django's staff flag,
    superusers, or Wagtail's access_admin permission through a group or directly). They are
    never attached to a structure by a manager, never reached by « mot de passe oublié »
    without a password of their own, and the contributor space names them « l'équipe du
    guichet »."""
    admin_access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    staff = (
        Q(is_staff=True)
        | Q(is_superuser=True)
        | Q(groups__permissions__in=admin_access)
        | Q(user_permissions__in=admin_access)
    )
    User = get_user_model()
    return User.objects.filter(pk__in=User.objects.filter(staff).values("pk"))


def _permission_objects(perms):
    """The Permission rows named "app_label.codename" in ``perms``."""
    condition = Q(pk__in=[])
    for perm in perms:
        app_label, codename = perm.split(".")
        condition |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(condition)


def _default_site_ids():
    return set(Site.objects.filter(is_default_site=True).values_list("pk", flat=True))


def unbound_groups_count():
    """Whether a group bound to no desk counts for the default desk: only while the instance
    has one site (one instance per desk, groups made before desks existed). With several
    desks, such a group could be a deleted or forgotten desk's: it counts for none."""
    return Site.objects.count() <= 1


def desk_ids_with_permission(user, perms):
    """The ids of the sites (desks) where ``user`` holds one of ``perms`` ("app.codename"):
    through a group bound to that desk (users.GroupDesk). A permission given to the user
    directly counts for the default desk only, and so does one through a group bound to no
    desk (accounts made before desks existed, test groups) while the instance has one site
    (see unbound_groups_count): a desk's staff never reach another desk by it. Every site
    for a superuser, none for an anonymous or inactive user. Memoised on the user object for
    the request, like Django's own permission cache."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    perms = frozenset(perms)
    cache = getattr(user, "_desk_permission_cache", None)
    if cache is None:
        cache = {}
        user._desk_permission_cache = cache
    if perms not in cache:
        if user.is_superuser:
            ids = set(Site.objects.values_list("pk", flat=True))
        else:
            permissions = _permission_objects(perms)
            ids = set(
                GroupDesk.objects.filter(group__user=user, group__permissions__in=permissions).values_list(
                    "site", flat=True
                )
            )
            if user.user_permissions.filter(pk__in=permissions).exists() or (
                unbound_groups_count() and user.groups.filter(desk__isnull=True, permissions__in=permissions).exists()
            ):
                ids |= _default_site_ids()
        cache[perms] = frozenset(ids)
    return cache[perms]


def desks_of(user):
    """The sites (desks) ``user`` works for: those of their groups' GroupDesk, and the default
    site when they hold a permission directly or, with one site, through a group bound to no
    desk (see desk_ids_with_permission);
    every site for a superuser, none for an anonymous or inactive user."""
    if not user.is_authenticated or not user.is_active:
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all()
    bound = GroupDesk.objects.filter(group__user=user).values("site")
    unbound = user.user_permissions.exists() or (
        unbound_groups_count() and user.groups.filter(desk__isnull=True, permissions__isnull=False).exists()
    )
    return Site.objects.filter(Q(pk__in=bound) | (Q(is_default_site=True) if unbound else Q(pk__in=[])))


def users_with_role(site, role):
    """The users of the groups that hold ``role`` (a users.models.DeskRole) for ``site``."""
    User = get_user_model()
    return User.objects.filter(
        pk__in=User.objects.filter(groups__desk__site=site, groups__desk__role=role).values("pk")
    )


def users_with_permission(site, perms):
    """Active users who hold one of ``perms`` ("app.codename") for ``site``: the mirror of
    desk_ids_with_permission (a desk's groups; direct permissions, and unbound groups' while
    there is one site, for the default site; superusers everywhere)."""
    permissions = _permission_objects(perms)
    allowed = Q(is_superuser=True) | Q(groups__desk__site=site, groups__permissions__in=permissions)
    if site is not None and site.is_default_site:
        allowed |= Q(user_permissions__in=permissions)
        if unbound_groups_count():
            allowed |= Q(groups__desk__isnull=True, groups__permissions__in=permissions)
    User = get_user_model()
    # A subquery, so a user reached through several groups is listed once.
    return User.objects.filter(pk__in=User.objects.filter(allowed).values("pk"), is_active=True)
