from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

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
