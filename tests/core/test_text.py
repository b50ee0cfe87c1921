"""One accent folding for the whole project (core/text.py) and the three ways it is used."""

from core.text import strip_accents
from frontend.formatting import fold
from reference.addresses import normalise_text
from reference.importers.columns import normalize_label


def test_accents_and_ligatures_go_case_and_punctuation_stay():
    assert strip_accents("Cœur de Drôme, Œuvre-Æsculape ß") == "Coeur de Drome, OEuvre-AEsculape ss"
    assert strip_accents(None) == ""


def test_the_site_the_importers_and_the_address_search_agree():
    assert fold("CC du Crestois et de Pays de Saillans Cœur de Drôme") == fold(
        "cc du crestois et de pays de saillans coeur de drome"
    )
    assert fold("Saint-Jean-en-Royans") == "saint jean en royans"
    assert normalize_label("Catégorie de zonage") == "categorie_de_zonage"
    assert normalise_text("12bis Place de la République, Die") == "12 bis place de la republique die"
