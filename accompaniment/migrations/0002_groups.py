"""The groups that follow cases: « Chargés d'accompagnement » (their cases, the assignment
rules, the figures) and « Responsables de l'accompagnement » (also every case when
ACCOMPANIMENT_REFERENT_ONLY is on). Both may use the admin. No other group gets any
permission on cases. Permissions are created here because Django creates them only after
all migrations."""

from django.db import migrations

# Literal copies of users/roles.py at the time of writing (a migration must not change later).
ACCOMPANIMENT_GROUP = "Chargés d'accompagnement"
ACCOMPANIMENT_MANAGERS_GROUP = "Responsables de l'accompagnement"

FOLLOW = {
    "wagtailadmin.admin": ["access"],
    "accompaniment.case": ["add", "change", "view"],
    "accompaniment.assignmentrule": ["view"],
    "accompaniment.case:export_figures": [],
    "reference.commune": ["view"],
}
MANAGE = {
    **FOLLOW,
    "accompaniment.case:manage_all_cases": [],
    "accompaniment.case": ["add", "change", "delete", "view"],
    "accompaniment.assignmentrule": ["add", "change", "delete", "view"],
}
ROLES = {ACCOMPANIMENT_GROUP: FOLLOW, ACCOMPANIMENT_MANAGERS_GROUP: MANAGE}
CUSTOM_NAMES = {
    "manage_all_cases": "Voir et attribuer tous les dossiers d'accompagnement",
    "export_figures": "Exporter les chiffres de l'accompagnement",
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for group_name, models in ROLES.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for label, actions in models.items():
            label, _, custom = label.partition(":")
            app_label, model = label.split(".")
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            codenames = [custom] if custom else [f"{action}_{model}" for action in actions]
            for codename in codenames:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=codename,
                    defaults={"name": CUSTOM_NAMES.get(codename, f"Can {codename.replace('_', ' ')}")},
                )
                group.permissions.add(permission)


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accompaniment", "0001_initial"),
        ("users", "0003_french_group_names"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, remove)]
