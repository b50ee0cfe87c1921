"""factory_boy factories for partner pages (see home.factories.PageFactory)."""

import factory

from home.factories import HomePageFactory, PageFactory
from home.models import HomePage

from .models import PartnerKind, PartnerPage, PartnersIndexPage


class PartnersIndexPageFactory(PageFactory):
    class Meta:
        model = PartnersIndexPage

    title = "Les partenaires"
    introduction = "Les partenaires du guichet (démonstration)."

    @classmethod
    def default_parent(cls):
        return HomePage.objects.first() or HomePageFactory()


class PartnerPageFactory(PageFactory):
    class Meta:
        model = PartnerPage

    title = factory.Sequence(lambda n: f"Partenaire de démonstration {n}")
    kind = PartnerKind.OTHER
    mission = "Accompagne les médecins qui s'installent (données de démonstration – à vérifier)."
    email = factory.Sequence(lambda n: f"partenaire{n}@example.org")
    location = "SRID=4326;POINT(4.8924 44.9334)"

    @classmethod
    def default_parent(cls):
        return PartnersIndexPage.objects.first() or PartnersIndexPageFactory()
