"""Bulk actions on a desk's rows: staff of desk A neither see nor act on desk B's.

Wagtail's bulk action pages (``/admin/bulk/<app>/<model>/<action>/?id=…``) load every row
named in the address (``id=all``: the whole table) and list those the user may not act on by
their title, as « you don't have permission to … ». The viewset's own URLs are guarded by
``desk_admin`` but these are Wagtail's, shared by every snippet model: each action of a model
under ``DeskScopedPermissionPolicy`` is replaced here by one whose rows are first narrowed to
the user's desks (as its index is), so B's rows are neither named nor touched — an address
naming only B's rows answers 404, as an unknown id does.
"""

from django.shortcuts import get_list_or_404
from django.utils.functional import classproperty
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions import DeleteBulkAction
from wagtail.snippets.models import get_snippet_models

from .desk_admin import in_user_desks
from .desks import DeskScopedPermissionPolicy


def desk_scoped_snippet_models():
    return [
        model
        for model in get_snippet_models()
        if isinstance(policy_registry.get_by_type(model, fallback=False), DeskScopedPermissionPolicy)
    ]


class DeskScopedBulkActionMixin:
    """For a Wagtail snippet bulk action: registered for the desk-scoped models only, and only
    the rows of the user's desks exist for it."""

    @classproperty
    def models(cls):
        # Evaluated when Wagtail first looks its bulk actions up, once every snippet is registered.
        return desk_scoped_snippet_models()

    def get_all_objects_in_listing_query(self, parent_id):
        return in_user_desks(self.model._default_manager.all(), self.request.user).values_list("pk", flat=True)

    def get_queryset(self, model, object_ids):
        # Shadows BulkAction.get_queryset, a classmethod blind to the user, for this instance.
        return get_list_or_404(in_user_desks(model._default_manager.all(), self.request.user), pk__in=object_ids)


# Wagtail registers one bulk action for snippets: deletion. Registered after Wagtail's
# (reference/wagtail_hooks.py), so that it replaces it for these models.
class DeskScopedDeleteBulkAction(DeskScopedBulkActionMixin, DeleteBulkAction):
    pass


DESK_SCOPED_BULK_ACTIONS = [DeskScopedDeleteBulkAction]
