"""Evaluating one indicator: its figures per subject, rolled up and judged against its targets."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from woonafspraken.indicators.arithmetic.periods import PARTS_PER_YEAR, Period, PeriodKind, sorted_periods
from woonafspraken.indicators.arithmetic.rolling import Rolled, RollUp, roll_up
from woonafspraken.indicators.arithmetic.statushouders import HalfYearBalance, assess_backlog
from woonafspraken.indicators.arithmetic.targets import (
    AppliesTo,
    Assessment,
    TargetKind,
    TargetSpec,
    assess_cumulative,
    assess_period,
    target_for,
)
from woonafspraken.indicators.arithmetic.verdicts import Direction, Verdict, worst


class Combine(StrEnum):
    SUM = "sum"  # counts add up to a total over corporations or modules
    NONE = "none"  # shares and averages do not; each subject stands on its own


@dataclass(frozen=True)
class Observed:
    period: Period
    value: float
    organisation: str = ""  # "" for a figure about everyone
    dimension: str = ""  # e.g. the allocation module or the energy label; "" for none


@dataclass(frozen=True)
class IndicatorSpec:
    direction: Direction
    period: PeriodKind
    roll_up: RollUp = RollUp.SUM
    combine: Combine = Combine.NONE


@dataclass(frozen=True)
class Evaluation:
    """Every judged period (worst over subjects), the per-subject details, and the latest verdict."""

    assessments: list[Assessment]
    details: list[Assessment]
    has_data: bool

    @property
    def latest(self) -> Assessment | None:
        return self.assessments[-1] if self.assessments else None

    @property
    def verdict(self) -> Verdict:
        if self.latest is None:
            return Verdict.NO_DATA if not self.has_data else Verdict.NO_TARGET
        return self.latest.verdict

    def details_for(self, period: Period) -> list[Assessment]:
        return [detail for detail in self.details if detail.period == period]

    def off_target_since(self) -> Period | None:
        """The first period of the current run of periods that are behind or need attention."""
        since = None
        for assessment in reversed(self.assessments):
            if assessment.verdict not in (Verdict.BEHIND, Verdict.ATTENTION):
                break
            since = assessment.period
        return since


def subjects_of(points: Iterable[Observed]) -> dict[str, dict[Period, float]]:
    """Values per subject: the organisation and/or dimension joined as 'org · dim', '' for the total."""
    result: dict[str, dict[Period, float]] = defaultdict(dict)
    for point in points:
        result[subject_name(point.organisation, point.dimension)][point.period] = point.value
    return dict(result)


def subject_name(organisation: str, dimension: str) -> str:
    return " · ".join(part for part in (organisation, dimension) if part)


def total_series(spec: IndicatorSpec, points: Sequence[Observed]) -> dict[Period, float]:
    """The total per period: an entered total, or the sum over subjects for indicators that add up."""
    direct = {point.period: point.value for point in points if not point.organisation and not point.dimension}
    if direct or spec.combine is Combine.NONE:
        return direct
    summed: dict[Period, float] = defaultdict(float)
    for point in points:
        summed[point.period] += point.value
    return dict(summed)


def evaluate(
    spec: IndicatorSpec,
    points: Sequence[Observed],
    targets: Sequence[TargetSpec],
    *,
    on: dt.date,
    weights: Mapping[Period, float] | None = None,
    balances: Sequence[HalfYearBalance] = (),
) -> Evaluation:
    """Judge one indicator on ``on``: only periods that have started by then count."""
    points = [point for point in points if point.period.start <= on]
    has_data = bool(points) or bool(balances)
    backlog_targets = [target for target in targets if target.kind is TargetKind.BACKLOG]
    if backlog_targets:
        backlog_judged = [
            assess_backlog(balance, on=on, allowed=backlog_targets[0].value)
            for balance in balances
            if balance.period.start <= on
        ]
        return Evaluation(backlog_judged, [], has_data)
    if not targets:
        return Evaluation([], [], has_data)
    kinds = {target.period or spec.period for target in targets}
    judged_kind = max(kinds, key=lambda kind: -PARTS_PER_YEAR[kind])  # the coarsest period judged
    total_rolled = roll_up(total_series(spec, points), judged_kind, spec.roll_up, weights)
    per_subject = {
        subject: roll_up(values, judged_kind, spec.roll_up)
        for subject, values in subjects_of(points).items()
        if subject
    }
    assessments: list[Assessment] = []
    details: list[Assessment] = []
    all_periods = set(total_rolled)
    for rolled_values in per_subject.values():
        all_periods |= set(rolled_values)
    cumulative: dict[tuple[str, Period], Assessment] = {}
    for target in targets:
        if target.kind is not TargetKind.CUMULATIVE:
            continue
        subjects = list(per_subject.items()) if target.applies_to is AppliesTo.EACH else [("", total_rolled)]
        for subject, rolled_series in subjects:
            for assessment in assess_cumulative(
                spec.direction, target, rolled_series, on=on, subject=subject
            ):
                cumulative[(subject, assessment.period)] = assessment
    for period in sorted_periods(all_periods):
        applying = target_for(targets, period)
        if applying is None:
            continue
        if applying.applies_to is AppliesTo.EACH:
            found: list[Assessment] = []
            for subject, subject_series in sorted(per_subject.items()):
                if period in subject_series:
                    judged = _judge(spec, applying, subject_series[period], subject, on, cumulative)
                    if judged is not None:
                        found.append(judged)
            if not found:
                continue
            details.extend(found)
            verdict = worst(assessment.verdict for assessment in found)
            first_bad = next((a for a in found if a.verdict == verdict), found[0])
            assessments.append(
                Assessment(
                    period=period,
                    verdict=verdict,
                    value=first_bad.value,
                    target=first_bad.target,
                    upper=first_bad.upper,
                    kind=applying.kind,
                    subject=first_bad.subject,
                    complete=all(assessment.complete for assessment in found),
                    running_total=first_bad.running_total,
                    pace=first_bad.pace,
                    goal_upper=first_bad.goal_upper,
                    goal_year=first_bad.goal_year,
                )
            )
        elif period in total_rolled:
            total_judged = _judge(spec, applying, total_rolled[period], "", on, cumulative)
            if total_judged is not None:
                assessments.append(total_judged)
    return Evaluation(assessments, details, has_data)


def _judge(
    spec: IndicatorSpec,
    target: TargetSpec,
    rolled: Rolled,
    subject: str,
    on: dt.date,
    cumulative: Mapping[tuple[str, Period], Assessment],
) -> Assessment | None:
    if target.kind is TargetKind.CUMULATIVE:
        return cumulative.get((subject, rolled.period))
    return assess_period(spec.direction, target, rolled, how=spec.roll_up, on=on, subject=subject)
