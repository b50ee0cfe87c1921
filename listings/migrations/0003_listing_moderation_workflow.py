"""Every listing goes through moderation: attach Wagtail's default 'Moderators approval'
workflow (created by wagtailcore) to the Listing snippet."""

from django.db import migrations


def attach_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    ContentType = apps.get_model("contenttypes", "ContentType")
    workflow = Workflow.objects.filter(name="Moderators approval", active=True).first()
    if workflow is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="listings", model="listing")
    WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})


def detach_workflow(apps, schema_editor):
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowContentType.objects.filter(content_type__app_label="listings", content_type__model="listing").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("listings", "0002_initial"),
        ("wagtailcore", "0048_add_default_workflows"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(attach_workflow, detach_workflow)]
