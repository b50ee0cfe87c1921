"""Admin hooks for cases and assignment rules: their permission policies (registered first,
before Wagtail makes a default one), the « Accompagnement » menu, and the French wording
of the cases' audit log entries — which name states, kinds of e-mail, counts and account
numbers, never the person."""

from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from listings.accounts import account_label

from .. import emails, privacy
from ..admin_actions import REVOKE_ACTION
from ..case_access import case_policy, rule_policy
from ..case_updates import REASSIGN_ACTION
from ..introductions import INTRODUCE_ACTION
from ..models import AssignmentRule, Case, CaseState, ClosingReason
from ..states import STATE_ACTION
from ..viewsets import AccompanimentGroup

register_permission_policy(Case, case_policy)
register_permission_policy(AssignmentRule, rule_policy)


@hooks.register("register_admin_viewset")
def register_accompaniment_viewsets():
    return AccompanimentGroup()


def state_label(code):
    return CaseState(code).label if code in CaseState.values else (code or "—")


@hooks.register("register_log_actions")
def register_case_log_actions(actions):
    @actions.register_action(STATE_ACTION)
    class StateAction(LogFormatter):
        label = "Changement d'état"

        def format_message(self, log_entry):
            data = log_entry.data
            text = f"État : {state_label(data.get('to'))}"
            if data.get("from"):
                text = f"État : {state_label(data.get('from'))} → {state_label(data.get('to'))}"
            reason = data.get("closing_reason")
            if data.get("to") == CaseState.CLOSED and reason in ClosingReason.values:
                text += f" ({ClosingReason(reason).label})"
            return text

    @actions.register_action(emails.NOTIFY_ACTION)
    class NotifyAction(LogFormatter):
        label = "E-mail envoyé"

        def format_message(self, log_entry):
            data = log_entry.data
            kind = emails.KIND_LABELS.get(data.get("kind"), "e-mail")
            return f"E-mail envoyé : {kind}, {data.get('recipients', 0)} destinataire(s)"

    @actions.register_action(privacy.ANONYMISE_ACTION)
    class AnonymiseAction(LogFormatter):
        label = "Anonymisation"
        message = "Données de la personne anonymisées (durée de conservation écoulée ou effacement)"

    @actions.register_action(privacy.ERASE_ACTION)
    class EraseAction(LogFormatter):
        label = "Effacement à la demande de la personne"
        message = "Données de la personne effacées à sa demande ; le dossier ne sert plus qu'aux chiffres"

    @actions.register_action(privacy.EXPORT_ACTION)
    class ExportAction(LogFormatter):
        label = "Export des données"
        message = "Données du dossier téléchargées par la personne (droit d'accès)"

    @actions.register_action(INTRODUCE_ACTION)
    class IntroduceAction(LogFormatter):
        label = "Mise en relation"

        def format_message(self, log_entry):
            data = log_entry.data
            how = "coordonnées de la personne transmises" if data.get("contact_shared") else "relayée par le guichet"
            # An anonymised case's log no longer names the listing (privacy.forget_listings_in_log).
            listing = f"l'annonce n° {data['listing']}" if data.get("listing") else "l'annonce"
            return (
                f"Mise en relation avec la structure de {listing} ({how}, "
                f"{data.get('structure_recipients', 0)} destinataire(s) à la structure)"
            )

    @actions.register_action(REVOKE_ACTION)
    class RevokeAction(LogFormatter):
        label = "Lien de suivi révoqué"
        message = "Lien de suivi révoqué : les liens envoyés à la personne ne fonctionnent plus"

    @actions.register_action(REASSIGN_ACTION)
    class ReassignAction(LogFormatter):
        label = "Attribution"

        def format_message(self, log_entry):
            data = log_entry.data
            text = f"Dossier attribué au {account_label(data.get('to'))}"
            if data.get("from"):
                text += f" (auparavant {account_label(data.get('from'))})"
            return text + (", selon les règles d'attribution" if data.get("by_rules") else "")
