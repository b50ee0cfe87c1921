"""What the contributor sees of a listing's moderation: the moderators' decisions with
their comments, and the listing's history, worded for someone outside the desk.

Both come from Wagtail's own records (task states of the moderation workflow, the audit
log), so the contributor and the moderators read the same facts. Staff are named « l'équipe
du guichet »: the desk answers as a team, and staff names are not given out.
"""

from wagtail.models import ModelLogEntry, TaskState

from users.roles import staff_users

DESK = "L'équipe du guichet"
FORMER_MEMBER = "Un ancien membre de la structure"
HISTORY_LIMIT = 50

DECISION_LABELS = {
    TaskState.STATUS_APPROVED: "Approuvée",
    TaskState.STATUS_REJECTED: "Modifications demandées",  # Wagtail's "reject" sends back for changes
    TaskState.STATUS_SKIPPED: "Étape passée",
}

# Audit-log actions and how the contributor space words them; others are not shown.
HISTORY_LABELS = {
    "wagtail.create": "Annonce créée",
    "wagtail.edit": "Nouvelle version enregistrée",
    "wagtail.workflow.start": "Envoyée à l'équipe du guichet",
    "wagtail.workflow.resume": "Renvoyée après modifications",
    "wagtail.workflow.approve": "Approuvée",
    "wagtail.workflow.reject": "Modifications demandées",
    "wagtail.workflow.cancel": "Relecture remplacée par une version plus récente",
    "wagtail.publish": "Publiée",
    "wagtail.unpublish": "Retirée du site",
    "listings.reject": "Refusée",
    "listings.confirm": "Confirmée comme toujours d'actualité",
    "listings.withdraw_stale": "Retirée faute de confirmation",
    "listings.erase_contact_data": "Coordonnées du contact effacées à la demande",
    "listings.purge_personal_data": "Coordonnées du contact supprimées (durée de conservation écoulée)",
}


def task_states(listing):
    """Every task state of the listing's moderation workflows: what both the contributor's
    page and the moderators' review screen (review.py) read of the decisions."""
    return TaskState.objects.filter(
        workflow_state__base_content_type_id=listing.get_base_content_type().pk,
        workflow_state__object_id=str(listing.pk),
    )


def decisions(listing):
    """The moderators' finished decisions on this listing, newest first."""
    return (
        task_states(listing)
        .filter(finished_at__isnull=False)
        .exclude(status=TaskState.STATUS_CANCELLED)
        .order_by("-finished_at")
    )


def log_entries(listing, actions, limit):
    """The `limit` latest entries of the listing's audit log among `actions`, with their users
    (one query): the contributor's history here, the moderators' in review.py."""
    return list(
        ModelLogEntry.objects.for_instance(listing)
        .filter(action__in=actions)
        .select_related("user")
        .order_by("-timestamp", "-pk")[:limit]
    )


def pending_change_request(listing):
    """The comment of the moderators' request for changes the contributor has not answered
    yet, or None: the edit form repeats it."""
    state = listing.current_workflow_state
    if state is None or state.status != state.STATUS_NEEDS_CHANGES:
        return None
    return decisions(listing).filter(status=TaskState.STATUS_REJECTED).first()


def history(listing, limit=HISTORY_LIMIT):
    """The listing's audit log as the contributor reads it: newest first (the `limit` latest),
    each entry with its French label, its date and who acted: a member of the structure by
    name, staff as the desk, anyone else as a former member. Three queries."""
    members = set(listing.organisation.members.values_list("pk", flat=True)) if listing.organisation_id else set()
    entries = log_entries(listing, HISTORY_LABELS, limit)
    staff = _staff_among({entry.user_id for entry in entries if entry.user_id and entry.user_id not in members})
    return [
        {
            "label": HISTORY_LABELS[entry.action],
            "timestamp": entry.timestamp,
            "actor": _actor(entry.user, members, staff),
        }
        for entry in entries
    ]


def _staff_among(user_ids):
    """Which of these accounts belong to the desk's staff, in one query."""
    if not user_ids:
        return set()
    return set(staff_users().filter(pk__in=user_ids).values_list("pk", flat=True))


def _actor(user, members, staff):
    if user is None:
        return "Le site"  # scheduled runs (freshness, purge) and anonymous proposals
    if user.pk in members:
        return user.get_full_name() or user.get_username()
    if user.pk in staff:
        return DESK
    return FORMER_MEMBER
