"""The look-ahead: the stock per rent class looking back, and projected five years ahead."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from django.db.models import IntegerField, Sum
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from woonafspraken.agreements.models import Covenant
from woonafspraken.housing.constants import Segment
from woonafspraken.housing.domain import RENT_CLASSES, RentClass
from woonafspraken.housing.lookahead import LimitsUnknownError, StepInput, project, resolve_assumptions
from woonafspraken.housing.models import LookAheadAssumption, ProjectYear, StockCount, Withdrawal
from woonafspraken.housing.presentation import LookAheadRow, LookAheadView
from woonafspraken.housing.selectors.organisations import covenant_corporations, total_corporations_heading
from woonafspraken.housing.selectors.reference import reference_limits, reference_rent_increases

# New social rental homes without a rent class count in this class in the look-ahead (shown to users).
DEFAULT_NEW_BUILD_CLASS = RentClass.LOW_CAP
LOOKAHEAD_YEARS = 5


def _assumption_inputs(
    covenant: Covenant,
) -> tuple[
    dict[int, dict[RentClass, Decimal | None]],
    dict[int, Decimal | None],
    dict[int, tuple[Decimal | None, Decimal | None]],
]:
    entered = {
        row.year: (row.rent_increase, row.limit_indexation)
        for row in LookAheadAssumption.objects.filter(covenant=covenant)
    }
    return reference_limits(), reference_rent_increases(), entered


def lookahead(
    covenant: Covenant, organisation_id: int | None = None, *, until: dt.date | None = None
) -> list[LookAheadView]:
    """Per corporation (and in total) the stock per class looking back and five years ahead.

    ``until``: leave out stock of later reference dates, so that every corporation starts from the same
    date (the last one on which all delivered) and the total adds like with like.
    """
    limits, increases, entered = _assumption_inputs(covenant)
    stock: dict[int, dict[dt.date, dict[RentClass, int]]] = defaultdict(lambda: defaultdict(dict))
    stored = StockCount.objects.for_covenant(covenant, organisation_id)
    if until is not None:
        stored = stored.filter(date__lte=until)
    examples: set[tuple[int, dt.date]] = set()  # (corporation, date) of example stock
    example_figures: set[int] = set()  # corporations whose projection uses example realised figures
    for corporation_id, date, rent_class, homes, demo in (
        stored.values("corporation_id", "date", "rent_class")
        .annotate(homes=Sum("count"), demo=Sum(Cast("is_demo", IntegerField())))
        .values_list("corporation_id", "date", "rent_class", "homes", "demo")
        .order_by()
    ):
        stock[corporation_id][date][RentClass(rent_class)] = homes or 0
        if demo:
            examples.add((corporation_id, date))
    new_build: dict[tuple[int, int], dict[RentClass, int]] = defaultdict(lambda: defaultdict(int))
    for (
        org_id,
        year,
        segment,
        rent_class,
        planned,
        realised,
        realised_demo,
    ) in ProjectYear.objects.for_covenant(covenant, organisation_id).values_list(
        "project__organisation_id",
        "year",
        "project__segment",
        "project__rent_class",
        "planned",
        "realised",
        "realised_is_demo",
    ):
        homes = realised if realised is not None else (planned or 0)
        if realised is not None and realised_demo:
            example_figures.add(org_id)
        if segment == Segment.SOCIAL_RENT:
            new_build[(org_id, year)][RentClass(rent_class) if rent_class else DEFAULT_NEW_BUILD_CLASS] += (
                homes
            )
        elif segment == Segment.MIDDLE_RENT:
            new_build[(org_id, year)][RentClass.ABOVE_BENEFIT] += homes
    withdrawn: dict[tuple[int, int, str], int] = defaultdict(int)
    for org_id, year, kind, planned, realised, realised_demo in Withdrawal.objects.for_covenant(
        covenant, organisation_id
    ).values_list("corporation_id", "year", "kind", "planned", "realised", "realised_is_demo"):
        withdrawn[(org_id, year, kind)] += realised if realised is not None else (planned or 0)
        if realised is not None and realised_demo:
            example_figures.add(org_id)
    names = {org.pk: org.name for org in covenant_corporations(covenant)}
    views: list[LookAheadView] = []
    for org_id in sorted(stock, key=lambda key: list(names).index(key) if key in names else 99):
        # Looking back: the last stock of every year (a corporation may deliver more often).
        last_per_year = {date.year: date for date in sorted(stock[org_id])}
        dates = sorted(last_per_year.values())
        history = [
            LookAheadRow(
                d.year,
                True,
                d,
                {rc: stock[org_id][d].get(rc, 0) for rc in RENT_CLASSES},
                sum(stock[org_id][d].values()),
                is_demo=(org_id, d) in examples,
            )
            for d in dates
        ]
        start = dates[-1]
        try:
            first_limits, assumptions = resolve_assumptions(
                start_year=start.year,
                horizon=LOOKAHEAD_YEARS,
                limits=limits,
                rent_increases=increases,
                entered=entered,
            )
        except LimitsUnknownError as error:
            views.append(
                LookAheadView(
                    names.get(org_id, ""),
                    org_id,
                    history,
                    [],
                    start,
                    _(
                        "No outlook: the rent limits of %(year)s are not all known. "
                        "An administrator can fill them in at the reference figures."
                    )
                    % {"year": error.year},
                )
            )
            continue
        steps = [
            StepInput(
                year=assumption.year,
                rent_increase_pct=assumption.rent_increase_pct,
                limits=assumption.limits,
                new_build=dict(new_build.get((org_id, assumption.year), {})),
                demolition=withdrawn.get((org_id, assumption.year, "demolition"), 0),
                sale=withdrawn.get((org_id, assumption.year, "sale"), 0),
                liberalisation=withdrawn.get((org_id, assumption.year, "liberalisation"), 0),
            )
            for assumption in assumptions
        ]
        results = project(
            start={rc: float(v) for rc, v in stock[org_id][start].items()},
            start_limits=first_limits,
            steps=steps,
        )
        projected = [
            LookAheadRow(
                result.year,
                False,
                None,
                {rc: round(value) for rc, value in result.counts.items()},
                round(result.total),
                round(result.moved_up),
                round(result.moved_down),
                result.added,
                round(result.withdrawn),
                round(result.liberalised),
            )
            for result in results
        ]
        # A projection from example stock or example realised figures is an example too.
        if (org_id, start) in examples or org_id in example_figures:
            projected = [dataclasses.replace(row, is_demo=True) for row in projected]
        views.append(LookAheadView(names.get(org_id, ""), org_id, history + projected, assumptions, start))
    if len(views) > 1 and organisation_id is None:
        views.append(_total_view(covenant, views))
    return views


def _total_view(covenant: Covenant, views: Sequence[LookAheadView]) -> LookAheadView:
    """The sum over corporations per year; only years every corporation has a row for."""
    by_year: dict[tuple[int, bool], list[LookAheadRow]] = defaultdict(list)
    for view in views:
        for row in view.rows:
            by_year[(row.year, row.measured)].append(row)
    rows = []
    for (year, measured), items in sorted(by_year.items(), key=lambda item: (item[0][0], not item[0][1])):
        if len(items) != len(views):
            continue
        rows.append(
            LookAheadRow(
                year,
                measured,
                items[0].date if measured else None,
                {rc: sum(item.counts[rc] for item in items) for rc in RENT_CLASSES},
                sum(item.total for item in items),
                sum(item.moved_up for item in items),
                sum(item.moved_down for item in items),
                sum(item.added for item in items),
                sum(item.withdrawn for item in items),
                sum(item.liberalised for item in items),
                is_demo=any(item.is_demo for item in items),
            )
        )
    first = next((view for view in views if view.assumptions), None)
    starts = {view.start_date for view in views}
    problem = " ".join(
        _("%(name)s: %(problem)s") % {"name": view.heading, "problem": view.problem}
        for view in views
        if view.problem
    )
    if len(starts) > 1:
        problem = " ".join(
            [
                _(
                    "The corporations' latest stock is of different dates; the total holds only the years they share."
                ),
                problem,
            ]
        ).strip()
    return LookAheadView(
        total_corporations_heading(covenant.municipality),
        None,
        rows,
        first.assumptions if first else [],
        first.start_date if first else None,
        problem,
    )
