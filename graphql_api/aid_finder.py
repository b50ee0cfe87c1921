"""The aid finder as a typed query: a situation in, the aids grouped by verdict out, each
with its reasons, the conditions to check and an estimated amount.

The judging is aides.eligibility (the one home of the rule); this module only reads the
situation's codes and gives the answer a schema. The three groups are AidPage lists
returned as querysets, so the optimizer loads what the client selects in a constant
number of queries, however many aids there are.
"""

import datetime
from typing import Annotated

import strawberry

from aides.conditions import PracticeMode
from aides.eligibility import Question, Situation, Verdict, answer
from aides.models import AidPage

from .aid_filters import AidFilter, resolve_situation
from .aides import AidPageType
from .enums import enum_from_choices
from .limits import capped_list
from .site import public_pages

PracticeModeEnum = enum_from_choices("PracticeMode", PracticeMode, "How a professional practises.")
AidVerdictEnum = enum_from_choices("AidVerdict", Verdict, "What the finder says of an aid for a situation.")
AidFinderQuestionEnum = enum_from_choices(
    "AidFinderQuestion", Question, "A question of the finder whose answer would settle an aid."
)


@strawberry.input(name="AidSituation", description="A person's situation; every answer is optional.")
class AidSituationInput:
    audience: str | None = strawberry.field(default=None, description="Audience code (see `aidAudiences`).")
    profession: str | None = strawberry.field(default=None, description="Profession slug.")
    commune: str | None = strawberry.field(default=None, description="INSEE code of the commune of practice.")
    first_installation: bool | None = strawberry.field(default=None, description="A first installation or not.")
    practice_mode: PracticeModeEnum | None = strawberry.field(default=None, description="How the person will practise.")
    planned_date: datetime.date | None = strawberry.field(
        default=None, description="When the person plans to settle (today by default)."
    )


@strawberry.type(name="AmountRange", description="An amount in euros, from low to high.")
class AmountRangeType:
    low: float = strawberry.field(description="The least one may expect.")
    high: float = strawberry.field(description="The most one may expect.")

    @classmethod
    def of(cls, amount):
        return None if amount is None else cls(low=float(amount.low), high=float(amount.high))


@strawberry.type(name="AidAssessment", description="Why an aid is, may be or is not for this situation.")
class AidAssessmentType:
    aid_id: strawberry.ID = strawberry.field(description="The aid's id (see the groups for the aid itself).")
    verdict: AidVerdictEnum = strawberry.field(description="Entitled, to check, or not applicable.")
    reasons: list[str] = strawberry.field(description="Why it does not apply (NOT_APPLICABLE), in French.")
    conditions: list[str] = strawberry.field(description="What the person must check (TO_CHECK), in French.")
    missing_answers: list[AidFinderQuestionEnum] = strawberry.field(description="Answers that would settle it.")
    notes: list[str] = strawberry.field(description="Cumulation rules, for information, in French.")
    estimated_amount: AmountRangeType | None = strawberry.field(description="Estimated total of this aid.")

    @classmethod
    def of(cls, assessment):
        return cls(
            aid_id=strawberry.ID(str(assessment.aid.pk)),
            verdict=AidVerdictEnum(assessment.verdict.value),
            reasons=assessment.reasons,
            conditions=assessment.conditions,
            missing_answers=[AidFinderQuestionEnum(question.value) for question in assessment.missing],
            notes=assessment.notes,
            estimated_amount=AmountRangeType.of(assessment.amount),
        )


@strawberry.type(name="AidFinderAnswer", description="The aids for a situation, grouped, with an estimated total.")
class AidFinderAnswerType:
    result: strawberry.Private[object]

    def _group(self, info, assessments):
        ids = [assessment.aid.pk for assessment in assessments]
        return public_pages(AidPage.objects.filter(pk__in=ids), info).order_by("title", "pk")

    @capped_list("Aids the person is entitled to: every condition known and met")
    def eligible(self, info: strawberry.Info) -> list[AidPageType]:
        return self._group(info, self.result.eligible)

    @capped_list("Aids to check: a condition to check or an answer missing")
    def to_check(self, info: strawberry.Info) -> list[AidPageType]:
        return self._group(info, self.result.to_check)

    @capped_list("Aids that do not apply, with their reasons in `assessments`")
    def not_applicable(self, info: strawberry.Info) -> list[AidPageType]:
        return self._group(info, self.result.not_applicable)

    @strawberry.field(description="One assessment per aid of the three groups, in the same order (title).")
    def assessments(self) -> list[AidAssessmentType]:
        result = self.result
        return [AidAssessmentType.of(a) for a in (*result.eligible, *result.to_check, *result.not_applicable)]

    @strawberry.field(description="Low: the aids the person is entitled to; high: with the aids to check.")
    def estimated_total(self) -> AmountRangeType | None:
        return AmountRangeType.of(self.result.total)

    @strawberry.field(description="What the estimated total assumes, in French.")
    def assumptions(self) -> list[str]:
        return self.result.assumptions

    @strawberry.field(description="Questions whose answer would change the result.")
    def missing_answers(self) -> list[AidFinderQuestionEnum]:
        return [AidFinderQuestionEnum(question.value) for question in self.result.missing]


def resolve_aid_finder(info, situation: AidSituationInput) -> AidFinderAnswerType:
    known = resolve_situation(
        AidFilter(audience=situation.audience, profession=situation.profession, commune=situation.commune), info
    )
    person = Situation(
        audience=known.audience,
        profession=known.profession,
        commune=known.commune,
        first_installation=situation.first_installation,
        practice_mode=situation.practice_mode.value if situation.practice_mode else None,
        day=situation.planned_date,
        site_id=known.site_id,
    )
    aids = public_pages(AidPage.objects.all(), info).only("id", "title", "amount_period").order_by("title", "pk")
    return AidFinderAnswerType(result=answer(aids, person))


AID_FINDER_ARGUMENT = Annotated[AidSituationInput, strawberry.argument(description="The person's situation.")]
