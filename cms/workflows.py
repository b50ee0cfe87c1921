"""Project-wide workflow behaviour (pages and listings alike)."""


def publish_reviewed_revision(workflow_state, user=None):
    """Publish the revision the moderators approved.

    Wagtail's default publishes the object's latest revision, which may contain edits
    saved after the review; the reviewed one is the current task state's revision.
    """
    revision = workflow_state.current_task_state.revision
    revision.publish(user=user)
