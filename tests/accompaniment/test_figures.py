"""The accompaniment's figures: what counts, the breakdowns, and what the public version hides."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accompaniment.figures import (
    MONTHS,
    NOT_GIVEN_PROFESSION,
    NOT_GIVEN_TERRITORY,
    first_month,
    public_figures,
    staff_figures,
    suppress,
    suppress_table,
)
from accompaniment.models import CaseState, ClosingReason

from .figures_helpers import make_case, make_cases, reference_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def ref():
    return reference_data()


def rows_by_label(rows):
    return {row.label: row for row in rows}


def test_the_three_figures_count_what_they_say(ref):
    make_cases(2, CaseState.NEW)
    make_cases(3, CaseState.ASSIGNED)
    make_cases(1, CaseState.IN_PROGRESS)
    make_cases(4, CaseState.INSTALLED)
    make_cases(1, CaseState.PAUSED)
    make_case(CaseState.CLOSED, closing_reason=ClosingReason.NO_ANSWER)
    make_case(CaseState.CLOSED, closing_reason=ClosingReason.DUPLICATE)  # not a real request
    figures = staff_figures()
    assert (figures.candidates, figures.underway, figures.installed) == (12, 4, 4)
    assert not figures.is_public


def test_breakdown_by_profession_and_territory(ref):
    make_cases(2, CaseState.INSTALLED, profession=ref["gp"], epci=ref["diois"])
    # No intercommunality given: the one of the commune where the person settled.
    make_case(CaseState.INSTALLED, profession=ref["nurse"], installed_commune=ref["romans"])
    make_case(CaseState.ASSIGNED, profession=ref["nurse"], epci=ref["valence"], installed_commune=ref["die"])
    make_case(CaseState.NEW)
    figures = staff_figures()
    professions = rows_by_label(figures.by_profession)
    assert [row.label for row in figures.by_profession] == [
        "Médecin généraliste",
        "Infirmier(ère)",
        NOT_GIVEN_PROFESSION,
    ]
    assert (professions["Infirmier(ère)"].candidates, professions["Infirmier(ère)"].installed) == (2, 1)
    territories = rows_by_label(figures.by_territory)
    assert [row.label for row in figures.by_territory] == ["CC du Diois", "Valence Romans Agglo", NOT_GIVEN_TERRITORY]
    assert territories["CC du Diois"].installed == 2
    # The case's own intercommunality wins over the installed commune's.
    assert (territories["Valence Romans Agglo"].candidates, territories["Valence Romans Agglo"].underway) == (2, 1)
    assert territories[NOT_GIVEN_TERRITORY].candidates == 1
    assert territories["Valence Romans Agglo"].key == "200068781"


def test_monthly_tables_cover_24_months_in_local_time(ref):
    today = timezone.localdate()
    start = first_month(today)
    make_case(created_at=timezone.make_aware(datetime.datetime.combine(start, datetime.time(0, 30))))
    make_case(
        created_at=timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
        - datetime.timedelta(minutes=1)
    )
    make_case(CaseState.INSTALLED, installed_on=today.replace(day=1))
    make_case(CaseState.INSTALLED, installed_on=start - datetime.timedelta(days=1))  # before the window
    figures = staff_figures(today)
    assert len(figures.by_request_month) == MONTHS == len(figures.installations_by_month)
    assert figures.by_request_month[0].key == f"{start:%Y-%m}"
    assert figures.by_request_month[-1].key == f"{today:%Y-%m}"
    assert figures.by_request_month[0].candidates == 1
    assert figures.by_request_month[-1].candidates == 2  # the two installed cases were created today
    assert sum(row.candidates for row in figures.by_request_month) == 3  # one request is older
    assert [row.installed for row in figures.installations_by_month][-1] == 1
    assert sum(row.installed for row in figures.installations_by_month) == 1
    assert figures.installations_by_month[-1].candidates is None
    assert first_month(datetime.date(2026, 3, 15)) == datetime.date(2024, 4, 1)
    assert staff_figures(datetime.date(2026, 3, 15)).by_request_month[0].label == "avril 2024"


def test_first_month_crosses_years():
    assert first_month(datetime.date(2026, 3, 15)) == datetime.date(2024, 4, 1)
    assert first_month(datetime.date(2026, 12, 1)) == datetime.date(2025, 1, 1)


def test_demo_cases_are_counted_and_said(ref):
    make_cases(2, CaseState.NEW)
    assert not staff_figures().includes_demo
    make_case(CaseState.NEW, is_demo=True)
    figures = staff_figures()
    assert figures.includes_demo and figures.candidates == 3
    assert public_figures().includes_demo


@pytest.mark.slow  # builds cases at two sizes
def test_a_constant_number_of_queries(ref):
    def queries(size):
        make_cases(size, CaseState.INSTALLED, profession=ref["gp"], epci=ref["diois"])
        make_cases(size, CaseState.ASSIGNED, profession=ref["nurse"], installed_commune=ref["die"])
        with CaptureQueriesContext(connection) as captured:
            public_figures()
        return len(captured)

    small, large = queries(2), queries(40)
    assert small == large == 4


# --- The public version ---------------------------------------------------------------------------


def test_public_totals_under_five_are_hidden(ref):
    make_cases(6, CaseState.INSTALLED, profession=ref["gp"])
    make_cases(2, CaseState.ASSIGNED, profession=ref["gp"])
    figures = public_figures()
    assert figures.is_public and figures.min_count == 5
    assert (figures.candidates, figures.underway, figures.installed) == (8, None, 6)
    exact = staff_figures()
    assert (exact.candidates, exact.underway, exact.installed) == (8, 2, 6)


def test_a_single_hidden_cell_takes_the_next_smallest_with_it(ref):
    make_cases(9, CaseState.INSTALLED, profession=ref["gp"], epci=ref["diois"])
    make_cases(6, CaseState.INSTALLED, profession=ref["nurse"], epci=ref["valence"])
    make_cases(2, CaseState.INSTALLED)  # no profession, no territory
    figures = public_figures()
    assert figures.installed == 17
    # 2 alone would be 17 - 9 - 6: the 6 is hidden with it; then every count of those two rows
    # is hidden, and a row of « non publié » is not listed (it would still say someone asked).
    assert [row.installed for row in figures.by_profession] == [9]
    assert [row.installed for row in figures.by_territory] == [9]
    assert [row.installed for row in suppress_table(staff_figures().by_profession, 5)] == [9, None, None]
    assert [row.installed for row in staff_figures().by_profession] == [9, 6, 2]


def test_suppress_rules():
    assert suppress([10, 8, 7], 5) == [10, 8, 7]
    assert suppress([10, 8, 3], 5) == [10, None, None]
    assert suppress([10, 3, 2], 5) == [10, None, None]  # two small ones: their sum has several splits
    assert suppress([10, 4, 4], 5) == [None, None, None]  # 8 = 4 + 4 only: one more is hidden
    assert suppress([3], 5) == [None]
    assert suppress([0, 0, 12, 6], 5) == [None, None, 12, 6]
    assert suppress([], 5) == []


def test_every_public_number_is_at_least_the_minimum(ref):
    for i, count in enumerate([1, 2, 3, 5, 7, 11]):
        make_cases(count, CaseState.INSTALLED if i % 2 else CaseState.IN_PROGRESS, profession=ref["gp"])
    figures = public_figures()
    tables = (figures.by_profession, figures.by_territory, figures.by_request_month, figures.installations_by_month)
    numbers = [figures.candidates, figures.underway, figures.installed]
    for table in tables:
        for row in table:
            numbers += [row.candidates, row.underway, row.installed]
    assert all(number is None or number >= 5 for number in numbers)
