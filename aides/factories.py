"""factory_boy factories for aid audiences and aid pages (see home.factories.PageFactory)."""

import factory
from factory.django import DjangoModelFactory

from home.factories import HomePageFactory, PageFactory
from home.models import HomePage

from .models import AidAudience, AidPage, AidsIndexPage, AidType, TerritorialScope, ZonageRequirement


class AidAudienceFactory(DjangoModelFactory):
    class Meta:
        model = AidAudience
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"public-{n}")
    name = factory.Sequence(lambda n: f"Public {n}")


class AidsIndexPageFactory(PageFactory):
    class Meta:
        model = AidsIndexPage

    title = "Les aides à l'installation"
    introduction = "Les aides de démonstration – à vérifier."

    @classmethod
    def default_parent(cls):
        return HomePage.objects.first() or HomePageFactory()


class AidPageFactory(PageFactory):
    """An aid page; M2M values go in as lists: ``AidPageFactory(audiences=[...], communes=[...])``."""

    class Meta:
        model = AidPage

    title = factory.Sequence(lambda n: f"Aide de démonstration {n}")
    summary = "Données de démonstration – montants et conditions à vérifier auprès du financeur."
    aid_type = AidType.GRANT
    amount_text = "1 000 € (démonstration)"
    scope = TerritorialScope.DEPARTEMENT
    zonage_requirement = ZonageRequirement.NONE

    @classmethod
    def default_parent(cls):
        return AidsIndexPage.objects.first() or AidsIndexPageFactory()
