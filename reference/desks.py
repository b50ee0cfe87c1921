"""The desk key: which desk (a Wagtail ``Site``) a row belongs to.

A desk is a Wagtail Site (one site per desk): its pages live under the site's root, its
settings are home.DeskSettings, and every row the desk owns (organisations, listings,
professions, care offer, audiences, cases…) carries a ``site`` through ``DeskOwned``.
Wagtail's Site is used rather than a model of ours because this layer may not import
``home``.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from wagtail.hooks import search_for_hooks
from wagtail.models import Site
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry

from users.roles import desk_ids_with_permission, users_with_permission

NO_DEFAULT_SITE = (
    "Aucun site par défaut n'est défini : dans l'administration (Paramètres › Sites), "
    "cochez « Site par défaut » sur le site du guichet."
)


def default_site_id():
    """The default Wagtail site's id: the desk of rows created without one."""
    site_id = Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()
    if site_id is None:
        raise ImproperlyConfigured(NO_DEFAULT_SITE)
    return site_id


class DeskOwned(models.Model):
    """A row that belongs to one desk. Not editable: the code that creates a row decides
    its desk (the default site when it says nothing), never a form."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="guichet",
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Factories, importers, the demo and forms that know nothing of desks keep working.
        self.ensure_site()
        super().save(*args, **kwargs)

    def ensure_site(self):
        if self.site_id is None:
            self.site_id = default_site_id()

    def validate_constraints(self, exclude=None):
        # A form never shows the desk, so Django would skip every constraint naming it (the
        # names unique per desk) and the database would refuse the row with an error page
        # instead of the constraint's French message.
        self.ensure_site()
        if exclude:
            exclude = set(exclude) - {"site"}
        super().validate_constraints(exclude=exclude)


class DeskScopedPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, per desk: a user may act on a row only if they hold the
    permission for the row's desk (users.roles.desk_ids_with_permission: their groups bound
    to that desk; superusers everywhere). ``site_field`` is the lookup from the model to its
    Site (``"site"``, or e.g. ``"profession__site"`` for a row that belongs to a desk through
    another). The model-level answer (``user_has_permission``: menus, buttons) stays
    Django's: "somewhere"."""

    def __init__(self, model, auth_model=None, site_field="site"):
        super().__init__(model, auth_model=auth_model)
        self.site_field = site_field

    def _perms(self, actions):
        return {self._get_permission_name(action) for action in actions}

    def desk_ids(self, user, actions):
        """The ids of the desks where ``user`` may do one of ``actions`` on this model."""
        return desk_ids_with_permission(user, self._perms(actions))

    def site_id_of(self, instance):
        *path, last = self.site_field.split("__")
        for name in path:
            instance = getattr(instance, name, None)
            if instance is None:
                return None
        site_id = getattr(instance, f"{last}_id", None)
        # A row not saved yet goes to the default desk (DeskOwned.ensure_site).
        return default_site_id() if site_id is None and instance.pk is None else site_id

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.site_id_of(instance) in self.desk_ids(user, actions)

    def instances_user_has_any_permission_for(self, user, actions):
        return self.model._default_manager.filter(**{f"{self.site_field}__in": self.desk_ids(user, actions)})

    def users_with_any_permission_for_instance(self, actions, instance):
        site = Site.objects.filter(pk=self.site_id_of(instance)).first()
        return users_with_permission(site, self._perms(actions)) if site else get_user_model().objects.none()


def desk_policies():
    """{model: its DeskScopedPermissionPolicy} for every model of a desk's rows."""
    # The policies are registered by the apps' admin hooks (snippet viewsets, cases).
    search_for_hooks()
    registered = {**policy_registry.values_by_class, **policy_registry.values_by_exact_class}
    return {model: policy for model, policy in registered.items() if isinstance(policy, DeskScopedPermissionPolicy)}


def in_desks_of(queryset, user, perms, site_field="site"):
    """``queryset`` narrowed to the desks where ``user`` holds one of ``perms``."""
    return queryset.filter(**{f"{site_field}__in": desk_ids_with_permission(user, perms)})


OTHER_DESK_MESSAGE = "Choix non valide : ce guichet ne propose pas cet élément, choisissez parmi les siens."


def desk_related_fields(form, site_id, fields):
    """Narrow the related-row fields of ``form`` to the desk ``site_id``: ``fields`` maps a
    field name to the lookup from its model to the Site (``"site"``, ``"profession__site"``…).

    The select (or the chooser's hidden input) then lists only the desk's rows, and a posted
    id of another desk's row is not a valid choice: the form refuses it with a French message,
    and nothing is saved. A field the form does not have is skipped."""
    for name, site_field in fields.items():
        field = form.fields.get(name)
        if field is None or getattr(field, "queryset", None) is None:
            continue
        field.queryset = field.queryset.filter(**{site_field: site_id})
        field.error_messages = {
            **field.error_messages,
            "invalid_choice": OTHER_DESK_MESSAGE,
            "invalid_pk_value": OTHER_DESK_MESSAGE,
        }
