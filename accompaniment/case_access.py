"""Who may do what with cases and assignment rules in the admin: Wagtail's permission
policies for both models, registered in ``wagtail_hooks/cases.py``.

Every screen of the accompaniment (menu, list, edit, history, usage, delete, the actions
and the attachments) asks these policies, so the rule is written once:

- nothing without ``accompaniment.view_case`` (the two accompaniment groups, superusers):
  a group that was given « change » on cases by mistake still sees nothing;
- per rule, the desks where the user holds the permission (reference.desks);
- per case, ``Case.is_visible_to`` / ``CaseQuerySet.visible_to`` (only their own cases
  for a chargé when ``ACCOMPANIMENT_REFERENT_ONLY`` is on).
"""

from wagtail.permission_policies import ModelPermissionPolicy

from reference.desks import DeskScopedPermissionPolicy

from .models import AssignmentRule, Case

VIEW_CASES = "accompaniment.view_case"


class AccompanimentPermissionPolicy(DeskScopedPermissionPolicy):
    """Django's model permissions per desk (reference.desks), behind the view permission on
    cases."""

    def user_has_permission(self, user, action):
        return user.has_perm(VIEW_CASES) and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        followers = ModelPermissionPolicy(Case).users_with_any_permission(["view"])
        return super().users_with_any_permission(actions).filter(pk__in=followers.values("pk"))


class CasePermissionPolicy(AccompanimentPermissionPolicy):
    """…and, per case, only the cases the user may open."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and instance.is_visible_to(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Case.objects.none()
        return Case.objects.visible_to(user)

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        return users.filter(pk__in=[user.pk for user in users if instance.is_visible_to(user)])


case_policy = CasePermissionPolicy(Case)
rule_policy = AccompanimentPermissionPolicy(AssignmentRule)
