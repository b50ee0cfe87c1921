"""Which aids a person can get, and why: the one home of the eligibility rule.

A person's situation (audience, profession, commune, first installation, practice mode,
planned date; every answer optional) is weighed against each aid's conditions, as staff
wrote them in the admin. Each aid gets a verdict:

- ELIGIBLE ("vous y avez droit"): every condition is known and met;
- TO_CHECK ("à vérifier"): nothing excludes it, but a condition must be checked by the
  person (a commitment to sign, a sector, a demonstration zoning, an opening date) or an
  answer is missing (`missing` says which);
- NOT_APPLICABLE: a condition is not met (`reasons` say which); a closed aid is never
  applicable.

`AidPage.objects.applicable_to()` is "not NOT_APPLICABLE". The conditions of a whole list
of aids are loaded once (a constant number of queries), then each (aid, commune) is judged
in memory, so that a list of communes costs the same as one. This module reads aids
through the queryset it is given and imports nothing from aides.models (which uses it).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property

from core.dates import long_date
from reference import vocabularies
from reference.models import ZonageCategory
from reference.vocabularies import Vocabulary, ZoningLevel
from reference.zoning import GENERAL_PRACTITIONER_SLUG, ProfessionZoning

from .conditions import AmountPeriod, PracticeMode, SectorCondition, TerritorialScope, ZonageRequirement


class Verdict(models.TextChoices):
    ELIGIBLE = "eligible", "Vous y avez droit"
    TO_CHECK = "to_check", "À vérifier"
    NOT_APPLICABLE = "not_applicable", "Non applicable"


class Question(models.TextChoices):
    """The finder's questions, named when a missing answer leaves an aid undecided."""

    AUDIENCE = "audience", "votre situation (étudiant, interne, installé…)"
    PROFESSION = "profession", "votre profession"
    COMMUNE = "commune", "la commune où vous exercerez"
    FIRST_INSTALLATION = "first_installation", "s'il s'agit de votre première installation"
    PRACTICE_MODE = "practice_mode", "votre mode d'exercice"


# The levels of zoning classes (the desk's « Classes de zonage », reference.Term) that meet
# an aid's zoning condition, for any profession: the GPs' ZIP is the other professions'
# « très sous-dotée » (both priority), ZAC their « sous-dotée » (both underserved).
LEVELS_MEETING = {
    ZonageRequirement.ZIP: (ZoningLevel.PRIORITY,),
    ZonageRequirement.ZIP_OR_ZAC: (ZoningLevel.PRIORITY, ZoningLevel.UNDERSERVED),
}
# The same conditions in the words of the other professions' zonings.
REQUIREMENT_FOR_OTHER_PROFESSIONS = {
    ZonageRequirement.ZIP: "zone très sous-dotée",
    ZonageRequirement.ZIP_OR_ZAC: "zone très sous-dotée ou sous-dotée",
}


def closed_on(valid_until, day):
    """An aid closes at the end of its `valid_until` day: new applicants are refused after it."""
    return valid_until is not None and valid_until < day


@dataclass(frozen=True)
class Situation:
    audience: object = None  # AidAudience
    profession: object = None  # reference.Profession
    commune: object = None  # reference.Commune, with epci_id and zonage loaded
    first_installation: bool | None = None
    practice_mode: str | None = None
    day: datetime.date | None = None  # planned date; today when not given
    site_id: int | None = None  # the desk whose zoning classes apply; else the profession's, else the default


@dataclass(frozen=True)
class Amount:
    low: Decimal
    high: Decimal

    def __add__(self, other):
        return Amount(self.low + other.low, self.high + other.high)


@dataclass
class Assessment:
    aid: object
    verdict: Verdict
    reasons: list = field(default_factory=list)  # why it does not apply
    conditions: list = field(default_factory=list)  # what the person must check
    missing: list = field(default_factory=list)  # Questions whose answer would settle it
    notes: list = field(default_factory=list)  # cumulation rules, for information
    amount: Amount | None = None  # estimated total of this aid
    exclusion_group: str = ""


class Eligibility:
    """The conditions of `aids` (a queryset or list of AidPage), loaded once, judged for a
    situation; `commune` may be given per call to judge a whole list of communes.

    With `explain=False` (only the verdicts are wanted, e.g. for applicable()), the audiences
    and professions of the aids are read only if the situation names one: an unanswered
    question never excludes an aid, so their lists are not needed then.
    """

    def __init__(self, aids, situation=None, *, explain=True):
        self.aids = list(aids)
        situation = self.situation = situation or Situation()
        self.day = self.situation.day or timezone.localdate()
        model = type(self.aids[0]) if self.aids else None
        ids = [aid.pk for aid in self.aids]
        self.conditions = (
            {row["pk"]: row for row in model.objects.filter(pk__in=ids).values(*CONDITION_FIELDS)} if ids else {}
        )
        needed = {"audiences": explain or situation.audience, "professions": explain or situation.profession}
        self.audiences_of = self._related(model, "audiences", "aidaudience", ids if needed["audiences"] else [])
        self.professions_of = self._related(model, "professions", "profession", ids if needed["professions"] else [])
        self.communes_of = self._related(model, "communes", "commune", ids)
        self.epcis_of = self._related(model, "epcis", "epci", ids)
        self.zoning = self._zoning()
        self.desk = situation.site_id or (situation.profession.site_id if situation.profession is not None else None)

    @cached_property
    def class_labels(self):
        # Read only when an aid has a zoning condition (most lists have none).
        return vocabularies.labels(self.desk, Vocabulary.ZONING_CLASS)

    @cached_property
    def classes_meeting(self):
        return {
            requirement: vocabularies.zoning_codes(self.desk, *levels) for requirement, levels in LEVELS_MEETING.items()
        }

    @staticmethod
    def _related(model, relation, target, ids):
        """{aid id: {related id: name}} through a many-to-many relation (one query)."""
        related = defaultdict(dict)
        if ids:
            through = getattr(model, relation).through.objects.filter(aidpage__in=ids)
            for aid_id, target_id, name in through.values_list("aidpage_id", f"{target}_id", f"{target}__name"):
                related[aid_id][target_id] = name
        return related

    def _zoning(self):
        """{commune id: (class, fictitious)} of the person's profession, when it has its own zoning."""
        profession = self.situation.profession
        if profession is None or profession.slug == GENERAL_PRACTITIONER_SLUG:
            return None  # the general practitioners' zoning is Commune.zonage
        rows = ProfessionZoning.objects.filter(profession=profession).values_list(
            "commune_id", "zone_class", "fictitious"
        )
        return {commune_id: (zone_class, fictitious) for commune_id, zone_class, fictitious in rows}

    def zone_of(self, commune):
        """(zoning class or None, fictitious) of `commune` for the person's profession."""
        if self.zoning is None:
            zonage = commune.zonage if commune.zonage != ZonageCategory.UNKNOWN else None
            return zonage, bool(getattr(commune, "zonage_is_fictitious", False))
        return self.zoning.get(commune.pk, (None, False))

    def assess(self, aid, commune=None):
        commune = commune if commune is not None else self.situation.commune
        row = self.conditions[aid.pk]
        result = Assessment(aid=aid, verdict=Verdict.ELIGIBLE, exclusion_group=row["exclusion_group"])
        self._validity(row, result)
        self._person(aid, row, result)
        self._place(aid, row, commune, result)
        self._commitments(row, result)
        result.amount = estimated_amount(row)
        if result.reasons:
            result.verdict = Verdict.NOT_APPLICABLE
        elif result.missing or result.conditions:
            result.verdict = Verdict.TO_CHECK
        return result

    def applicable(self, commune=None):
        """The aids that are not NOT_APPLICABLE here (eligible or to check)."""
        return [aid for aid in self.aids if self.assess(aid, commune).verdict != Verdict.NOT_APPLICABLE]

    def _validity(self, row, result):
        if closed_on(row["valid_until"], self.day):
            closed = row["valid_until"] + datetime.timedelta(days=1)
            result.reasons.append(f"Fermée aux nouvelles demandes depuis le {long_date(closed)}.")
        elif row["valid_from"] is not None and row["valid_from"] > self.day:
            result.conditions.append(f"Ouverte aux demandes à partir du {long_date(row['valid_from'])}.")

    def _person(self, aid, row, result):
        situation = self.situation
        for question, answer, allowed, label in (
            (Question.AUDIENCE, situation.audience, self.audiences_of[aid.pk], "Réservée à : {}."),
            (Question.PROFESSION, situation.profession, self.professions_of[aid.pk], "Réservée aux professions : {}."),
        ):
            if not allowed:
                continue
            if answer is None:
                result.missing.append(question)
            elif answer.pk not in allowed:
                result.reasons.append(label.format(", ".join(sorted(allowed.values()))))
        if row["first_installation_only"]:
            if situation.first_installation is None:
                result.missing.append(Question.FIRST_INSTALLATION)
            elif not situation.first_installation:
                result.reasons.append("Réservée à une première installation.")
        modes = row["practice_modes"] or []
        if modes:
            if not situation.practice_mode:
                result.missing.append(Question.PRACTICE_MODE)
            elif situation.practice_mode not in modes:
                labels = ", ".join(PracticeMode(mode).label.lower() for mode in modes if mode in PracticeMode.values)
                result.reasons.append(f"Réservée à : {labels}.")

    def _place(self, aid, row, commune, result):
        local = row["scope"] == TerritorialScope.LOCAL
        requirement = row["zonage_requirement"]
        if commune is None:
            if local or requirement != ZonageRequirement.NONE:
                result.missing.append(Question.COMMUNE)
            return
        if local and not (
            commune.pk in self.communes_of[aid.pk]
            or (commune.epci_id is not None and commune.epci_id in self.epcis_of[aid.pk])
        ):
            result.reasons.append(f"Réservée à certaines communes ou intercommunalités ; pas à {commune.name}.")
        if requirement == ZonageRequirement.NONE:
            return
        zone, fictitious = self.zone_of(commune)
        who = self.situation.profession.name.lower() if self.situation.profession else "les médecins généralistes"
        wanted = (
            ZonageRequirement(requirement).label
            if self.zoning is None
            else REQUIREMENT_FOR_OTHER_PROFESSIONS[requirement]
        )
        if zone is None:
            # Never promise an aid the desk cannot check.
            result.reasons.append(
                f"Zonage de {commune.name} pour {who} non renseigné : condition « {wanted} » invérifiable."
            )
        elif zone not in self.classes_meeting[requirement]:
            label = self.class_labels.get(zone, zone)
            result.reasons.append(f"{commune.name} est classée « {label} » pour {who} ; l'aide demande « {wanted} ».")
        elif fictitious:
            result.conditions.append(f"Zonage de démonstration pour {commune.name} : à vérifier auprès de l'ARS.")

    def _commitments(self, row, result):
        if row["sector_condition"]:
            result.conditions.append(f"{SectorCondition(row['sector_condition']).label}.")
        if row["commitment"]:
            result.conditions.append(f"Engagement : {row['commitment']}.")
        if row["exclusion_group"]:
            years = f" depuis moins de {row['exclusion_years']} ans" if row["exclusion_years"] else ""
            result.notes.append(
                f"Non cumulable avec une autre aide « {row['exclusion_group']} »{years} (y compris des collectivités)."
            )


CONDITION_FIELDS = (
    "pk",
    "scope",
    "zonage_requirement",
    "valid_from",
    "valid_until",
    "first_installation_only",
    "practice_modes",
    "sector_condition",
    "commitment",
    "exclusion_group",
    "exclusion_years",
    "amount_min_eur",
    "amount_max_eur",
    "amount_period",
    "amount_periods",
)


def estimated_amount(row):
    """The aid's total in euros (low, high), from its amounts and how they are paid; None if unknown."""
    low, high = row["amount_min_eur"], row["amount_max_eur"]
    if low is None and high is None:
        return None
    low, high = (low if low is not None else high), (high if high is not None else low)
    periodic = row["amount_period"] != AmountPeriod.ONCE
    times = (row["amount_periods"] or 1) if periodic else 1
    return Amount(low * times, high * times)


@dataclass
class Answer:
    """The finder's answer: the aids by verdict, an estimated total and what it assumes."""

    eligible: list
    to_check: list
    not_applicable: list
    total: Amount | None
    assumptions: list
    missing: list  # Questions whose answer would change the result


def answer(aids, situation):
    """Judge every aid of `aids` for `situation` and sum what the person may expect."""
    judged = Eligibility(aids, situation)
    assessments = [judged.assess(aid) for aid in judged.aids]
    by_verdict = {verdict: [a for a in assessments if a.verdict == verdict] for verdict in Verdict}
    eligible, to_check = by_verdict[Verdict.ELIGIBLE], by_verdict[Verdict.TO_CHECK]
    low = _sum_counting_one_per_group(eligible, "low")
    high = _sum_counting_one_per_group(eligible + to_check, "high")
    total = Amount(low, high) if any(a.amount for a in eligible + to_check) else None
    assumptions = [
        "Montants indicatifs, à confirmer auprès de chaque financeur.",
        "Le minimum compte les aides auxquelles vous avez droit ; le maximum y ajoute les aides à vérifier.",
    ]
    if any(a.exclusion_group for a in eligible + to_check):
        assumptions.append("Une seule aide est comptée par catégorie non cumulable (la plus élevée).")
    if any(a.amount and a.aid.amount_period != AmountPeriod.ONCE for a in eligible + to_check):
        assumptions.append("Les aides versées par période sont comptées sur leur durée maximale.")
    missing = sorted({question for a in to_check for question in a.missing}, key=list(Question).index)
    return Answer(eligible, to_check, by_verdict[Verdict.NOT_APPLICABLE], total, assumptions, missing)


def _sum_counting_one_per_group(assessments, bound):
    """The sum of the aids' `bound` amounts, counting only the largest of each exclusion group."""
    best_of_group = {}
    total = Decimal(0)
    for assessment in assessments:
        if assessment.amount is None:
            continue
        value = getattr(assessment.amount, bound)
        if assessment.exclusion_group:
            best_of_group[assessment.exclusion_group] = max(best_of_group.get(assessment.exclusion_group, 0), value)
        else:
            total += value
    return total + sum(best_of_group.values(), Decimal(0))
