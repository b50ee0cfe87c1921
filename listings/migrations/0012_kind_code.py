"""Listing kinds are data (reference.Term, the desk's « Types d'annonce »): Listing.kind keeps
its codes (revisions store them) but loses its static choices and widens to 40 characters;
Listing.clean() and the forms check the code against the listing's desk."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("listings", "0011_desk_site"),
    ]

    operations = [
        migrations.AlterField(
            model_name="listing",
            name="kind",
            field=models.CharField(max_length=40, verbose_name="type d'annonce"),
        ),
    ]
