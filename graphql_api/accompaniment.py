"""The accompaniment's key figures (« Chiffres clés ») in the public API.

Aggregates only, and only their public version (accompaniment/figures.py: small counts are
not published). These types are built from the figures, never from a case: no field here
can lead to a case, a person, a référent or a listing they are interested in.

The answer is cached like any other under the public content version, which
accompaniment/signals.py bumps when a case's counted fields change (and at the start of a
month, when the monthly window moves).
"""

import datetime

import strawberry

from accompaniment.figures import public_figures

from .site import current_desk

TOTAL_HIDDEN = "null when under `minimumCount`"
HIDDEN = (
    "null when not published: under `minimumCount`, or hidden with such a count so that it "
    "cannot be recomputed from the total"
)


@strawberry.type(name="KeyFigureRow", description="One line of a breakdown of the key figures.")
class KeyFigureRowType:
    key: str = strawberry.field(
        description="Profession slug, intercommunality SIREN or month (YYYY-MM); empty for « not given »."
    )
    label: str = strawberry.field(description="What the line counts, in French.")
    candidates: int | None = strawberry.field(description=f"Candidates for installation; {HIDDEN}.")
    accompaniments_underway: int | None = strawberry.field(description=f"Accompaniments under way; {HIDDEN}.")
    installations: int | None = strawberry.field(description=f"Installations; {HIDDEN}.")

    @classmethod
    def of(cls, row):
        return cls(
            key=row.key,
            label=row.label,
            candidates=row.candidates,
            accompaniments_underway=row.underway,
            installations=row.installed,
        )


@strawberry.type(name="KeyFigureMonth", description="Installations in one month (by date of installation).")
class KeyFigureMonthType:
    month: str = strawberry.field(description="The month, YYYY-MM.")
    label: str = strawberry.field(description="The month in French, e.g. « mars 2026 ».")
    installations: int | None = strawberry.field(description=f"Installations that month; {HIDDEN}.")


@strawberry.type(
    name="KeyFigures",
    description="The desk's accompaniment in figures: candidates for installation (requests, except those "
    "closed as duplicates), accompaniments under way and installations, with their breakdowns. Aggregates "
    "only; small counts are not published.",
)
class KeyFiguresType:
    candidates: int | None = strawberry.field(description=f"Candidates for installation; {TOTAL_HIDDEN}.")
    accompaniments_underway: int | None = strawberry.field(description=f"Accompaniments under way; {TOTAL_HIDDEN}.")
    installations: int | None = strawberry.field(description=f"Installations; {TOTAL_HIDDEN}.")
    minimum_count: int = strawberry.field(description="The smallest count published.")
    includes_demo_data: bool = strawberry.field(description="True when fictitious demonstration cases are counted.")
    first_month: datetime.date = strawberry.field(description="First day of the oldest month of the monthly lists.")
    by_profession: list[KeyFigureRowType] = strawberry.field(
        description="By profession (« Profession non précisée » last)."
    )
    by_territory: list[KeyFigureRowType] = strawberry.field(
        description="By intercommunality: the one sought, else the one of the commune of installation "
        "(« Non précisé » last)."
    )
    by_request_month: list[KeyFigureRowType] = strawberry.field(
        description="By month of the request, the last 24 months, oldest first."
    )
    installations_by_month: list[KeyFigureMonthType] = strawberry.field(
        description="Installations by month of installation, the last 24 months, oldest first."
    )


KEY_FIGURES_DESCRIPTION = (
    "The key figures of the accompaniment of health professionals (« Chiffres clés »): aggregates only, "
    "counts under `minimumCount` not published."
)


def resolve_key_figures(info):
    """The request's desk's figures, computed once per request (memoised on its context):
    aliased copies of the field cost one computation, not four queries each."""
    memo = getattr(info.context, "__dict__", {})  # no context when a test executes the schema directly
    if "key_figures" not in memo:
        memo["key_figures"] = key_figures_of(public_figures(site_id=current_desk(info).site_id))
    return memo["key_figures"]


def key_figures_of(figures):
    return KeyFiguresType(
        candidates=figures.candidates,
        accompaniments_underway=figures.underway,
        installations=figures.installed,
        minimum_count=figures.min_count,
        includes_demo_data=figures.includes_demo,
        first_month=figures.first_month,
        by_profession=[KeyFigureRowType.of(row) for row in figures.by_profession],
        by_territory=[KeyFigureRowType.of(row) for row in figures.by_territory],
        by_request_month=[KeyFigureRowType.of(row) for row in figures.by_request_month],
        installations_by_month=[
            KeyFigureMonthType(month=row.key, label=row.label, installations=row.installed)
            for row in figures.installations_by_month
        ],
    )
