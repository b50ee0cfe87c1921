"""The accompaniment's figures, as Présence Médicale 64 publishes them: candidates (every
request, except those closed as « doublon ou demande non sérieuse »), accompaniments under
way, installations; each broken down by profession, by territory and by month.

Two versions of the same numbers:

- ``staff_figures()``: exact, for the desk (the admin panel and its exports);
- ``public_figures()``: what « Chiffres clés » and the public API show. A count under
  ``ACCOMPANIMENT_PUBLIC_MIN_COUNT`` is not published (None): with a handful of people, a
  profession and an intercommunality could name someone. In a table, a second cell of the
  column is hidden when one alone would be recomputed from the total (``suppress``).

Demo cases (``is_demo``) are counted like the others, so that the demo shows figures;
``includes_demo`` says so, for the page to warn. A real desk has none (``seed_demo`` refuses to
run in production). Anonymised cases are counted: anonymisation keeps what the figures need.

Four SQL queries whatever the number of cases: one per breakdown (the totals are the sum of
the profession breakdown, where every case falls in exactly one row).
"""

import dataclasses
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, DateField, Q
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format

from .models import NOT_A_CANDIDATE, UNDERWAY_STATES, Case, CaseState

# The three figures, in the order they are shown.
FIGURES = ("candidates", "underway", "installed")
FIGURE_LABELS = {
    "candidates": "Candidats à l'installation",
    "underway": "Accompagnements en cours",
    "installed": "Installations",
}
MONTHS = 24  # the monthly tables cover the current month and the 23 before
NOT_GIVEN_PROFESSION = "Profession non précisée"
NOT_GIVEN_TERRITORY = "Non précisé"

COUNTS = {
    "candidates": Count("pk"),
    "underway": Count("pk", filter=Q(state__in=UNDERWAY_STATES)),
    "installed": Count("pk", filter=Q(state=CaseState.INSTALLED)),
}


@dataclass(frozen=True)
class Row:
    """One line of a breakdown; a figure is None when not published (public version) or
    when the table does not give it (installations by month give ``installed`` only)."""

    key: str
    label: str
    candidates: int | None = None
    underway: int | None = None
    installed: int | None = None


@dataclass(frozen=True)
class KeyFigures:
    candidates: int | None
    underway: int | None
    installed: int | None
    by_profession: tuple
    by_territory: tuple
    by_request_month: tuple
    installations_by_month: tuple
    includes_demo: bool
    first_month: datetime.date
    is_public: bool
    min_count: int


# The explicit « every desk » of a superuser's staff views. None is no desk (a public request
# whose host is no desk): nothing is counted, never everything.
ALL_DESKS = "all"


def cases_of(site_id):
    """The cases of one desk (a Wagtail site's id), of every desk with ALL_DESKS, of none with None."""
    cases = Case.objects.all()
    if site_id == ALL_DESKS:
        return cases
    return cases.filter(site_id=site_id) if site_id is not None else cases.none()


def counted_cases(site_id=ALL_DESKS):
    """Every case the figures count: all but those closed as not a real request."""
    return cases_of(site_id).exclude(state=CaseState.CLOSED, closing_reason__in=NOT_A_CANDIDATE).order_by()


def first_month(today=None):
    """The first day of the oldest month of the monthly tables."""
    today = today or timezone.localdate()
    index = today.year * 12 + today.month - 1 - (MONTHS - 1)
    return datetime.date(index // 12, index % 12 + 1, 1)


def next_month(month):
    return (month.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def months_from(start):
    month = start
    for _ in range(MONTHS):
        yield month
        month = next_month(month)


def month_label(month):
    return date_format(month, "F Y")


def _row(key, label, values, figures=FIGURES):
    return Row(key=key, label=label, **{name: values.get(name, 0) for name in figures})


def by_profession(site_id=ALL_DESKS):
    """(rows, demo count): one query; a case without profession falls in its own row, last."""
    groups = (
        counted_cases(site_id)
        .values("profession__slug", "profession__name", "profession__sort_order")
        .annotate(**COUNTS, demo=Count("pk", filter=Q(is_demo=True)))
    )
    groups = sorted(
        groups,
        key=lambda g: (g["profession__slug"] is None, g["profession__sort_order"] or 0, g["profession__name"] or ""),
    )
    rows = tuple(_row(g["profession__slug"] or "", g["profession__name"] or NOT_GIVEN_PROFESSION, g) for g in groups)
    return rows, sum(g["demo"] for g in groups)


def by_territory(site_id=ALL_DESKS):
    """The case's intercommunality, else that of the commune where the person settled."""
    groups = (
        counted_cases(site_id)
        .annotate(
            territory_siren=Coalesce("epci__siren", "installed_commune__epci__siren"),
            territory_name=Coalesce("epci__name", "installed_commune__epci__name"),
        )
        .values("territory_siren", "territory_name")
        .annotate(**COUNTS)
    )
    groups = sorted(groups, key=lambda g: (g["territory_siren"] is None, g["territory_name"] or ""))
    return tuple(_row(g["territory_siren"] or "", g["territory_name"] or NOT_GIVEN_TERRITORY, g) for g in groups)


def _start_of(month):
    return timezone.make_aware(datetime.datetime.combine(month, datetime.time.min))


def by_request_month(start, site_id=ALL_DESKS):
    """The cases by month of their request (local time), every month of the window listed."""
    groups = (
        counted_cases(site_id)
        .filter(created_at__gte=_start_of(start))
        .annotate(month=TruncMonth("created_at", output_field=DateField()))
        .values("month")
        .annotate(**COUNTS)
    )
    found = {g["month"]: g for g in groups}
    return tuple(_row(f"{m:%Y-%m}", month_label(m), found.get(m, {})) for m in months_from(start))


def installations_by_month(start, site_id=ALL_DESKS):
    """Installed cases by month of installation (a date set in the future is not in the window)."""
    *_, last = months_from(start)
    end = next_month(last)
    groups = (
        cases_of(site_id)
        .filter(state=CaseState.INSTALLED, installed_on__gte=start, installed_on__lt=end)
        .order_by()
        .annotate(month=TruncMonth("installed_on"))
        .values("month")
        .annotate(installed=Count("pk"))
    )
    found = {g["month"]: g for g in groups}
    return tuple(
        _row(f"{m:%Y-%m}", month_label(m), found.get(m, {}), figures=("installed",)) for m in months_from(start)
    )


@dataclass(frozen=True)
class Totals:
    """The three exact figures alone (the admin's home panel)."""

    candidates: int
    underway: int
    installed: int
    includes_demo: bool
    min_count: int


def staff_totals(site_id=ALL_DESKS):
    """The three exact figures in one query, without the breakdowns; of one desk with
    ``site_id``, of all with ALL_DESKS."""
    values = counted_cases(site_id).aggregate(**COUNTS, demo=Count("pk", filter=Q(is_demo=True)))
    return Totals(
        **{name: values[name] for name in FIGURES},
        includes_demo=values["demo"] > 0,
        min_count=settings.ACCOMPANIMENT_PUBLIC_MIN_COUNT,
    )


def staff_figures(today=None, site_id=ALL_DESKS):
    """The exact figures (for the desk only); of one desk with ``site_id``, of all with ALL_DESKS."""
    start = first_month(today)
    professions, demo = by_profession(site_id)
    totals = {name: sum(getattr(row, name) for row in professions) for name in FIGURES}
    return KeyFigures(
        **totals,
        by_profession=professions,
        by_territory=by_territory(site_id),
        by_request_month=by_request_month(start, site_id),
        installations_by_month=installations_by_month(start, site_id),
        includes_demo=demo > 0,
        first_month=start,
        is_public=False,
        min_count=settings.ACCOMPANIMENT_PUBLIC_MIN_COUNT,
    )


def public_figures(today=None, site_id=ALL_DESKS):
    """The figures anybody may see (the public ones are always of one desk: ``site_id``):
    small counts hidden (see ``suppress``)."""
    exact = staff_figures(today, site_id)
    minimum = exact.min_count
    return dataclasses.replace(
        exact,
        **{name: hide_small(getattr(exact, name), minimum) for name in FIGURES},
        by_profession=without_hidden_rows(suppress_table(exact.by_profession, minimum)),
        by_territory=without_hidden_rows(suppress_table(exact.by_territory, minimum)),
        by_request_month=suppress_table(exact.by_request_month, minimum),
        installations_by_month=suppress_table(exact.installations_by_month, minimum, figures=("installed",)),
        is_public=True,
    )


def hide_small(value, minimum):
    return None if value is None or value < minimum else value


def suppress(values, minimum):
    """The counts of one column, with those under ``minimum`` replaced by None (primary
    suppression), and more hidden while the hidden ones could be recomputed from the total
    (secondary suppression): a single hidden cell is the total minus the others, so the
    next smallest cell is hidden with it; several small hidden cells whose sum can only be
    made one way (each at ``minimum - 1``) get another one too. Zeros are hidden like any
    small count: « two nurses asked, none settled » is about people. Applied to every table,
    whether it shows its total or not (the total is published elsewhere)."""
    hidden = {i for i, value in enumerate(values) if value < minimum}

    def recomputable():
        if len(hidden) == 1:
            return True
        small = [values[i] for i in hidden]
        return len(small) > 1 and all(v < minimum for v in small) and sum(small) == (minimum - 1) * len(small)

    while recomputable():
        visible = [i for i in range(len(values)) if i not in hidden]
        if not visible:
            break
        hidden.add(min(visible, key=lambda i: (values[i], i)))
    return [None if i in hidden else value for i, value in enumerate(values)]


def without_hidden_rows(rows, figures=FIGURES):
    """A profession or territory row is listed only when one of its counts is published: a
    row of « non publié » would still say that somebody of that profession, or from that
    intercommunality, asked. (Months are always all listed, so they say nothing.)"""
    return tuple(row for row in rows if any(getattr(row, name) is not None for name in figures))


def suppress_table(rows, minimum, figures=FIGURES):
    columns = {name: suppress([getattr(row, name) for row in rows], minimum) for name in figures}
    return tuple(dataclasses.replace(row, **{name: columns[name][i] for name in figures}) for i, row in enumerate(rows))
