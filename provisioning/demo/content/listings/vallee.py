"""The demo listings of the Drôme valley."""

from .builders import contact, listing

LISTINGS = [
    listing(
        "saillans-msp-cabinet",
        "office",
        "published",
        "msp-saillans",
        "26289",
        "Cabinet libre à la maison de santé de Saillans",
        "Un cabinet libre dans une MSP dynamique de la vallée de la Drôme, maître de stage présent.",
        details={"shared_secretariat": True},
        surface_m2=20,
        monthly_rent_eur=380,
        conditions="Charges communes partagées, secrétariat sur place.",
        photos=["facade-msp", "interieur-cabinet"],
        contact=contact("MSP de Saillans", "Coordinatrice", "msp-saillans@example.org", "04 65 71 03 40", True),
        expires_in=365,
    ),
    listing(
        "crest-remplacement",
        "replacement",
        "published",
        "msp-saillans",
        "26108",
        "Remplacements fixes à Crest",
        "Deux jours par semaine de remplacement fixe, à l'année.",
        details={"replacement_rhythm": "regular"},
        conditions="Rétrocession de 72 %.",
        photos=["facade-cabinet"],
        contact=contact("Dr Marc Fontaine", "Médecin généraliste", "cabinet-crest@example.org"),
    ),
    listing(
        "crest-logement-internes",
        "intern_housing",
        "pending",
        "departement",
        "26108",
        "Chambre en maison des internes à Crest",
        "Chambre meublée pour un interne en stage dans la vallée de la Drôme.",
        details={"intern_places": 2, "intern_monthly_price_eur": 150},
        available_until_in=180,
        professions=[],
        photos=["interieur-logement"],
        contact=contact("Guichet unique santé", "Accueil des internes", "guichet-sante@example.org"),
    ),
]
