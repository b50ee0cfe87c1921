"""The « Accompagnement » menu of the admin: the cases (« Dossiers ») and the assignment
rules (« Règles d'attribution »). Who sees them is ``case_access.py``'s policies (registered
in ``wagtail_hooks/cases.py``); the views are ``admin_views.py`` and ``admin_actions.py``,
the form ``admin_forms.py``, the read-only panels ``admin_panels.py``.

Neither model is added to Wagtail's reference index: the « usage » of a commune, a listing
or an aid page, open to editors and moderators, must not list cases."""

from django import forms
from django.urls import path
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from reference.choosers import CommuneMultipleChooser
from reference.desk_admin import DeskCreateMixin, guard_row_urls

from .admin_actions import (
    AssignByRulesView,
    AttachmentDownloadView,
    EraseView,
    IntroduceView,
    RevokeLinkView,
    SendNewLinkView,
)
from .admin_forms import AssignmentRuleForm, AttachmentForm, CaseForm, EditableEntries, TimelineEntryForm
from .admin_panels import CaseThreadPanel, FormInlinePanel, InterestsPanel, SuggestedAidsPanel
from .admin_views import (
    CaseCreateView,
    CaseDeleteView,
    CaseEditView,
    CaseHistoryView,
    CaseIndexView,
    CaseUsageView,
    RuleIndexView,
)
from .models import AssignmentRule, Case

FOLLOW_UP = ObjectList(
    [
        FieldRowPanel([FieldPanel("state"), FieldPanel("referent")]),
        FieldPanel("closing_reason"),
        FieldPanel("state_note"),
        FieldPanel("next_steps"),
        FieldRowPanel([FieldPanel("installed_on"), FieldPanel("installed_commune")], heading="Installation"),
    ],
    heading="Suivi",
)
PERSON = ObjectList(
    [
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldRowPanel([FieldPanel("preferred_contact"), FieldPanel("contact_notes")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("audience"), FieldPanel("profession")]),
                FieldPanel("training_stage"),
                FieldPanel("available_from"),
            ],
            heading="Situation",
        ),
        MultiFieldPanel(
            [FieldPanel("source"), FieldPanel("consent_at")],
            heading="Origine de la demande",
        ),
    ],
    heading="Personne",
)
PROJECT = ObjectList(
    [
        FieldPanel("epci"),
        FieldPanel("territory_notes"),
        FieldPanel("practice_modes"),
        FieldPanel("timing"),
        FieldPanel("needs"),
        FieldPanel("needs_details"),
        FieldPanel("message"),
    ],
    heading="Projet et besoins",
)
TIMELINE = ObjectList(
    [
        CaseThreadPanel(heading="Fil du dossier"),
        FormInlinePanel(
            "timeline",
            heading="Notes, appels, tâches et messages",
            label="élément de suivi",
            help_text=(
                "Un « message à la personne » lui est envoyé par e-mail à l'enregistrement, une seule fois ; "
                "une tâche vous est rappelée le jour de son échéance."
            ),
            panels=[
                FieldRowPanel([FieldPanel("kind"), FieldPanel("created_at")]),
                FieldPanel("text"),
                FieldRowPanel([FieldPanel("due_on"), FieldPanel("done")], heading="Tâche"),
                FieldRowPanel([FieldPanel("partner"), FieldPanel("outcome")], heading="Orientation"),
            ],
            form_class=TimelineEntryForm,
            formset_class=EditableEntries,
        ),
    ],
    heading="Chronologie",
)
LINKS = ObjectList(
    [
        InterestsPanel(heading="Intérêts pour des annonces"),
        FieldPanel("listings", widget=forms.CheckboxSelectMultiple),
        FieldPanel("communes", widget=CommuneMultipleChooser),
        SuggestedAidsPanel(heading="Aides possibles pour ce profil"),
        FieldPanel("aids", widget=forms.CheckboxSelectMultiple),
    ],
    heading="Liens",
)
ATTACHMENTS = ObjectList(
    [
        FormInlinePanel(
            "attachments",
            heading="Pièces jointes",
            label="pièce jointe",
            panels=[FieldPanel("title"), FieldPanel("file")],
            form_class=AttachmentForm,
        ),
    ],
    heading="Pièces jointes",
)


class CaseViewSet(ModelViewSet):
    model = Case
    name = "accompaniment_cases"
    url_namespace = "accompaniment_cases"
    url_prefix = "accompagnement/dossiers"
    icon = "folder-open-inverse"
    menu_label = "Dossiers"
    menu_order = 100
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    list_per_page = 50
    index_view_class = CaseIndexView
    add_view_class = CaseCreateView
    edit_view_class = CaseEditView
    delete_view_class = CaseDeleteView
    history_view_class = CaseHistoryView
    usage_view_class = CaseUsageView
    edit_handler = TabbedInterface([FOLLOW_UP, PERSON, PROJECT, TIMELINE, LINKS, ATTACHMENTS], base_form_class=CaseForm)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_item_label="Nouveau dossier", **kwargs)

    @property
    def add_view(self):
        # A case entered by the desk belongs to the user's desk (reference.desk_admin).
        view_class = type("DeskCaseCreateView", (DeskCreateMixin, self.add_view_class), {})
        return self.construct_view(view_class, **self.get_add_view_kwargs())

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/attribuer/", AssignByRulesView.as_view(), name="assign"),
            path("<int:pk>/revoquer-le-lien/", RevokeLinkView.as_view(), name="revoke_link"),
            path("<int:pk>/nouveau-lien/", SendNewLinkView.as_view(), name="new_link"),
            path("<int:pk>/effacer/", EraseView.as_view(), name="erase"),
            path("<int:pk>/interets/<int:interest_pk>/mise-en-relation/", IntroduceView.as_view(), name="introduce"),
            path("<int:pk>/pieces-jointes/<int:attachment_pk>/", AttachmentDownloadView.as_view(), name="attachment"),
        ]


class AssignmentRuleViewSet(ModelViewSet):
    model = AssignmentRule
    name = "accompaniment_rules"
    url_prefix = "accompagnement/regles"
    icon = "resubmit"
    menu_label = "Règles d'attribution"
    menu_order = 200
    add_to_reference_index = False
    copy_view_enabled = False
    index_view_class = RuleIndexView
    list_display = ["__str__", "is_default", "active"]
    list_filter = ["active", "is_default"]
    edit_handler = ObjectList(
        [
            FieldPanel("referent"),
            FieldPanel("epcis", widget=forms.CheckboxSelectMultiple),
            FieldPanel("is_default"),
            FieldPanel("active"),
        ],
        base_form_class=AssignmentRuleForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_item_label="Nouvelle règle", **kwargs)

    @property
    def add_view(self):
        # A rule belongs to the user's desk; its rows' URLs answer 404 to other desks'
        # staff (reference.desk_admin).
        view_class = type("DeskRuleCreateView", (DeskCreateMixin, self.add_view_class), {})
        return self.construct_view(view_class, **self.get_add_view_kwargs())

    def get_urlpatterns(self):
        return guard_row_urls(super().get_urlpatterns(), self.model)


class AccompanimentGroup(ViewSetGroup):
    menu_label = "Accompagnement"
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (CaseViewSet, AssignmentRuleViewSet)
