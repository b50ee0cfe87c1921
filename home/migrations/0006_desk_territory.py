"""Each desk's territory code and bounding box, seeded from settings.TERRITORY."""

from django.db import migrations, models

import home.models
import reference.territory


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_french_root_page_and_site_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="desksettings",
            name="territory_code",
            field=models.CharField(
                default=home.models.default_territory_code,
                help_text="Code du département couvert par le guichet (par exemple 26) : "
                "ses communes sont celles du guichet.",
                max_length=3,
                verbose_name="code du territoire",
            ),
        ),
        migrations.AddField(
            model_name="desksettings",
            name="territory_bbox",
            field=models.CharField(
                default=home.models.default_territory_bbox,
                help_text="Longitude ouest, latitude sud, longitude est, latitude nord, séparées par des virgules "
                "(par exemple 4.60,44.10,5.85,45.40) : un lieu placé hors de ce cadre est refusé.",
                max_length=100,
                validators=[reference.territory.validate_bbox],
                verbose_name="cadre du territoire",
            ),
        ),
    ]
