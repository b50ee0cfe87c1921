"""A desk's territory code is a département's code as the communes store it (« 07 », « 2A »,
« 974 »): « 7 » would give a desk with no communes."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.models import Site

from home.models import DeskSettings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["7", "007", "26 ", "2C", "9A"])
def test_desk_settings_refuse_a_code_that_is_not_a_departements(code):
    desk = DeskSettings.for_site(Site.objects.get(is_default_site=True))
    desk.territory_code = code
    with pytest.raises(ValidationError) as raised:
        desk.full_clean()
    assert "territory_code" in raised.value.message_dict
    assert "code du département sur deux chiffres" in " ".join(raised.value.message_dict["territory_code"])


@pytest.mark.parametrize("code", ["07", "26", "2A", "2B", "974"])
def test_desk_settings_accept_a_departements_code(code):
    desk = DeskSettings.for_site(Site.objects.get(is_default_site=True))
    desk.territory_code = code
    desk.full_clean()


def test_bootstrap_desk_refuses_a_territory_code_that_is_not_a_departements(tmp_path):
    with pytest.raises(CommandError) as raised:
        call_command(
            "bootstrap_desk",
            "--hostname",
            "veto.test",
            "--territory-code",
            "7",
            "--territory-name",
            "Ardèche",
            "--bbox",
            "3.86,44.26,4.89,45.37",
            "--communes-file",
            str(tmp_path / "communes.geojson"),
        )
    assert str(raised.value).startswith("--territory-code : Saisissez le code du département")
    assert not Site.objects.filter(hostname="veto.test").exists()
