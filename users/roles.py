"""The desk's staff: its groups' names, as the admin shows them, and who counts as staff.

Wagtail creates "Moderators" and "Editors"; users/migrations/0003 renames them in French.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q

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
