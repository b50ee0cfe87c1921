"""provisioning.vocabularies.ensure_vocabularies: a desk's terms created from a spec, once,
never modified; a wrong entry stops with a French message."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Page, Site

from provisioning.reference_lists import HEALTH_VOCABULARIES
from provisioning.report import BootstrapError, BootstrapReport
from provisioning.sectors import load_sector
from provisioning.vocabularies import ensure_vocabularies
from reference import vocabularies
from reference.desks import default_site_id
from reference.vocabularies import Term, Vocabulary

VETO_SECTOR = Path(settings.BASE_DIR) / "docs/examples/secteur-veterinaire.json"

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_site():
    home = Page.get_first_root_node().add_child(instance=Page(title="Nouveau guichet", slug="nouveau"))
    return Site.objects.create(hostname="nouveau.example", port=80, root_page=home, site_name="Nouveau")


def test_a_new_desk_gets_the_health_vocabularies_once(new_site):
    report = BootstrapReport()
    ensure_vocabularies(new_site, HEALTH_VOCABULARIES, report)
    assert report.created == {"termes de vocabulaire": 31}
    for vocabulary, entries in HEALTH_VOCABULARIES.items():
        assert [entry.code for entry in vocabularies.terms(new_site.pk, vocabulary)] == [e["code"] for e in entries]
    again = BootstrapReport()
    ensure_vocabularies(new_site, HEALTH_VOCABULARIES, again)
    assert again.created == {}


def test_existing_terms_are_never_modified():
    Term.objects.filter(site_id=default_site_id(), code="office").update(label="Local à louer", sort_order=40)
    Term.objects.filter(site_id=default_site_id(), code="grant").delete()
    report = BootstrapReport()
    ensure_vocabularies(None, HEALTH_VOCABULARIES, report)
    assert report.created == {"termes de vocabulaire": 1}
    office = Term.objects.get(site_id=default_site_id(), vocabulary=Vocabulary.LISTING_KIND, code="office")
    assert (office.label, office.sort_order) == ("Local à louer", 40)
    assert vocabularies.is_known(None, Vocabulary.AID_TYPE, "grant")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"kinds": []}, "Vocabulaire inconnu : « kinds »"),
        (
            {"zoning_class": [{"code": "rouge", "label": "Zone rouge"}]},
            "Classes de zonage, terme « rouge » : niveau : Indiquez le niveau",
        ),
        ({"aid_type": [{"code": "Prêt", "label": "Prêt"}]}, "Types d'aide, terme « Prêt » : code : Le code ne peut"),
        (
            {"listing_kind": [{"code": "gite", "label": "Gîte", "detail_fields": ["surface"]}]},
            "Types d'annonce, terme « gite » : détails de l'annonce : Détail(s) inconnu(s) : surface.",
        ),
        (
            {"listing_kind": [{"code": "gite", "label": "Gîte", "detail_fields": 3}]},
            "Types d'annonce, terme « gite » : detail_fields doit être une liste",
        ),
        ({"listing_kind": [{"code": "gite", "label": "Gîte", "detail_fields": "rhythm"}]}, "pas 'rhythm'"),
    ],
)
def test_a_wrong_entry_stops_with_a_french_message(new_site, spec, message):
    with pytest.raises(BootstrapError) as raised:
        ensure_vocabularies(new_site, spec, BootstrapReport())
    assert message in str(raised.value)


def test_a_sector_file_with_detail_fields_not_a_list_stops_with_a_french_message(tmp_path):
    data = json.loads(VETO_SECTOR.read_text(encoding="utf-8"))
    data["vocabularies"]["listing_kind"][0]["detail_fields"] = 3
    path = tmp_path / "secteur.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(BootstrapError) as raised:
        load_sector(path)
    assert "« detail_fields » doit être une liste de noms de champs" in str(raised.value)
