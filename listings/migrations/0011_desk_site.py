"""Organisations, listings and account requests belong to a desk (a Wagtail Site): existing
rows go to the default site. An organisation's name becomes unique (whatever the case)
within a desk. Listing revisions are not rewritten: Listing.with_content_json keeps the live
row's site for revisions saved before this migration."""

import django.db.models.deletion
import django.db.models.functions.text
from django.db import migrations, models

from reference.desk_migrations import backfill_default_site, noop

MODELS = ["listings.Organisation", "listings.Listing", "listings.AccountRequest"]


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
        ("listings", "0010_organisation_name_unique_ci"),
        ("reference", "0006_desk_site"),
        # Its initial data creates the default site on a fresh database.
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(model_name="organisation", name="site", field=site_field(null=True)),
        migrations.AddField(model_name="listing", name="site", field=site_field(null=True)),
        migrations.AddField(model_name="accountrequest", name="site", field=site_field(null=True)),
        migrations.RunPython(forwards, noop),
        migrations.AlterField(model_name="organisation", name="site", field=site_field(null=False)),
        migrations.AlterField(model_name="listing", name="site", field=site_field(null=False)),
        migrations.AlterField(model_name="accountrequest", name="site", field=site_field(null=False)),
        # The new constraint is added before the old one goes, so names stay unique throughout.
        migrations.AddConstraint(
            model_name="organisation",
            constraint=models.UniqueConstraint(
                models.F("site"),
                django.db.models.functions.text.Lower("name"),
                name="listings_organisation_site_name_ci_unique",
                violation_error_message="Une structure porte déjà ce nom dans ce guichet "
                "(majuscules et minuscules confondues).",
            ),
        ),
        migrations.RemoveConstraint(model_name="organisation", name="listings_organisation_name_ci_unique"),
        migrations.AlterField(
            model_name="organisation",
            name="name",
            field=models.CharField(max_length=255, verbose_name="nom"),
        ),
    ]
