"""The audit log entries of the app's desk rows carry their desk (reference.desk_history):
the entries written before the stamp get their row's desk, or the default site's when the
row is gone."""

from django.db import migrations

from reference.desk_migrations import noop, stamp_log_entries

SITE_FIELDS = {"reference.Profession": "site", "reference.HealthFacility": "site", "reference.ProfessionZoning": "profession__site", "reference.Term": "site"}


def forwards(apps, schema_editor):
    stamp_log_entries(apps, schema_editor, SITE_FIELDS)


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0008_finess_unique_per_desk"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, noop)]
