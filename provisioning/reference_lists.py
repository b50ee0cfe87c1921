"""The reference lists a desk starts with: professions (with their RPPS codes) and the
audiences aids are for. Used by ``bootstrap_desk`` (a new desk) and ``seed_demo`` (the demo).
"""

# slug, name, RPPS profession code, sort order
PROFESSIONS = [
    ("medecin-generaliste", "Médecin généraliste", "10", 1),
    ("pediatre", "Pédiatre", "10", 2),
    ("psychiatre", "Psychiatre", "10", 3),
    ("gynecologue", "Gynécologue", "10", 4),
    ("infirmier", "Infirmier·ère", "60", 5),
    ("masseur-kinesitherapeute", "Masseur-kinésithérapeute", "70", 6),
    ("chirurgien-dentiste", "Chirurgien-dentiste", "40", 7),
    ("sage-femme", "Sage-femme", "50", 8),
]

# code, name, sort order
AUDIENCES = [
    ("etudiant", "Étudiant en médecine", 1),
    ("interne", "Interne", 2),
    ("remplacant", "Médecin remplaçant", 3),
    ("installe", "Médecin installé", 4),
    ("msu", "Maître de stage universitaire", 5),
]
