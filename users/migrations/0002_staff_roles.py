"""Give Wagtail's staff groups the permissions of the desk's roles.

Moderators review and publish listings and manage contributor organisations;
Editors (communication staff) also keep the reference data up to date. Permissions
are created here if needed because Django only creates them after all migrations.
"""

from django.db import migrations

ROLES = {
    "Moderators": {
        "listings.listing": ["add", "change", "delete", "view", "publish", "lock", "unlock"],
        "listings.organisation": ["add", "change", "delete", "view"],
        "reference.commune": ["view"],
        "reference.healthfacility": ["view"],
    },
    "Editors": {
        "listings.listing": ["view"],
        "reference.commune": ["change", "view"],
        "reference.epci": ["add", "change", "view"],
        "reference.profession": ["add", "change", "view"],
        "reference.healthfacility": ["add", "change", "delete", "view"],
        "aides.aidaudience": ["add", "change", "view"],
    },
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for group_name, models in ROLES.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for label, actions in models.items():
            app_label, model = label.split(".")
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            for action in actions:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{action}_{model}",
                    defaults={"name": f"Can {action} {model}"},
                )
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0001_initial"),
        ("listings", "0004_listing_final_rejection"),
        ("reference", "0001_initial"),
        ("aides", "0001_initial"),
        ("wagtailcore", "0048_add_default_workflows"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
