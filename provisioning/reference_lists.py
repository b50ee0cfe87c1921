"""The reference lists a desk starts with: professions (with their RPPS codes), the
audiences aids are for and the health desk's vocabularies (listing kinds, facility kinds,
aid types, zoning classes). Used by ``bootstrap_desk`` (a new desk) and ``seed_demo`` (the demo).
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

# The health desk's vocabularies (reference.Term), by vocabulary, in display order: the same
# codes and labels as the seed TextChoices (ListingKind, HealthFacilityKind, AidType,
# ZoningClass) and the members of the deprecated API enums (a test checks it). Migration
# reference/0007 holds a frozen copy for the sites that existed then. Existing terms are never
# modified (provisioning/vocabularies.py).
HEALTH_VOCABULARIES = {
    "listing_kind": [
        {"code": "office", "label": "Local professionnel disponible", "colour": "blue",
         "detail_fields": ["shared_secretariat"]},
        {"code": "practice_takeover", "label": "Cabinet à reprendre", "colour": "purple",
         "detail_fields": ["shared_secretariat"]},
        {"code": "salaried_post", "label": "Poste salarié", "colour": "green",
         "detail_fields": ["available_until", "contract_type", "working_time", "working_time_details",
                           "monthly_pay_min_eur", "monthly_pay_max_eur", "housing_included"]},
        {"code": "replacement", "label": "Remplacement", "colour": "orange",
         "detail_fields": ["available_until", "replacement_rhythm", "housing_included"]},
        {"code": "collaboration", "label": "Collaboration", "colour": "teal",
         "detail_fields": ["housing_included", "shared_secretariat"]},
        {"code": "partnership", "label": "Association", "colour": "brown",
         "detail_fields": ["shared_secretariat"]},
        {"code": "intern_housing", "label": "Logement pour internes", "colour": "red",
         "detail_fields": ["available_until", "intern_places", "intern_monthly_price_eur"]},
    ],
    "facility_kind": [
        {"code": "hospital", "label": "Centre hospitalier", "symbol": "H"},
        {"code": "cms", "label": "Centre médico-social du Département", "symbol": "CMS"},
        {"code": "msp", "label": "Maison de santé pluriprofessionnelle", "symbol": "MSP"},
        {"code": "health_centre", "label": "Centre de santé", "symbol": "CS"},
        {"code": "cpts", "label": "CPTS"},
        {"code": "practice", "label": "Cabinet médical"},
        {"code": "intern_housing", "label": "Maison des internes"},
    ],
    "aid_type": [
        {"code": "grant", "label": "Subvention"},
        {"code": "premium", "label": "Prime à l'installation"},
        {"code": "study_grant", "label": "Bourse d'études"},
        {"code": "fee_uplift", "label": "Majoration de rémunération"},
        {"code": "loan", "label": "Prêt à taux zéro"},
        {"code": "tax", "label": "Exonération fiscale"},
        {"code": "housing", "label": "Logement"},
        {"code": "support", "label": "Accompagnement"},
    ],
    "zoning_class": [
        {"code": "zip", "label": "ZIP – zone d'intervention prioritaire", "level": "priority"},
        {"code": "zac", "label": "ZAC – zone d'action complémentaire", "level": "underserved"},
        {"code": "hz", "label": "Hors zonage", "level": "other"},
        {"code": "tres_sous_dotee", "label": "Très sous-dotée", "level": "priority"},
        {"code": "sous_dotee", "label": "Sous-dotée", "level": "underserved"},
        {"code": "intermediaire", "label": "Intermédiaire", "level": "other"},
        {"code": "tres_dotee", "label": "Très dotée", "level": "other"},
        {"code": "sur_dotee", "label": "Sur-dotée", "level": "other"},
        {"code": "non_prioritaire", "label": "Non prioritaire", "level": "other"},
    ],
}  # fmt: skip
