from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from . import accounts
from .admin_dashboard import ListingCountsReportView, ListingReportView, ListingsDashboardPanel, can_see_dashboard
from .notifications import KIND_LABELS
from .viewsets import ListingsGroup

register_snippet(ListingsGroup)


@hooks.register("register_log_actions")
def register_listing_log_actions(actions):
    @actions.register_action("listings.reject")
    class RejectListingAction(LogFormatter):
        label = "Refus définitif"

        def format_message(self, log_entry):
            reason = log_entry.data.get("reason", "")
            return f"Annonce refusée : {reason}" if reason else "Annonce refusée"


# --- Freshness, notifications and personal data (audit log) -------------------------------------


@hooks.register("register_log_actions")
def register_freshness_log_actions(actions):
    @actions.register_action("listings.confirm")
    class ConfirmListingAction(LogFormatter):
        label = "Confirmation de l'annonce"

        def format_message(self, log_entry):
            expire_at = log_entry.data.get("expire_at")
            before = log_entry.data.get("expire_at_before")
            if expire_at and expire_at != before:
                return f"Annonce confirmée par la structure ; expiration repoussée au {expire_at[:10]}"
            return "Annonce confirmée par la structure"

    @actions.register_action("listings.withdraw_stale")
    class WithdrawStaleAction(LogFormatter):
        label = "Retrait faute de confirmation"

        def format_message(self, log_entry):
            months = log_entry.data.get("months")
            return f"Annonce retirée : non confirmée depuis plus de {months} mois" if months else "Annonce retirée"

    @actions.register_action("listings.notify")
    class NotifyAction(LogFormatter):
        label = "Notification envoyée"

        def format_message(self, log_entry):
            kind = KIND_LABELS.get(log_entry.data.get("kind"), "notification")
            count = log_entry.data.get("recipients", 0)
            return f"E-mail envoyé : {kind}, {count} destinataire(s)"

    @actions.register_action("listings.purge_personal_data")
    class PurgePersonalDataAction(LogFormatter):
        label = "Purge des données personnelles"

        def format_message(self, log_entry):
            data = log_entry.data
            return (
                f"Coordonnées du contact supprimées après {data.get('days')} jours hors ligne "
                f"({data.get('contacts', 0)} contact(s), {data.get('revisions', 0)} version(s))"
            )

    @actions.register_action("listings.erase_contact_data")
    class EraseContactDataAction(LogFormatter):
        label = "Effacement à la demande du contact"

        def format_message(self, log_entry):
            data = log_entry.data
            return (
                f"Coordonnées effacées à la demande de la personne "
                f"({data.get('contacts', 0)} contact(s), {data.get('revisions', 0)} version(s))"
            )


# --- Moderators' dashboard -------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_dashboard_urls():
    return [
        path("reports/annonces/", ListingReportView.as_view(), name="listings_report"),
        path(
            "reports/annonces/results/",
            ListingReportView.as_view(results_only=True),
            name="listings_report_results",
        ),
        path("reports/annonces/par-territoire/", ListingCountsReportView.as_view(), name="listings_counts_report"),
        path(
            "reports/annonces/par-territoire/results/",
            ListingCountsReportView.as_view(results_only=True),
            name="listings_counts_report_results",
        ),
    ]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_dashboard(request.user)


@hooks.register("register_reports_menu_item")
def register_listing_report_menu_item():
    return DashboardMenuItem(
        "Tableau de bord des annonces",
        reverse("listings_report"),
        name="listings-report",
        icon_name="list-ul",
        order=10,
    )


@hooks.register("register_reports_menu_item")
def register_listing_counts_menu_item():
    return DashboardMenuItem(
        "Annonces par commune ou structure",
        reverse("listings_counts_report"),
        name="listings-counts-report",
        icon_name="table",
        order=20,
    )


@hooks.register("construct_homepage_panels")
def add_listings_dashboard_panel(request, panels):
    if can_see_dashboard(request.user):
        panels.append(ListingsDashboardPanel())


# --- Contributor accounts: requests and members (listings/accounts.py) -----------------------------
# Entries name accounts by the id they store (accounts.account_label): no query per entry when
# a history is read, nothing personal in the log; the label of a request is its structure's name.


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    @actions.register_action(accounts.SUBMIT_ACTION)
    class SubmitRequestAction(LogFormatter):
        label = "Demande de compte reçue"

    @actions.register_action(accounts.ACCEPT_ACTION)
    class AcceptRequestAction(LogFormatter):
        label = "Demande de compte acceptée"

        def format_message(self, log_entry):
            data = log_entry.data
            structure = "structure créée" if data.get("organisation_created") else "structure existante"
            account = "compte créé" if data.get("account_created") else "compte existant"
            return (
                f"Demande acceptée : {structure}, {account}, responsable {accounts.account_label(data.get('account'))}"
            )

    @actions.register_action(accounts.REFUSE_ACTION)
    class RefuseRequestAction(LogFormatter):
        label = "Demande de compte refusée"

    @actions.register_action(accounts.PURGE_ACTION)
    class PurgeRequestAction(LogFormatter):
        label = "Demande de compte supprimée (données personnelles)"

        def format_message(self, log_entry):
            return f"Demande refusée supprimée {log_entry.data.get('days')} jours après la décision"

    @actions.register_action(accounts.SCRUB_ACTION)
    class ScrubRequestAction(LogFormatter):
        label = "Demande de compte allégée (données personnelles)"

        def format_message(self, log_entry):
            days = log_entry.data.get("days")
            return f"Téléphone, fonction et message de la demande acceptée effacés {days} jours après la décision"

    @actions.register_action(accounts.ADD_MEMBER_ACTION)
    class AddMemberAction(LogFormatter):
        label = "Membre ajouté"

        def format_message(self, log_entry):
            data = log_entry.data
            how = " (compte créé)" if data.get("account_created") else ""
            how = " (invitation acceptée)" if data.get("invitation") else how
            return f"Membre ajouté : {accounts.account_label(data.get('member'))}{how}"

    @actions.register_action(accounts.INVITE_MEMBER_ACTION)
    class InviteMemberAction(LogFormatter):
        label = "Invitation envoyée"

        def format_message(self, log_entry):
            return (
                f"Invitation à rejoindre la structure envoyée : {accounts.account_label(log_entry.data.get('member'))}"
            )

    @actions.register_action(accounts.REMOVE_MEMBER_ACTION)
    class RemoveMemberAction(LogFormatter):
        label = "Membre retiré"

        def format_message(self, log_entry):
            return f"Membre retiré : {accounts.account_label(log_entry.data.get('member'))}"
