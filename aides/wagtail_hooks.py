from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from .admin_panels import AidReviewPanel, can_review_aids
from .review_reminders import REMINDER_ACTION
from .viewsets import AidAudienceViewSet

register_snippet(AidAudienceViewSet)


@hooks.register("construct_homepage_panels")
def add_aid_review_panel(request, panels):
    if can_review_aids(request.user):
        panels.append(AidReviewPanel(request.user))


@hooks.register("register_log_actions")
def register_aid_review_log_actions(actions):
    @actions.register_action(REMINDER_ACTION)
    class ReviewReminderAction(LogFormatter):
        label = "Rappel de vérification envoyé"

        def format_message(self, log_entry):
            count = log_entry.data.get("recipients", 0)
            return f"Fiche signalée aux éditeurs comme à revérifier ({count} destinataire(s))"
