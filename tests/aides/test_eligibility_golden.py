"""The golden table of the aid finder: profiles → the verdict on each aid, and totals.

Ten aids cover each kind of condition (profession, audience, first installation, practice
mode, sector, commitment, local territory, zoning per profession, closed and future aids,
a non-cumulable pair); four communes are zoned differently for GPs, nurses and
physiotherapists. Each row gives the verdict on every aid, in the order of AIDS:
E (vous y avez droit), C (à vérifier), N (non applicable). The same table is checked
through the engine and through the public API.
"""

import datetime
from decimal import Decimal

import pytest
from wagtail.models import Page, Site

from aides.conditions import AmountPeriod, PracticeMode, SectorCondition, TerritorialScope, ZonageRequirement
from aides.eligibility import Question, Situation, Verdict, answer
from aides.models import AidAudience, AidPage, AidsIndexPage
from home.models import HomePage
from reference.models import Commune, Epci, Profession, ZonageCategory
from reference.zoning import GENERAL_PRACTITIONER_SLUG, ProfessionZoning, ZoningClass

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)
AIDS = "ABCDEFGHIJ"
LETTER = {Verdict.ELIGIBLE: "E", Verdict.TO_CHECK: "C", Verdict.NOT_APPLICABLE: "N"}
PI = "première installation"

# (row, audience, profession, commune, first installation, practice mode, planned date) → verdicts
GOLDEN = [
    ("nothing answered", None, None, None, None, None, None, "CCNCCCCCCE"),
    ("installed GP, first, liberal, Die (ZIP)", "installe", "gp", "die", True, "liberal", None, "CENNNNNCNE"),
    ("installed GP, not first, Die", "installe", "gp", "die", False, "liberal", None, "NNNNNNNCNE"),
    ("installed GP, first, Crest (ZAC)", "installe", "gp", "crest", True, "liberal", None, "NENNNNNNNE"),
    ("installed GP, first, Valence (HZ)", "installe", "gp", "valence", True, "liberal", None, "NNNNNNNNNE"),
    ("installed GP, first, Buis (zoning unknown)", "installe", "gp", "buis", True, "liberal", None, "NNNNNNNNNE"),
    ("installed GP in a health centre, Die", "installe", "gp", "die", True, "health_centre", None, "NENNNNNCEE"),
    ("installed GP, first, Die, mode unanswered", "installe", "gp", "die", True, None, None, "CENNNNNCCE"),
    ("installed GP, Die, first unanswered", "installe", "gp", "die", None, "liberal", None, "CCNNNNNCNE"),
    ("docteur junior GP, Die, today", "docteur-junior", "gp", "die", None, None, None, "CCNCNNNCCE"),
    (
        "docteur junior GP, Die, from February 2027",
        "docteur-junior",
        "gp",
        "die",
        None,
        None,
        "2027-02-01",
        "CCNENNNCCE",
    ),
    ("docteur junior GP, Crest, 2027", "docteur-junior", "gp", "crest", None, None, "2027-02-01", "NCNNNNNNCE"),
    ("intern GP, Die", "interne", "gp", "die", None, None, None, "CCNNNNECCE"),
    ("intern GP, Crest", "interne", "gp", "crest", None, None, None, "NCNNNNENCE"),
    ("intern GP, Valence", "interne", "gp", "valence", None, None, None, "NNNNNNNNCE"),
    ("intern nurse, Die (très sous-dotée)", "interne", "nurse", "die", None, None, None, "NNNNENECCE"),
    ("installed nurse, Crest (intermédiaire)", "installe", "nurse", "crest", True, "liberal", None, "NNNNNNNNNE"),
    ("installed nurse, Valence (no nurse zoning)", "installe", "nurse", "valence", True, None, None, "NNNNNNNNCE"),
    ("physiotherapist, Crest (sous-dotée)", "installe", "physio", "crest", None, "liberal", None, "NNNNNENNNE"),
    ("physiotherapist, Die (sur-dotée)", "installe", "physio", "die", None, "liberal", None, "NNNNNNNCNE"),
    ("physiotherapist, Valence (demo zoning)", "installe", "physio", "valence", None, "liberal", None, "NNNNNCNNNE"),
    ("student GP, Die", "etudiant", "gp", "die", None, None, None, "CCNNNNNCCE"),
    ("locum GP, first, liberal, Die", "remplacant", "gp", "die", True, "liberal", None, "CENNNNNCNE"),
    ("GP, status unanswered, Die", None, "gp", "die", True, "liberal", None, "CENCNNCCNE"),
    ("installed, profession unanswered, Die", "installe", None, "die", True, "liberal", None, "CCNNCCNCNE"),
    ("installed, profession unanswered, Valence", "installe", None, "valence", True, "liberal", None, "NNNNNNNNNE"),
    ("only the commune: Die", None, None, "die", None, None, None, "CCNCCCCCCE"),
    ("only the commune: Valence", None, None, "valence", None, None, None, "NNNNNNNNCE"),
    (
        "installed GP, Die, settling in June 2025 (CAIM open)",
        "installe",
        "gp",
        "die",
        True,
        "liberal",
        "2025-06-01",
        "CEENNNNCNE",
    ),
    ("docteur junior nurse, Die", "docteur-junior", "nurse", "die", None, None, None, "NNNNENNCCE"),
    ("health-centre GP, first, Crest", "installe", "gp", "crest", True, "health_centre", None, "NENNNNNNEE"),
    ("intern physiotherapist, Crest", "interne", "physio", "crest", None, None, None, "NNNNNEENCE"),
]


@pytest.fixture
def world():
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Accueil", slug="accueil-golden"))
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    index = home.add_child(instance=AidsIndexPage(title="Les aides", slug="aides"))
    audiences = {
        code: AidAudience.objects.create(code=code, name=name)
        for code, name in [
            ("etudiant", "Étudiant"),
            ("interne", "Interne"),
            ("docteur-junior", "Docteur junior"),
            ("remplacant", "Remplaçant"),
            ("installe", "Installé"),
        ]
    }
    professions = {
        "gp": Profession.objects.create(name="Médecin généraliste", slug=GENERAL_PRACTITIONER_SLUG),
        "nurse": Profession.objects.create(name="Infirmier", slug="infirmier"),
        "physio": Profession.objects.create(name="Masseur-kinésithérapeute", slug="masseur-kinesitherapeute"),
    }
    diois = Epci.objects.create(siren="242600534", name="CC du Diois")
    communes = {
        "die": Commune.objects.create(insee_code="26113", name="Die", zonage=ZonageCategory.ZIP, epci=diois),
        "crest": Commune.objects.create(insee_code="26108", name="Crest", zonage=ZonageCategory.ZAC),
        "valence": Commune.objects.create(insee_code="26362", name="Valence", zonage=ZonageCategory.HZ),
        "buis": Commune.objects.create(insee_code="26063", name="Buis-les-Baronnies"),
    }
    for commune, profession, zone, fictitious in [
        ("die", "nurse", ZoningClass.VERY_UNDERSERVED, False),
        ("die", "physio", ZoningClass.OVERSERVED, False),
        ("crest", "nurse", ZoningClass.INTERMEDIATE, False),
        ("crest", "physio", ZoningClass.UNDERSERVED, False),
        ("valence", "physio", ZoningClass.UNDERSERVED, True),
    ]:
        ProfessionZoning.objects.create(
            commune=communes[commune], profession=professions[profession], zone_class=zone, fictitious=fictitious
        )

    def aid(letter, title, *, audiences_=(), professions_=(), epcis=(), **fields):
        page = AidPage(title=f"{letter} – {title}", summary=title, aid_type="premium", **fields)
        index.add_child(instance=page)
        page.audiences.set([audiences[code] for code in audiences_])
        page.professions.set([professions[code] for code in professions_])
        page.epcis.set(epcis)
        page.save_revision().publish()
        return page

    gp = ["gp"]
    aids = {
        "A": aid(
            "A",
            "Première installation en ZIP",
            professions_=gp,
            first_installation_only=True,
            practice_modes=[PracticeMode.LIBERAL],
            zonage_requirement=ZonageRequirement.ZIP,
            sector_condition=SectorCondition.SECTOR_1_OR_OPTAM,
            amount_min_eur=10_000,
            amount_max_eur=10_000,
            exclusion_group=PI,
            exclusion_years=10,
        ),
        "B": aid(
            "B",
            "Première installation en ZIP ou ZAC",
            professions_=gp,
            first_installation_only=True,
            zonage_requirement=ZonageRequirement.ZIP_OR_ZAC,
            amount_min_eur=5_000,
            amount_max_eur=5_000,
            exclusion_group=PI,
            exclusion_years=10,
        ),
        "C": aid(
            "C",
            "CAIM (fermé)",
            professions_=gp,
            zonage_requirement=ZonageRequirement.ZIP,
            valid_until=datetime.date(2025, 12, 31),
            amount_max_eur=50_000,
        ),
        "D": aid(
            "D",
            "Docteurs juniors en ZIP",
            audiences_=["docteur-junior"],
            professions_=gp,
            zonage_requirement=ZonageRequirement.ZIP,
            valid_from=datetime.date(2027, 1, 1),
            amount_min_eur=1_000,
            amount_max_eur=1_000,
            amount_period=AmountPeriod.MONTH,
            amount_periods=12,
        ),
        "E": aid(
            "E",
            "Infirmiers en zone très sous-dotée",
            professions_=["nurse"],
            zonage_requirement=ZonageRequirement.ZIP,
            amount_max_eur=3_000,
        ),
        "F": aid(
            "F",
            "Kinésithérapeutes en zone sous-dotée",
            professions_=["physio"],
            zonage_requirement=ZonageRequirement.ZIP_OR_ZAC,
            amount_max_eur=2_000,
        ),
        "G": aid(
            "G",
            "Bourse des internes",
            audiences_=["interne"],
            zonage_requirement=ZonageRequirement.ZIP_OR_ZAC,
            amount_min_eur=500,
            amount_max_eur=500,
            amount_period=AmountPeriod.MONTH,
            amount_periods=12,
        ),
        "H": aid(
            "H",
            "Aide du Diois",
            scope=TerritorialScope.LOCAL,
            epcis=[diois],
            commitment="exercer 3 ans dans la Drôme",
            amount_max_eur=5_000,
        ),
        "I": aid("I", "Centres de santé", practice_modes=[PracticeMode.HEALTH_CENTRE]),
        "J": aid("J", "Accompagnement du guichet"),
    }
    return {"aids": aids, "audiences": audiences, "professions": professions, "communes": communes}


def situation_of(world, audience, profession, commune, first, mode, planned):
    return Situation(
        audience=world["audiences"][audience] if audience else None,
        profession=world["professions"][profession] if profession else None,
        commune=world["communes"][commune] if commune else None,
        first_installation=first,
        practice_mode=mode,
        day=datetime.date.fromisoformat(planned) if planned else TODAY,
    )


def verdicts(result):
    by_aid = {a.aid.title[0]: LETTER[a.verdict] for a in (*result.eligible, *result.to_check, *result.not_applicable)}
    return "".join(by_aid[letter] for letter in AIDS)


def test_the_table_has_the_rows_the_issue_asks_for():
    assert len(GOLDEN) >= 30
    assert len({row[0] for row in GOLDEN}) == len(GOLDEN)


def test_golden_table_through_the_engine(world, subtests):
    # One world for the whole table (building it is most of the cost); one subtest per row.
    for row, audience, profession, commune, first, mode, planned, expected in GOLDEN:
        with subtests.test(row=row):
            situation = situation_of(world, audience, profession, commune, first, mode, planned)
            assert verdicts(answer(AidPage.objects.live(), situation)) == expected


def test_totals_count_one_aid_per_non_cumulable_category(world):
    gp_in_die = situation_of(world, "installe", "gp", "die", True, "liberal", None)
    result = answer(AidPage.objects.live(), gp_in_die)
    # Eligible: B (5,000). To check: A (10,000, same category as B) and H (5,000).
    assert (result.total.low, result.total.high) == (Decimal(5_000), Decimal(15_000))
    assert any("catégorie non cumulable" in line for line in result.assumptions)
    intern = answer(AidPage.objects.live(), situation_of(world, "interne", "gp", "die", None, None, None))
    # G: 500 €/month for 12 months; to check: A or B (10,000 at most) and H (5,000).
    assert (intern.total.low, intern.total.high) == (Decimal(6_000), Decimal(21_000))


def test_reasons_conditions_and_missing_answers_are_explained(world):
    result = answer(AidPage.objects.live(), situation_of(world, None, None, None, None, None, None))
    assert result.missing == list(Question)
    nurse_in_crest = answer(AidPage.objects.live(), situation_of(world, "installe", "nurse", "crest", True, None, None))
    reasons = {a.aid.title[0]: a.reasons for a in nurse_in_crest.not_applicable}
    assert reasons["C"][0] == "Fermée aux nouvelles demandes depuis le 1er janvier 2026."
    assert "Crest est classée « Intermédiaire » pour infirmier" in reasons["E"][0]
    assert reasons["A"][0].startswith("Réservée aux professions : Médecin généraliste")
    gp_in_die = answer(AidPage.objects.live(), situation_of(world, "installe", "gp", "die", True, "liberal", None))
    conditions = {a.aid.title[0]: a.conditions for a in gp_in_die.to_check}
    assert conditions["A"] == ["Secteur 1 ou adhésion à l'OPTAM."]
    assert conditions["H"] == ["Engagement : exercer 3 ans dans la Drôme."]
    notes = {a.aid.title[0]: a.notes for a in gp_in_die.eligible}
    assert notes["B"] == [
        f"Non cumulable avec une autre aide « {PI} » depuis moins de 10 ans (y compris des collectivités)."
    ]


FINDER = """query Finder($situation: AidSituation!) {
  aidFinder(situation: $situation) {
    eligible { title }
    toCheck { title }
    notApplicable { title }
    assessments { aidId verdict reasons conditions missingAnswers }
    estimatedTotal { low high }
    missingAnswers
  }
}"""


def test_golden_table_through_the_api(gql, world, subtests):
    for row, audience, profession, commune, first, mode, planned, expected in GOLDEN:
        with subtests.test(row=row):
            situation = {
                "audience": audience,
                "profession": world["professions"][profession].slug if profession else None,
                "commune": world["communes"][commune].insee_code if commune else None,
                "firstInstallation": first,
                "practiceMode": mode.upper() if mode else None,
                "plannedDate": planned or TODAY.isoformat(),
            }
            status, body = gql(FINDER, {"situation": situation})
            assert status == 200, body
            data = body["data"]["aidFinder"]
            letters = {}
            for group, letter in (("eligible", "E"), ("toCheck", "C"), ("notApplicable", "N")):
                for aid in data[group]:
                    letters[aid["title"][0]] = letter
            assert "".join(letters[letter] for letter in AIDS) == expected
            assert len(data["assessments"]) == len(AIDS)
