"""Wagtail's generic views for cases, narrowed to the cases the user may open
(``Case.objects.visible_to``: a case outside it is a 404 on every screen), with what the
desk's follow-up needs: the list's columns and filters (« Mes dossiers » by default for a
chargé d'accompagnement), the actions in the edit view's header, and what a save sets off
(``case_updates.after_change``)."""

import django_filters
from django.contrib import messages
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import MediaContainer
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.widgets import Button

from reference.desk_admin import in_user_desks
from reference.models import Epci, Profession
from users.models import DeskRole
from users.roles import desk_ids_with_permission

from .assignment import referent_for, referents_of_desks
from .case_updates import after_change
from .files import case_file_storage
from .models import VIEW_CASE, Case, CaseState, EntryKind, TimelineEntry

MINE, UNASSIGNED, EVERYONE = "mine", "none", "all"
DUE, TO_DO = "due", "todo"
# A name and an address are a few words; each word is three LIKE clauses, and the databases
# refuse an expression of thousands (SQLite: depth 1000). A longer number is no case number
# (and would overflow the id column).
MAX_SEARCH_WORDS = 8
MAX_CASE_NUMBER_DIGITS = 12


def open_tasks(**lookups):
    return TimelineEntry.objects.filter(case=OuterRef("pk"), kind=EntryKind.TASK, done=False, **lookups)


def follows_cases(user):
    """A chargé d'accompagnement (of any desk): their groups' role (users.GroupDesk)."""
    return user.groups.filter(desk__role=DeskRole.ACCOMPANIMENT).exists()


def case_desk_ids(user):
    return desk_ids_with_permission(user, {VIEW_CASE})


def case_professions(request):
    """The professions of the desks whose cases the user sees (a filter's choices)."""
    return Profession.objects.filter(site__in=case_desk_ids(request.user)) if request else Profession.objects.none()


class CaseFilterSet(WagtailFilterSet):
    referent = django_filters.ChoiceFilter(label="Référent(e)", method="filter_referent", empty_label=None)
    state = django_filters.ChoiceFilter(label="État", choices=CaseState.choices, empty_label="Tous")
    tasks = django_filters.ChoiceFilter(
        label="Tâches",
        method="filter_tasks",
        choices=[(DUE, "Tâches échues (mes tâches du jour)"), (TO_DO, "Tâches à faire")],
        empty_label="Toutes",
    )
    epci = django_filters.ModelChoiceFilter(label="Territoire", queryset=Epci.objects.order_by("name"))
    profession = django_filters.ModelChoiceFilter(label="Profession", queryset=case_professions)

    class Meta:
        model = Case
        fields = ["referent", "state", "tasks", "epci", "profession"]

    def __init__(self, data=None, *args, request=None, **kwargs):
        self.user = request.user
        # A chargé d'accompagnement first sees their own cases; the others see them all.
        self.default_scope = MINE if follows_cases(self.user) else EVERYONE
        super().__init__(data, *args, request=request, **kwargs)
        people = [
            (str(user.pk), user.get_full_name() or user.get_username())
            for user in referents_of_desks(case_desk_ids(self.user)).order_by("pk")
        ]
        scopes = [(MINE, "Mes dossiers"), (UNASSIGNED, "Non attribués"), (EVERYONE, "Tous les dossiers")]
        field = self.form.fields["referent"]
        field.choices = [(value, label) for value, label in scopes if value != self.default_scope] + people
        field.choices = [("", dict(scopes)[self.default_scope]), *field.choices]

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("referent"):
            queryset = self.filter_referent(queryset, "referent", self.default_scope)
        return queryset

    def filter_referent(self, queryset, name, value):
        if value == MINE:
            return queryset.filter(referent=self.user)
        if value == UNASSIGNED:
            return queryset.filter(referent__isnull=True)
        if value and value.isdigit():
            return queryset.filter(referent_id=int(value))
        return queryset

    def filter_tasks(self, queryset, name, value):
        if value == DUE:
            return queryset.filter(Exists(open_tasks(due_on__lte=timezone.localdate())))
        if value == TO_DO:
            return queryset.filter(Exists(open_tasks()))
        return queryset


def referent_name(case):
    user = case.referent
    return (user.get_full_name() or user.get_username()) if user else "—"


def next_task(case):
    if case.next_task_on is None:
        return ""
    late = " (échue)" if case.next_task_on <= timezone.localdate() else ""
    return f"{case.next_task_on:%d/%m/%Y}{late}"


class CaseIndexView(IndexView):
    filterset_class = CaseFilterSet
    search_fields = ["first_name", "last_name", "email"]
    default_ordering = "-created_at"
    page_title = "Dossiers d'accompagnement"

    def get_base_queryset(self):
        first_task = open_tasks(due_on__isnull=False).order_by("due_on").values("due_on")[:1]
        return (
            Case.objects.visible_to(self.request.user)
            .select_related("referent", "epci", "profession")
            .annotate(next_task_on=Subquery(first_task))
        )

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        query = self.search_query.strip().removeprefix("n°").strip()
        condition = Q()
        for word in query.split()[:MAX_SEARCH_WORDS]:
            condition &= Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        if query.isdecimal() and len(query) <= MAX_CASE_NUMBER_DIGITS:
            condition |= Q(pk=int(query))
        return queryset.filter(condition)

    @cached_property
    def columns(self):
        title = self._get_title_column_class(TitleColumn)
        return [
            title("number", label="Dossier", accessor=str, sort_key="pk", get_url=self.get_edit_url),
            Column("person", label="Personne", accessor="person_name", sort_key="last_name"),
            Column("state", label="État", accessor="get_state_display", sort_key="state"),
            Column("referent", label="Référent(e)", accessor=referent_name, sort_key="referent__last_name"),
            Column("epci", label="Territoire", accessor="epci", sort_key="epci__name"),
            Column("profession", label="Profession", accessor="profession", sort_key="profession__name"),
            Column("next_task_on", label="Prochaine tâche", accessor=next_task, sort_key="next_task_on"),
            DateColumn("created_at", label="Reçue le", sort_key="created_at"),
        ]


def visible_cases(request):
    return Case.objects.visible_to(request.user).select_related("referent")


class VisibleCaseMixin:
    """Edit and delete views: the case comes from the user's visible cases only."""

    def get_queryset(self):
        return visible_cases(self.request)


class VisibleObjectMixin:
    """History and usage views (whose own queryset lists other things): the same."""

    def get_base_object_queryset(self):
        return visible_cases(self.request)


def remember(view, case):
    # As loaded: the form writes the new values into the same instance.
    view.old_state, view.old_referent_id = case.state, case.referent_id


def report_unsent(request, unsent):
    if unsent:
        messages.warning(
            request,
            f"{unsent} message(s) à la personne non envoyé(s) : son adresse e-mail manque ou n'est pas valable.",
        )


class CaseCreateView(CreateView):
    page_title = "Nouveau dossier"
    success_message = "%(object)s créé."

    def save_instance(self):
        case = super().save_instance()
        # A case entered by the desk (a call, a fair) follows the rules like a form's.
        if case.referent_id is None and (referent := referent_for(case)) is not None:
            case.referent = referent
            Case.objects.filter(pk=case.pk).update(referent=referent)
        report_unsent(self.request, after_change(case, old_state="", old_referent_id=None, user=self.request.user))
        return case


class CaseEditView(VisibleCaseMixin, EditView):
    success_message = "%(object)s enregistré."

    def dispatch(self, request, *args, **kwargs):
        if self.object.anonymised_at is not None:
            messages.info(request, f"Le dossier n° {self.object.pk} est anonymisé : il ne sert plus qu'aux chiffres.")
            return redirect(reverse("accompaniment_cases:history", args=[self.object.pk]))
        return super().dispatch(request, *args, **kwargs)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = self.get_object()
        remember(self, self.object)

    def get_object(self, queryset=None):
        return getattr(self, "object", None) or super().get_object(queryset)

    def get_page_subtitle(self):
        """« Dossier n° 8 – Inès Garnier »: the référent sees whose case it is (the audit
        log, which uses ``str(case)``, still names only the number)."""
        return f"{self.object} – {self.object.person_name}" if self.object.person_name else str(self.object)

    def save_instance(self):
        case = super().save_instance()
        removed = self.form.formsets["attachments"].deleted_objects if "attachments" in self.form.formsets else []
        for attachment in removed:
            name = attachment.file.name
            transaction.on_commit(lambda name=name: case_file_storage.delete(name))
        unsent = after_change(
            case, old_state=self.old_state, old_referent_id=self.old_referent_id, user=self.request.user
        )
        report_unsent(self.request, unsent)
        return case

    def get_side_panels(self):
        # Wagtail's status panel says « Publié » and counts usages: neither means anything
        # for a case. The history stays one click away in the header.
        return MediaContainer()

    def action_url(self, name, *args):
        return reverse(f"accompaniment_cases:{name}", args=[self.object.pk, *args])

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        actions = [
            ("Attribuer selon les règles", "assign", "user", 40),
            ("Envoyer un nouveau lien de suivi", "new_link", "mail", 50),
            ("Révoquer le lien de suivi", "revoke_link", "lock", 60),
            ("Effacer les données de la personne", "erase", "bin", 70),
        ]
        for label, name, icon, priority in actions:
            buttons.append(Button(label, url=self.action_url(name), icon_name=icon, priority=priority))
        return buttons


class CaseDeleteView(VisibleCaseMixin, DeleteView):
    def delete_action(self):
        names = [attachment.file.name for attachment in self.object.attachments.all()]
        super().delete_action()
        for name in names:
            transaction.on_commit(lambda name=name: case_file_storage.delete(name))


class CaseHistoryView(VisibleObjectMixin, HistoryView):
    pass


class CaseUsageView(VisibleObjectMixin, UsageView):
    pass


class RuleIndexView(IndexView):
    def get_base_queryset(self):
        return in_user_desks(super().get_base_queryset(), self.request.user).select_related("referent")
