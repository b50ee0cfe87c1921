"""The editors see the tree's root as « Racine », not Wagtail's « Root », and the default
site by a name rather than « localhost »."""

from django.conf import settings
from django.db import migrations

ROOT_TITLE = "Racine"


def forwards(apps, schema_editor):
    page_model = apps.get_model("wagtailcore", "Page")
    page_model.objects.filter(depth=1, title="Root").update(title=ROOT_TITLE, draft_title=ROOT_TITLE)
    site_model = apps.get_model("wagtailcore", "Site")
    site_model.objects.filter(is_default_site=True, site_name__in=["", None]).update(
        site_name=settings.WAGTAIL_SITE_NAME
    )


def backwards(apps, schema_editor):
    page_model = apps.get_model("wagtailcore", "Page")
    page_model.objects.filter(depth=1, title=ROOT_TITLE).update(title="Root", draft_title="Root")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_block_labels_capitalised"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
