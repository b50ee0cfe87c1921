"""Cases and assignment rules belong to a desk (a Wagtail Site): existing rows go to the
default site."""

import django.db.models.deletion
from django.db import migrations, models

from reference.desk_migrations import backfill_default_site, noop

MODELS = ["accompaniment.Case", "accompaniment.AssignmentRule"]


def forwards(apps, schema_editor):
    backfill_default_site(apps, schema_editor, MODELS)


def site_field(null):
    return models.ForeignKey(
        editable=False,
        null=null,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="wagtailcore.site",
        verbose_name="guichet",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accompaniment", "0002_groups"),
        # Its initial data creates the default site on a fresh database.
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(model_name="case", name="site", field=site_field(null=True)),
        migrations.AddField(model_name="assignmentrule", name="site", field=site_field(null=True)),
        migrations.RunPython(forwards, noop),
        migrations.AlterField(model_name="case", name="site", field=site_field(null=False)),
        migrations.AlterField(model_name="assignmentrule", name="site", field=site_field(null=False)),
    ]
