"""What the pages ``bootstrap_desk`` creates say about the trade: the desk's default name, the
introductions of the home page and of the aids index, and the journey page.

The health sector keeps the wording the health desks always had. Another sector's file may
give its own in an optional « wording » object; whatever it leaves out gets the neutral
text below, which speaks of no trade (a veterinary desk must not greet visitors with doctors,
internships or the care offer). The pages are a canvas the desk's editors rewrite.
"""

from dataclasses import dataclass, fields

from .report import BootstrapError

# Replaced by the desk's territory name in the introductions.
TERRITORY_PLACEHOLDER = "{territoire}"


@dataclass(frozen=True)
class Wording:
    desk_name: str = "Guichet unique d'installation"
    home_introduction: str = (
        "Le guichet unique d'installation des professionnels du territoire {territoire} : "
        "aides, annonces et contacts réunis en un seul endroit."
    )
    aids_introduction: str = (
        "Bourses, primes, exonérations, logement, accompagnement : les aides de l'État, de la Région, "
        "du Département et des collectivités."
    )
    journey_title: str = "De la formation à l'installation"
    journey_introduction: str = (
        "Les grandes étapes d'un parcours sur le territoire, et les interlocuteurs à chaque étape."
    )
    journey_steps: tuple = (
        ("Pendant la formation", "Stages, logement, bourses : à compléter par l'équipe du guichet."),
        ("Les premières expériences", "Remplacements, premiers postes sur le territoire, qui contacter : à compléter."),
        ("Préparer son installation", "Annonces de locaux et de reprises, aides à l'installation : à compléter."),
        ("S'installer et s'intégrer", "Réseaux de professionnels, accompagnement du conjoint : à compléter."),
    )

    def home_text(self, territory):
        return self.home_introduction.replace(TERRITORY_PLACEHOLDER, territory)


HEALTH_WORDING = Wording(
    desk_name="Guichet unique santé",
    home_introduction=(
        "Le guichet unique d'installation des professionnels du territoire {territoire} : "
        "aides, annonces, offre de soins et contacts réunis en un seul endroit."
    ),
    aids_introduction=(
        "Bourses, primes, exonérations, logement, accompagnement : les aides de l'État, de l'Assurance "
        "maladie, de l'ARS, de la Région, du Département et des collectivités."
    ),
    journey_title="De l'internat à l'installation",
    journey_steps=(
        (
            "Pendant les études et l'internat",
            "Stages, maîtres de stage, logement des internes, bourses : à compléter par l'équipe du guichet.",
        ),
        (
            "Les premiers remplacements",
            "Comment trouver des remplacements sur le territoire, qui contacter : à compléter.",
        ),
        (
            "Préparer son installation",
            "Annonces de locaux et de cabinets, zonage de l'ARS, aides à l'installation : à compléter.",
        ),
        (
            "S'installer et s'intégrer",
            "Exercice coordonné (maisons de santé, CPTS), accompagnement du conjoint : à compléter.",
        ),
    ),
)

TEXT_KEYS = {field.name for field in fields(Wording)} - {"journey_steps"}
KEYS = TEXT_KEYS | {"journey_steps"}


def read_wording(data):
    """The Wording of a sector file's optional « wording » object (``data``: the file's
    object); BootstrapError in French for anything malformed."""
    wording = data.get("wording", {})
    if not isinstance(wording, dict):
        raise BootstrapError("Fichier de secteur : « wording » doit être un objet (textes des pages créées).")
    if unknown := ", ".join(sorted(set(wording) - KEYS)):
        raise BootstrapError(
            f"Fichier de secteur, « wording » : clé(s) inconnue(s) {unknown} (attendu : {', '.join(sorted(KEYS))})."
        )
    given = {}
    for key in sorted(TEXT_KEYS & set(wording)):
        value = wording[key]
        if not isinstance(value, str) or not value.strip():
            raise BootstrapError(f"Fichier de secteur, « wording » : « {key} » doit être un texte non vide.")
        given[key] = value.strip()
    if "journey_steps" in wording:
        given["journey_steps"] = _steps(wording["journey_steps"])
    return Wording(**given)


def _steps(steps):
    problem = BootstrapError(
        "Fichier de secteur, « wording » : « journey_steps » doit être une liste non vide d'étapes "
        "{« title » : …, « text » : …}, deux textes non vides."
    )
    if not isinstance(steps, list) or not steps:
        raise problem
    read = []
    for step in steps:
        if not isinstance(step, dict) or set(step) != {"title", "text"}:
            raise problem
        title, text = step["title"], step["text"]
        if not all(isinstance(value, str) and value.strip() for value in (title, text)):
            raise problem
        read.append((title.strip(), text.strip()))
    return tuple(read)
