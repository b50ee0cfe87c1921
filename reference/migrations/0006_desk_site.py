"""Professions and the care offer belong to a desk (a Wagtail Site): existing rows go to the
default site. Profession names and slugs become unique within a desk."""

import django.db.models.deletion
from django.db import migrations, models

from reference.desk_migrations import backfill_default_site, noop

MODELS = ["reference.Profession", "reference.HealthFacility"]


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
        ("reference", "0005_ascii_digits_in_codes"),
        # Its initial data creates the default site on a fresh database.
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(model_name="profession", name="site", field=site_field(null=True)),
        migrations.AddField(model_name="healthfacility", name="site", field=site_field(null=True)),
        migrations.RunPython(forwards, noop),
        migrations.AlterField(model_name="profession", name="site", field=site_field(null=False)),
        migrations.AlterField(model_name="healthfacility", name="site", field=site_field(null=False)),
        migrations.AlterField(
            model_name="profession",
            name="name",
            field=models.CharField(max_length=120, verbose_name="nom"),
        ),
        migrations.AlterField(
            model_name="profession",
            name="slug",
            field=models.SlugField(max_length=120, verbose_name="identifiant d'URL"),
        ),
        migrations.AddConstraint(
            model_name="profession",
            constraint=models.UniqueConstraint(
                fields=("site", "name"),
                name="reference_profession_site_name_unique",
                violation_error_message="Une profession porte déjà ce nom dans ce guichet.",
            ),
        ),
        migrations.AddConstraint(
            model_name="profession",
            constraint=models.UniqueConstraint(
                fields=("site", "slug"),
                name="reference_profession_site_slug_unique",
                violation_error_message="Une profession a déjà cet identifiant d'URL dans ce guichet.",
            ),
        ),
    ]
