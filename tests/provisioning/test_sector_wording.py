"""The pages bootstrap_desk creates speak the sector's language (issue 17): the health desk
keeps its wording, another sector's file may give its own (« wording »), and what it leaves
out is neutral — a veterinary desk does not greet visitors with doctors, internships or the
care offer. Its « étapes suivantes » name the desk being created, not TERRITORY_*."""

import json
import re

import pytest
from wagtail.models import Site

from aides.models import AidsIndexPage
from home.models import ContentPage, DeskSettings
from provisioning.bootstrap import journey_body
from provisioning.next_steps import OTHER_SECTOR_REFERENCE
from provisioning.report import BootstrapError
from provisioning.sectors import HEALTH, load_sector
from provisioning.wording import Wording, read_wording

from .test_bootstrap_desk import ARDECHE, ARDECHE_FILE, DROME
from .test_second_desk import VETO, VETO_SECTOR, bootstrap

# Words of the health trade that a page of another sector must not carry.
HEALTH_WORDS = re.compile(
    r"m[ée]decin|sant[ée]|soins|internat|internes?\b|\bARS\b|\bCPTS\b|assurance maladie|cabinet", re.IGNORECASE
)


def neutral_texts(wording):
    return [
        wording.desk_name,
        wording.home_text("Ardèche"),
        wording.aids_introduction,
        wording.journey_title,
        wording.journey_introduction,
        *(text for step in wording.journey_steps for text in step),
    ]


def test_the_neutral_wording_names_no_health_word():
    assert not [text for text in neutral_texts(Wording()) if HEALTH_WORDS.search(text)]
    assert Wording().home_text("Ardèche").count("Ardèche") == 1


def test_the_health_sector_keeps_its_wording():
    assert HEALTH.wording.desk_name == "Guichet unique santé"
    assert HEALTH.wording.journey_title == "De l'internat à l'installation"
    assert "offre de soins" in HEALTH.wording.home_text("Drôme")


def test_a_sector_file_without_wording_gets_the_neutral_one():
    assert load_sector(VETO_SECTOR).wording == Wording()


def test_a_sector_file_gives_its_own_wording():
    wording = read_wording(
        {
            "wording": {
                "desk_name": "Guichet vétérinaire rural",
                "journey_title": "  De l'école vétérinaire à l'installation ",
                "journey_steps": [{"title": "Les stages en élevage", "text": "À compléter."}],
            }
        }
    )
    assert wording.desk_name == "Guichet vétérinaire rural"
    assert wording.journey_title == "De l'école vétérinaire à l'installation"
    assert wording.journey_steps == (("Les stages en élevage", "À compléter."),)
    assert wording.aids_introduction == Wording().aids_introduction  # what it leaves out is neutral
    body = journey_body([], wording)
    assert [block["value"]["title"] for block in body if block["type"] == "step"] == ["Les stages en élevage"]


@pytest.mark.parametrize(
    ("wording", "message"),
    [
        ("Guichet", "« wording » doit être un objet"),
        ({"titre": "x"}, "clé(s) inconnue(s) titre"),
        ({"desk_name": "  "}, "« desk_name » doit être un texte non vide"),
        ({"journey_title": 3}, "« journey_title » doit être un texte non vide"),
        ({"journey_steps": []}, "« journey_steps » doit être une liste non vide"),
        ({"journey_steps": [{"title": "Stages"}]}, "« journey_steps » doit être une liste non vide"),
        ({"journey_steps": [{"title": "Stages", "text": ""}]}, "« journey_steps » doit être une liste non vide"),
    ],
)
def test_a_malformed_wording_is_refused_in_french(wording, message):
    with pytest.raises(BootstrapError, match=re.escape(message)):
        read_wording({"wording": wording})


def test_a_malformed_wording_stops_load_sector(tmp_path):
    data = json.loads(VETO_SECTOR.read_text(encoding="utf-8"))
    data["wording"] = {"journey_steps": "Stages"}
    path = tmp_path / "secteur.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(BootstrapError, match="journey_steps"):
        load_sector(path)


# --- bootstrap_desk end to end (a few seconds each: the fast set leaves them out) -----------------


def without_desk_name(args):
    """The veterinary desk's options, its name left to the sector's wording."""
    at = args.index("--desk-name")
    return args[:at] + args[at + 2 :]


# The veterinary desk of test_second_desk, without --desk-name.
VETO_ARGS = without_desk_name(VETO)


def desk_texts(site):
    home = site.root_page.specific
    aids = AidsIndexPage.objects.child_of(home).get()
    journey = ContentPage.objects.child_of(home).get(slug="parcours")
    return [home.title, home.introduction, aids.introduction, journey.title, journey.introduction, str(journey.body)]


@pytest.mark.slow
def test_a_veterinary_desk_is_set_up_in_its_own_words(db, settings):
    settings.TERRITORY = DROME  # the instance's default desk: the Drôme's, whatever is added
    output = bootstrap(*VETO_ARGS)
    site = Site.objects.get(hostname="veto.test")
    desk = DeskSettings.objects.get(site=site)
    # No --desk-name: the sector's default, not « Guichet unique santé ».
    assert desk.desk_name == Wording().desk_name
    texts = desk_texts(site)
    assert not [text for text in texts if HEALTH_WORDS.search(text)], texts
    assert "vétérinaire rural" in texts[-1]  # the journey names the sector's professions
    assert "Ardèche" in texts[1]

    steps = output[output.index("Étapes suivantes") :]
    assert steps.startswith(f"Étapes suivantes pour « {Wording().desk_name} » (veto.test, territoire Ardèche (07))")
    assert "--departement 07" in steps and "--departement 26" not in steps and "Drôme" not in steps
    assert "ALLOWED_HOSTS" in steps and "http://veto.test" in steps
    assert "import_finess" not in steps and "Guichet unique santé" not in steps
    assert OTHER_SECTOR_REFERENCE in steps  # the one line that says what is health's only
    assert not HEALTH_WORDS.search(steps.replace(OTHER_SECTOR_REFERENCE, ""))


@pytest.mark.slow
def test_the_default_desks_next_steps_are_its_own(db, settings):
    settings.TERRITORY = ARDECHE
    output = bootstrap("--communes-file", str(ARDECHE_FILE))
    steps = output[output.index("Étapes suivantes") :]
    assert steps.startswith("Étapes suivantes pour « Guichet unique santé » (territoire Ardèche (07))")
    assert "import_finess" in steps and "--departement 07" in steps and "createsuperuser" in steps
    assert "ALLOWED_HOSTS" not in steps
    journey = ContentPage.objects.get(slug="parcours")
    assert journey.title == "De l'internat à l'installation"  # the health desk keeps its wording
