"""System check: with several desks, a group bound to no desk gives its members nothing
(users/roles.py unbound_groups_count), which an administrator should know."""

from django.contrib.auth.models import Group
from django.core import checks
from django.db import DatabaseError

from .roles import unbound_groups_count


def check_unbound_groups(app_configs=None, databases=None, **kwargs):
    """A French warning per group holding permissions but bound to no desk, once the instance
    has several sites. Reads the database, so only when the check is given one (migrate,
    check --database default) and never before the tables exist."""
    if not databases:
        return []
    try:
        if unbound_groups_count():
            return []
        names = list(
            Group.objects.filter(desk__isnull=True, permissions__isnull=False)
            .distinct()
            .order_by("name")
            .values_list("name", flat=True)
        )
    except DatabaseError:
        return []
    return [
        checks.Warning(
            f"Le groupe « {name} » a des permissions mais n'est rattaché à aucun guichet : l'instance ayant "
            "plusieurs sites, ses membres n'ont ces permissions sur aucun guichet.",
            hint="Rattachez-le à un guichet (groupe d'un guichet) ou retirez-lui ses permissions "
            "(Paramètres › Groupes).",
            obj=name,
            id="users.W001",
        )
        for name in names
    ]
