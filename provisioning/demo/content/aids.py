"""The demo aids to settling in: grants, premiums, tax exemptions, housing, support."""

from .common import DOCTORS, GP, paragraphs

# funder: partner slug; audiences: AidAudience codes; professions: Profession slugs;
# communes/epcis: INSEE codes / SIREN for scope "local"; reviewed_days_ago: last review,
# counted back from the day of seeding so that the demo always shows a mostly fresh guide
# with a few aids due for review (AID_REVIEW_AFTER_DAYS); application_url: a link to the
# funder's site (never fetched). The national aids are those of 2026 (convention médicale
# of 4 June 2024); the four 2016 contracts stay as history, closed on 31 December 2025.
#
# Eligibility conditions (aides.eligibility judges them; omitted keys take the model's
# defaults): first_installation_only, practice_modes (PracticeMode codes), sector_condition
# ("sector_1_optam" or ""), commitment (one line, shown as a condition to check),
# exclusion_group / exclusion_years (a non-cumulable category), amount_period (once, month,
# semester, year) and amount_periods (how many, for the finder's estimated total).

# Décret n° 2025-231 of 12 March 2025: no second aid of this category within ten years,
# local authorities' aids included, so the Département's first-installation aid is in it too.
FIRST_INSTALLATION_GROUP = "aide à la première installation"
FIRST_INSTALLATION_EXCLUSION_YEARS = 10

AIDS = [
    {
        "slug": "aide-premiere-installation-zip",
        "title": "Aide à la première installation en ZIP",
        "summary": "10 000 € versés en une fois pour une première installation libérale conventionnée en ZIP ou QPV.",
        "funder": "cpam-drome",
        "aid_type": "premium",
        "amount_min_eur": 10000,
        "amount_max_eur": 10000,
        "amount_period": "once",
        "amount_text": "10 000 € en une fois",
        "audiences": ["remplacant", "installe", "interne"],
        "professions": DOCTORS,
        "scope": "national",
        "zonage_requirement": "zip",
        "first_installation_only": True,
        "practice_modes": ["liberal"],
        "sector_condition": "sector_1_optam",
        "exclusion_group": FIRST_INSTALLATION_GROUP,
        "exclusion_years": FIRST_INSTALLATION_EXCLUSION_YEARS,
        "obligations": paragraphs("Première installation en libéral conventionné, en secteur 1 ou adhérent à l'OPTAM."),
        "how_to_apply": paragraphs(
            "Demande auprès de la CPAM lors du conventionnement, avec le conseiller installation."
        ),
        "valid_from": "2026-01-01",
        "context": (
            "Issue de la convention médicale du 4 juin 2024, elle remplace depuis le 1er janvier 2026 le "
            "contrat d'aide à l'installation (CAIM). Pas de seconde aide de même catégorie dans les dix ans."
        ),
        "application_url": (
            "https://www.ameli.fr/drome/medecin/exercice-liberal/installation-liberal/aides-installation-zones-sous-denses"
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
        "amount_period": "once",
        "amount_text": "5 000 € en une fois",
        "audiences": ["remplacant", "installe", "interne"],
        "professions": DOCTORS,
        "scope": "national",
        "zonage_requirement": "zip_or_zac",
        "first_installation_only": True,
        "practice_modes": ["liberal"],
        "sector_condition": "sector_1_optam",
        "exclusion_group": FIRST_INSTALLATION_GROUP,
        "exclusion_years": FIRST_INSTALLATION_EXCLUSION_YEARS,
        "obligations": paragraphs("Première installation en libéral conventionné, en secteur 1 ou adhérent à l'OPTAM."),
        "how_to_apply": paragraphs("Demande auprès de la CPAM lors du conventionnement."),
        "valid_from": "2026-01-01",
        "context": "En ZIP, c'est l'aide de 10 000 € qui s'applique. Pas de cumul avec une aide de même catégorie.",
        "application_url": (
            "https://www.ameli.fr/drome/medecin/exercice-liberal/installation-liberal/aides-installation-zones-sous-denses"
        ),
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
        "amount_period": "once",
        "amount_text": "3 000 €",
        "audiences": ["installe"],
        "professions": DOCTORS,
        "scope": "national",
        "zonage_requirement": "zip",
        "practice_modes": ["liberal"],
        "obligations": paragraphs("Exercer une partie de son activité dans le cabinet secondaire situé en ZIP."),
        "how_to_apply": paragraphs("Déclaration du lieu d'exercice secondaire à l'Ordre puis demande à la CPAM."),
        "valid_from": "2026-01-01",
        "context": "Aide de la convention médicale de 2024.",
        "application_url": (
            "https://www.ameli.fr/drome/medecin/exercice-liberal/installation-liberal/aides-installation-zones-sous-denses"
        ),
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
        "practice_modes": ["liberal"],
        "obligations": paragraphs("Exercer en ZIP ou en quartier prioritaire de la ville (QPV)."),
        "how_to_apply": paragraphs("Versée automatiquement par l'Assurance maladie avec le forfait médecin traitant."),
        "valid_from": "2026-01-01",
        "context": (
            "Avec les aides à la première installation, elle prend le relais depuis 2026 des contrats de 2016 "
            "(CAIM, COSCOM, COTRAM, CSTM), fermés aux nouvelles signatures."
        ),
        "application_url": "https://www.ameli.fr/drome/medecin/exercice-liberal/remuneration/forfait-medecin-traitant",
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
        # How long it is paid depends on the year of signature (from the 2nd year of studies):
        # 48 months (e.g. signed at the start of the internship) is an indicative figure.
        "amount_period": "month",
        "amount_periods": 48,
        "amount_text": (
            "1 200 € bruts par mois jusqu'à la fin des études ; estimation indicative sur 48 mois, "
            "la durée dépend de l'année de signature"
        ),
        "audiences": ["etudiant", "interne", "docteur-junior"],
        "professions": DOCTORS + ["chirurgien-dentiste"],
        "scope": "national",
        "zonage_requirement": "none",
        "commitment": "exercer en zone sous-dotée au moins autant d'années que d'aide perçue (2 ans minimum)",
        "obligations": paragraphs(
            "Exercer en zone sous-dotée au moins aussi longtemps que l'allocation a été versée, "
            "avec un minimum de deux ans."
        ),
        "how_to_apply": paragraphs("Candidature auprès de la faculté et de l'ARS, ouverte dès la 2e année des études."),
        "context": "Le lieu d'exercice est choisi sur une liste de zones fixée par l'ARS.",
        "application_url": "https://www.auvergne-rhone-alpes.ars.sante.fr/contrat-dengagement-de-service-public-cesp",
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
        # The year of docteur junior: 12 months; the €500 per semester is not in the estimate.
        "amount_period": "month",
        "amount_periods": 12,
        "amount_text": (
            "1 000 € par mois en ZIP pendant l'année de docteur junior (12 mois), plus 500 € par semestre ; "
            "le maître de stage reçoit 600 € par mois"
        ),
        # Not "msu": the amounts above are the docteur junior's, the supervisor's are in the text.
        "audiences": ["docteur-junior"],
        "professions": GP,
        "scope": "national",
        "zonage_requirement": "zip",
        "obligations": paragraphs(
            "Effectuer sa 4e année de médecine générale (docteur junior) dans un cabinet situé en ZIP."
        ),
        "how_to_apply": paragraphs("Information auprès de la faculté et de l'ARS au moment du choix de stage."),
        "valid_from": "2026-11-01",
        "context": "Applicable à partir de novembre 2026 avec la 4e année du diplôme de médecine générale.",
        "application_url": "https://www.auvergne-rhone-alpes.ars.sante.fr/docteurs-juniors-en-medecine-generale",
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
        "obligations": paragraphs("Participer à la permanence des soins ambulatoires dans une zone définie par l'ARS."),
        "how_to_apply": paragraphs(
            "À déclarer lors de la déclaration de revenus (article 151 ter du code général des impôts)."
        ),
        "context": "Régime prévu par l'article 151 ter du CGI.",
        "application_url": "https://www.impots.gouv.fr/professionnel/permanence-des-soins-exoneration",
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
        "obligations": paragraphs(
            "S'installer dans une commune classée FRR (le classement a remplacé les ZRR le 1er juillet 2024)."
        ),
        "how_to_apply": paragraphs(
            "Option à exercer auprès du service des impôts des entreprises lors de la création."
        ),
        "valid_from": "2024-07-01",
        "context": "Vérifier le classement FRR de la commune : il n'est pas repris dans ces données de démonstration.",
        "application_url": "https://www.impots.gouv.fr/professionnel/france-ruralites-revitalisation-frr",
        "reviewed_days_ago": 120,
    },
    {
        "slug": "maisons-des-internes",
        "title": "Maisons des internes du Département",
        "summary": "Un logement en maison des internes pour 150 € par mois pendant votre stage dans la Drôme.",
        "funder": "departement-drome",
        "aid_type": "housing",
        # No amount: the €150 a month is the rent the intern pays, not a sum received.
        "amount_text": "Loyer de 150 € par mois, charges comprises",
        "audiences": ["interne"],
        "professions": [],
        "scope": "departement",
        "zonage_requirement": "none",
        "obligations": paragraphs("Effectuer un stage d'internat dans la Drôme pendant la durée du logement."),
        "how_to_apply": paragraphs("Réservation auprès du guichet unique santé dès le choix de stage."),
        "context": "Six maisons des internes, 22 places au total.",
        "application_url": "https://www.ladrome.fr/mon-quotidien/sante/maisons-des-internes",
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
        "amount_period": "month",
        "amount_periods": 6,
        "amount_text": "500 € par mois pendant le stage (6 mois pour un semestre)",
        "audiences": ["interne"],
        "professions": GP,
        "scope": "departement",
        "zonage_requirement": "zip_or_zac",
        "obligations": paragraphs("Effectuer le stage dans la Drôme, en ZAC ou en zone peu dense."),
        "how_to_apply": paragraphs("Dossier à déposer auprès du guichet unique santé au début du semestre."),
        "valid_from": "2022-01-01",
        "context": "Dispositif départemental en place depuis 2022.",
        "application_url": "https://www.ladrome.fr/mon-quotidien/sante/bourses-aux-internes",
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
        "amount_period": "once",
        "amount_text": "5 000 €, jusqu'à 10 000 € avec un équipement de télémédecine",
        "audiences": ["remplacant", "installe"],
        "professions": GP,
        "scope": "departement",
        "zonage_requirement": "none",
        "first_installation_only": True,
        "commitment": "devenir maître de stage et exercer 3 ans dans la Drôme",
        "exclusion_group": FIRST_INSTALLATION_GROUP,
        "exclusion_years": FIRST_INSTALLATION_EXCLUSION_YEARS,
        "obligations": paragraphs(
            "Devenir maître de stage universitaire et exercer trois ans dans la Drôme. "
            "Pas de cumul avec une aide de même catégorie dans les dix ans."
        ),
        "how_to_apply": paragraphs("Dossier auprès du guichet unique santé, avant l'installation."),
        "context": (
            "Aide du Département de la Drôme. Le décret n° 2025-231 du 12 mars 2025 compte les aides des "
            "collectivités : elle ne se cumule pas avec l'aide de l'Assurance maladie à la première installation."
        ),
        "application_url": "https://www.ladrome.fr/mon-quotidien/sante/aide-a-la-premiere-installation-des-medecins",
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
        "obligations": paragraphs("Accueillir des internes après l'agrément."),
        "how_to_apply": paragraphs("Inscription auprès du département de médecine générale de la faculté."),
        "context": "Sessions organisées avec le Département de la Drôme.",
        "application_url": "https://lyon-est.univ-lyon1.fr/formation/devenir-maitre-de-stage-universitaire",
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
        "how_to_apply": paragraphs("Prendre contact avec l'agence ou le guichet unique santé."),
        "context": "Proposé par l'Agence d'attractivité de la Drôme avec le guichet unique santé.",
        "application_url": "https://www.ladrome.fr/mon-quotidien/sante/sinstaller-dans-la-drome",
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
        "how_to_apply": paragraphs("Prendre rendez-vous avec le service installation de la CPAM de la Drôme."),
        "context": "",
        "application_url": (
            "https://www.ameli.fr/drome/medecin/exercice-liberal/installation-liberal/accompagnement-installation"
        ),
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
        "amount_period": "once",
        "amount_text": "12 mois de loyer offerts (jusqu'à 6 000 €)",
        "audiences": ["remplacant", "installe"],
        "professions": GP,
        "scope": "local",
        "epcis": ["242600534"],
        "communes": ["26113", "26086", "26167"],
        "zonage_requirement": "none",
        "commitment": "exercer au moins 3 ans dans une commune de la communauté de communes du Diois",
        "obligations": paragraphs("Exercer au moins trois ans dans une commune de la communauté de communes du Diois."),
        "how_to_apply": paragraphs("Contacter la communauté de communes du Diois par l'intermédiaire du guichet."),
        "context": "Exemple d'aide locale d'une intercommunalité (aide fictive de démonstration).",
        "application_url": "https://www.ladrome.fr/mon-quotidien/sante/sinstaller-dans-la-drome",
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
        "obligations": paragraphs("Effectuer un stage ou un remplacement dans l'une des communes concernées."),
        "how_to_apply": paragraphs("Demande à la communauté de communes, par l'intermédiaire du guichet."),
        "context": "Exemple d'aide locale d'une intercommunalité et de ses communes (aide fictive de démonstration).",
        "application_url": "https://www.ladrome.fr/mon-quotidien/sante/sinstaller-dans-la-drome",
        "reviewed_days_ago": 200,
    },
    {
        "slug": "contrat-aide-installation-caim",
        "title": "Contrat d'aide à l'installation des médecins (CAIM) – fermé",
        "summary": (
            "Ancien contrat de 2016, fermé aux nouvelles signatures depuis le 1er janvier 2026 : "
            "jusqu'à 50 000 € sur 5 ans pour les contrats en cours."
        ),
        "funder": "cpam-drome",
        "aid_type": "premium",
        "amount_min_eur": 0,
        "amount_max_eur": 50000,
        "amount_period": "once",
        "amount_text": "Jusqu'à 50 000 € sur 5 ans (contrats signés avant 2026)",
        "audiences": ["installe"],
        "professions": DOCTORS,
        "scope": "national",
        "zonage_requirement": "zip",
        "practice_modes": ["liberal"],
        "commitment": "exercer 5 ans en zone sous-dotée",
        "obligations": paragraphs("Exercer 5 ans en zone sous-dotée (contrats en cours uniquement)."),
        "how_to_apply": paragraphs("Plus de nouvelle signature : voir l'aide à la première installation en ZIP."),
        "valid_from": "2017-01-01",
        "valid_until": "2025-12-31",
        "context": "Affiché pour les médecins encore sous contrat.",
        "application_url": (
            "https://www.ameli.fr/drome/medecin/exercice-liberal/vie-cabinet/aides-financieres/contrats-demographiques-2016"
        ),
        "reviewed_days_ago": 20,
    },
    {
        "slug": "contrat-stabilisation-coordination-coscom",
        "title": "Contrat de stabilisation et de coordination (COSCOM) – fermé",
        "summary": (
            "Ancien contrat de 2016, fermé aux nouvelles signatures depuis le 1er janvier 2026 : 5 000 € par an, "
            "plus 300 € par mois par étudiant accueilli, pour les contrats en cours."
        ),
        "funder": "cpam-drome",
        "aid_type": "grant",
        "amount_min_eur": 5000,
        "amount_max_eur": 5000,
        "amount_period": "year",
        "amount_text": "5 000 € par an + 300 € par mois et par étudiant accueilli (contrats signés avant 2026)",
        "audiences": ["installe", "msu"],
        "professions": DOCTORS,
        "scope": "national",
        "zonage_requirement": "zip",
        "practice_modes": ["liberal"],
        "obligations": paragraphs("Exercer en ZIP, en exercice coordonné (contrats en cours uniquement)."),
        "how_to_apply": paragraphs("Plus de nouvelle signature : voir les aides de la convention médicale de 2024."),
        "application_url": (
            "https://www.ameli.fr/drome/medecin/exercice-liberal/vie-cabinet/aides-financieres/contrats-demographiques-2016"
        ),
        "valid_from": "2017-01-01",
        "valid_until": "2025-12-31",
        "context": "Affiché pour les médecins encore sous contrat.",
        "reviewed_days_ago": 20,
    },
    {
        "slug": "contrat-transition-cotram",
        "title": "Contrat de transition des médecins (COTRAM) – fermé",
        "summary": (
            "Ancien contrat de 2016, fermé aux nouvelles signatures depuis le 1er janvier 2026 : +10 % des "
            "honoraires, jusqu'à 20 000 € par an, pour les contrats en cours."
        ),
        "funder": "cpam-drome",
        "aid_type": "fee_uplift",
        "amount_min_eur": 0,
        "amount_max_eur": 20000,
        "amount_period": "year",
        "amount_text": "+10 % des honoraires, jusqu'à 20 000 € par an (contrats signés avant 2026)",
        "audiences": ["installe"],
        "professions": DOCTORS,
        "scope": "national",
        "zonage_requirement": "zip",
        "practice_modes": ["liberal"],
        "obligations": paragraphs("Exercer en ZIP (contrats en cours uniquement)."),
        "how_to_apply": paragraphs("Plus de nouvelle signature : voir les aides de la convention médicale de 2024."),
        "application_url": (
            "https://www.ameli.fr/drome/medecin/exercice-liberal/vie-cabinet/aides-financieres/contrats-demographiques-2016"
        ),
        "valid_from": "2017-01-01",
        "valid_until": "2025-12-31",
        "context": "Affiché pour les médecins encore sous contrat.",
        "reviewed_days_ago": 20,
    },
    {
        "slug": "contrat-solidarite-territoriale-cstm",
        "title": "Contrat de solidarité territoriale médecin (CSTM) – fermé",
        "summary": (
            "Ancien contrat de 2016, fermé aux nouvelles signatures depuis le 1er janvier 2026 : 25 % des "
            "honoraires perçus en ZIP, jusqu'à 50 000 € par an, pour les contrats en cours."
        ),
        "funder": "cpam-drome",
        "aid_type": "fee_uplift",
        "amount_min_eur": 0,
        "amount_max_eur": 50000,
        "amount_period": "year",
        "amount_text": "25 % des honoraires perçus en ZIP, jusqu'à 50 000 € par an (contrats signés avant 2026)",
        "audiences": ["installe"],
        "professions": DOCTORS,
        "scope": "national",
        "zonage_requirement": "zip",
        "practice_modes": ["liberal"],
        "obligations": paragraphs(
            "Exercer une partie de son activité en ZIP, hors de son lieu d'installation (contrats en cours uniquement)."
        ),
        "how_to_apply": paragraphs(
            "Plus de nouvelle signature : voir l'aide à l'exercice en cabinet secondaire en ZIP."
        ),
        "application_url": (
            "https://www.ameli.fr/drome/medecin/exercice-liberal/vie-cabinet/aides-financieres/contrats-demographiques-2016"
        ),
        "valid_from": "2017-01-01",
        "valid_until": "2025-12-31",
        "context": "Affiché pour les médecins encore sous contrat.",
        "reviewed_days_ago": 20,
    },
]
