"""A sector: what a desk of another trade starts with — its professions, the audiences its
aids are for, its vocabularies (listing kinds, care-offer kinds, aid types, zoning
classes) and the wording of the pages bootstrap_desk creates (provisioning.wording). The
health desk's is built from provisioning.reference_lists; another sector's is a JSON file
(docs/examples/secteur-veterinaire.json), read and checked here so that a typo stops
``bootstrap_desk --sector FILE`` with a French message before anything is written.

No code changes for a new sector: the public schema is the same, only the data differ.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import slugify

from reference.vocabularies import Vocabulary

from .reference_lists import AUDIENCES, HEALTH_VOCABULARIES, PROFESSIONS
from .report import BootstrapError
from .wording import HEALTH_WORDING, Wording, read_wording

TERM_KEYS = {"code", "label", "sort_order", "colour", "symbol", "level", "detail_fields"}


@dataclass(frozen=True)
class Sector:
    name: str
    professions: tuple  # (slug, name, official code, sort order)
    audiences: tuple  # (code, name, sort order)
    vocabularies: dict  # {vocabulary: [term dict]}, as provisioning.vocabularies.ensure_vocabularies takes it
    wording: Wording = field(default_factory=Wording)  # neutral unless the file gives its own


HEALTH = Sector(
    name="Santé",
    professions=tuple(PROFESSIONS),
    audiences=tuple(AUDIENCES),
    vocabularies=HEALTH_VOCABULARIES,
    wording=HEALTH_WORDING,
)


def load_sector(path):
    """The Sector of a JSON file; BootstrapError (in French) for anything unreadable or missing."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise BootstrapError(f"Fichier de secteur introuvable : {path}") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BootstrapError(f"Fichier de secteur illisible ({path}) : JSON attendu, en UTF-8 ({error}).") from error
    if not isinstance(data, dict):
        raise BootstrapError(
            "Fichier de secteur : un objet JSON est attendu (clés name, professions, audiences, vocabularies "
            "et, si besoin, wording)."
        )
    name = _text(data, "name", "le secteur")
    professions = tuple(
        (
            _text(entry, "slug", "une profession", default=slugify(_text(entry, "name", "une profession"))),
            _text(entry, "name", "une profession"),
            _text(entry, "official_code", "une profession", default=""),
            position,
        )
        for position, entry in enumerate(_list(data, "professions", "le secteur"), start=1)
    )
    audiences = tuple(
        (_text(entry, "code", "un public"), _text(entry, "name", "un public"), position)
        for position, entry in enumerate(_list(data, "audiences", "le secteur"), start=1)
    )
    vocabularies = data.get("vocabularies")
    if not isinstance(vocabularies, dict):
        raise BootstrapError(
            "Fichier de secteur : « vocabularies » doit associer chaque vocabulaire à sa liste de termes."
        )
    for vocabulary in vocabularies:
        if vocabulary not in Vocabulary.values:
            raise BootstrapError(
                f"Fichier de secteur : vocabulaire inconnu « {vocabulary} » (attendu : {', '.join(Vocabulary.values)})."
            )
        for entry in _list(vocabularies, vocabulary, "les vocabulaires"):
            if unknown := ", ".join(sorted(set(entry) - TERM_KEYS)):
                label = Vocabulary(vocabulary).label
                raise BootstrapError(f"Fichier de secteur, {label} : clé(s) inconnue(s) {unknown}.")
            _text(entry, "code", Vocabulary(vocabulary).label)
            _text(entry, "label", Vocabulary(vocabulary).label)
            details = entry.get("detail_fields", [])
            if not isinstance(details, list) or not all(isinstance(name, str) for name in details):
                raise BootstrapError(
                    f"Fichier de secteur, {Vocabulary(vocabulary).label}, terme « {entry['code']} » : "
                    "« detail_fields » doit être une liste de noms de champs entre guillemets."
                )
    missing = [Vocabulary(v).label for v in Vocabulary.values if not vocabularies.get(v)]
    if missing:
        raise BootstrapError(f"Fichier de secteur : vocabulaire(s) vide(s) ou absent(s) : {', '.join(missing)}.")
    if not professions:
        raise BootstrapError("Fichier de secteur : au moins une profession est attendue.")
    return Sector(
        name=name,
        professions=professions,
        audiences=audiences,
        vocabularies=vocabularies,
        wording=read_wording(data),
    )


def _list(data, key, where):
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        raise BootstrapError(f"Fichier de secteur : « {key} » ({where}) doit être une liste d'objets.")
    return value


def _text(data, key, where, default=None):
    value = data.get(key, default)
    if not isinstance(value, str) or (default is None and not value.strip()):
        raise BootstrapError(f"Fichier de secteur : « {key} » manquant ou vide pour {where}.")
    return value.strip()
