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


def desks_of(user):
    """The sites (desks) ``user`` works for, through their groups' GroupDesk; every site
    for a superuser, none for an anonymous or inactive user."""
    if not user.is_authenticated or not user.is_active:
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all()
    return Site.objects.filter(pk__in=GroupDesk.objects.filter(group__user=user).values("site"))


def users_with_role(site, role):
    """The users of the groups that hold ``role`` (a users.models.DeskRole) for ``site``."""
    User = get_user_model()
    return User.objects.filter(
        pk__in=User.objects.filter(groups__desk__site=site, groups__desk__role=role).values("pk")
    )
