"""Staff groups belong to a desk (a Wagtail Site) in a role: the four groups of the desk, if
they exist, are bound to the default site."""

import django.db.models.deletion
from django.db import migrations, models

# Literal copies of users/roles.py at the time of writing (a migration must not change later).
ROLES = {
    "Modérateurs": "moderators",
    "Rédacteurs": "editors",
    "Chargés d'accompagnement": "accompaniment",
    "Responsables de l'accompagnement": "accompaniment_managers",
}
NO_DEFAULT_SITE = (
    "Impossible de rattacher les groupes du guichet à un site : aucun site n'est marqué "
    "« site par défaut ». Marquez le site du guichet comme site par défaut (table wagtailcore_site, "
    "colonne is_default_site), puis relancez les migrations."
)


def bind_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupDesk = apps.get_model("users", "GroupDesk")
    Site = apps.get_model("wagtailcore", "Site")
    groups = list(Group.objects.filter(name__in=ROLES, desk__isnull=True))
    if not groups:
        return
    site_id = Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()
    if site_id is None:
        raise RuntimeError(NO_DEFAULT_SITE)
    GroupDesk.objects.bulk_create(GroupDesk(group=group, site_id=site_id, role=ROLES[group.name]) for group in groups)


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0003_french_group_names"),
        ("auth", "0012_alter_user_first_name_max_length"),
        # The accompaniment groups are created there.
        ("accompaniment", "0002_groups"),
        # Its initial data creates the default site on a fresh database.
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="GroupDesk",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("moderators", "Modérateurs"),
                            ("editors", "Rédacteurs"),
                            ("accompaniment", "Chargés d'accompagnement"),
                            ("accompaniment_managers", "Responsables de l'accompagnement"),
                        ],
                        max_length=30,
                        verbose_name="rôle",
                    ),
                ),
                (
                    "group",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="desk",
                        to="auth.group",
                        verbose_name="groupe",
                    ),
                ),
                (
                    "site",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtailcore.site",
                        verbose_name="guichet",
                    ),
                ),
            ],
            options={
                "verbose_name": "groupe d'un guichet",
                "verbose_name_plural": "groupes des guichets",
            },
        ),
        migrations.RunPython(bind_groups, migrations.RunPython.noop),
    ]
