"""« Demandes de compte » in the admin: staff who may change account requests accept one
(structure, account, manager, set-password e-mail) or refuse it with a reason
(listings/accounts.py does both). Listed in the « Installation » menu (listings/viewsets.py).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.admin.widgets.button import MenuItem as ButtonMenuItem
from wagtail.snippets.views.snippets import IndexView, InspectView, SnippetViewSet

from reference.desk_admin import DeskScopedViewSetMixin

from . import accounts
from .account_forms import AcceptRequestForm, AccountRequestForm, RefuseRequestForm
from .models import AccountRequest


class AccountRequestIndexView(IndexView):
    accept_url_name = None
    refuse_url_name = None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_pending and self.permission_policy.user_has_permission(self.request.user, "change"):
            buttons += [
                ButtonMenuItem(
                    "Accepter", url=reverse(self.accept_url_name, args=[instance.pk]), icon_name="check", priority=1
                ),
                ButtonMenuItem(
                    "Refuser", url=reverse(self.refuse_url_name, args=[instance.pk]), icon_name="cross", priority=2
                ),
            ]
        return buttons


class AccountRequestInspectView(InspectView):
    accept_url_name = None
    refuse_url_name = None

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.is_pending and self.permission_policy.user_has_permission(self.request.user, "change"):
            buttons += [
                Button("Accepter", url=reverse(self.accept_url_name, args=[self.object.pk]), icon_name="check"),
                Button("Refuser", url=reverse(self.refuse_url_name, args=[self.object.pk]), icon_name="cross"),
            ]
        return buttons


class DecisionView(WagtailAdminTemplateMixin, FormView):
    """Accept or refuse one pending request (a form, then back to the list)."""

    template_name = "listings/admin/account_request_decision.html"
    header_icon = "user"
    # What the desk check of the row's URL requires (reference.desk_admin).
    permission_required = "change"
    viewset = None
    submit_button_label = ""

    def dispatch(self, request, pk):
        if not self.viewset.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        self.object = get_object_or_404(AccountRequest, pk=pk)
        if not self.object.is_pending:
            messages.warning(request, "Cette demande a déjà été traitée.")
            return redirect(self.viewset.get_url_name("inspect"), self.object.pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.viewset.breadcrumbs_items,
            {"url": reverse(self.viewset.get_url_name("list")), "label": self.viewset.menu_label},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            account_request=self.object,
            communes=self.object.communes.order_by("name"),
            action_url=self.request.path,
            submit_button_label=self.submit_button_label,
            submit_button_active_label=self.submit_button_label,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            message = self.decide(form)
        except accounts.AccountError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.viewset.get_url_name("list"))


class AcceptView(DecisionView):
    form_class = AcceptRequestForm
    page_title = "Accepter la demande de compte"
    submit_button_label = "Accepter et envoyer le lien"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "account_request": self.object}

    def decide(self, form):
        decided = accounts.accept_request(
            self.object, organisation=form.cleaned_data["organisation"], by=self.request.user
        )
        return (
            f"Demande acceptée : {decided.applicant_name} est responsable de « {decided.organisation} » "
            "et a reçu un e-mail."
        )


class RefuseView(DecisionView):
    form_class = RefuseRequestForm
    page_title = "Refuser la demande de compte"
    submit_button_label = "Refuser et prévenir le demandeur"

    def decide(self, form):
        accounts.refuse_request(self.object, reason=form.cleaned_data["reason"], by=self.request.user)
        return f"Demande refusée : {self.object.applicant_name} a reçu le motif par e-mail."


class AccountRequestViewSet(DeskScopedViewSetMixin, SnippetViewSet):
    model = AccountRequest
    icon = "user"
    menu_label = "Demandes de compte"
    url_prefix = "demandes-de-compte"
    index_view_class = AccountRequestIndexView
    inspect_view_class = AccountRequestInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    search_fields = ["organisation_name", "last_name", "email"]
    list_filter = ["status", "organisation_kind"]
    list_display = [
        "organisation_name",
        Column("organisation_kind", label="Type", accessor="get_organisation_kind_display"),
        Column("applicant_name", label="Demandeur"),
        Column("status", label="État", accessor="get_status_display"),
        DateColumn("created_at", label="Reçue le"),
    ]
    inspect_view_fields = [
        *AccountRequestForm.Meta.fields,  # what the applicant wrote, then the decision
        "status",
        "created_at",
        "decided_at",
        "decided_by",
        "refusal_reason",
        "organisation",
        "user",
    ]

    def get_queryset(self, request):
        return AccountRequest.objects.all()

    def url_names(self):
        return {"accept_url_name": self.get_url_name("accept"), "refuse_url_name": self.get_url_name("refuse")}

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(**self.url_names(), **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(**self.url_names(), **kwargs)

    @property
    def accept_view(self):
        return AcceptView.as_view(viewset=self)

    @property
    def refuse_view(self):
        return RefuseView.as_view(viewset=self)

    def get_urlpatterns(self):
        converter = self.pk_path_converter
        return [
            *super().get_urlpatterns(),
            path(f"accept/<{converter}:pk>/", self.accept_view, name="accept"),
            path(f"refuse/<{converter}:pk>/", self.refuse_view, name="refuse"),
        ]
