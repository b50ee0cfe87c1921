"""The demo site: its placeholder pictures, the desk settings, the home page, the aids and
partners indexes and the editorial pages (journey, questions, legal notice).
"""

from .common import DEMO_NOTICE, paragraphs

# Placeholder pictures drawn at seeding time, used by pages and listings.
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

# --- Site tree, desk settings and editorial pages ----------------------------------------------

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
                "body": paragraphs(
                    "Dès la 2e année, le CESP verse une allocation mensuelle en échange d'un exercice en "
                    "zone sous-dotée. Parlez-en à votre faculté et à l'ARS."
                ),
            },
        ),
        (
            "step",
            {
                "title": "L'internat : faire ses stages dans la Drôme",
                "body": paragraphs(
                    "Maisons des internes, bourses pour les stages en zone peu dense, maîtres de stage "
                    "disponibles : le Département facilite vos semestres sur le territoire."
                ),
            },
        ),
        (
            "step",
            {
                "title": "Docteur junior et remplacements",
                "body": paragraphs(
                    "Les remplacements permettent de découvrir les cabinets et les équipes. "
                    "Consultez les annonces de remplacement et les aides ouvertes aux docteurs juniors."
                ),
            },
        ),
        (
            "step",
            {
                "title": "La première installation",
                "body": paragraphs(
                    "Local, cabinet à reprendre, collaboration ou poste salarié : trouvez une opportunité, "
                    "vérifiez le zonage de la commune et les aides qui s'y appliquent."
                ),
            },
        ),
        (
            "step",
            {
                "title": "Devenir maître de stage universitaire",
                "body": paragraphs(
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
                "answer": paragraphs(
                    "Le guichet unique santé du Département vous met en relation avec l'ARS, la CPAM, "
                    "l'Ordre des médecins, l'URPS et les collectivités, et suit votre projet de bout en bout."
                ),
            },
        ),
        (
            "question",
            {
                "question": "Comment savoir si une commune est en zone d'intervention prioritaire (ZIP) ?",
                "answer": paragraphs(
                    "Le zonage est arrêté par l'ARS. Sur ce site de démonstration, le zonage des communes "
                    "est fictif : vérifiez toujours auprès de l'ARS Auvergne-Rhône-Alpes."
                ),
            },
        ),
        (
            "question",
            {
                "question": "Puis-je cumuler plusieurs aides à l'installation ?",
                "answer": paragraphs(
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
                "answer": paragraphs(
                    "Le Département propose des places dans ses maisons des internes, et des communes "
                    "mettent des logements à disposition : voir les annonces « Logement pour internes »."
                ),
            },
        ),
        (
            "question",
            {
                "question": "Comment publier une annonce pour ma commune ou ma structure ?",
                "answer": paragraphs(
                    "Demandez un compte contributeur au guichet, ou proposez l'annonce par le formulaire "
                    "public : elle est publiée après vérification par l'équipe."
                ),
            },
        ),
        (
            "question",
            {
                "question": "Mes coordonnées seront-elles publiées ?",
                "answer": paragraphs(
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
        ("paragraph", paragraphs("Département de la Drôme – Guichet unique santé (site de démonstration).")),
        ("heading", {"text": "Données de démonstration", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
                "Les aides, annonces, établissements et zonages présentés ici sont des données de "
                "démonstration – à vérifier. Ils ne peuvent fonder aucune décision."
            ),
        ),
        ("heading", {"text": "Données personnelles", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
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
        paragraphs(
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
