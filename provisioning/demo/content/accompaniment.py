"""The demo accompaniment: the desk's accounts that follow cases, their assignment rules and
fifteen fictitious cases in every state (seven installed, so that « Chiffres clés » shows its
figures).

Every person is fictitious, marked « (démo) » in their name, with an example.org address and
a phone number of the range reserved for fiction. Dates are days before the command runs.
"""

# username, first name, last name, group key, EPCI SIRENs followed, référent by default
REFERENTS = [
    (
        "demo-referente-diois",
        "Référente",
        "Diois et vallée de la Drôme (démo)",
        "follow",
        ["242600534", "200040509", "242600252", "242600492"],
        False,
    ),
    (
        "demo-referent-valence",
        "Référent",
        "Valence, Romans et nord Drôme (démo)",
        "follow",
        ["200068781", "200073096", "200040491"],
        True,
    ),
    ("demo-responsable-accompagnement", "Responsable", "Accompagnement (démo)", "manage", [], False),
]

# The public demo listing the person of « chevalier » asked about (« Je suis intéressé(e) »).
INTEREST_LISTING = "die-cabinet-maison-de-sante"


def case(key, first_name, last_name, profession, epci, state, *, days_ago, **extra):
    """A demo case. ``key`` makes its address (the idempotency key); ``epci`` a SIREN or None;
    ``installed`` = (days ago, INSEE code) for an installed case."""
    return {
        "key": key,
        "first_name": first_name,
        "last_name": f"{last_name} (démo)",
        "profession": profession,
        "epci": epci,
        "state": state,
        "days_ago": days_ago,
        "communes": [],
        "audience": "interne",
        "source": "form",
        "timing": "1_year",
        "needs": ["premises"],
        "practice_modes": ["liberal"],
        **extra,
    }


CASES = [
    # --- Installed (the figures need at least five) ------------------------------------------
    case(
        "garnier", "Julie", "Garnier", "medecin-generaliste", "242600534", "installed", days_ago=610,
        installed=(420, "26113"), communes=["26113"], audience="docteur-junior", needs=["premises", "housing"],
        practice_modes=["msp"], message="Interne en dernier semestre, je cherche une maison de santé dans le Diois.",
    ),
    case(
        "blanc", "Thomas", "Blanc", "infirmier", "200068781", "installed", days_ago=550, installed=(300, "26281"),
        communes=["26281"], audience="installe", needs=["premises"], source="staff",
    ),
    case(
        "mercier", "Sofia", "Mercier", "masseur-kinesitherapeute", "200040509", "installed", days_ago=460,
        installed=(240, "26289"), communes=["26289"], audience="installe", needs=["premises", "spouse_job"],
    ),
    case(
        "lambert", "Hugo", "Lambert", "medecin-generaliste", "200068781", "installed", days_ago=420,
        installed=(180, "26362"), communes=["26362"], audience="remplacant", needs=["aids", "premises"],
    ),
    case(
        "fontaine", "Léa", "Fontaine", "sage-femme", "242600534", "installed", days_ago=370,
        installed=(150, "26167"), communes=["26167", "26113"], audience="installe", needs=["housing"],
    ),
    # No intercommunality given: the figures take that of the commune of installation.
    case(
        "girard", "Nathan", "Girard", "medecin-generaliste", None, "installed", days_ago=330,
        installed=(90, "26220"), audience="remplacant", needs=["premises", "childcare_school"], source="staff",
    ),
    case(
        "roche", "Inès", "Roche", "chirurgien-dentiste", "200040459", "installed", days_ago=270,
        installed=(30, "26198"), communes=["26198"], audience="installe", needs=["premises"],
    ),
    # --- Accompaniments under way, with their timeline ---------------------------------------
    case(
        "chevalier", "Manon", "Chevalier", "medecin-generaliste", "242600534", "in_progress", days_ago=60,
        communes=["26113"], source="interest", needs=["premises", "housing", "aids"], timing="6_months",
        message="Le cabinet de la maison de santé de Die m'intéresse : est-il possible de le visiter ?",
        next_steps="Visite du cabinet de la maison de santé de Die, puis rendez-vous à la CPAM.",
    ),
    case(
        "perrin", "Lucas", "Perrin", "pediatre", "200068781", "in_progress", days_ago=95,
        communes=["26362", "26281"], audience="remplacant", needs=["premises", "spouse_job"],
        next_steps="Inscription au tableau de l'Ordre en cours.",
    ),
    case(
        "dumas", "Chloé", "Dumas", "infirmier", "242600252", "in_progress", days_ago=120, communes=["26108"],
        audience="installe", needs=["premises", "replacement_network"], preferred_contact="phone",
        contact_notes="Plutôt le matin avant 9 h.",
    ),
    case(
        "noel", "Antoine", "Noël", "medecin-generaliste", "200067767", "assigned", days_ago=10,
        communes=["26307"], audience="docteur-junior", needs=["internship", "housing"], timing="2_years",
    ),
    case(
        "marchand", "Zoé", "Marchand", "psychiatre", "200068781", "assigned", days_ago=5,
        needs=["aids"], timing="2_years",
    ),
    # --- Just received, paused, closed ---------------------------------------------------------
    case(
        "barbier", "Paul", "Barbier", "masseur-kinesitherapeute", None, "new", days_ago=1, audience="etudiant",
        needs=["other"], timing="later", needs_details="Je cherche d'abord un terrain de stage en libéral.",
    ),
    case(
        "robin", "Emma", "Robin", "medecin-generaliste", "242600492", "paused", days_ago=240,
        communes=["26113"], state_note="Thèse repoussée à juin : reprendre contact en avril.",
    ),
    case(
        "faure", "Louis", "Faure", "infirmier", "200040459", "closed", days_ago=210, closing_reason="abandoned",
        state_note="Projet reporté sans date (raisons familiales).",
    ),
]  # fmt: skip

# The timeline of the cases under way: (kind, text, days ago, extra). A task's « due_in » is
# days from today (negative: overdue); a referral names a partner page's slug.
TIMELINES = {
    "chevalier": [
        ("note", "Demande arrivée par « Je suis intéressé(e) » sur le cabinet de la maison de santé de Die.", 60, {}),
        ("call", "Premier appel : projet d'installation en libéral d'ici l'été, conjoint enseignant.", 57, {}),
        (
            "referral",
            "Orientée vers la CPAM pour l'aide à l'installation (contrat d'aide à l'installation).",
            40,
            {"partner": "cpam-drome", "outcome": "pending"},
        ),
        (
            "to_person",
            "Bonjour, la visite du cabinet est possible le mardi 14 à 10 h. Cela vous convient-il ?",
            12,
            {},
        ),
        ("from_person", "Oui, parfait, j'y serai. Merci !", 11, {}),
        ("task", "Rappeler la CPAM pour le rendez-vous d'installation.", 3, {"due_in": -1}),
    ],
    "perrin": [
        ("call", "Appel : cherche un cabinet de groupe, conjointe infirmière.", 90, {}),
        (
            "referral",
            "Orientation vers l'Ordre des médecins pour l'inscription au tableau.",
            60,
            {"partner": "cdom-drome", "outcome": "in_progress"},
        ),
        ("note", "Deux cabinets possibles à Valence ; la conjointe cherche un poste à l'hôpital.", 30, {}),
        ("task", "Envoyer la liste des cabinets de groupe de Valence.", 2, {"due_in": 5}),
    ],
    "dumas": [
        ("meeting", "Rendez-vous au guichet : présentation des aides et des annonces de la vallée.", 100, {}),
        ("to_person", "Voici les deux annonces de locaux dont nous avons parlé, à Crest.", 80, {}),
        ("task", "Faire le point après la visite des locaux.", 20, {"due_in": 0}),
    ],
}
