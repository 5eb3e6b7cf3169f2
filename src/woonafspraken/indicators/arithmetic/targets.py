"""The target kinds and their verdicts: per period, cumulative, benchmark (ijkpunt) and band.

A target with a goal year (a long-term ambition: CO2 80-95 % less in 2050) applies in that year only: no
path towards it is invented, so before the goal year it judges nothing until the parties agree an interim
target. The statushouders backlog is in ``statushouders``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from woonafspraken.indicators.arithmetic.periods import Period, PeriodKind, periods_between, sorted_periods
from woonafspraken.indicators.arithmetic.rolling import Rolled, RollUp
from woonafspraken.indicators.arithmetic.verdicts import EPSILON, Direction, Verdict, meets


class TargetKind(StrEnum):
    PER_PERIOD = "per_period"  # every period on its own must reach the value
    CUMULATIVE = "cumulative"  # the running total must keep pace with value x periods
    BENCHMARK = "benchmark"  # an ijkpunt: a difference is discussed, it is not a broken promise
    BAND = "band"  # between value and upper (optionally reached along a path by a goal year)
    BACKLOG = "backlog"  # statushouders: the quota plus the carried backlog must be housed


class AppliesTo(StrEnum):
    TOTAL = "total"  # the figure for everyone together (the municipality's total)
    EACH = "each"  # every corporation (or other subject) on its own


@dataclass(frozen=True)
class TargetSpec:
    kind: TargetKind
    value: float
    upper: float | None = None  # band: the upper bound
    period: PeriodKind | None = None  # the period it is judged over; None: the indicator's own period
    first_year: int | None = None  # applies from this year (cumulative: counting starts here)
    last_year: int | None = None
    baseline_year: int | None = None  # the year the value is measured against (CO2: "ten opzichte van 1990")
    goal_year: int | None = None  # a long-term ambition: applies from this year only (no invented path)
    applies_to: AppliesTo = AppliesTo.TOTAL

    def applies(self, period: Period) -> bool:
        first = max(year for year in (self.first_year, self.goal_year, 0) if year is not None)
        if first and period.end.year < first:
            return False
        return not (self.last_year is not None and period.start.year > self.last_year)

    def bounds(self, period: Period) -> tuple[float, float | None]:
        """The target for ``period``: the same in every period it applies to (no interpolated path)."""
        return self.value, self.upper


def target_for(targets: Sequence[TargetSpec], period: Period) -> TargetSpec | None:
    """The target that applies to ``period``; the one that starts latest wins (e.g. a yearly maximum)."""
    applying = [target for target in targets if target.applies(period)]
    if not applying:
        return None
    return max(applying, key=lambda target: target.first_year or 0)


@dataclass(frozen=True)
class Assessment:
    """The verdict on one period (and one subject, for targets that apply to each corporation)."""

    period: Period
    verdict: Verdict
    value: float | None
    target: float | None = None  # what was due for this period (cumulative: by the end of it)
    upper: float | None = None
    kind: TargetKind | None = None
    subject: str = ""  # "" for the total, else e.g. the corporation
    complete: bool = True  # False: the period is not over or not every part has a figure yet
    running_total: float | None = None  # cumulative: the total so far; backlog: housed so far
    pace: float | None = None  # cumulative: the value per period; band: its lower bound
    goal_upper: float | None = None
    goal_year: int | None = None
    missing: tuple[Period, ...] = ()  # cumulative: earlier periods without a figure (then: no data)

    @property
    def difference(self) -> float | None:
        if self.value is None or self.target is None:
            return None
        return self.value - self.target


def assess_period(
    direction: Direction,
    target: TargetSpec,
    rolled: Rolled,
    *,
    how: RollUp,
    on: dt.date,
    subject: str = "",
) -> Assessment:
    """Per period, benchmark and band targets: the period's own figure against the target."""
    complete = rolled.complete and rolled.period.has_ended(on)
    lower, upper = target.bounds(rolled.period)
    value = rolled.value
    if target.kind is TargetKind.BENCHMARK:
        verdict = Verdict.ON_TRACK if meets(direction, value, lower) else Verdict.ATTENTION
        return Assessment(rolled.period, verdict, value, lower, None, target.kind, subject, complete)
    if target.kind is TargetKind.BAND:
        if upper is None or direction is Direction.HIGHER_IS_BETTER:
            # A band in a direction (CO2: 80-95 % less, more is better): reaching its lower edge is enough.
            ok = value >= lower - EPSILON
        else:
            ok = meets(Direction.BAND, value, lower, upper)
        if ok:
            verdict = Verdict.ON_TRACK
        elif value < lower:
            verdict = Verdict.BEHIND if complete else Verdict.ATTENTION
        else:
            verdict = Verdict.ATTENTION  # above a band without a direction: more than agreed, worth a look
        return Assessment(
            rolled.period,
            verdict,
            value,
            lower,
            upper,
            target.kind,
            subject,
            complete,
            pace=target.value,
            goal_upper=target.upper,
            goal_year=target.goal_year,
        )
    compare_to = lower
    if how is RollUp.SUM and not rolled.complete:
        # A part of a year is measured against the same part of the yearly target.
        compare_to = lower * rolled.parts / rolled.expected_parts
    ok = meets(direction, value, compare_to)
    verdict = Verdict.ON_TRACK if ok else (Verdict.BEHIND if complete else Verdict.ATTENTION)
    return Assessment(rolled.period, verdict, value, compare_to, None, target.kind, subject, complete)


def assess_cumulative(
    direction: Direction,
    target: TargetSpec,
    series: Mapping[Period, Rolled],
    *,
    on: dt.date,
    subject: str = "",
) -> list[Assessment]:
    """Cumulative targets: the running total since the first year against value x periods so far.

    A period without a figure is unknown, never zero: from the first gap on, the running total cannot be
    known, so every later period is "no data" (``Verdict.NO_DATA``, ``missing`` names the gaps) until the
    gap is filled. The last period, while it runs, is due in proportion to its parts with a figure.
    """
    periods = sorted_periods(period for period in series if target.applies(period))
    if not periods:
        return []
    kind = periods[0].kind
    first_year = target.first_year or periods[0].year
    start = Period.containing(kind, dt.date(first_year, 1, 1))
    running = 0.0
    due = 0.0
    missing: list[Period] = []
    result: list[Assessment] = []
    for period in periods_between(start, periods[-1]):
        rolled = series.get(period)
        if rolled is None:
            missing.append(period)
            continue
        share = 1.0
        running += rolled.value
        if not rolled.complete:
            share = rolled.parts / rolled.expected_parts
        due += target.value * share
        complete = rolled.complete and period.has_ended(on)
        if missing:
            result.append(
                Assessment(
                    period=period,
                    verdict=Verdict.NO_DATA,
                    value=rolled.value,
                    target=None,
                    kind=TargetKind.CUMULATIVE,
                    subject=subject,
                    complete=complete,
                    pace=target.value,
                    missing=tuple(missing),
                )
            )
            continue
        ok = meets(direction, running, due)
        verdict = Verdict.ON_TRACK if ok else (Verdict.BEHIND if complete else Verdict.ATTENTION)
        result.append(
            Assessment(
                period=period,
                verdict=verdict,
                value=rolled.value,
                target=due,
                kind=TargetKind.CUMULATIVE,
                subject=subject,
                complete=complete,
                running_total=running,
                pace=target.value,
            )
        )
    return result
