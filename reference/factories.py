"""factory_boy factories for reference data (communes, EPCIs, professions, care offer).

Made-up communes use INSEE codes 26500–26999, which no real Drôme commune has.
"""

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from .models import Commune, Epci, HealthFacility, HealthFacilityKind, Profession, ZonageCategory
from .validators import format_point


class EpciFactory(DjangoModelFactory):
    class Meta:
        model = Epci
        django_get_or_create = ("siren",)

    siren = factory.Sequence(lambda n: f"2426{n % 100_000:05d}")
    name = factory.Sequence(lambda n: f"Communauté de communes de démonstration {n}")


class CommuneFactory(DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("insee_code",)

    insee_code = factory.Sequence(lambda n: f"26{500 + n % 500}")
    name = factory.Sequence(lambda n: f"Commune de démonstration {n}")
    departement_code = "26"
    population = 1200
    # Spread around Crest, well inside the Drôme's bounding box.
    centroid_latitude = factory.Sequence(lambda n: 44.60 + (n % 40) * 0.01)
    centroid_longitude = factory.Sequence(lambda n: 4.90 + (n % 50) * 0.01)
    zonage = ZonageCategory.ZIP
    zonage_is_fictitious = True


class ProfessionFactory(DjangoModelFactory):
    class Meta:
        model = Profession
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Profession {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    rpps_code = ""


def location_near(commune):
    """The map widget's text for the commune's centre (empty when it has none)."""
    if commune.centroid_latitude is None or commune.centroid_longitude is None:
        return ""
    return format_point(commune.centroid_latitude, commune.centroid_longitude)


class HealthFacilityFactory(DjangoModelFactory):
    class Meta:
        model = HealthFacility

    kind = HealthFacilityKind.MSP
    name = factory.Sequence(lambda n: f"Maison de santé de démonstration {n}")
    commune = factory.SubFactory(CommuneFactory)
    address = "1 place de la Mairie"
    location = factory.LazyAttribute(lambda o: location_near(o.commune))
    hosts_interns = False
