"""Vocabularies as data (reference.Term): the health seed, per-desk terms, frozen codes,
used terms kept, the « Vocabulaires » admin and the memo of terms()."""

import importlib

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, Site

from aides.conditions import AidType
from graphql_api.aid_filters import AidTypeEnum
from graphql_api.enums import OTHER
from graphql_api.listings import ListingKindEnum
from graphql_api.reference import HealthFacilityKindEnum
from listings.factories import ListingFactory
from listings.models import DETAIL_FIELD_NAMES, ListingKind
from provisioning.reference_lists import HEALTH_VOCABULARIES
from reference import vocabularies
from reference.desks import default_site_id
from reference.models import Commune, HealthFacilityKind, Profession, ProfessionZoning, ZoningClass
from reference.vocabularies import Term, Vocabulary, ZoningLevel

pytestmark = pytest.mark.django_db

SEED_CHOICES = {
    Vocabulary.LISTING_KIND: (ListingKind, ListingKindEnum),
    Vocabulary.FACILITY_KIND: (HealthFacilityKind, HealthFacilityKindEnum),
    Vocabulary.AID_TYPE: (AidType, AidTypeEnum),
    Vocabulary.ZONING_CLASS: (ZoningClass, None),
}


def migration_seed():
    return importlib.import_module("reference.migrations.0007_vocabulary_terms").HEALTH_SEED


def pairs(entries):
    return [(entry["code"], entry["label"]) for entry in entries]


# --- The health seed ----------------------------------------------------------------------------


@pytest.mark.parametrize("vocabulary", list(SEED_CHOICES))
def test_the_seed_is_the_text_choices_and_the_legacy_enum(vocabulary):
    choices, legacy = SEED_CHOICES[vocabulary]
    seed = pairs(HEALTH_VOCABULARIES[vocabulary])
    assert seed == [(member.value, str(member.label)) for member in choices]
    if legacy is not None:
        assert [code for code, _ in seed] == [member.value for member in legacy if member.name != OTHER]
    # The migration's frozen copy says the same, extras included.
    assert migration_seed()[vocabulary] == HEALTH_VOCABULARIES[vocabulary]


def test_the_seed_extras():
    kinds = {entry["code"]: entry for entry in HEALTH_VOCABULARIES[Vocabulary.LISTING_KIND]}
    for entry in kinds.values():
        assert set(entry["detail_fields"]) <= set(DETAIL_FIELD_NAMES)
    assert kinds["intern_housing"]["detail_fields"] == ["available_until", "intern_places", "intern_monthly_price_eur"]
    symbols = {entry["code"]: entry.get("symbol", "") for entry in HEALTH_VOCABULARIES[Vocabulary.FACILITY_KIND]}
    assert symbols == {
        "hospital": "H",
        "cms": "CMS",
        "msp": "MSP",
        "health_centre": "CS",
        "cpts": "",
        "practice": "",
        "intern_housing": "",
    }
    levels = {entry["code"]: entry["level"] for entry in HEALTH_VOCABULARIES[Vocabulary.ZONING_CLASS]}
    assert {code for code, level in levels.items() if level == ZoningLevel.PRIORITY} == {"zip", "tres_sous_dotee"}
    assert {code for code, level in levels.items() if level == ZoningLevel.UNDERSERVED} == {"zac", "sous_dotee"}


def test_the_migration_seeded_the_default_desk():
    site_id = default_site_id()
    for vocabulary, entries in HEALTH_VOCABULARIES.items():
        found = vocabularies.terms(site_id, vocabulary)
        assert [(entry.code, entry.label) for entry in found] == pairs(entries)
    office = vocabularies.term(site_id, Vocabulary.LISTING_KIND, "office")
    assert office.detail_fields == ("shared_secretariat",) and office.colour == "blue"
    assert vocabularies.term(site_id, Vocabulary.FACILITY_KIND, "msp").symbol == "MSP"
    assert vocabularies.underserved_codes(site_id) == {"zip", "zac", "tres_sous_dotee", "sous_dotee"}
    assert vocabularies.priority_codes(site_id) == {"zip", "tres_sous_dotee"}


# --- Terms per desk -------------------------------------------------------------------------------


@pytest.fixture
def other_site():
    home = Page.get_first_root_node().add_child(instance=Page(title="Guichet vétérinaire", slug="veto"))
    return Site.objects.create(hostname="veto.example", port=80, root_page=home, site_name="Guichet vétérinaire")


def test_a_second_desk_has_its_own_terms(other_site):
    Term.objects.create(
        site=other_site, vocabulary=Vocabulary.LISTING_KIND, code="office", label="Clientèle à reprendre"
    )
    Term.objects.create(site=other_site, vocabulary=Vocabulary.LISTING_KIND, code="clinique", label="Clinique")
    assert vocabularies.labels(other_site.pk, Vocabulary.LISTING_KIND) == {
        "clinique": "Clinique",
        "office": "Clientèle à reprendre",
    }
    assert vocabularies.label_of(None, Vocabulary.LISTING_KIND, "office") == "Local professionnel disponible"
    assert not vocabularies.is_known(None, Vocabulary.LISTING_KIND, "clinique")
    assert vocabularies.terms(other_site.pk, Vocabulary.AID_TYPE) == ()


def test_a_code_is_unique_per_desk_and_vocabulary(other_site):
    duplicate = Term(vocabulary=Vocabulary.AID_TYPE, code="grant", label="Autre subvention")
    with pytest.raises(ValidationError) as caught:
        duplicate.full_clean()
    assert "Ce code existe déjà dans ce vocabulaire pour ce guichet." in str(caught.value)
    # The same code in another vocabulary or another desk is fine.
    Term(vocabulary=Vocabulary.LISTING_KIND, code="grant", label="Subvention").full_clean()
    Term(site=other_site, vocabulary=Vocabulary.AID_TYPE, code="grant", label="Subvention").full_clean()


@pytest.mark.parametrize("code", ["Maison", "maison santé", "x" * 41, "msp!"])
def test_a_code_is_a_short_lower_case_slug(code):
    with pytest.raises(ValidationError) as caught:
        Term(vocabulary=Vocabulary.AID_TYPE, code=code, label="Maison").full_clean()
    assert "code" in caught.value.message_dict


def test_a_code_cannot_change_once_created():
    term = Term.objects.get(site_id=default_site_id(), vocabulary=Vocabulary.AID_TYPE, code="loan")
    term.code = "pret"
    with pytest.raises(ValidationError) as caught:
        term.full_clean()
    assert caught.value.message_dict["code"] == [
        "Le code d'un terme ne peut plus être modifié : créez un nouveau terme."
    ]


def test_each_vocabulary_takes_only_its_own_fields():
    with pytest.raises(ValidationError) as caught:
        Term(vocabulary=Vocabulary.AID_TYPE, code="bourse", label="Bourse", symbol="B", level="priority").full_clean()
    assert caught.value.message_dict["symbol"] == ["Sans objet pour les « Types d'aide » : videz ce champ."]
    assert "level" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        Term(vocabulary=Vocabulary.ZONING_CLASS, code="rouge", label="Zone rouge").full_clean()
    assert "Indiquez le niveau" in caught.value.message_dict["level"][0]
    with pytest.raises(ValidationError) as caught:
        Term(vocabulary=Vocabulary.LISTING_KIND, code="gite", label="Gîte", detail_fields=["loyer"]).full_clean()
    assert caught.value.message_dict["detail_fields"] == ["Détail(s) inconnu(s) : loyer."]


def test_a_saved_term_is_read_at_once_then_from_memory():
    assert not vocabularies.is_known(None, Vocabulary.AID_TYPE, "bourse_locale")
    Term.objects.create(vocabulary=Vocabulary.AID_TYPE, code="bourse_locale", label="Bourse locale")
    assert vocabularies.is_known(None, Vocabulary.AID_TYPE, "bourse_locale")
    with CaptureQueriesContext(connection) as queries:
        for _ in range(20):
            vocabularies.labels(None, Vocabulary.AID_TYPE)
    assert len(queries) == 0


# --- The admin ------------------------------------------------------------------------------------

LIST_URL = "/admin/snippets/reference/term/"


def test_the_admin_lists_a_vocabulary_in_order(admin_client):
    html = admin_client.get(LIST_URL, {"vocabulary": Vocabulary.ZONING_CLASS}).content.decode()
    body = html.split("<tbody")[-1]
    positions = [body.index(label) for label in ("ZIP – zone", "ZAC – zone", "Hors zonage", "Non prioritaire")]
    assert positions == sorted(positions)
    assert "Subvention" not in body
    assert "Vocabulaires" in html


def test_the_admin_list_costs_the_same_for_a_few_or_many_terms(admin_client):
    counts = []
    for extra in (0, 30):
        for n in range(extra):
            Term.objects.create(vocabulary=Vocabulary.AID_TYPE, code=f"aide-{extra}-{n}", label=f"Aide {n}")
        admin_client.get(LIST_URL)  # warm caches
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(LIST_URL).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_edit_screen_freezes_the_code_and_offers_checkboxes_and_colours(admin_client):
    term = Term.objects.get(site_id=default_site_id(), vocabulary=Vocabulary.LISTING_KIND, code="replacement")
    html = admin_client.get(reverse(Term.snippet_viewset.get_url_name("edit"), args=[term.pk])).content.decode()
    assert 'name="code"' in html and "disabled" in html.split('name="code"')[1].split(">")[0]
    assert 'type="checkbox" name="detail_fields" value="intern_places"' in html
    assert "Places pour internes" in html and "Rythme du remplacement" in html
    assert '<option value="orange" selected>Orange</option>' in html
    # Posting another code changes nothing: the field is disabled.
    data = {
        "vocabulary": Vocabulary.LISTING_KIND,
        "code": "autre",
        "label": "Remplacement de médecin",
        "sort_order": "4",
        "colour": "orange",
        "symbol": "",
        "level": "",
        "detail_fields": ["available_until", "replacement_rhythm"],
    }
    response = admin_client.post(reverse(Term.snippet_viewset.get_url_name("edit"), args=[term.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    term.refresh_from_db()
    assert (term.code, term.label) == ("replacement", "Remplacement de médecin")
    assert term.detail_fields == ["available_until", "replacement_rhythm"]


def test_a_term_is_added_in_the_admin(admin_client):
    data = {
        "vocabulary": Vocabulary.ZONING_CLASS,
        "code": "zone_rouge",
        "label": "Zone rouge",
        "sort_order": "10",
        "colour": "",
        "symbol": "",
        "level": ZoningLevel.PRIORITY,
    }
    response = admin_client.post(reverse(Term.snippet_viewset.get_url_name("add")), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert vocabularies.priority_codes(None) == {"zip", "tres_sous_dotee", "zone_rouge"}


def test_a_used_term_cannot_be_deleted(admin_client):
    ListingFactory(kind="intern_housing")
    ListingFactory(kind="intern_housing")
    term = Term.objects.get(site_id=default_site_id(), vocabulary=Vocabulary.LISTING_KIND, code="intern_housing")
    url = reverse(Term.snippet_viewset.get_url_name("delete"), args=[term.pk])
    for response in (admin_client.get(url, follow=True), admin_client.post(url, follow=True)):
        html = response.content.decode()
        assert "ne peut pas être supprimé : il est utilisé par 2 annonce(s)" in html
    assert Term.objects.filter(pk=term.pk).exists()


def test_a_used_zoning_class_or_facility_kind_cannot_be_deleted(admin_client):
    commune = Commune.objects.create(insee_code="26113", name="Die")
    nurse = Profession.objects.create(name="Infirmier", slug="infirmier")
    ProfessionZoning.objects.create(commune=commune, profession=nurse, zone_class="sous_dotee")
    term = Term.objects.get(site_id=default_site_id(), vocabulary=Vocabulary.ZONING_CLASS, code="sous_dotee")
    response = admin_client.post(reverse(Term.snippet_viewset.get_url_name("delete"), args=[term.pk]), follow=True)
    assert "il est utilisé par 1 zonage(s) par profession" in response.content.decode()
    assert Term.objects.filter(pk=term.pk).exists()


def test_an_unused_term_is_deleted(admin_client):
    term = Term.objects.get(site_id=default_site_id(), vocabulary=Vocabulary.AID_TYPE, code="tax")
    url = reverse(Term.snippet_viewset.get_url_name("delete"), args=[term.pk])
    assert admin_client.get(url).status_code == 200
    admin_client.post(url)
    assert not Term.objects.filter(pk=term.pk).exists()
    assert not vocabularies.is_known(None, Vocabulary.AID_TYPE, "tax")


# --- Rows that store codes ------------------------------------------------------------------------


def test_a_facility_and_a_zoning_take_only_their_desks_codes(other_site):
    from reference.models import HealthFacility

    commune = Commune.objects.create(insee_code="26113", name="Die")
    facility = HealthFacility(kind="clinique_veterinaire", name="Clinique", commune=commune)
    with pytest.raises(ValidationError) as caught:
        facility.full_clean()
    assert caught.value.message_dict["kind"] == ["Type d'établissement inconnu pour ce guichet."]
    Term.objects.create(site=other_site, vocabulary=Vocabulary.FACILITY_KIND, code="clinique_veterinaire", label="C")
    facility.site = other_site
    facility.full_clean()

    nurse = Profession.objects.create(name="Infirmier", slug="infirmier")
    zoning = ProfessionZoning(commune=commune, profession=nurse, zone_class="zone_rouge")
    with pytest.raises(ValidationError) as caught:
        zoning.full_clean()
    assert caught.value.message_dict["zone_class"] == ["Classe de zonage inconnue pour ce guichet."]


def test_the_admin_forms_offer_the_desks_terms(admin_client):
    html = admin_client.get("/admin/snippets/reference/healthfacility/add/").content.decode()
    assert '<option value="msp">Maison de santé pluriprofessionnelle</option>' in html
    html = admin_client.get("/admin/snippets/reference/professionzoning/add/").content.decode()
    assert '<option value="tres_sous_dotee">Très sous-dotée</option>' in html
