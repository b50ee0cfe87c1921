"""Who may moderate listings: the one rule for the moderators' dashboard, reports and
review screen. Groups are referred to through the permission, never by name."""

MODERATION_PERMISSION = "listings.publish_listing"


def can_moderate(user):
    return user.is_active and user.has_perm(MODERATION_PERMISSION)
