"""The audit log entries of the app's desk rows carry their desk (reference.desk_history):
the entries written before the stamp get their row's desk, or the default site's when the
row is gone."""

from django.db import migrations

from reference.desk_migrations import noop, stamp_log_entries

SITE_FIELDS = {"accompaniment.Case": "site", "accompaniment.AssignmentRule": "site"}


def forwards(apps, schema_editor):
    stamp_log_entries(apps, schema_editor, SITE_FIELDS)


class Migration(migrations.Migration):
    dependencies = [
        ("accompaniment", "0003_desk_site"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, noop)]
