"""The demo contributing organisations, each with one member account, and the demo moderator."""

DEMO_PASSWORD = "demo-guichet-2026"  # noqa: S105 - printed on purpose: demo accounts only
MODERATOR_USERNAME = "demo-moderation"

# key, name, kind, communes, member username

ORGANISATIONS = [
    ("die", "Commune de Die", "municipality", ["26113"], "demo-mairie-die"),
    (
        "cc-diois",
        "Communauté de communes du Diois",
        "epci",
        ["26113", "26086", "26167", "26215", "26168", "26321"],
        "demo-cc-diois",
    ),
    (
        "cpts-provencale",
        "CPTS Drôme Provençale",
        "cpts",
        ["26220", "26063", "26182", "26264", "26340", "26193", "26146", "26348"],
        "demo-cpts-provencale",
    ),
    (
        "centre-sante",
        "Centre départemental de santé de la Drôme",
        "health_centre",
        ["26058", "26362", "26252", "26124", "26064"],
        "demo-centre-sante",
    ),
    (
        "hdn",
        "Hôpitaux Drôme Nord",
        "hospital",
        ["26281", "26333", "26057", "26325", "26148", "26143", "26330"],
        "demo-hopitaux-drome-nord",
    ),
    (
        "msp-saillans",
        "Maison de santé pluriprofessionnelle de Saillans",
        "msp",
        ["26289", "26108"],
        "demo-msp-saillans",
    ),
    ("st-jean", "Commune de Saint-Jean-en-Royans", "municipality", ["26307"], "demo-mairie-saint-jean"),
    ("cpts-sud", "CPTS Drôme Sud", "cpts", ["26235", "26324", "26116", "26345", "26357"], "demo-cpts-sud"),
    (
        "montelimar-agglo",
        "Montélimar Agglomération",
        "epci",
        ["26198", "26085", "26095", "26176"],
        "demo-montelimar-agglo",
    ),
    (
        "departement",
        "Département de la Drôme – Direction de la santé",
        "departement",
        ["26113", "26220", "26108", "26333", "26063", "26307"],
        "demo-departement",
    ),
]
