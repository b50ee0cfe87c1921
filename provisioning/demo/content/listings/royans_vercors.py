"""The demo listings of Royans and Vercors."""

from .builders import contact, listing

LISTINGS = [
    listing(
        "saint-jean-en-royans-cabinet",
        "office",
        "published",
        "st-jean",
        "26307",
        "Cabinet médical communal à Saint-Jean-en-Royans",
        "La commune met à disposition un cabinet médical rénové à côté de la maison de santé.",
        details={"shared_secretariat": True},
        surface_m2=30,
        monthly_rent_eur=250,
        rent_free_months=12,
        conditions="Douze mois offerts, logement temporaire possible pour la famille.",
        photos=["facade-cabinet", "paysage-vercors"],
        contact=contact(
            "Mairie de Saint-Jean-en-Royans",
            "Secrétariat général",
            "mairie-st-jean@example.org",
            "04 65 71 03 60",
            True,
        ),
    ),
    listing(
        "saint-jean-en-royans-logement-internes",
        "intern_housing",
        "published",
        "st-jean",
        "26307",
        "Logement pour internes et remplaçants à Saint-Jean-en-Royans",
        "Studio meublé gratuit pour les internes et remplaçants, au centre du village.",
        details={"intern_places": 1, "intern_monthly_price_eur": 0},
        professions=[],
        photos=["interieur-logement", "paysage-vercors"],
        contact=contact("Mairie de Saint-Jean-en-Royans", "Secrétariat général", "mairie-st-jean@example.org"),
    ),
]
