"""Aid audiences belong to a desk (a Wagtail Site): existing rows go to the default site.
Codes become unique within a desk."""

import django.db.models.deletion
from django.db import migrations, models

from reference.desk_migrations import backfill_default_site, noop


def forwards(apps, schema_editor):
    backfill_default_site(apps, schema_editor, ["aides.AidAudience"])


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
        ("aides", "0005_block_labels_capitalised"),
        ("reference", "0006_desk_site"),
        # Its initial data creates the default site on a fresh database.
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(model_name="aidaudience", name="site", field=site_field(null=True)),
        migrations.RunPython(forwards, noop),
        migrations.AlterField(model_name="aidaudience", name="site", field=site_field(null=False)),
        migrations.AlterField(
            model_name="aidaudience",
            name="code",
            field=models.SlugField(
                help_text="Identifiant stable utilisé par l'API (ex. interne).", max_length=40, verbose_name="code"
            ),
        ),
        migrations.AddConstraint(
            model_name="aidaudience",
            constraint=models.UniqueConstraint(
                fields=("site", "code"),
                name="aides_aidaudience_site_code_unique",
                violation_error_message="Un public visé a déjà ce code dans ce guichet.",
            ),
        ),
    ]
