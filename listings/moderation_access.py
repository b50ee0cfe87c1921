"""Who may moderate listings: the one rule for the moderators' dashboard, reports, review
screen and the e-mails moderators receive. Groups are referred to through the permission,
never by name (an admin may rename them)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q

from core.mail import clean_addresses

from .desk import desk_settings

MODERATION_PERMISSION = "listings.publish_listing"


def can_moderate(user):
    return user.is_active and user.has_perm(MODERATION_PERMISSION)


def moderator_users():
    """Active accounts with an e-mail address that may publish listings: through a group,
    directly, or as superusers (the queryset mirrors ``can_moderate``), ordered by id."""
    app_label, codename = MODERATION_PERMISSION.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    allowed = Q(is_superuser=True) | Q(groups__permissions__in=permission) | Q(user_permissions__in=permission)
    User = get_user_model()
    # A subquery, so a user reached through several groups is listed once.
    ids = User.objects.filter(allowed).values("pk")
    return User.objects.filter(pk__in=ids, is_active=True).exclude(email="").order_by("pk")


def moderator_addresses(exclude_user=None):
    """Where moderators' e-mails go (submissions, account requests): every moderator but
    ``exclude_user`` (who acted), and the desk's contact address."""
    users = moderator_users()
    if exclude_user is not None and exclude_user.pk:
        users = users.exclude(pk=exclude_user.pk)
    return clean_addresses([*users.values_list("email", flat=True), desk_settings().contact_email])
