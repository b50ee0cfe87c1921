"""The « Utilisation » screens of a row every desk shares (communes, EPCI), per desk:

- ``references_in_readers_desks``: Wagtail's reference index rows to it, without those from
  another desk's rows;
- ``DeskUsageView``: the « Utilisation » screen of a shared row lists the rows of the
  reader's desks only (Wagtail would list another desk's as « (… privé(e)) », telling that
  they exist and where); ``SharedRowEditView`` counts those in its status panel
  (« Utilisé N fois »).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.admin.ui.side_panels import StatusSidePanel
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import EditView, UsageView

from users.roles import desks_of

from .desks import desk_policies


def references_in_readers_desks(references, user):
    """``references`` (ReferenceIndex rows) without those from rows of other desks than the
    ones ``user`` works for (users.roles.desks_of), nor from pages they may not explore in the
    admin (Wagtail's own rule, which keeps a desk's staff in their desk's tree). References
    from rows of no desk (a commune's EPCI…) stay. One query, plus the filter's subqueries."""
    if user.is_superuser:
        return references
    policies = desk_policies()
    hidden = Q(pk__in=[])
    for content_type_id in set(references.order_by().values_list("base_content_type", flat=True).distinct()):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        if issubclass(model, Page):
            sources = policy_registry.get_by_type(Page).explorable_instances(user)
        elif model in policies:
            sources = model._base_manager.filter(**{f"{policies[model].site_field}__in": desks_of(user)})
        else:
            continue
        ids = sources.order_by().annotate(pk_text=Cast("pk", CharField())).values("pk_text")
        hidden |= Q(base_content_type_id=content_type_id) & ~Q(object_id__in=ids)
    return references.exclude(hidden)


class DeskUsageView(UsageView):
    """« Utilisation » of a row the desks share: the rows of the reader's desks only."""

    def get_queryset(self):
        references = ReferenceIndex.get_references_to(self.object)
        return references_in_readers_desks(references, self.request.user).group_by_source_object()


class SharedRowEditView(EditView):
    """Edit view of a row the desks share: « Utilisé N fois » counts what DeskUsageView lists
    (Wagtail counts every desk's rows)."""

    def get_side_panels(self):
        panels = super().get_side_panels()
        for panel in panels:
            if isinstance(panel, StatusSidePanel):
                # Wagtail's panel has no hook for the count: its one method that reads it is
                # replaced for this panel.
                panel.get_usage_context = lambda panel=panel: {
                    "usage_count": self.desk_usage_count(),
                    "usage_url": panel.usage_url,
                }
        return panels

    def desk_usage_count(self):
        references = ReferenceIndex.get_references_to(self.object)
        return references_in_readers_desks(references, self.request.user).group_by_source_object().count()
