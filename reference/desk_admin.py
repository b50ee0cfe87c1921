"""Admin screens of a desk's rows: staff of desk A see and reach nothing of desk B.

``DeskScopedViewSetMixin`` puts a snippet viewset's model under
``reference.desks.DeskScopedPermissionPolicy`` and applies it where Wagtail's generic views
do not ask the policy per row:

- the index (and its exports) and the chooser list only the rows of the user's desks;
- a row added belongs to the user's desk (``DeskCreateMixin``);
- every URL of the viewset that names a row (edit, inspect, history, usage, delete, preview,
  revisions, workflow, lock, unpublish, the viewset's own extra views…) answers 404 when the
  row's desk is not one where the user holds the permission the view requires — checked
  before the view runs, so no view can forget it.
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.http import Http404
from django.urls import URLPattern
from wagtail.models import Site
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)

from users.roles import desks_of

from . import vocabularies
from .desks import DeskScopedPermissionPolicy

ANY_ACTION = ("add", "change", "delete", "view")


def required_actions(view):
    """The actions a Wagtail view requires (its ``permission_required`` or
    ``any_permission_required``); any of the model's for a view that names none."""
    view_class = getattr(view, "view_class", None)
    if required := getattr(view_class, "permission_required", None):
        return [required]
    return list(getattr(view_class, "any_permission_required", None) or ANY_ACTION)


def desk_guarded(view, model, actions):
    """``view`` behind the desk check of the row its URL names (``pk``)."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        policy = policy_registry.get_by_type(model)
        # A user who holds the view's permission on some desk must hold it on the row's. One
        # who holds it nowhere gets the view's own refusal (a 403, a redirect) for a row of a
        # desk where they hold some permission on the model; any other row does not exist
        # for them.
        required = actions if policy.user_has_any_permission(request.user, actions) else ANY_ACTION
        instance = model._default_manager.filter(pk=unquote(str(kwargs["pk"]))).first()
        if instance is not None and not policy.user_has_any_permission_for_instance(request.user, required, instance):
            raise Http404
        return view(request, *args, **kwargs)

    return guarded


def guard_row_urls(urlpatterns, model):
    guarded = []
    for pattern in urlpatterns:
        if isinstance(pattern, URLPattern) and "pk" in pattern.pattern.regex.groupindex:
            callback = desk_guarded(pattern.callback, model, required_actions(pattern.callback))
            pattern = URLPattern(pattern.pattern, callback, pattern.default_args, pattern.name)
        guarded.append(pattern)
    return guarded


def in_user_desks(queryset, user, actions=ANY_ACTION):
    """``queryset`` (of a model under DeskScopedPermissionPolicy) narrowed to the desks where
    ``user`` may do one of ``actions``."""
    policy = policy_registry.get_by_type(queryset.model)
    return queryset.filter(**{f"{policy.site_field}__in": policy.desk_ids(user, actions)})


def in_desks_of_user(queryset, user):
    """``queryset`` narrowed to the desks ``user`` works for (users.roles.desks_of): what they
    may pick in a chooser, whatever their permissions on the chosen model (a chargé picks a
    profession they may not edit)."""
    policy = policy_registry.get_by_type(queryset.model)
    return queryset.filter(**{f"{policy.site_field}__in": desks_of(user)})


def desk_term_choices(request, vocabulary):
    """A staff list filter's choices for a vocabulary: the terms of the desks the user works
    for (the default desk's first; a code named alike in two desks once)."""
    if request is None:
        return []
    choices = {}
    for site_id in desks_of(request.user).order_by("-is_default_site", "pk").values_list("pk", flat=True):
        for code, label in vocabularies.fresh_choices(site_id, vocabulary):
            choices.setdefault(code, label)
    return list(choices.items())


class DeskScopedChooserMixin:
    def get_object_list(self):
        return in_desks_of_user(super().get_object_list(), self.request.user)


class DeskScopedChooseView(DeskScopedChooserMixin, ChooseView):
    pass


class DeskScopedChooseResultsView(DeskScopedChooserMixin, ChooseResultsView):
    pass


class DeskScopedChosenMixin:
    def get_object(self, pk):
        return in_desks_of_user(self.model_class.objects.all(), self.request.user).get(pk=pk)


class DeskScopedChosenView(DeskScopedChosenMixin, SnippetChosenView):
    pass


class DeskScopedChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return in_desks_of_user(super().get_objects(pks), self.request.user)


class DeskScopedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = DeskScopedChooseView
    choose_results_view_class = DeskScopedChooseResultsView
    chosen_view_class = DeskScopedChosenView
    chosen_multiple_view_class = DeskScopedChosenMultipleView


def desk_for_new_row(request, model):
    """The desk of a row created in the admin: the one served by the admin's host when the
    user may add there, else the first of theirs (the default desk first)."""
    ids = policy_registry.get_by_type(model).desk_ids(request.user, ["add"])
    here = Site.find_for_request(request)
    if here is not None and here.pk in ids:
        return here.pk
    return Site.objects.filter(pk__in=ids).order_by("-is_default_site", "pk").values_list("pk", flat=True).first()


class DeskCreateMixin:
    """A row created in the admin belongs to the user's desk, never by default to another."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        if instance.pk is None and getattr(instance, "site_id", False) is None:
            instance.site_id = desk_for_new_row(self.request, self.model)
        elif instance.pk is None and not hasattr(instance, "site_id"):
            # A row that belongs to a desk through another (a zoning through its profession):
            # its form offers that desk's rows to point to.
            instance.new_row_site_id = desk_for_new_row(self.request, self.model)
        return instance


class DeskScopedViewSetMixin:
    """For a SnippetViewSet of a desk's rows (see the module's docstring). ``site_field`` is
    the lookup from the model to its Site."""

    site_field = "site"
    chooser_viewset_class = DeskScopedChooserViewSet

    def register_permissions(self):
        # Before Wagtail makes its default policy for the model.
        if policy_registry.get_by_type(self.model, fallback=False) is None:
            register_permission_policy(
                self.model, DeskScopedPermissionPolicy(self.model, site_field=self.site_field), exact_class=True
            )
        super().register_permissions()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Whatever queryset the viewset's own get_queryset builds (a subclass's override
        # included), narrowed to the user's desks.
        own = self.get_queryset

        def get_queryset(request):
            queryset = own(request)
            if queryset is None:
                queryset = self.model._default_manager.all()
            return in_user_desks(queryset, request.user)

        self.get_queryset = get_queryset
        # Every URL naming a row, the subclass's own extra views included, behind the desk
        # check.
        own_urlpatterns = self.get_urlpatterns
        self.get_urlpatterns = lambda: guard_row_urls(own_urlpatterns(), self.model)

    @property
    def add_view(self):
        view_class = type(self.add_view_class.__name__, (DeskCreateMixin, self.add_view_class), {})
        return self.construct_view(view_class, **self.get_add_view_kwargs())
