"""The admin's confirmations about a listing, in specific French.

Wagtail's own messages are built from the model's verbose name and translate as
« Annonce « … » modifié(e). »; moderators read « modifiée », « approuvée et publiée »… The
edit and create views (listings/admin_editing.py) and the workflow action view used by the
review screen take their text from here.
"""

from django.utils import timezone

from .models import ListingModerationTask

# The view's action (Wagtail's names) → what happened to the listing.
EDIT_MESSAGES = {
    "edit": "Annonce « {title} » modifiée.",
    "publish": "Annonce « {title} » modifiée et publiée.",
    "submit": "Annonce « {title} » envoyée en modération.",
    "restart-workflow": "Modération de l'annonce « {title} » relancée.",
    "cancel-workflow": "Modération de l'annonce « {title} » annulée.",
}
CREATE_MESSAGES = {
    "create": "Annonce « {title} » créée.",
    "publish": "Annonce « {title} » créée et publiée.",
    "submit": "Annonce « {title} » créée et envoyée en modération.",
}
SCHEDULED_MESSAGES = {
    "create": "Annonce « {title} » créée ; sa publication est programmée.",
    "edit": "Annonce « {title} » : publication programmée.",
    "live": "Annonce « {title} » : la version en ligne reste affichée, cette version est programmée.",
}
# The moderation task's actions (ListingModerationTask) → the moderator's decision.
DECISION_MESSAGES = {
    ListingModerationTask.APPROVE: "Annonce « {title} » approuvée et publiée.",
    ListingModerationTask.REQUEST_CHANGES: (
        "Modifications demandées pour l'annonce « {title} » : la structure est prévenue."
    ),
    ListingModerationTask.REFUSE: "Annonce « {title} » refusée définitivement : la structure est prévenue.",
}
ALREADY_DECIDED = "L'annonce « {title} » a déjà été traitée par ailleurs : rien n'a été modifié."
UNPUBLISHED = "Annonce « %(object)s » retirée du site."


def decision_message(action_name, title):
    return DECISION_MESSAGES.get(action_name, EDIT_MESSAGES["edit"]).format(title=title)


def edit_message(action, title, *, creating=False, instance=None, workflow_action=None):
    """The confirmation after the create or edit view's ``action``."""
    if action == "workflow-action":
        return decision_message(workflow_action, title)
    go_live_at = getattr(instance, "go_live_at", None)
    if action == "publish" and go_live_at and go_live_at > timezone.now():
        key = "create" if creating else ("live" if instance.live else "edit")
        return SCHEDULED_MESSAGES[key].format(title=title)
    messages = CREATE_MESSAGES if creating else EDIT_MESSAGES
    default = "create" if creating else "edit"
    return messages.get(action, messages[default]).format(title=title)
