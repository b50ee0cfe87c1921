"""The demo partners: the institutions that support health professionals in the Drôme."""

PARTNER_NOTICE_HTML = "<p><i>Données de démonstration – coordonnées et services à vérifier.</i></p>"
PARTNER_CONTACT_HTML = (
    "<p>Accueil sur rendez-vous, du lundi au vendredi ; écrivez de préférence à l'adresse institutionnelle.</p>"
    "<p><i>Coordonnées de démonstration – à vérifier.</i></p>"
)

# commune: INSEE code used to place the partner near the commune centre.

PARTNERS = [
    {
        "slug": "ars-auvergne-rhone-alpes",
        "title": "ARS Auvergne-Rhône-Alpes – délégation de la Drôme",
        "kind": "ars",
        "mission": (
            "L'Agence régionale de santé définit le zonage des médecins, finance une partie des aides à "
            "l'installation et gère les contrats d'engagement de service public (CESP)."
        ),
        "services": ["Zonage et aides conventionnelles", "CESP", "Projets de maisons de santé et de CPTS"],
        "email": "ars-drome@example.org",
        "phone": "04 65 71 01 01",
        "address": "Délégation départementale, 13 avenue Maurice Faure, 26000 Valence",
        "commune": "26362",
        "website": "https://www.auvergne-rhone-alpes.ars.sante.fr",
        "logo_label": "ARS",
    },
    {
        "slug": "cpam-drome",
        "title": "CPAM de la Drôme",
        "kind": "cpam",
        "mission": (
            "L'Assurance maladie accompagne l'installation en libéral : conventionnement, aides de la "
            "convention médicale de 2024 et conseiller installation dédié."
        ),
        "services": ["Conseiller installation", "Aides conventionnelles à l'installation", "Forfait médecin traitant"],
        "email": "installation-cpam26@example.org",
        "phone": "04 65 71 01 02",
        "address": "6 avenue de Romans, 26000 Valence",
        "commune": "26362",
        "website": "https://www.ameli.fr/drome",
        "logo_label": "CPAM",
    },
    {
        "slug": "cdom-drome",
        "title": "Conseil départemental de l'Ordre des médecins de la Drôme",
        "kind": "order",
        "mission": (
            "L'Ordre inscrit les médecins au tableau, délivre les licences de remplacement et examine les "
            "contrats d'exercice (collaboration, association)."
        ),
        "services": ["Inscription au tableau", "Licences de remplacement", "Relecture des contrats"],
        "email": "cdom26@example.org",
        "phone": "04 65 71 01 03",
        "address": "Valence",
        "commune": "26362",
        "website": "https://www.conseil-national.medecin.fr",
        "logo_label": "CDOM",
    },
    {
        "slug": "urps-medecins-aura",
        "title": "URPS Médecins libéraux Auvergne-Rhône-Alpes",
        "kind": "urps",
        "mission": (
            "L'Union régionale des professionnels de santé représente les médecins libéraux et diffuse "
            "des annonces d'installation, de remplacement, de collaboration et de succession."
        ),
        "services": ["Annonces entre médecins", "Appui à l'exercice coordonné", "Information juridique"],
        "email": "urps-med@example.org",
        "phone": "04 65 71 01 04",
        "address": "Lyon (antenne drômoise à Valence)",
        "commune": "26362",
        "website": "https://www.urps-med-aura.fr",
        "logo_label": "URPS",
    },
    {
        "slug": "faculte-medecine-lyon-est",
        "title": "Faculté de médecine Lyon Est – Université Claude Bernard Lyon 1",
        "kind": "faculty",
        "mission": (
            "La faculté organise l'internat de médecine générale, agrée les maîtres de stage et tient avec "
            "le Département des formations de maîtres de stage dans la Drôme."
        ),
        "services": ["Choix de stages d'internat", "Formation des maîtres de stage", "Thèses et docteurs juniors"],
        "email": "dmg-lyon-est@example.org",
        "phone": "04 65 71 01 05",
        "address": "Antenne universitaire de Valence",
        "commune": "26362",
        "website": "https://lyon-est.univ-lyon1.fr",
        "logo_label": "Lyon1",
    },
    {
        "slug": "agence-attractivite-drome",
        "title": "Agence d'attractivité de la Drôme (AA26)",
        "kind": "attractiveness",
        "mission": (
            "L'agence accompagne le projet de vie des professionnels qui s'installent : logement, emploi "
            "du conjoint, écoles, découverte du territoire."
        ),
        "services": ["Accueil personnalisé", "Emploi du conjoint", "Découverte du territoire"],
        "email": "accueil-aa26@example.org",
        "phone": "04 65 71 01 06",
        "address": "Valence",
        "commune": "26362",
        "website": "https://aa26.example.org",
        "logo_label": "AA26",
    },
    {
        "slug": "departement-drome",
        "title": "Département de la Drôme",
        "kind": "local_authority",
        "mission": (
            "Le Département porte le guichet unique santé, les maisons des internes, les bourses aux internes, "
            "une aide à la première installation et un centre départemental de santé."
        ),
        "services": ["Guichet unique santé", "Maisons des internes", "Bourses et aides à l'installation"],
        "email": "guichet-sante@example.org",
        "phone": "04 65 71 00 26",
        "address": "26 avenue du Président Herriot, 26000 Valence",
        "commune": "26362",
        "website": "https://www.ladrome.fr",
        "logo_label": "26",
    },
    {
        "slug": "cpts-drome-provencale",
        "title": "CPTS Drôme Provençale",
        "kind": "cpts",
        "mission": (
            "La communauté professionnelle territoriale de santé coordonne les professionnels du Nyonsais et "
            "des Baronnies : accès à un médecin traitant, soins non programmés, accueil des nouveaux venus."
        ),
        "services": ["Accueil des nouveaux professionnels", "Soins non programmés", "Parcours coordonnés"],
        "email": "contact-cpts-provencale@example.org",
        "phone": "04 65 71 01 08",
        "address": "Nyons",
        "commune": "26220",
        "website": "https://cpts-provencale.example.org",
        "logo_label": "CPTS",
    },
    {
        "slug": "ght-rhone-vercors-vivarais",
        "title": "GHT Rhône-Vercors-Vivarais",
        "kind": "hospital",
        "mission": (
            "Le groupement hospitalier de territoire réunit les hôpitaux publics de la Drôme et de l'Ardèche "
            "nord : postes salariés, temps partagés ville-hôpital et terrains de stage."
        ),
        "services": ["Postes et assistanats partagés", "Terrains de stage", "Consultations avancées"],
        "email": "recrutement-ght@example.org",
        "phone": "04 65 71 01 09",
        "address": "Centre hospitalier, Valence",
        "commune": "26362",
        "website": "https://ght-rvv.example.org",
        "logo_label": "GHT",
    },
    {
        "slug": "cc-diois",
        "title": "Communauté de communes du Diois",
        "kind": "local_authority",
        "mission": (
            "L'intercommunalité du Diois soutient l'installation des professionnels de santé dans ses "
            "50 communes de montagne : locaux en maison de santé, loyers aidés, accueil des familles."
        ),
        "services": ["Locaux en maison de santé", "Loyers aidés", "Accueil des familles"],
        "email": "sante-diois@example.org",
        "phone": "04 65 71 01 11",
        "address": "Die",
        "commune": "26113",
        "website": "https://cc-diois.example.org",
        "logo_label": "Diois",
    },
    {
        "slug": "cc-royans-vercors",
        "title": "Communauté de communes du Royans-Vercors",
        "kind": "local_authority",
        "mission": (
            "L'intercommunalité et ses communes mettent des logements à disposition des internes et des "
            "remplaçants et accompagnent les projets de maisons de santé."
        ),
        "services": ["Logements pour internes et remplaçants", "Projets de maisons de santé"],
        "email": "sante-royans-vercors@example.org",
        "phone": "04 65 71 01 12",
        "address": "Saint-Jean-en-Royans",
        "commune": "26307",
        "website": "https://royans-vercors.example.org",
        "logo_label": "RV",
    },
    {
        "slug": "finances-publiques-drome",
        "title": "Direction départementale des finances publiques de la Drôme",
        "kind": "state",
        "mission": (
            "Les services fiscaux de l'État renseignent sur les exonérations liées à l'exercice médical : "
            "permanence des soins, France Ruralités Revitalisation (FRR), zones franches."
        ),
        "services": ["Exonérations fiscales", "Renseignements aux professionnels"],
        "email": "ddfip26@example.org",
        "phone": "04 65 71 01 10",
        "address": "Valence",
        "commune": "26362",
        "website": "https://www.impots.gouv.fr",
        "logo_label": "DDFiP",
    },
]
