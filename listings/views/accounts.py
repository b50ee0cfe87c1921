"""Contributor accounts on the public site: asking for an account, resetting a password by
e-mail, the members page where a structure's managers add and remove accounts, and the
invitation an existing account follows to join a structure.

The rules live in listings/accounts.py; these views read forms and answer in French.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views import View

from core.permissions import Refusal
from core.ratelimit import hit

from .. import accounts
from ..account_forms import AccountRequestForm, AddMemberForm, ResetPasswordForm
from ..desk import desk_settings, request_site
from ..forms import SpamGuardForm
from ..models import Organisation

LOGIN_URL = reverse_lazy("contributions:login")
HOUR = 3600
# E-mails a client may ask for per hour from « mot de passe oublié » (each may send one).
PASSWORD_RESETS_PER_HOUR = 5
SUBMISSION_KEY_SECONDS = 24 * HOUR
CHOICE_HELP = (
    "Au moins 8 caractères, pas uniquement des chiffres, ni un mot de passe courant, ni trop proche "
    "de votre nom ou de votre adresse e-mail."
)


def too_many(request, what):
    return render(request, "contributions/account_rate_limited.html", {"what": what}, status=429)


# --- « Demander un compte » --------------------------------------------------------------------


class AccountRequestView(View):
    """Same anti-spam as the public listing form (honeypot, fill time, quota per client),
    but only requests actually saved count against the quota: a person who corrects a
    mistake is never locked out."""

    template_name = "contributions/account_request.html"

    def get(self, request):
        return self.render(
            AccountRequestForm(site=request_site(request)), SpamGuardForm(initial=SpamGuardForm.fresh_initial())
        )

    def post(self, request):
        guard = SpamGuardForm(request.POST)
        if guard.is_bot():
            return redirect("contributions:account_request_thanks")  # nothing saved, nothing said
        form = AccountRequestForm(request.POST, site=request_site(request))
        guard_valid, form_valid = guard.is_valid(), form.is_valid()
        if guard_valid and form_valid:
            key = f"account-request:{guard.cleaned_data['submission_key']}"
            if not cache.add(key, 1, SUBMISSION_KEY_SECONDS):
                return redirect("contributions:account_request_thanks")  # a resent form: one request
            limit = settings.PUBLIC_FORM_MAX_SUBMISSIONS_PER_HOUR
            if hit("account-request", request, limit, HOUR):
                cache.delete(key)
                return too_many(request, "demandes de compte")
            with transaction.atomic():
                account_request = form.save()
                accounts.record_request(account_request)
            return redirect("contributions:account_request_thanks")
        guard_errors = [error for errors in guard.errors.values() for error in errors]
        if guard_errors:  # show why, with a fresh timestamp for the next try
            guard = SpamGuardForm(initial={**SpamGuardForm.fresh_initial(), **guard.cleaned_data})
        return self.render(form, guard, guard_errors, status=400)

    def render(self, form, guard, guard_errors=(), status=200):
        context = {
            "form": form,
            "guard": guard,
            "guard_errors": guard_errors,
            "retention_days": settings.LISTING_PURGE_AFTER_DAYS,
            "desk_email": desk_settings(request_site(self.request)).contact_email,
        }
        return render(self.request, self.template_name, context, status=status)


# --- Password reset (Django's views, French templates) --------------------------------------------


class PasswordResetView(auth_views.PasswordResetView):
    """Same answer, in the same time, whether or not the address has an account (Django's
    form says nothing; ours queues the e-mail, listings/emails/password_reset*); a client
    may ask PASSWORD_RESETS_PER_HOUR times an hour."""

    form_class = ResetPasswordForm
    template_name = "contributions/password_reset_form.html"
    success_url = reverse_lazy("contributions:password_reset_done")

    def post(self, request, *args, **kwargs):
        if hit("password-reset", request, PASSWORD_RESETS_PER_HOUR, HOUR):
            return too_many(request, "demandes de nouveau mot de passe")
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "contributions/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Also where a new account chooses its first password (listings/accounts.py)."""

    template_name = "contributions/password_reset_confirm.html"
    success_url = reverse_lazy("contributions:password_reset_complete")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        # Django's help is an HTML list; the site's field template expects one sentence.
        form.fields["new_password1"].help_text = CHOICE_HELP
        return form

    def form_valid(self, form):
        response = super().form_valid(form)
        # Whoever reads the account's mailbox may sign in again: lift a login lockout.
        accounts.lift_lockout(form.user, self.request)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "contributions/password_reset_complete.html"


# --- Members of a structure, for its managers --------------------------------------------------


class ManagerMixin(LoginRequiredMixin):
    login_url = LOGIN_URL

    def managed(self):
        return accounts.managed_organisations(self.request.user)

    def get_organisation(self, pk):
        """The structure, if the signed-in user manages it; 403 otherwise."""
        organisation = get_object_or_404(Organisation, pk=pk)
        if not self.managed().filter(pk=organisation.pk).exists():
            raise Refusal("Seuls les responsables de la structure gèrent ses membres.")
        return organisation


class MembersHomeView(ManagerMixin, View):
    """The nav's link: the one managed structure, or the list to choose from."""

    def get(self, request):
        organisations = list(self.managed())
        if not organisations:
            raise Refusal("Seuls les responsables d'une structure gèrent ses membres.")
        if len(organisations) == 1:
            return redirect("contributions:members", pk=organisations[0].pk)
        return render(request, "contributions/members_home.html", {"organisations": organisations})


class MembersView(ManagerMixin, View):
    template_name = "contributions/members.html"

    def get(self, request, pk):
        return self.render(self.get_organisation(pk), AddMemberForm())

    def post(self, request, pk):
        organisation = self.get_organisation(pk)
        form = AddMemberForm(request.POST)
        if form.is_valid():
            try:
                outcome = accounts.add_member(organisation, by=request.user, **form.cleaned_data)
            except accounts.AccountError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, self.added_message(outcome, form.cleaned_data))
                return redirect("contributions:members", pk=organisation.pk)
        return self.render(organisation, form, status=400)

    @staticmethod
    def added_message(outcome, typed):
        """Built from what the manager typed only: it must not tell whether the address
        already had an account, nor that account's name."""
        name = f"{typed['first_name'].strip()} {typed['last_name'].strip()}"
        if outcome == accounts.CREATED:
            return f"Compte créé pour {name} : un lien pour choisir son mot de passe lui a été envoyé."
        return (
            f"Invitation envoyée à {name} ({typed['email']}) : la personne rejoindra la structure en suivant "
            "le lien reçu."
        )

    def render(self, organisation, form, status=200):
        members = organisation.members.order_by("last_name", "first_name", "email")
        context = {
            "organisation": organisation,
            "members": members,
            "manager_ids": set(organisation.managers.values_list("pk", flat=True)),
            "form": form,
        }
        return render(self.request, self.template_name, context, status=status)


class RemoveMemberView(ManagerMixin, View):
    """GET asks for confirmation, POST removes."""

    template_name = "contributions/members_remove.html"

    def get_member(self, organisation, user_pk):
        return get_object_or_404(organisation.members.all(), pk=user_pk)

    def get(self, request, pk, user_pk):
        organisation = self.get_organisation(pk)
        member = self.get_member(organisation, user_pk)
        return render(request, self.template_name, {"organisation": organisation, "member": member})

    def post(self, request, pk, user_pk):
        organisation = self.get_organisation(pk)
        member = self.get_member(organisation, user_pk)
        try:
            accounts.remove_member(organisation, member, by=request.user)
        except accounts.AccountError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{member.get_full_name() or member.email} ne fait plus partie de la structure.")
            if member == request.user:  # they removed themselves: their space may be gone
                return redirect(reverse("contributions:dashboard") if member.organisations.exists() else "/")
        return redirect("contributions:members", pk=organisation.pk)


# --- Invitation of an existing account --------------------------------------------------------


class InvitationView(LoginRequiredMixin, View):
    """The link of a manager's invitation: signed in as the invited account, the person
    confirms (a POST, so that a mail scanner opening the link joins nobody)."""

    login_url = LOGIN_URL
    template_name = "contributions/member_invitation.html"

    def get(self, request, token):
        try:
            organisation = accounts.read_invitation(token, request.user)
        except accounts.AccountError as error:
            return render(request, self.template_name, {"error": str(error)}, status=403)
        already = organisation.members.filter(pk=request.user.pk).exists()
        return render(request, self.template_name, {"organisation": organisation, "already": already})

    def post(self, request, token):
        try:
            organisation = accounts.accept_invitation(token, request.user)
        except accounts.AccountError as error:
            return render(request, self.template_name, {"error": str(error)}, status=403)
        messages.success(request, f"Vous êtes membre de la structure {organisation.name}.")
        return redirect("contributions:dashboard")
