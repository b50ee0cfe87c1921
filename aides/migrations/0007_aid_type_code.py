"""Aid types are data (reference.Term, the desk's « Types d'aide »): AidPage.aid_type keeps its
codes (revisions store them) but loses its static choices and widens to 40 characters; the
page form offers the terms of the page's site."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("aides", "0006_desk_site"),
    ]

    operations = [
        migrations.AlterField(
            model_name="aidpage",
            name="aid_type",
            field=models.CharField(max_length=40, verbose_name="type d'aide"),
        ),
    ]
