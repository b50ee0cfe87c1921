"""The editors' panel on the Wagtail admin home page: aid pages to check again with their
funder (the rule is in ``aides/review.py``).

Shown to whoever may edit aid pages (Wagtail page permissions, which propagate down the
tree), and listing only the aids that user may edit, so a link never leads to a refusal.
"""

from django.conf import settings
from django.db.models import F
from laces.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import AidPage
from .review import aids_to_review

# Enough to act on today; the rest is a count (the page explorer lists them all).
PANEL_LIMIT = 10


def editable_aids(user):
    """Aid pages this user may edit (all of them for a superuser, none if inactive)."""
    return PagePermissionPolicy(AidPage).instances_user_has_permission_for(user, "change")


def can_review_aids(user):
    return user.is_active and editable_aids(user).exists()


class AidReviewPanel(Component):
    name = "aid_reviews"
    template_name = "aides/admin/review_panel.html"
    order = 60  # after the listings' panel, above Wagtail's own

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        due = aids_to_review().filter(pk__in=editable_aids(self.user).values("pk"))
        aids = list(due.annotate(funder_title=F("funder__title"))[:PANEL_LIMIT])
        total = due.count() if len(aids) == PANEL_LIMIT else len(aids)
        return {
            "aids": aids,
            "total": total,
            "others": total - len(aids),
            "review_after_days": settings.AID_REVIEW_AFTER_DAYS,
        }
