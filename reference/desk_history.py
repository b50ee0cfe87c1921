"""The audit log per desk: which desk each log entry of a desk's row belongs to, and which
entries a staff member may read.

Wagtail shows a ModelLogEntry to whoever holds some permission on its model
(``BaseLogEntryManager.viewable_by_user``), whatever desk the row belongs to: in « Historique
du site », a moderator of desk A would read the titles of desk B's listings. So each entry of
a desk's row (a model under ``DeskScopedPermissionPolicy``) is stamped with the row's desk
when it is written (``data["desk"]``, set by ``stamp_desk`` before the entry is saved; a
deletion is logged while the row still exists, so its entry gets the row's desk too), and
``in_readers_desks`` keeps the entries of other models and those of the desks where the user
holds a permission on the entry's model. Entries written before the stamp were given one by
the apps' migrations (``desk_migrations.stamp_log_entries``).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import ModelLogEntry, Site

from .desk_admin import ANY_ACTION
from .desks import desk_policies

DESK_KEY = "desk"


def desk_of_entry(entry):
    """The id of the desk of the row ``entry`` (a ModelLogEntry) is about, or None when its
    model is not a desk's (communes, sites, users…)."""
    if entry.content_type_id is None:
        return None
    model = ContentType.objects.get_for_id(entry.content_type_id).model_class()
    policy = desk_policies().get(model)
    if policy is None:
        return None
    site_id = (
        model._base_manager.filter(pk=entry.object_id).values_list(policy.site_field, flat=True).first()
        if entry.object_id
        else None
    )
    return site_id or default_desk_id()


def default_desk_id():
    """The default site's id, None when no site is the default one (an entry is never
    refused for that: it is left unstamped)."""
    return Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()


def stamp_desk(sender, instance, raw=False, **kwargs):
    """pre_save of ModelLogEntry: the entry of a desk's row carries that desk."""
    if raw or DESK_KEY in (instance.data or {}):
        return
    site_id = desk_of_entry(instance)
    if site_id is not None:
        instance.data = {**(instance.data or {}), DESK_KEY: site_id}


def in_readers_desks(queryset, user):
    """``queryset`` (of log entries, values() querysets included) without the entries of
    rows of desks where ``user`` holds no permission on the row's model. Entries of pages
    (Wagtail scopes them by page permissions) and of other models are left as they are."""
    if user.is_superuser or not issubclass(queryset.model, ModelLogEntry):
        return queryset
    return queryset.filter(readable_condition(user))


def readable_condition(user):
    """The Q of the ModelLogEntry rows ``user`` may read, memoised on the user object for the
    request (a report filters several querysets with it)."""
    condition = getattr(user, "_desk_log_condition", None)
    if condition is not None:
        return condition
    policies = desk_policies()
    content_types = ContentType.objects.get_for_models(*policies)
    default_id = default_desk_id()
    condition = ~Q(content_type__in=list(content_types.values()))
    for model, policy in policies.items():
        desk_ids = policy.desk_ids(user, ANY_ACTION)
        if not desk_ids:
            continue
        of_model = Q(content_type=content_types[model])
        condition |= of_model & Q(**{f"data__{DESK_KEY}__in": sorted(desk_ids)})
        # An entry written without the stamp (by a bulk write) is the default desk's, as its
        # row would be (DeskOwned).
        if default_id in desk_ids:
            condition |= of_model & Q(**{f"data__{DESK_KEY}__isnull": True})
    user._desk_log_condition = condition
    return condition


def viewable_entries(log_model, user):
    """The entries of ``log_model`` that ``user`` may read in the admin: Wagtail's rule
    (``viewable_by_user``), then the desk's."""
    return in_readers_desks(log_model.objects.viewable_by_user(user), user)
