"""The admin speaks French: Wagtail's default groups, workflow and task get French names.

Renamed, not recreated, so the permissions and members attached to them stay."""

from django.db import migrations

GROUPS = {"Moderators": "Modérateurs", "Editors": "Rédacteurs"}
# Wagtail's default page workflow and its single task are both called "Moderators approval".
PAGE_WORKFLOW = ("Moderators approval", "Validation des pages")
PAGE_TASK = ("Moderators approval", "Validation par les modérateurs")


def rename(apps, mapping, workflow, task):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    for old, new in mapping.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
    Workflow.objects.filter(name=workflow[0]).update(name=workflow[1])
    Task.objects.filter(name=task[0]).update(name=task[1])


def to_french(apps, schema_editor):
    rename(apps, GROUPS, PAGE_WORKFLOW, PAGE_TASK)


def to_english(apps, schema_editor):
    rename(
        apps,
        {new: old for old, new in GROUPS.items()},
        tuple(reversed(PAGE_WORKFLOW)),
        tuple(reversed(PAGE_TASK)),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0002_staff_roles"),
        ("listings", "0006_listing_moderation_workflow"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(to_french, to_english)]
