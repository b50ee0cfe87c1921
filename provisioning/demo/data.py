"""The French demo content: reference lists, editorial pages, partners, aids, care offer,
contributing organisations and listings.

Built from DOMAIN_FACTS.md. Amounts and conditions change every year and real people act on
them, so every aid and partner text says it is demonstration data to be checked. Contacts
use example.org addresses and phone numbers of the range reserved for fiction (04 65 71).
Dates are given relative to the day the command runs so that the demo stays current.
"""

DEMO_NOTICE = "Données de démonstration – montants et conditions à vérifier auprès du financeur."
DEMO_NOTICE_HTML = f"<p><b>{DEMO_NOTICE}</b></p>"
PARTNER_NOTICE_HTML = "<p><i>Données de démonstration – coordonnées et services à vérifier.</i></p>"
PARTNER_CONTACT_HTML = (
    "<p>Accueil sur rendez-vous, du lundi au vendredi ; écrivez de préférence à l'adresse institutionnelle.</p>"
    "<p><i>Coordonnées de démonstration – à vérifier.</i></p>"
)

DEMO_PASSWORD = "demo-guichet-2026"  # noqa: S105 - printed on purpose: demo accounts only
MODERATOR_USERNAME = "demo-moderation"

# --- Reference lists -----------------------------------------------------------------------

DOCTORS = ["medecin-generaliste", "pediatre", "psychiatre", "gynecologue"]
GP = ["medecin-generaliste"]

# --- Placeholder pictures ------------------------------------------------------------------

# key: (title, kind, alt text)
IMAGES = {
    "hero": ("Démo – Paysage de la Drôme", "landscape", "Collines et champs de lavande de la Drôme au soleil"),
    "facade-msp": ("Démo – Façade de maison de santé", "facade", "Façade d'une maison de santé de plain-pied"),
    "facade-cabinet": ("Démo – Façade de cabinet médical", "facade", "Façade d'un cabinet médical en centre-bourg"),
    "facade-centre": ("Démo – Façade de centre de santé", "facade", "Entrée d'un centre de santé"),
    "interieur-cabinet": ("Démo – Cabinet de consultation", "interior", "Cabinet de consultation lumineux et meublé"),
    "interieur-salle": ("Démo – Salle d'attente", "interior", "Salle d'attente avec une grande fenêtre"),
    "interieur-logement": ("Démo – Logement meublé", "interior", "Pièce à vivre d'un logement meublé"),
    "paysage-diois": ("Démo – Paysage du Diois", "landscape", "Montagnes du Diois"),
    "paysage-baronnies": ("Démo – Paysage des Baronnies", "landscape", "Oliviers et collines des Baronnies"),
    "paysage-vercors": ("Démo – Paysage du Vercors", "landscape", "Plateau du Vercors"),
}

# --- Site tree -----------------------------------------------------------------------------

SITE_NAME = "Guichet unique santé – Drôme"
HOME = {
    "title": "Guichet unique santé – Drôme",
    "slug": "accueil",
    "introduction": (
        "Étudiants, internes, remplaçants ou médecins installés : le Département de la Drôme et ses "
        "partenaires vous accompagnent de l'internat à la première installation. Aides, annonces, "
        "offre de soins et contacts réunis en un seul endroit."
    ),
}

DESK_SETTINGS = {
    "desk_name": "Guichet unique santé",
    "territory_name": "Drôme",
    "contact_email": "guichet-sante@example.org",
    "contact_phone": "04 65 71 00 26",
    "contact_address": "Département de la Drôme – Guichet unique santé\n26 avenue du Président Herriot\n26000 Valence",
    "website": "https://www.ladrome.fr",
    "legal_notice": (
        "<p>Site de démonstration du guichet unique santé de la Drôme.</p>"
        "<p>Les données affichées sont des données de démonstration – à vérifier.</p>"
    ),
}

AIDS_INDEX = {
    "title": "Les aides à l'installation",
    "slug": "aides",
    "introduction": (
        "Bourses, primes, exonérations, logement, accompagnement : les aides de l'État, de l'Assurance "
        "maladie, de l'ARS, du Département et des collectivités. " + DEMO_NOTICE
    ),
}

PARTNERS_INDEX = {
    "title": "Les partenaires",
    "slug": "partenaires",
    "introduction": (
        "Les institutions qui accompagnent les médecins dans la Drôme : qui fait quoi, et qui contacter. "
        "Données de démonstration – coordonnées à vérifier."
    ),
}


def _p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


JOURNEY_PAGE = {
    "title": "De l'internat à la première installation",
    "slug": "parcours",
    "introduction": "Les grandes étapes d'un parcours en Drôme, et les interlocuteurs à chaque étape.",
    "image": "paysage-vercors",
    "body": [
        ("heading", {"text": "Votre parcours, étape par étape", "level": "h2"}),
        (
            "step",
            {
                "title": "Pendant les études : le contrat d'engagement de service public",
                "body": _p(
                    "Dès la 2e année, le CESP verse une allocation mensuelle en échange d'un exercice en "
                    "zone sous-dotée. Parlez-en à votre faculté et à l'ARS."
                ),
            },
        ),
        (
            "step",
            {
                "title": "L'internat : faire ses stages dans la Drôme",
                "body": _p(
                    "Maisons des internes, bourses pour les stages en zone peu dense, maîtres de stage "
                    "disponibles : le Département facilite vos semestres sur le territoire."
                ),
            },
        ),
        (
            "step",
            {
                "title": "Docteur junior et remplacements",
                "body": _p(
                    "Les remplacements permettent de découvrir les cabinets et les équipes. "
                    "Consultez les annonces de remplacement et les aides ouvertes aux docteurs juniors."
                ),
            },
        ),
        (
            "step",
            {
                "title": "La première installation",
                "body": _p(
                    "Local, cabinet à reprendre, collaboration ou poste salarié : trouvez une opportunité, "
                    "vérifiez le zonage de la commune et les aides qui s'y appliquent."
                ),
            },
        ),
        (
            "step",
            {
                "title": "Devenir maître de stage universitaire",
                "body": _p(
                    "Accueillir des internes, c'est préparer la relève. Une formation de maître de stage "
                    "est organisée dans la Drôme avec la faculté de médecine."
                ),
            },
        ),
        ("call_to_action", {"text": "Voir les aides à l'installation", "page": "aides", "url": ""}),
    ],
}

FAQ_PAGE = {
    "title": "Questions fréquentes",
    "slug": "questions-frequentes",
    "introduction": "Les réponses aux questions les plus posées au guichet.",
    "image": None,
    "body": [
        (
            "question",
            {
                "question": "Qui peut m'accompagner dans mon projet d'installation ?",
                "answer": _p(
                    "Le guichet unique santé du Département vous met en relation avec l'ARS, la CPAM, "
                    "l'Ordre des médecins, l'URPS et les collectivités, et suit votre projet de bout en bout."
                ),
            },
        ),
        (
            "question",
            {
                "question": "Comment savoir si une commune est en zone d'intervention prioritaire (ZIP) ?",
                "answer": _p(
                    "Le zonage est arrêté par l'ARS. Sur ce site de démonstration, le zonage des communes "
                    "est fictif : vérifiez toujours auprès de l'ARS Auvergne-Rhône-Alpes."
                ),
            },
        ),
        (
            "question",
            {
                "question": "Puis-je cumuler plusieurs aides à l'installation ?",
                "answer": _p(
                    "Certaines aides se cumulent, d'autres non : depuis 2025, une aide de même catégorie "
                    "ne peut pas être perçue deux fois en dix ans, y compris auprès des collectivités. "
                    "Données de démonstration – à vérifier."
                ),
            },
        ),
        (
            "question",
            {
                "question": "Où loger pendant un stage d'internat ?",
                "answer": _p(
                    "Le Département propose des places dans ses maisons des internes, et des communes "
                    "mettent des logements à disposition : voir les annonces « Logement pour internes »."
                ),
            },
        ),
        (
            "question",
            {
                "question": "Comment publier une annonce pour ma commune ou ma structure ?",
                "answer": _p(
                    "Demandez un compte contributeur au guichet, ou proposez l'annonce par le formulaire "
                    "public : elle est publiée après vérification par l'équipe."
                ),
            },
        ),
        (
            "question",
            {
                "question": "Mes coordonnées seront-elles publiées ?",
                "answer": _p(
                    "Non, sauf si vous l'acceptez explicitement : par défaut, seule l'équipe du guichet "
                    "voit le contact d'une annonce."
                ),
            },
        ),
    ],
}

LEGAL_PAGE = {
    "title": "Mentions légales",
    "slug": "mentions-legales",
    "introduction": "Éditeur, hébergement, données personnelles.",
    "image": None,
    "body": [
        ("heading", {"text": "Éditeur", "level": "h2"}),
        ("paragraph", _p("Département de la Drôme – Guichet unique santé (site de démonstration).")),
        ("heading", {"text": "Données de démonstration", "level": "h2"}),
        (
            "paragraph",
            _p(
                "Les aides, annonces, établissements et zonages présentés ici sont des données de "
                "démonstration – à vérifier. Ils ne peuvent fonder aucune décision."
            ),
        ),
        ("heading", {"text": "Données personnelles", "level": "h2"}),
        (
            "paragraph",
            _p(
                "Les coordonnées des personnes qui déposent une annonce ne sont publiées qu'avec leur accord. "
                "Pour exercer vos droits : guichet-sante@example.org."
            ),
        ),
    ],
}

CONTENT_PAGES = [JOURNEY_PAGE, FAQ_PAGE, LEGAL_PAGE]

HOME_BODY = [
    ("heading", {"text": "Tout pour exercer dans la Drôme", "level": "h2"}),
    (
        "paragraph",
        _p(
            "362 communes, des équipes de soins coordonnées, six maisons des internes et un accompagnement "
            "personnalisé : découvrez les opportunités d'installation et les aides qui vous concernent.",
            "<i>Site de démonstration : données de démonstration – à vérifier.</i>",
        ),
    ),
    ("call_to_action", {"text": "Trouver les aides qui me concernent", "page": "aides", "url": ""}),
    ("call_to_action", {"text": "Découvrir le parcours de l'internat à l'installation", "page": "parcours", "url": ""}),
    ("image", {"image": "paysage-diois", "decorative": False, "alt_text": "Montagnes du Diois"}),
    (
        "quote",
        "Le guichet m'a mise en relation avec la maison de santé et la commune en une semaine. "
        "(témoignage de démonstration)",
    ),
    ("call_to_action", {"text": "Rencontrer nos partenaires", "page": "partenaires", "url": ""}),
]

# --- Partners ------------------------------------------------------------------------------
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

# --- Aids ----------------------------------------------------------------------------------
# funder: partner slug; audiences: AidAudience codes; professions: Profession slugs;
# communes/epcis: INSEE codes / SIREN for scope "local"; reviewed_days_ago: last review.

AIDS = [
    {
        "slug": "aide-premiere-installation-zip",
        "title": "Aide à la première installation en ZIP",
        "summary": "10 000 € versés en une fois pour une première installation libérale conventionnée en ZIP ou QPV.",
        "funder": "cpam-drome",
        "aid_type": "premium",
        "amount_min_eur": 10000,
        "amount_max_eur": 10000,
        "amount_text": "10 000 € en une fois",
        "audiences": ["remplacant", "installe", "interne"],
        "professions": DOCTORS,
        "scope": "national",
        "zonage_requirement": "zip",
        "obligations": _p("Première installation en libéral conventionné, en secteur 1 ou adhérent à l'OPTAM."),
        "how_to_apply": _p("Demande auprès de la CPAM lors du conventionnement, avec le conseiller installation."),
        "valid_from": "2026-01-01",
        "context": (
            "Issue de la convention médicale du 4 juin 2024, elle remplace depuis le 1er janvier 2026 le "
            "contrat d'aide à l'installation (CAIM). Pas de seconde aide de même catégorie dans les dix ans."
        ),
        "reviewed_days_ago": 20,
    },
    {
        "slug": "aide-premiere-installation-zac",
        "title": "Aide à la première installation en ZAC",
        "summary": "5 000 € versés en une fois pour une première installation libérale conventionnée en ZAC.",
        "funder": "cpam-drome",
        "aid_type": "premium",
        "amount_min_eur": 5000,
        "amount_max_eur": 5000,
        "amount_text": "5 000 € en une fois",
        "audiences": ["remplacant", "installe", "interne"],
        "professions": DOCTORS,
        "scope": "national",
        "zonage_requirement": "zip_or_zac",
        "obligations": _p("Première installation en libéral conventionné, en secteur 1 ou adhérent à l'OPTAM."),
        "how_to_apply": _p("Demande auprès de la CPAM lors du conventionnement."),
        "valid_from": "2026-01-01",
        "context": "En ZIP, c'est l'aide de 10 000 € qui s'applique. Pas de cumul avec une aide de même catégorie.",
        "reviewed_days_ago": 20,
    },
    {
        "slug": "aide-exercice-secondaire-zip",
        "title": "Aide à l'exercice en cabinet secondaire en ZIP",
        "summary": "3 000 € pour ouvrir un cabinet secondaire dans une zone d'intervention prioritaire.",
        "funder": "cpam-drome",
        "aid_type": "premium",
        "amount_min_eur": 3000,
        "amount_max_eur": 3000,
        "amount_text": "3 000 €",
        "audiences": ["installe"],
        "professions": DOCTORS,
        "scope": "national",
        "zonage_requirement": "zip",
        "obligations": _p("Exercer une partie de son activité dans le cabinet secondaire situé en ZIP."),
        "how_to_apply": _p("Déclaration du lieu d'exercice secondaire à l'Ordre puis demande à la CPAM."),
        "valid_from": "2026-01-01",
        "context": "Aide de la convention médicale de 2024.",
        "reviewed_days_ago": 35,
    },
    {
        "slug": "majoration-forfait-medecin-traitant-zip",
        "title": "Majoration du forfait médecin traitant en ZIP",
        "summary": (
            "+10 % du forfait médecin traitant pour les médecins installés en ZIP ou QPV ; +50 %, +30 % puis "
            "+10 % sur trois ans après une première installation."
        ),
        "funder": "cpam-drome",
        "aid_type": "fee_uplift",
        "amount_text": "+10 % du forfait ; +50 % / +30 % / +10 % sur 3 ans après une première installation",
        "audiences": ["installe"],
        "professions": GP,
        "scope": "national",
        "zonage_requirement": "zip",
        "obligations": _p("Exercer en ZIP ou en quartier prioritaire de la ville (QPV)."),
        "how_to_apply": _p("Versée automatiquement par l'Assurance maladie avec le forfait médecin traitant."),
        "valid_from": "2026-01-01",
        "context": "Remplace le contrat de transition (COTRAM) et le contrat de solidarité territoriale (CSTM).",
        "reviewed_days_ago": 20,
    },
    {
        "slug": "contrat-engagement-service-public",
        "title": "Contrat d'engagement de service public (CESP)",
        "summary": "1 200 € bruts par mois pendant les études, contre un exercice en zone sous-dotée.",
        "funder": "ars-auvergne-rhone-alpes",
        "aid_type": "study_grant",
        "amount_min_eur": 1200,
        "amount_max_eur": 1200,
        "amount_text": "1 200 € bruts par mois",
        "audiences": ["etudiant", "interne"],
        "professions": DOCTORS + ["chirurgien-dentiste"],
        "scope": "national",
        "zonage_requirement": "none",
        "obligations": _p(
            "Exercer en zone sous-dotée au moins aussi longtemps que l'allocation a été versée, "
            "avec un minimum de deux ans."
        ),
        "how_to_apply": _p("Candidature auprès de la faculté et de l'ARS, ouverte dès la 2e année des études."),
        "context": "Le lieu d'exercice est choisi sur une liste de zones fixée par l'ARS.",
        "reviewed_days_ago": 60,
    },
    {
        "slug": "aide-docteurs-juniors-medecine-generale",
        "title": "Docteurs juniors en médecine générale en ZIP",
        "summary": "1 000 € par mois en ZIP et 500 € par semestre pour les docteurs juniors de médecine générale.",
        "funder": "ars-auvergne-rhone-alpes",
        "aid_type": "grant",
        "amount_min_eur": 1000,
        "amount_max_eur": 1000,
        "amount_text": "1 000 € par mois en ZIP + 500 € par semestre ; maître de stage : 600 € par mois",
        "audiences": ["interne", "msu"],
        "professions": GP,
        "scope": "national",
        "zonage_requirement": "zip",
        "obligations": _p("Effectuer sa 4e année de médecine générale (docteur junior) dans un cabinet situé en ZIP."),
        "how_to_apply": _p("Information auprès de la faculté et de l'ARS au moment du choix de stage."),
        "valid_from": "2026-11-01",
        "context": "Applicable à partir de novembre 2026 avec la 4e année du diplôme de médecine générale.",
        "reviewed_days_ago": 15,
    },
    {
        "slug": "exoneration-remuneration-permanence-des-soins",
        "title": "Exonération d'impôt des gardes de permanence des soins",
        "summary": (
            "Les rémunérations de permanence des soins sont exonérées d'impôt dans la limite de 60 jours par an."
        ),
        "funder": "finances-publiques-drome",
        "aid_type": "tax",
        "amount_text": "Exonération dans la limite de 60 jours par an",
        "audiences": ["installe", "remplacant"],
        "professions": DOCTORS,
        "scope": "national",
        "zonage_requirement": "none",
        "obligations": _p("Participer à la permanence des soins ambulatoires dans une zone définie par l'ARS."),
        "how_to_apply": _p(
            "À déclarer lors de la déclaration de revenus (article 151 ter du code général des impôts)."
        ),
        "context": "Régime prévu par l'article 151 ter du CGI.",
        "reviewed_days_ago": 90,
    },
    {
        "slug": "exoneration-france-ruralites-revitalisation",
        "title": "Exonération fiscale France Ruralités Revitalisation (FRR)",
        "summary": (
            "Exonération d'impôt sur les bénéfices pendant 5 ans, puis 75 %, 50 % et 25 % les trois années suivantes."
        ),
        "funder": "finances-publiques-drome",
        "aid_type": "tax",
        "amount_text": "100 % pendant 5 ans, puis 75 %, 50 % et 25 %",
        "audiences": ["installe"],
        "professions": [],
        "scope": "national",
        "zonage_requirement": "none",
        "obligations": _p(
            "S'installer dans une commune classée FRR (le classement a remplacé les ZRR le 1er juillet 2024)."
        ),
        "how_to_apply": _p("Option à exercer auprès du service des impôts des entreprises lors de la création."),
        "valid_from": "2024-07-01",
        "context": "Vérifier le classement FRR de la commune : il n'est pas repris dans ces données de démonstration.",
        "reviewed_days_ago": 120,
    },
    {
        "slug": "maisons-des-internes",
        "title": "Maisons des internes du Département",
        "summary": "Un logement en maison des internes pour 150 € par mois pendant votre stage dans la Drôme.",
        "funder": "departement-drome",
        "aid_type": "housing",
        "amount_min_eur": 150,
        "amount_max_eur": 150,
        "amount_text": "150 € par mois, charges comprises",
        "audiences": ["interne"],
        "professions": [],
        "scope": "departement",
        "zonage_requirement": "none",
        "obligations": _p("Effectuer un stage d'internat dans la Drôme pendant la durée du logement."),
        "how_to_apply": _p("Réservation auprès du guichet unique santé dès le choix de stage."),
        "context": "Six maisons des internes, 22 places au total.",
        "reviewed_days_ago": 30,
    },
    {
        "slug": "bourse-internes-zac",
        "title": "Bourse départementale aux internes en stage en ZAC ou zone peu dense",
        "summary": "500 € par mois pour les internes en stage dans une zone d'action complémentaire ou peu dense.",
        "funder": "departement-drome",
        "aid_type": "grant",
        "amount_min_eur": 500,
        "amount_max_eur": 500,
        "amount_text": "500 € par mois pendant le stage",
        "audiences": ["interne"],
        "professions": GP,
        "scope": "departement",
        "zonage_requirement": "zip_or_zac",
        "obligations": _p("Effectuer le stage dans la Drôme, en ZAC ou en zone peu dense."),
        "how_to_apply": _p("Dossier à déposer auprès du guichet unique santé au début du semestre."),
        "valid_from": "2022-01-01",
        "context": "Dispositif départemental en place depuis 2022.",
        "reviewed_days_ago": 45,
    },
    {
        "slug": "aide-departementale-premiere-installation",
        "title": "Aide départementale à la première installation",
        "summary": "5 000 € (jusqu'à 10 000 € avec de la télémédecine) pour une première installation dans la Drôme.",
        "funder": "departement-drome",
        "aid_type": "premium",
        "amount_min_eur": 5000,
        "amount_max_eur": 10000,
        "amount_text": "5 000 €, jusqu'à 10 000 € avec un équipement de télémédecine",
        "audiences": ["remplacant", "installe"],
        "professions": GP,
        "scope": "departement",
        "zonage_requirement": "none",
        "obligations": _p(
            "Devenir maître de stage universitaire et exercer trois ans dans la Drôme. "
            "Pas de cumul avec une aide de même catégorie dans les dix ans."
        ),
        "how_to_apply": _p("Dossier auprès du guichet unique santé, avant l'installation."),
        "context": "Aide du Département de la Drôme.",
        "reviewed_days_ago": 25,
    },
    {
        "slug": "formation-maitres-de-stage",
        "title": "Formation de maître de stage universitaire dans la Drôme",
        "summary": "Une formation de maître de stage organisée dans la Drôme avec la faculté de médecine Lyon 1.",
        "funder": "faculte-medecine-lyon-est",
        "aid_type": "support",
        "amount_text": "Formation prise en charge",
        "audiences": ["installe", "msu"],
        "professions": GP,
        "scope": "departement",
        "zonage_requirement": "none",
        "obligations": _p("Accueillir des internes après l'agrément."),
        "how_to_apply": _p("Inscription auprès du département de médecine générale de la faculté."),
        "context": "Sessions organisées avec le Département de la Drôme.",
        "reviewed_days_ago": 50,
    },
    {
        "slug": "accompagnement-aa26",
        "title": "Accompagnement personnalisé du projet de vie",
        "summary": (
            "Un interlocuteur unique pour le logement, l'emploi du conjoint, les écoles et la découverte du territoire."
        ),
        "funder": "agence-attractivite-drome",
        "aid_type": "support",
        "amount_text": "Accompagnement gratuit",
        "audiences": ["interne", "remplacant", "installe"],
        "professions": [],
        "scope": "departement",
        "zonage_requirement": "none",
        "obligations": "",
        "how_to_apply": _p("Prendre contact avec l'agence ou le guichet unique santé."),
        "context": "Proposé par l'Agence d'attractivité de la Drôme avec le guichet unique santé.",
        "reviewed_days_ago": 10,
    },
    {
        "slug": "conseiller-installation-cpam",
        "title": "Conseiller installation de l'Assurance maladie",
        "summary": "Un conseiller de la CPAM vous guide dans les démarches de conventionnement et les aides.",
        "funder": "cpam-drome",
        "aid_type": "support",
        "amount_text": "Service gratuit",
        "audiences": ["remplacant", "installe"],
        "professions": [],
        "scope": "departement",
        "zonage_requirement": "none",
        "obligations": "",
        "how_to_apply": _p("Prendre rendez-vous avec le service installation de la CPAM de la Drôme."),
        "context": "",
        "reviewed_days_ago": 70,
    },
    {
        "slug": "aide-installation-diois",
        "title": "Loyer offert à la maison de santé du Diois",
        "summary": "Douze mois de loyer offerts dans un cabinet de maison de santé pour s'installer dans le Diois.",
        "funder": "cc-diois",
        "aid_type": "grant",
        "amount_min_eur": 0,
        "amount_max_eur": 6000,
        "amount_text": "12 mois de loyer offerts (jusqu'à 6 000 €)",
        "audiences": ["remplacant", "installe"],
        "professions": GP,
        "scope": "local",
        "epcis": ["242600534"],
        "communes": ["26113", "26086", "26167"],
        "zonage_requirement": "none",
        "obligations": _p("Exercer au moins trois ans dans une commune de la communauté de communes du Diois."),
        "how_to_apply": _p("Contacter la communauté de communes du Diois par l'intermédiaire du guichet."),
        "context": "Exemple d'aide locale d'une intercommunalité (aide fictive de démonstration).",
        "reviewed_days_ago": 40,
    },
    {
        "slug": "logement-royans-vercors",
        "title": "Logement meublé pour internes et remplaçants dans le Royans-Vercors",
        "summary": "Un logement meublé gratuit pour les internes et remplaçants pendant leur stage ou remplacement.",
        "funder": "cc-royans-vercors",
        "aid_type": "housing",
        "amount_text": "Logement gratuit, charges comprises",
        "audiences": ["interne", "remplacant"],
        "professions": [],
        "scope": "local",
        "epcis": ["200067767"],
        "communes": ["26307", "26074", "26364"],
        "zonage_requirement": "none",
        "obligations": _p("Effectuer un stage ou un remplacement dans l'une des communes concernées."),
        "how_to_apply": _p("Demande à la communauté de communes, par l'intermédiaire du guichet."),
        "context": "Exemple d'aide locale d'une intercommunalité et de ses communes (aide fictive de démonstration).",
        "reviewed_days_ago": 200,
    },
    {
        "slug": "contrat-aide-installation-caim",
        "title": "Contrat d'aide à l'installation des médecins (CAIM) – fermé",
        "summary": (
            "Ancien contrat : jusqu'à 50 000 € sur 5 ans ; plus de nouvelle signature depuis le 31 décembre 2025."
        ),
        "funder": "cpam-drome",
        "aid_type": "premium",
        "amount_min_eur": 0,
        "amount_max_eur": 50000,
        "amount_text": "Jusqu'à 50 000 € sur 5 ans (contrats signés avant 2026)",
        "audiences": ["installe"],
        "professions": DOCTORS,
        "scope": "national",
        "zonage_requirement": "zip",
        "obligations": _p("Exercer 5 ans en zone sous-dotée (contrats en cours uniquement)."),
        "how_to_apply": _p("Plus de nouvelle signature : voir l'aide à la première installation en ZIP."),
        "valid_from": "2017-01-01",
        "valid_until": "2025-12-31",
        "context": "Affiché pour les médecins encore sous contrat.",
        "reviewed_days_ago": 20,
    },
]

# --- Care offer ----------------------------------------------------------------------------
# kind, name, commune, address, hosts interns, places

FACILITIES = [
    ("hospital", "Centre hospitalier de Valence", "26362", "179 boulevard du Maréchal Juin", True, None),
    ("hospital", "Groupement hospitalier Portes de Provence – Montélimar", "26198", "Quartier Beausseret", True, None),
    ("hospital", "Hôpitaux Drôme Nord – site de Romans", "26281", "Rue Geissmann", True, None),
    ("hospital", "Hôpitaux Drôme Nord – site de Saint-Vallier", "26333", "Rue Pierre Valette", False, None),
    ("hospital", "Centre hospitalier de Die", "26113", "Rue Bouvier", True, None),
    ("hospital", "Centre hospitalier de Crest", "26108", "Quai Maurice Faure", False, None),
    ("hospital", "Centre hospitalier de Nyons", "26220", "Avenue Paul Laurens", True, None),
    ("hospital", "Hôpital local de Buis-les-Baronnies", "26063", "Avenue de Rieuchaud", False, None),
    ("cms", "Centre médico-social de Valence Centre", "26362", "Rue de la Manutention", False, None),
    ("cms", "Centre médico-social de Pierrelatte", "26235", "Avenue Jean Jaurès", False, None),
    ("cms", "Centre médico-social de Die", "26113", "Place de l'Évêché", False, None),
    ("cms", "Centre médico-social de Nyons", "26220", "Promenade de la Digue", False, None),
    ("cms", "Centre médico-social de Crest", "26108", "Avenue Georges Clemenceau", False, None),
    ("cms", "Centre médico-social de Saint-Jean-en-Royans", "26307", "Place de l'Église", False, None),
    ("msp", "Maison de santé pluriprofessionnelle de Saillans", "26289", "Route de Die", True, None),
    ("msp", "Maison de santé pluriprofessionnelle de Dieulefit", "26114", "Avenue de Montélimar", True, None),
    ("msp", "Maison de santé du Royans", "26307", "Rue des Écoles", False, None),
    ("msp", "Maison de santé pluriprofessionnelle de Grignan", "26146", "Route de Valréas", True, None),
    ("msp", "Maison de santé de Châtillon-en-Diois", "26086", "Place du Reviron", False, None),
    ("msp", "Maison de santé pluriprofessionnelle de Hauterives", "26148", "Grande Rue", False, None),
    ("health_centre", "Centre départemental de santé de Bourg-lès-Valence", "26058", "Avenue de Lyon", True, None),
    ("health_centre", "Centre de santé municipal de Pierrelatte", "26235", "Rue du Docteur Dumas", False, None),
    ("health_centre", "Centre de santé des Baronnies", "26063", "Place du Quinconce", False, None),
    ("health_centre", "Centre de santé de Livron", "26165", "Rue Henri Barbusse", False, None),
    ("cpts", "CPTS du Diois", "26113", "Die", False, None),
    ("cpts", "CPTS Drôme Provençale", "26220", "Nyons", False, None),
    ("cpts", "CPTS du Valentinois", "26362", "Valence", False, None),
    ("cpts", "CPTS Drôme des Collines", "26281", "Romans-sur-Isère", False, None),
    ("cpts", "CPTS Drôme Sud", "26235", "Pierrelatte", False, None),
    ("cpts", "CPTS du Val de Drôme", "26108", "Crest", False, None),
    ("practice", "Cabinet médical des Tilleuls", "26064", "Place des Tilleuls", False, None),
    ("practice", "Cabinet médical du Centre", "26347", "Avenue Jean Jaurès", True, None),
    ("practice", "Cabinet de médecine générale de l'Étoile", "26124", "Rue de la Mairie", False, None),
    ("practice", "Cabinet médical de Luc-en-Diois", "26167", "Grande Rue", True, None),
    ("practice", "Cabinet médical de Séderon", "26340", "Place de la Fontaine", False, None),
    ("intern_housing", "Maison des internes de Die", "26113", "Rue Camille Buffardel", True, 4),
    ("intern_housing", "Maison des internes de Nyons", "26220", "Avenue Henri Rochier", True, 4),
    ("intern_housing", "Maison des internes de Crest", "26108", "Rue de la Tour", True, 3),
    ("intern_housing", "Maison des internes de Saint-Vallier", "26333", "Avenue Jean Jaurès", True, 4),
    ("intern_housing", "Maison des internes de Buis-les-Baronnies", "26063", "Boulevard Aristide Briand", True, 3),
    ("intern_housing", "Maison des internes de Saint-Jean-en-Royans", "26307", "Place du Champ de Mars", True, 4),
]

# --- Contributing organisations ----------------------------------------------------------
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

# --- Listings ------------------------------------------------------------------------------
# Every listing: slug (the idempotency key), kind, moderation status, organisation key (None
# for a spontaneous submission without account), commune, texts and conditions. Dates are
# day offsets from today: available_in, expires_in (None: no expiry), confirmed_ago.


def _listing(slug, kind, status, org, commune, title, summary, **extra):
    return {
        "slug": slug,
        "kind": kind,
        "status": status,
        "org": org,
        "commune": commune,
        "title": title,
        "summary": summary,
        "professions": GP,
        "photos": ["facade-cabinet"],
        "available_in": 30,
        "expires_in": None,
        "confirmed_ago": 20,
        **extra,
    }


def _contact(name, role, email, phone="", consent=False):
    return {"name": name, "role": role, "email": email, "phone": phone, "consent_to_publish": consent}


LISTINGS = [
    # --- Diois --------------------------------------------------------------------------
    _listing(
        "die-cabinet-maison-de-sante",
        "office",
        "published",
        "die",
        "26113",
        "Cabinet disponible à la maison de santé de Die",
        "Un cabinet de 18 m² dans une maison de santé de 12 professionnels, au pied du Vercors.",
        description=(
            "La maison de santé accueille quatre médecins généralistes, des infirmières, deux "
            "kinésithérapeutes et une sage-femme. Secrétariat partagé, logiciel commun, réunions "
            "de coordination mensuelles. Hôpital de proximité à 500 m."
        ),
        address="Rue Bouvier",
        surface_m2=18,
        monthly_rent_eur=350,
        rent_free_months=6,
        conditions="Six mois de loyer offerts par la commune, secrétariat partagé, parking réservé.",
        photos=["facade-msp", "interieur-cabinet", "paysage-diois"],
        contact=_contact(
            "Mairie de Die – service santé", "Chargée de mission santé", "sante-die@example.org", "04 65 71 02 01", True
        ),
        available_in=15,
        expires_in=180,
        confirmed_ago=12,
    ),
    _listing(
        "die-remplacement-ete",
        "replacement",
        "published",
        "cc-diois",
        "26113",
        "Remplacements réguliers en médecine générale à Die",
        "Cabinet de groupe cherche remplaçant(e) pour les congés d'été et un jour par semaine.",
        description="Patientèle variée, rurale et touristique. Logement possible sur place pendant les remplacements.",
        conditions="Rétrocession de 70 %, logement meublé mis à disposition.",
        photos=["interieur-cabinet"],
        contact=_contact("Dr Claire Martin", "Médecin généraliste", "cabinet-die@example.org"),
        available_in=60,
        expires_in=120,
    ),
    _listing(
        "chatillon-en-diois-cabinet-a-reprendre",
        "practice_takeover",
        "published",
        "cc-diois",
        "26086",
        "Cabinet à reprendre à Châtillon-en-Diois",
        "Départ en retraite : cabinet équipé et patientèle fidèle à reprendre dans un village du Diois.",
        description="Présentation de la patientèle et accompagnement pendant trois mois par le médecin cédant.",
        address="Place du Reviron",
        surface_m2=65,
        sale_price_eur=15000,
        conditions="Accompagnement par le cédant, local en location (450 €/mois).",
        photos=["facade-cabinet", "paysage-diois"],
        contact=_contact("Dr Jean Roux", "Médecin cédant", "cabinet-chatillon@example.org"),
        available_in=120,
        confirmed_ago=250,
    ),
    _listing(
        "luc-en-diois-local-medical",
        "office",
        "published",
        "cc-diois",
        "26167",
        "Local médical rénové à Luc-en-Diois",
        "Local de 40 m² rénové par la communauté de communes, avec salle d'attente et accès PMR.",
        address="Grande Rue",
        surface_m2=40,
        monthly_rent_eur=300,
        rent_free_months=12,
        conditions="Douze mois de loyer offerts, puis loyer modéré.",
        photos=["facade-cabinet", "interieur-salle"],
        contact=_contact(
            "Communauté de communes du Diois", "Service santé", "sante-diois@example.org", "04 65 71 01 11", True
        ),
    ),
    _listing(
        "la-motte-chalancon-collaboration",
        "collaboration",
        "pending",
        "cc-diois",
        "26215",
        "Collaboration en médecine générale à La Motte-Chalancon",
        "Médecin installé propose une collaboration libérale deux à trois jours par semaine.",
        conditions="Redevance de 20 %, planning à construire ensemble.",
        photos=["paysage-diois"],
        contact=_contact("Dr Paul Girard", "Médecin généraliste", "cabinet-motte@example.org"),
    ),
    _listing(
        "lus-la-croix-haute-local",
        "office",
        "draft",
        "cc-diois",
        "26168",
        "Local professionnel à Lus-la-Croix-Haute",
        "Ancien cabinet de 35 m² en cours de rénovation, au cœur du village.",
        surface_m2=35,
        monthly_rent_eur=250,
        photos=["facade-cabinet"],
        contact=_contact("Communauté de communes du Diois", "Service santé", "sante-diois@example.org"),
    ),
    _listing(
        "saint-nazaire-le-desert-association",
        "partnership",
        "rejected",
        "cc-diois",
        "26321",
        "Association dans un cabinet rural",
        "Cabinet rural cherche associé(e).",
        photos=["paysage-diois"],
        contact=_contact("Dr Anne Faure", "Médecin généraliste", "cabinet-st-nazaire@example.org"),
    ),
    _listing(
        "die-logement-internes",
        "intern_housing",
        "published",
        "departement",
        "26113",
        "Chambre en maison des internes à Die",
        "Une chambre meublée dans la maison des internes de Die, à deux pas de l'hôpital.",
        description="Cuisine et salon partagés, wifi, local à vélos. Réservation pour la durée du stage.",
        address="Rue Camille Buffardel",
        monthly_rent_eur=150,
        conditions="150 € par mois charges comprises.",
        professions=[],
        photos=["interieur-logement", "facade-centre"],
        contact=_contact(
            "Guichet unique santé", "Accueil des internes", "guichet-sante@example.org", "04 65 71 00 26", True
        ),
        available_in=5,
        expires_in=200,
    ),
    # --- Baronnies et Drôme provençale -----------------------------------------------------
    _listing(
        "nyons-poste-centre-de-sante",
        "collaboration",
        "published",
        "cpts-provencale",
        "26220",
        "Médecin généraliste pour l'équipe de soins de Nyons",
        "La CPTS cherche un médecin pour rejoindre une équipe coordonnée, en collaboration puis association.",
        description="Soins non programmés organisés, protocoles avec les infirmières, accueil d'internes.",
        conditions="Collaboration puis association, secrétariat à distance pris en charge la première année.",
        photos=["facade-msp", "paysage-baronnies"],
        contact=_contact(
            "CPTS Drôme Provençale", "Coordinatrice", "contact-cpts-provencale@example.org", "04 65 71 01 08", True
        ),
        expires_in=90,
    ),
    _listing(
        "nyons-logement-internes",
        "intern_housing",
        "published",
        "departement",
        "26220",
        "Chambre en maison des internes à Nyons",
        "Chambre meublée pour un interne en stage dans le Nyonsais, à 150 € par mois.",
        monthly_rent_eur=150,
        professions=[],
        photos=["interieur-logement"],
        contact=_contact("Guichet unique santé", "Accueil des internes", "guichet-sante@example.org"),
        available_in=0,
    ),
    _listing(
        "buis-les-baronnies-cabinet-a-reprendre",
        "practice_takeover",
        "published",
        "cpts-provencale",
        "26063",
        "Cabinet à reprendre à Buis-les-Baronnies",
        "Cabinet de deux médecins, l'un part en retraite : patientèle et locaux à reprendre.",
        address="Place du Quinconce",
        surface_m2=90,
        sale_price_eur=0,
        monthly_rent_eur=600,
        conditions="Cession gratuite de la patientèle, loyer partagé entre les deux médecins.",
        photos=["facade-cabinet", "interieur-salle", "paysage-baronnies"],
        contact=_contact("Dr Michel Blanc", "Médecin cédant", "cabinet-buis@example.org"),
        expires_in=240,
    ),
    _listing(
        "mirabel-aux-baronnies-local",
        "office",
        "published",
        "cpts-provencale",
        "26182",
        "Local médical au rez-de-chaussée à Mirabel-aux-Baronnies",
        "Local de 55 m² avec deux bureaux, proche de la pharmacie et des écoles.",
        surface_m2=55,
        monthly_rent_eur=480,
        rent_free_months=3,
        photos=["facade-cabinet", "interieur-cabinet"],
        contact=_contact("Mairie de Mirabel-aux-Baronnies", "Secrétariat", "mairie-mirabel@example.org"),
    ),
    _listing(
        "remuzat-remplacement",
        "replacement",
        "expired",
        "cpts-provencale",
        "26264",
        "Remplacement de printemps à Rémuzat",
        "Remplacement de trois semaines dans un cabinet de montagne.",
        photos=["paysage-baronnies"],
        contact=_contact("Dr Sylvie Morel", "Médecin généraliste", "cabinet-remuzat@example.org"),
        available_in=-90,
        confirmed_ago=100,
    ),
    _listing(
        "sederon-local-et-logement",
        "office",
        "published",
        "cpts-provencale",
        "26340",
        "Cabinet et logement de fonction à Séderon",
        "La commune propose un cabinet équipé et un logement de fonction à un médecin généraliste.",
        surface_m2=45,
        monthly_rent_eur=200,
        rent_free_months=24,
        conditions="Deux ans de loyer offerts pour le cabinet, logement de fonction à loyer modéré.",
        photos=["facade-cabinet", "paysage-baronnies"],
        contact=_contact("Mairie de Séderon", "Maire", "mairie-sederon@example.org", "04 65 71 02 40", True),
        confirmed_ago=230,
    ),
    _listing(
        "montbrun-les-bains-remplacement",
        "replacement",
        "published",
        "cpts-provencale",
        "26193",
        "Remplacements en station thermale à Montbrun-les-Bains",
        "Remplacements réguliers dans un cabinet de village thermal, d'avril à octobre.",
        conditions="Rétrocession de 75 %, logement fourni.",
        photos=["paysage-baronnies"],
        contact=_contact("Dr Hélène Chevalier", "Médecin généraliste", "cabinet-montbrun@example.org"),
        expires_in=10,
        available_in=0,
    ),
    _listing(
        "grignan-association-msp",
        "partnership",
        "published",
        "cpts-provencale",
        "26146",
        "Association à la maison de santé de Grignan",
        "Trois médecins cherchent un(e) quatrième associé(e) dans une MSP récente.",
        description="MSP labellisée, maître de stage sur place, accueil régulier d'internes.",
        conditions="Parts de la SCI accessibles, pas de droit d'entrée.",
        professions=GP + ["pediatre"],
        photos=["facade-msp", "interieur-salle"],
        contact=_contact("MSP de Grignan", "Coordinateur", "msp-grignan@example.org"),
    ),
    _listing(
        "taulignan-kinesitherapeute",
        "office",
        "withdrawn",
        "cpts-provencale",
        "26348",
        "Local pour masseur-kinésithérapeute à Taulignan",
        "Local de 60 m² adapté à la kinésithérapie dans un pôle de santé.",
        surface_m2=60,
        monthly_rent_eur=520,
        professions=["masseur-kinesitherapeute"],
        photos=["interieur-salle"],
        contact=_contact("Mairie de Taulignan", "Secrétariat", "mairie-taulignan@example.org"),
    ),
    # --- Valence et Valentinois -------------------------------------------------------------
    _listing(
        "bourg-les-valence-poste-salarie",
        "salaried_post",
        "published",
        "centre-sante",
        "26058",
        "Médecin généraliste salarié au centre départemental de santé",
        "Poste salarié à temps plein ou partiel au centre départemental de santé de Bourg-lès-Valence.",
        description=(
            "Exercice salarié sans gestion administrative, équipe pluriprofessionnelle, temps dédié "
            "à la coordination et à la prévention. Accueil d'internes possible."
        ),
        address="Avenue de Lyon",
        conditions="Rémunération selon la grille de la fonction publique territoriale, 35 h, temps partiel possible.",
        photos=["facade-centre", "interieur-cabinet"],
        contact=_contact(
            "Direction des ressources humaines du Département",
            "Recrutement",
            "recrutement-sante@example.org",
            "04 65 71 00 30",
            True,
        ),
        expires_in=150,
        confirmed_ago=5,
    ),
    _listing(
        "valence-pediatre-salarie",
        "salaried_post",
        "published",
        "centre-sante",
        "26362",
        "Pédiatre salarié(e) à Valence",
        "Poste de pédiatre au sein du centre de santé, en lien avec la protection maternelle et infantile.",
        professions=["pediatre"],
        conditions="Temps partiel possible, 4 jours par semaine.",
        photos=["facade-centre"],
        contact=_contact(
            "Direction des ressources humaines du Département", "Recrutement", "recrutement-sante@example.org"
        ),
    ),
    _listing(
        "valence-psychiatre-cmp",
        "salaried_post",
        "pending",
        "centre-sante",
        "26362",
        "Psychiatre pour consultations avancées à Valence",
        "Consultations avancées de psychiatrie deux demi-journées par semaine.",
        professions=["psychiatre"],
        photos=["interieur-cabinet"],
        contact=_contact("Centre de santé", "Direction", "centre-sante-valence@example.org"),
    ),
    _listing(
        "portes-les-valence-local",
        "office",
        "published",
        "centre-sante",
        "26252",
        "Local médical neuf à Portes-lès-Valence",
        "Deux cabinets dans un pôle de santé neuf, à côté de la gare.",
        surface_m2=24,
        monthly_rent_eur=420,
        photos=["facade-centre", "interieur-cabinet"],
        contact=_contact("Pôle de santé de Portes", "Gestionnaire", "pole-portes@example.org"),
    ),
    _listing(
        "etoile-sur-rhone-collaboration",
        "collaboration",
        "published",
        "centre-sante",
        "26124",
        "Collaboration à Étoile-sur-Rhône",
        "Cabinet de trois médecins propose une collaboration avec perspective d'association.",
        conditions="Redevance de 15 % la première année.",
        photos=["facade-cabinet"],
        contact=_contact("Dr Nicolas Bonnet", "Médecin généraliste", "cabinet-etoile@example.org"),
    ),
    _listing(
        "chabeuil-infirmier",
        "office",
        "draft",
        "centre-sante",
        "26064",
        "Cabinet infirmier à Chabeuil",
        "Local pour un cabinet infirmier, dans le cabinet médical des Tilleuls.",
        professions=["infirmier"],
        surface_m2=15,
        monthly_rent_eur=200,
        photos=["interieur-cabinet"],
        contact=_contact("Cabinet médical des Tilleuls", "Secrétariat", "cabinet-tilleuls@example.org"),
    ),
    # --- Drôme des collines et nord -----------------------------------------------------------
    _listing(
        "romans-poste-urgences",
        "salaried_post",
        "published",
        "hdn",
        "26281",
        "Médecin généraliste en temps partagé ville-hôpital à Romans",
        "Poste partagé entre le service d'urgences et un cabinet de ville partenaire.",
        conditions="Statut de praticien contractuel, 50 % hôpital / 50 % ville.",
        photos=["facade-centre"],
        contact=_contact(
            "Hôpitaux Drôme Nord",
            "Direction des affaires médicales",
            "affaires-medicales-hdn@example.org",
            "04 65 71 03 01",
            True,
        ),
        expires_in=60,
    ),
    _listing(
        "romans-gynecologue",
        "salaried_post",
        "published",
        "hdn",
        "26281",
        "Gynécologue médical(e) à Romans-sur-Isère",
        "Consultations de gynécologie médicale au centre hospitalier, avec activité libérale possible.",
        professions=["gynecologue", "sage-femme"],
        photos=["interieur-cabinet"],
        contact=_contact(
            "Hôpitaux Drôme Nord", "Direction des affaires médicales", "affaires-medicales-hdn@example.org"
        ),
    ),
    _listing(
        "saint-vallier-logement-internes",
        "intern_housing",
        "published",
        "departement",
        "26333",
        "Chambre en maison des internes à Saint-Vallier",
        "Chambre meublée pour un interne en stage dans le nord de la Drôme.",
        monthly_rent_eur=150,
        professions=[],
        photos=["interieur-logement"],
        contact=_contact("Guichet unique santé", "Accueil des internes", "guichet-sante@example.org"),
    ),
    _listing(
        "bourg-de-peage-remplacement",
        "replacement",
        "published",
        "hdn",
        "26057",
        "Remplacements à Bourg-de-Péage",
        "Cabinet de groupe cherche remplaçants réguliers, deux à quatre semaines par trimestre.",
        conditions="Rétrocession de 70 %.",
        photos=["facade-cabinet"],
        contact=_contact("Cabinet médical du Pont", "Secrétariat", "cabinet-pont@example.org"),
    ),
    _listing(
        "saint-rambert-d-albon-cabinet",
        "practice_takeover",
        "rejected",
        "hdn",
        "26325",
        "Cabinet à céder",
        "Cabinet à céder rapidement.",
        photos=["facade-cabinet"],
        contact=_contact("Dr Luc Mercier", "Médecin cédant", "cabinet-albon@example.org"),
    ),
    _listing(
        "hauterives-msp-association",
        "partnership",
        "published",
        "hdn",
        "26148",
        "Association à la maison de santé de Hauterives",
        "MSP de la Drôme des collines cherche un(e) médecin associé(e) pour remplacer un départ.",
        conditions="Pas de droit d'entrée, secrétariat mutualisé.",
        photos=["facade-msp", "interieur-salle"],
        contact=_contact("MSP de Hauterives", "Coordinatrice", "msp-hauterives@example.org", "04 65 71 03 20", True),
    ),
    _listing(
        "le-grand-serre-local",
        "office",
        "expired",
        "hdn",
        "26143",
        "Local médical au Grand-Serre",
        "Local de 50 m² dans l'ancienne poste, aménagé pour deux cabinets.",
        surface_m2=50,
        monthly_rent_eur=380,
        photos=["facade-cabinet"],
        contact=_contact("Mairie du Grand-Serre", "Secrétariat", "mairie-grand-serre@example.org"),
        available_in=-200,
        confirmed_ago=210,
    ),
    _listing(
        "saint-sorlin-collaboration",
        "collaboration",
        "published",
        "hdn",
        "26330",
        "Collaboration à Saint-Sorlin-en-Valloire",
        "Médecin installé propose une collaboration, patientèle en croissance.",
        photos=["interieur-cabinet"],
        contact=_contact("Dr Isabelle Lambert", "Médecin généraliste", "cabinet-st-sorlin@example.org"),
    ),
    # --- Vallée de la Drôme -----------------------------------------------------------------
    _listing(
        "saillans-msp-cabinet",
        "office",
        "published",
        "msp-saillans",
        "26289",
        "Cabinet libre à la maison de santé de Saillans",
        "Un cabinet libre dans une MSP dynamique de la vallée de la Drôme, maître de stage présent.",
        surface_m2=20,
        monthly_rent_eur=380,
        conditions="Charges communes partagées, secrétariat sur place.",
        photos=["facade-msp", "interieur-cabinet"],
        contact=_contact("MSP de Saillans", "Coordinatrice", "msp-saillans@example.org", "04 65 71 03 40", True),
        expires_in=365,
    ),
    _listing(
        "crest-remplacement",
        "replacement",
        "published",
        "msp-saillans",
        "26108",
        "Remplacements fixes à Crest",
        "Deux jours par semaine de remplacement fixe, à l'année.",
        conditions="Rétrocession de 72 %.",
        photos=["facade-cabinet"],
        contact=_contact("Dr Marc Fontaine", "Médecin généraliste", "cabinet-crest@example.org"),
    ),
    _listing(
        "crest-logement-internes",
        "intern_housing",
        "pending",
        "departement",
        "26108",
        "Chambre en maison des internes à Crest",
        "Chambre meublée pour un interne en stage dans la vallée de la Drôme.",
        monthly_rent_eur=150,
        professions=[],
        photos=["interieur-logement"],
        contact=_contact("Guichet unique santé", "Accueil des internes", "guichet-sante@example.org"),
    ),
    # --- Royans-Vercors --------------------------------------------------------------------
    _listing(
        "saint-jean-en-royans-cabinet",
        "office",
        "published",
        "st-jean",
        "26307",
        "Cabinet médical communal à Saint-Jean-en-Royans",
        "La commune met à disposition un cabinet médical rénové à côté de la maison de santé.",
        surface_m2=30,
        monthly_rent_eur=250,
        rent_free_months=12,
        conditions="Douze mois offerts, logement temporaire possible pour la famille.",
        photos=["facade-cabinet", "paysage-vercors"],
        contact=_contact(
            "Mairie de Saint-Jean-en-Royans",
            "Secrétariat général",
            "mairie-st-jean@example.org",
            "04 65 71 03 60",
            True,
        ),
    ),
    _listing(
        "saint-jean-en-royans-logement-internes",
        "intern_housing",
        "published",
        "st-jean",
        "26307",
        "Logement pour internes et remplaçants à Saint-Jean-en-Royans",
        "Studio meublé gratuit pour les internes et remplaçants, au centre du village.",
        professions=[],
        photos=["interieur-logement", "paysage-vercors"],
        contact=_contact("Mairie de Saint-Jean-en-Royans", "Secrétariat général", "mairie-st-jean@example.org"),
    ),
    # --- Drôme Sud et Montélimar ---------------------------------------------------------------
    _listing(
        "pierrelatte-centre-de-sante",
        "salaried_post",
        "published",
        "cpts-sud",
        "26235",
        "Médecin généraliste salarié à Pierrelatte",
        "Poste salarié au centre de santé municipal, équipe de quatre médecins.",
        conditions="Contrat à durée indéterminée, 4 jours par semaine possibles.",
        photos=["facade-centre", "interieur-salle"],
        contact=_contact("Centre de santé municipal", "Direction", "centre-sante-pierrelatte@example.org"),
    ),
    _listing(
        "saint-paul-trois-chateaux-association",
        "partnership",
        "withdrawn",
        "cpts-sud",
        "26324",
        "Association à Saint-Paul-Trois-Châteaux",
        "Cabinet de groupe cherche un associé pour la rentrée.",
        photos=["facade-cabinet"],
        contact=_contact("Dr Julien Perrin", "Médecin généraliste", "cabinet-sptc@example.org"),
    ),
    _listing(
        "donzere-dentiste",
        "office",
        "published",
        "cpts-sud",
        "26116",
        "Local pour chirurgien-dentiste à Donzère",
        "Local de 70 m² équipé pour deux fauteuils, en centre-ville.",
        surface_m2=70,
        monthly_rent_eur=900,
        professions=["chirurgien-dentiste"],
        photos=["interieur-cabinet"],
        contact=_contact("Mairie de Donzère", "Service urbanisme", "mairie-donzere@example.org"),
    ),
    _listing(
        "suze-la-rousse-remplacement",
        "replacement",
        "published",
        "cpts-sud",
        "26345",
        "Remplacement de longue durée à Suze-la-Rousse",
        "Remplacement de six mois pour congé maternité, possibilité d'installation ensuite.",
        photos=["facade-cabinet"],
        contact=_contact("Dr Camille Robin", "Médecin généraliste", "cabinet-suze@example.org"),
        expires_in=45,
    ),
    _listing(
        "tulette-cabinet-a-reprendre",
        "practice_takeover",
        "published",
        "cpts-sud",
        "26357",
        "Cabinet à reprendre à Tulette",
        "Cabinet d'un médecin partant en retraite, dans un village viticole.",
        sale_price_eur=10000,
        monthly_rent_eur=400,
        photos=["facade-cabinet"],
        contact=_contact("Dr Bernard Garnier", "Médecin cédant", "cabinet-tulette@example.org"),
    ),
    _listing(
        "montelimar-sage-femme",
        "office",
        "published",
        "montelimar-agglo",
        "26198",
        "Cabinet pour sage-femme à Montélimar",
        "Cabinet dans un pôle de santé de quartier, à proximité de la maternité.",
        professions=["sage-femme"],
        surface_m2=22,
        monthly_rent_eur=400,
        photos=["facade-centre"],
        contact=_contact("Montélimar Agglomération", "Service santé", "sante-montelimar-agglo@example.org"),
    ),
    _listing(
        "chateauneuf-du-rhone-collaboration",
        "collaboration",
        "draft",
        "montelimar-agglo",
        "26085",
        "Collaboration à Châteauneuf-du-Rhône",
        "Cabinet de deux médecins propose une collaboration.",
        photos=["facade-cabinet"],
        contact=_contact("Dr Émilie Renard", "Médecin généraliste", "cabinet-chateauneuf@example.org"),
    ),
    _listing(
        "cleon-d-andran-cabinet",
        "practice_takeover",
        "changes_requested",
        "montelimar-agglo",
        "26095",
        "Cabinet à reprendre à Cléon-d'Andran",
        "Cabinet rural avec logement attenant, patientèle à reprendre.",
        photos=["facade-cabinet"],
        contact=_contact("Dr Alain Petit", "Médecin cédant", "cabinet-cleon@example.org"),
    ),
    _listing(
        "marsanne-remplacement",
        "replacement",
        "withdrawn",
        "montelimar-agglo",
        "26176",
        "Remplacement ponctuel à Marsanne",
        "Remplacement de deux semaines en août.",
        photos=["facade-cabinet"],
        contact=_contact("Dr François Noël", "Médecin généraliste", "cabinet-marsanne@example.org"),
    ),
    # --- Spontaneous submissions (no account, no organisation) ------------------------------
    _listing(
        "dieulefit-msp-association",
        "partnership",
        "published",
        None,
        "26114",
        "Association à la maison de santé de Dieulefit",
        "MSP de huit professionnels cherche un(e) médecin généraliste associé(e).",
        conditions="Accueil d'internes, protocoles infirmiers, locaux accessibles.",
        photos=["facade-msp"],
        contact=_contact("MSP de Dieulefit", "Coordinateur", "msp-dieulefit@example.org"),
    ),
    _listing(
        "bourdeaux-local",
        "office",
        "rejected",
        None,
        "26056",
        "Local à louer",
        "Local à louer au village.",
        photos=["facade-cabinet"],
        contact=_contact("M. Olivier Guerin", "Propriétaire", "proprietaire-bourdeaux@example.org"),
    ),
    _listing(
        "vassieux-en-vercors-remplacement",
        "replacement",
        "changes_requested",
        None,
        "26364",
        "Remplacement d'hiver sur le plateau du Vercors",
        "Remplacement pendant la saison d'hiver dans un cabinet de montagne.",
        photos=["paysage-vercors"],
        contact=_contact("Dr Laure Dumas", "Médecin généraliste", "cabinet-vassieux@example.org"),
    ),
    _listing(
        "la-chapelle-en-vercors-cabinet",
        "office",
        "published",
        None,
        "26074",
        "Cabinet médical à La Chapelle-en-Vercors",
        "Cabinet de 25 m² dans la maison de santé du plateau, disponible immédiatement.",
        surface_m2=25,
        monthly_rent_eur=280,
        photos=["paysage-vercors", "facade-msp"],
        contact=_contact("Maison de santé du plateau", "Coordinatrice", "msp-vercors@example.org"),
        available_in=0,
    ),
    _listing(
        "tain-l-hermitage-collaboration",
        "collaboration",
        "expired",
        None,
        "26347",
        "Collaboration à Tain-l'Hermitage",
        "Collaboration dans un cabinet du centre-ville, au bord du Rhône.",
        photos=["facade-cabinet"],
        contact=_contact("Dr Sophie Gauthier", "Médecin généraliste", "cabinet-tain@example.org"),
        available_in=-150,
        confirmed_ago=160,
    ),
    _listing(
        "livron-sur-drome-remplacement",
        "replacement",
        "published",
        None,
        "26165",
        "Remplacements réguliers à Livron-sur-Drôme",
        "Cabinet de quatre médecins cherche un(e) remplaçant(e) régulier(ère).",
        photos=["facade-cabinet"],
        contact=_contact("Cabinet médical de Livron", "Secrétariat", "cabinet-livron@example.org"),
    ),
]

# A published listing with an edit awaiting moderation: the public keeps seeing the approved
# version while the moderators review the change.
PENDING_EDITS = {
    "valence-pediatre-salarie": {
        "summary": (
            "Poste de pédiatre (temps plein) au sein du centre de santé, en lien avec la PMI. Prise de poste rapide."
        ),
    },
}
