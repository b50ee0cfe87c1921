"""AidPage.objects.applicable_to(): which aids apply to a person in a commune."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Page, Site

from aides.models import AidAudience, AidPage, AidsIndexPage, TerritorialScope, ZonageRequirement
from core.dates import long_date
from reference.models import Commune, Epci, Profession, ZonageCategory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index_page():
    root = Page.get_first_root_node()
    return root.add_child(instance=AidsIndexPage(title="Les aides", slug="aides"))


@pytest.fixture
def people():
    return {
        "intern": AidAudience.objects.create(code="interne", name="Interne"),
        "installed": AidAudience.objects.create(code="installe", name="Médecin installé"),
        "gp": Profession.objects.create(name="Médecin généraliste", slug="medecin-generaliste"),
        "nurse": Profession.objects.create(name="Infirmier", slug="infirmier"),
    }


@pytest.fixture
def places():
    epci = Epci.objects.create(siren="242600534", name="CC du Diois")
    return {
        "epci": epci,
        "zip": Commune.objects.create(insee_code="26113", name="Die", zonage=ZonageCategory.ZIP, epci=epci),
        "zac": Commune.objects.create(insee_code="26108", name="Crest", zonage=ZonageCategory.ZAC),
        "hz": Commune.objects.create(insee_code="26362", name="Valence", zonage=ZonageCategory.HZ),
        "unknown": Commune.objects.create(insee_code="26058", name="Buis-les-Baronnies"),
    }


def add_aid(index_page, title, audiences=(), professions=(), communes=(), epcis=(), **fields):
    aid = AidPage(title=title, summary=title, aid_type="premium", **fields)
    index_page.add_child(instance=aid)
    aid.audiences.set(audiences)
    aid.professions.set(professions)
    aid.communes.set(communes)
    aid.epcis.set(epcis)
    aid.save()
    return aid


def titles(queryset):
    return sorted(queryset.values_list("title", flat=True))


def test_zonage_requirement(index_page, places):
    add_aid(index_page, "ZIP", zonage_requirement=ZonageRequirement.ZIP)
    add_aid(index_page, "ZIP ou ZAC", zonage_requirement=ZonageRequirement.ZIP_OR_ZAC)
    add_aid(index_page, "Partout")
    aids = AidPage.objects.live()
    assert titles(aids.applicable_to(commune=places["zip"])) == ["Partout", "ZIP", "ZIP ou ZAC"]
    assert titles(aids.applicable_to(commune=places["zac"])) == ["Partout", "ZIP ou ZAC"]
    assert titles(aids.applicable_to(commune=places["hz"])) == ["Partout"]
    # An unknown zonage meets no zonage condition: never promise an aid we cannot check.
    assert titles(aids.applicable_to(commune=places["unknown"])) == ["Partout"]


def test_audience_and_profession(index_page, people):
    add_aid(index_page, "Internes MG", audiences=[people["intern"]], professions=[people["gp"]])
    add_aid(index_page, "Tous")
    aids = AidPage.objects.live()
    assert titles(aids.applicable_to(audience=people["intern"], profession=people["gp"])) == ["Internes MG", "Tous"]
    assert titles(aids.applicable_to(audience=people["installed"], profession=people["gp"])) == ["Tous"]
    assert titles(aids.applicable_to(audience=people["intern"], profession=people["nurse"])) == ["Tous"]


def test_local_aids_apply_only_in_their_communes_or_epci(index_page, places):
    add_aid(index_page, "Commune de Crest", scope=TerritorialScope.LOCAL, communes=[places["zac"]])
    add_aid(index_page, "Diois", scope=TerritorialScope.LOCAL, epcis=[places["epci"]])
    aids = AidPage.objects.live()
    assert titles(aids.applicable_to(commune=places["zac"])) == ["Commune de Crest"]
    assert titles(aids.applicable_to(commune=places["zip"])) == ["Diois"]
    assert titles(aids.applicable_to(commune=places["hz"])) == []


def test_amount_range_and_validity_are_checked():
    aid = AidPage(title="X", slug="x", summary="X", aid_type="grant", amount_min_eur=10, amount_max_eur=5)
    with pytest.raises(ValidationError) as caught:
        aid.clean()
    assert "supérieur ou égal" in caught.value.message_dict["amount_max_eur"][0]


def test_a_closed_aid_never_applies_and_a_future_one_is_announced(index_page, places):
    today = timezone.localdate()
    closed = add_aid(index_page, "Fermée", valid_until=today - timedelta(days=1))
    last_day = add_aid(index_page, "Dernier jour", valid_until=today)
    future = add_aid(index_page, "Future", valid_from=today + timedelta(days=30))
    aids = AidPage.objects.live()
    assert titles(aids.applicable_to()) == ["Dernier jour", "Future"]
    assert titles(aids.applicable_to(commune=places["zip"])) == ["Dernier jour", "Future"]
    # On the day before it closed, the closed aid still applied.
    assert "Fermée" in titles(aids.applicable_to(commune=places["zip"], day=today - timedelta(days=1)))
    assert closed.closed_since == today and last_day.closed_since is None
    assert future.opens_on == today + timedelta(days=30) and last_day.opens_on is None


def test_a_closed_aid_page_says_so_and_offers_no_application(client, index_page):
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": index_page})
    today = timezone.localdate()
    aid = add_aid(
        index_page,
        "CAIM",
        valid_until=today - timedelta(days=3),
        application_url="https://www.ameli.fr/medecin/exercice-liberal",
    )
    aid.save_revision().publish()
    html = client.get(aid.url).content.decode()
    closed_on = long_date(today - timedelta(days=2))
    assert f"fermée aux nouvelles demandes depuis le {closed_on}" in html
    assert "Faire la demande" not in html


def test_a_zoning_class_added_as_data_with_level_priority_meets_a_zip_condition(index_page, people, places):
    """Zoning classes are the desk's data: their level, not a list in code, says which aid
    conditions they meet."""
    from reference.models import ProfessionZoning
    from reference.vocabularies import Term, Vocabulary, ZoningLevel

    Term.objects.create(
        vocabulary=Vocabulary.ZONING_CLASS, code="zone_rouge", label="Zone rouge", level=ZoningLevel.PRIORITY
    )
    Term.objects.create(
        vocabulary=Vocabulary.ZONING_CLASS, code="zone_orange", label="Zone orange", level=ZoningLevel.UNDERSERVED
    )
    nurse = people["nurse"]
    ProfessionZoning.objects.create(commune=places["hz"], profession=nurse, zone_class="zone_rouge")
    ProfessionZoning.objects.create(commune=places["zac"], profession=nurse, zone_class="zone_orange")
    add_aid(index_page, "ZIP", zonage_requirement=ZonageRequirement.ZIP)
    add_aid(index_page, "ZIP ou ZAC", zonage_requirement=ZonageRequirement.ZIP_OR_ZAC)
    aids = AidPage.objects.live()
    assert titles(aids.applicable_to(profession=nurse, commune=places["hz"])) == ["ZIP", "ZIP ou ZAC"]
    assert titles(aids.applicable_to(profession=nurse, commune=places["zac"])) == ["ZIP ou ZAC"]
    # The reason names the class by the desk's label.
    from aides.eligibility import Eligibility, Situation

    judged = Eligibility(aids.filter(title="ZIP"), Situation(profession=nurse, commune=places["zac"]))
    (reason,) = judged.assess(judged.aids[0]).reasons
    assert "Crest est classée « Zone orange » pour infirmier" in reason
