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

# code, name, sort order. Existing audiences are never modified: on a desk created before
# « Docteur junior » (4th year of general medicine, from November 2026), it gets 3 like
# « Médecin remplaçant » and still sorts before it by name.
AUDIENCES = [
    ("etudiant", "Étudiant en médecine", 1),
    ("interne", "Interne", 2),
    ("docteur-junior", "Docteur junior", 3),
    ("remplacant", "Médecin remplaçant", 4),
    ("installe", "Médecin installé", 5),
    ("msu", "Maître de stage universitaire", 6),
]
