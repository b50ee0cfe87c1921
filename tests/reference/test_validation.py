import pytest
from django.core.exceptions import ValidationError

from reference import validators
from reference.models import Commune, HealthFacility

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["26362", "2A004", "97105", "07010"])
def test_valid_insee_codes(code):
    Commune(insee_code=code, name="Test", slug=f"test-{code}", departement_code="26").full_clean()


# Arabic-Indic and full-width digits, and a trailing newline, passed the old \d … $ pattern.
@pytest.mark.parametrize(
    "code", ["2636", "263620", "ABCDE", "00123", "26 36", "98123", "٢٦٣٦٢", "２６３６２", "26362\n"]
)
def test_invalid_insee_codes_get_a_french_message(code):
    commune = Commune(insee_code=code, name="Test", slug="test", departement_code="26")
    with pytest.raises(ValidationError) as caught:
        commune.full_clean()
    assert "Le code INSEE doit comporter 5 caractères" in caught.value.message_dict["insee_code"][0]


def test_commune_gets_slug_and_departement_from_its_code():
    commune = Commune.objects.create(insee_code="26362", name="Valence")
    assert commune.slug == "valence-26362"
    assert commune.departement_code == "26"


def test_facility_outside_the_territory_is_refused():
    commune = Commune.objects.create(insee_code="26362", name="Valence")
    facility = HealthFacility(kind="hospital", name="CH", commune=commune, location="SRID=4326;POINT(5.3698 43.2965)")
    with pytest.raises(ValidationError) as caught:
        facility.full_clean()
    assert "en dehors du territoire" in caught.value.message_dict["location"][0]
    assert HealthFacility.objects.count() == 0


@pytest.mark.parametrize(
    ("validator", "value"),
    [("validate_siren", "２４２６００４４３"), ("validate_siren", "242600443\n"), ("validate_finess", "٢٦٠٠٠٠٠٢١")],
)
def test_siren_and_finess_take_ascii_digits_only(validator, value):
    with pytest.raises(ValidationError):
        getattr(validators, validator)(value)
