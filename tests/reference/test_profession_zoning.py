"""The per-profession zoning: which classes are under-served, uniqueness, the admin list."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from reference import vocabularies
from reference.models import Commune, Profession, ProfessionZoning, ZoningClass
from reference.zoning import GENERAL_PRACTICE_CLASSES

UNDERSERVED = {"zip", "zac", "tres_sous_dotee", "sous_dotee"}


@pytest.mark.django_db
def test_underserved_classes_are_zip_zac_and_the_two_sous_dotee():
    # The rule is the levels of the desk's zoning classes; the health seed gives these.
    assert vocabularies.underserved_codes(None) == UNDERSERVED
    assert set(GENERAL_PRACTICE_CLASSES) == {"zip", "zac", "hz"}
    for zone_class in ZoningClass:
        assert ProfessionZoning(zone_class=zone_class).is_underserved == (zone_class in UNDERSERVED)


def test_gp_classes_are_those_of_commune_zonage():
    field = Commune._meta.get_field("zonage")
    assert {value for value, _ in field.choices if value} == GENERAL_PRACTICE_CLASSES
    assert {ZoningClass(value).label for value in GENERAL_PRACTICE_CLASSES} == {
        label for value, label in field.choices if value
    }


@pytest.fixture
def zonings(db):
    commune = Commune.objects.create(insee_code="26001", name="Solaure en Diois")
    nurse = Profession.objects.create(slug="infirmier", name="Infirmier·ère")
    physio = Profession.objects.create(slug="masseur-kinesitherapeute", name="Masseur-kinésithérapeute")
    dentist = Profession.objects.create(slug="chirurgien-dentiste", name="Chirurgien-dentiste")
    return [
        ProfessionZoning.objects.create(commune=commune, profession=nurse, zone_class=ZoningClass.VERY_UNDERSERVED),
        ProfessionZoning.objects.create(commune=commune, profession=physio, zone_class=ZoningClass.INTERMEDIATE),
        ProfessionZoning.objects.create(commune=commune, profession=dentist, zone_class=ZoningClass.UNDERSERVED),
    ]


def test_underserved_queryset_follows_the_same_rule(zonings):
    assert set(ProfessionZoning.objects.underserved()) == {zonings[0], zonings[2]}


def test_one_zoning_per_commune_and_profession(zonings):
    with pytest.raises(IntegrityError):
        ProfessionZoning.objects.create(
            commune=zonings[0].commune, profession=zonings[0].profession, zone_class=ZoningClass.HZ
        )


def test_admin_list_shows_french_labels_and_filters(admin_client, zonings):
    url = reverse(ProfessionZoning.snippet_viewset.get_url_name("list"))

    response = admin_client.get(url, {"zone_class": "tres_sous_dotee"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Très sous-dotée" in html
    assert "Intermédiaire" not in html.split("<tbody")[-1]
    assert admin_client.get(url, {"q": "Solaure"}).status_code == 200
