"""Who may moderate listings: the one rule for the moderators' dashboard, reports, review
screen and the e-mails moderators receive. Groups are referred to through the permission,
never by name (an admin may rename them), and per desk: a moderator moderates the listings
of the desks (sites) their groups are bound to (users.roles.desk_ids_with_permission)."""

from wagtail.models import Site

from core.mail import clean_addresses
from home.desks import desk_settings_of
from home.models import DeskSettings
from users.roles import desk_ids_with_permission, users_with_permission

MODERATION_PERMISSION = "listings.publish_listing"


def can_moderate(user):
    """May moderate the listings of at least one desk (menus, the dashboard's panel)."""
    return user.is_active and user.has_perm(MODERATION_PERMISSION)


def moderated_desk_ids(user):
    """The ids of the desks whose listings ``user`` moderates."""
    return desk_ids_with_permission(user, {MODERATION_PERMISSION})


def _desk(site):
    return site or Site.objects.filter(is_default_site=True).first()


def moderator_users(site=None):
    """Active accounts with an e-mail address that may publish the listings of ``site``
    (the default desk when None): through a group of that desk, directly or through a group
    of no desk for the default desk, or as superusers (mirrors ``moderated_desk_ids``),
    ordered by id."""
    return users_with_permission(_desk(site), {MODERATION_PERMISSION}).exclude(email="").order_by("pk")


def moderator_addresses(exclude_user=None, site=None):
    """Where moderators' e-mails go (submissions, account requests): every moderator of
    ``site``'s desk (the default desk when None) but ``exclude_user`` (who acted), and that
    desk's contact address."""
    site = _desk(site)
    users = moderator_users(site)
    if exclude_user is not None and exclude_user.pk:
        users = users.exclude(pk=exclude_user.pk)
    # Read without writing: this runs while a visitor's submission is saved.
    contact = (desk_settings_of(site) if site else DeskSettings()).contact_email
    return clean_addresses([*users.values_list("email", flat=True), contact])
