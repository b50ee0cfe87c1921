"""Listings are moderated by the desk's own task (approve, request changes, refuse)
instead of Wagtail's generic group approval: create it for the Moderators group and
make it the listing workflow."""

from django.db import migrations

WORKFLOW_NAME = "Modération des annonces"


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    ListingModerationTask = apps.get_model("listings", "ListingModerationTask")

    task_type, _ = ContentType.objects.get_or_create(app_label="listings", model="listingmoderationtask")
    task = ListingModerationTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = ListingModerationTask.objects.create(name=WORKFLOW_NAME, active=True, content_type=task_type)
        moderators, _ = Group.objects.get_or_create(name="Moderators")
        task.groups.add(moderators)
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if created:
        WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)
    listing_type, _ = ContentType.objects.get_or_create(app_label="listings", model="listing")
    WorkflowContentType.objects.update_or_create(content_type=listing_type, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("listings", "0005_listing_moderation_task"),
        ("listings", "0003_listing_moderation_workflow"),
    ]

    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
