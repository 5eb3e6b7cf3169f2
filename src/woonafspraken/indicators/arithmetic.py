"""Periods, targets and verdicts of the indicators, as plain typed values (no Django, no database).

Everything that decides whether a promise is kept lives here so it can be tested on hand-made quarters:

- periods: quarters ("2024-K1"), half years ("2024-H2") and years ("2024");
- rolling finer periods up into coarser ones (sum, last value, mean, weighted mean);
- the target kinds: per period, cumulative, benchmark (ijkpunt), band (optionally a path towards a band in
  a goal year) and the statushouders backlog that is carried into the next half year;
- the slaagkans (success rate) and the waiting time.

The rules are written down for users in docs/indicators.md and argued in docs/adr/0031.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

EPSILON = 1e-9


class PeriodKind(StrEnum):
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"


PARTS_PER_YEAR = {PeriodKind.QUARTER: 4, PeriodKind.HALF_YEAR: 2, PeriodKind.YEAR: 1}


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    BAND = "band"


class TargetKind(StrEnum):
    PER_PERIOD = "per_period"  # every period on its own must reach the value
    CUMULATIVE = "cumulative"  # the running total must keep pace with value x periods
    BENCHMARK = "benchmark"  # an ijkpunt: a difference is discussed, it is not a broken promise
    BAND = "band"  # between value and upper (optionally reached along a path by a goal year)
    BACKLOG = "backlog"  # statushouders: the quota plus the carried backlog must be housed


class Verdict(StrEnum):
    ON_TRACK = "on_track"
    ATTENTION = "attention"
    BEHIND = "behind"
    NO_TARGET = "no_target"
    NO_DATA = "no_data"


# Which verdict wins when several subjects (corporations) are judged for one period.
SEVERITY = {
    Verdict.NO_DATA: 0,
    Verdict.NO_TARGET: 1,
    Verdict.ON_TRACK: 2,
    Verdict.ATTENTION: 3,
    Verdict.BEHIND: 4,
}


def worst(verdicts: Iterable[Verdict]) -> Verdict:
    return max(verdicts, key=SEVERITY.__getitem__, default=Verdict.NO_DATA)


class RollUp(StrEnum):
    SUM = "sum"  # flows: homes built, people housed, allocations
    LAST = "last"  # stocks at the end of the period: registrations, homes with solar panels
    MEAN = "mean"
    WEIGHTED_MEAN = "weighted_mean"  # averages: the waiting time, weighted by the allocations


class PeriodError(ValueError):
    """A period that cannot be read; the message is Dutch because users see it."""


_PERIOD = re.compile(
    r"^\s*(?P<year>\d{4})\s*(?:[-/ ]?\s*(?:(?P<quarter>[KQ])\s*(?P<q>[1-4])|(?:H|HJ)\s*(?P<h>[12])))?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    year: int
    index: int = 1  # 1-4 for quarters, 1-2 for half years, 1 for years

    def __post_init__(self) -> None:
        if not 1 <= self.index <= PARTS_PER_YEAR[self.kind]:
            raise PeriodError(f"Periode {self.index} bestaat niet voor {self.kind}.")

    # -- construction ---------------------------------------------------------------------------
    @classmethod
    def parse(cls, text: object) -> Period:
        """'2024', '2024-K1' (also 2024-Q1, 2024 K1) or '2024-H2' (also 2024-HJ2)."""
        raw = str(text if text is not None else "").strip()
        if isinstance(text, float) and text.is_integer():
            raw = str(int(text))
        match = _PERIOD.match(raw)
        if not match:
            raise PeriodError(
                f"'{raw}' is geen periode; schrijf een jaar (2024), een kwartaal (2024-K1) of een halfjaar (2024-H2)."
            )
        year = int(match["year"])
        if not 1900 <= year <= 2200:
            raise PeriodError(f"'{raw}': het jaar {year} kan niet kloppen.")
        if match["q"]:
            return cls(PeriodKind.QUARTER, year, int(match["q"]))
        if match["h"]:
            return cls(PeriodKind.HALF_YEAR, year, int(match["h"]))
        return cls(PeriodKind.YEAR, year)

    @classmethod
    def containing(cls, kind: PeriodKind, day: dt.date) -> Period:
        months = 12 // PARTS_PER_YEAR[kind]
        return cls(kind, day.year, (day.month - 1) // months + 1)

    # -- properties ----------------------------------------------------------------------------
    @property
    def key(self) -> str:
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}-K{self.index}"
        if self.kind is PeriodKind.HALF_YEAR:
            return f"{self.year}-H{self.index}"
        return str(self.year)

    def __str__(self) -> str:
        return self.key

    @property
    def months(self) -> int:
        return 12 // PARTS_PER_YEAR[self.kind]

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, (self.index - 1) * self.months + 1, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        return self.next().start - dt.timedelta(days=1)

    @property
    def sort_key(self) -> tuple[dt.date, int]:
        return (self.start, -self.months)

    def next(self) -> Period:
        if self.index == PARTS_PER_YEAR[self.kind]:
            return Period(self.kind, self.year + 1, 1)
        return Period(self.kind, self.year, self.index + 1)

    def within(self, kind: PeriodKind) -> Period:
        """The period of ``kind`` that contains this one (a quarter lies within a half year and a year)."""
        if PARTS_PER_YEAR[kind] > PARTS_PER_YEAR[self.kind]:
            raise ValueError(f"A {self.kind} does not lie within one {kind}.")
        return Period.containing(kind, self.start)

    def parts(self, kind: PeriodKind) -> list[Period]:
        """The periods of the finer ``kind`` that make up this one."""
        if PARTS_PER_YEAR[kind] < PARTS_PER_YEAR[self.kind]:
            raise ValueError(f"A {self.kind} is not made of {kind}s.")
        return periods_between(Period.containing(kind, self.start), Period.containing(kind, self.end))

    def has_ended(self, on: dt.date) -> bool:
        return self.end < on


def periods_between(first: Period, last: Period) -> list[Period]:
    """All periods of one kind from ``first`` up to and including ``last``."""
    if first.kind is not last.kind:
        raise ValueError("Both periods must be of the same kind.")
    result: list[Period] = []
    current = first
    while current.sort_key <= last.sort_key:
        result.append(current)
        current = current.next()
    return result


def sorted_periods(periods: Iterable[Period]) -> list[Period]:
    return sorted(periods, key=lambda period: period.sort_key)


# -- comparing -------------------------------------------------------------------------------------
def meets(direction: Direction, value: float, target: float, upper: float | None = None) -> bool:
    if direction is Direction.HIGHER_IS_BETTER:
        return value >= target - EPSILON
    if direction is Direction.LOWER_IS_BETTER:
        return value <= target + EPSILON
    top = target if upper is None else upper
    return target - EPSILON <= value <= top + EPSILON


# -- the figures behind the verdicts ---------------------------------------------------------------
def success_rate(allocations: float, active_seekers: float) -> float | None:
    """Slaagkans in percent: allocations in a period per 100 active seekers in that period.

    None when nobody was actively seeking (the rate is then undefined, not zero).
    """
    if allocations < 0 or active_seekers < 0:
        raise ValueError("Counts cannot be negative.")
    if active_seekers == 0:
        return None
    return 100.0 * allocations / active_seekers


DAYS_PER_YEAR = 365.25


def waiting_time_years(first_reaction: dt.date, lease_signed: dt.date) -> float:
    """Waiting time as afspraak 1.3.1 defines it: from the first reaction to signing the lease, in years.

    Not the registration time (inschrijfduur), which starts at registration and is years longer.
    """
    if lease_signed < first_reaction:
        raise ValueError("A lease cannot be signed before the first reaction.")
    return (lease_signed - first_reaction).days / DAYS_PER_YEAR


def weighted_mean(pairs: Sequence[tuple[float, float]]) -> float | None:
    """Mean of (value, weight) pairs; None without weight. Averages of quarters weighted by their counts."""
    total_weight = sum(weight for _value, weight in pairs)
    if total_weight <= 0:
        return None
    return sum(value * weight for value, weight in pairs) / total_weight


@dataclass(frozen=True)
class Rolled:
    """A value for a coarser period made from its parts; ``parts`` of ``expected_parts`` had a figure."""

    period: Period
    value: float
    parts: int = 1
    expected_parts: int = 1

    @property
    def complete(self) -> bool:
        return self.parts >= self.expected_parts


def roll_up(
    values: Mapping[Period, float],
    into: PeriodKind,
    how: RollUp,
    weights: Mapping[Period, float] | None = None,
) -> dict[Period, Rolled]:
    """Roll finer periods up into ``into`` periods. Periods already of that kind are kept as they are.

    A weighted mean falls back to the plain mean when a part has no weight (documented in ADR 0031).
    """
    groups: dict[Period, list[Period]] = defaultdict(list)
    for period in values:
        groups[period.within(into)].append(period)
    result: dict[Period, Rolled] = {}
    for coarse, members in groups.items():
        members = sorted_periods(members)
        figures = [values[member] for member in members]
        expected = len(coarse.parts(members[0].kind))
        if how is RollUp.SUM:
            value = sum(figures)
        elif how is RollUp.LAST:
            value = figures[-1]
        elif how is RollUp.WEIGHTED_MEAN and weights is not None and all(m in weights for m in members):
            weighted = weighted_mean([(values[m], weights[m]) for m in members])
            value = weighted if weighted is not None else sum(figures) / len(figures)
        else:
            value = sum(figures) / len(figures)
        result[coarse] = Rolled(coarse, value, len(members), expected)
    return dict(sorted(result.items(), key=lambda item: item[0].sort_key))


# -- targets ---------------------------------------------------------------------------------------
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
    baseline_year: int | None = None  # band path: 0 in this year...
    goal_year: int | None = None  # ...rising linearly to the band in this year
    applies_to: AppliesTo = AppliesTo.TOTAL

    def applies(self, period: Period) -> bool:
        if self.first_year is not None and period.end.year < self.first_year:
            return False
        return not (self.last_year is not None and period.start.year > self.last_year)

    def bounds(self, period: Period) -> tuple[float, float | None]:
        """The band for ``period``: on a path, the share of the way from the baseline to the goal year."""
        if self.baseline_year is None or self.goal_year is None or period.end.year >= self.goal_year:
            return self.value, self.upper
        share = max(0.0, (period.end.year - self.baseline_year) / (self.goal_year - self.baseline_year))
        return self.value * share, None if self.upper is None else self.upper * share

    @property
    def on_path(self) -> bool:
        return self.baseline_year is not None and self.goal_year is not None


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
    pace: float | None = None  # cumulative: the value per period; band path: the goal band's lower bound
    goal_upper: float | None = None
    goal_year: int | None = None

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
        before_goal = target.goal_year is not None and rolled.period.end.year < target.goal_year
        if (target.on_path and before_goal) or upper is None:
            # On the way to a band only the lower edge of the path counts: being ahead is fine.
            ok = value >= lower - EPSILON
        else:
            ok = meets(Direction.BAND, value, lower, upper)
        if ok:
            verdict = Verdict.ON_TRACK
        elif value < lower:
            verdict = Verdict.BEHIND if complete else Verdict.ATTENTION
        else:
            verdict = (
                Verdict.ATTENTION
            )  # above the band: more than agreed, worth a look, not a broken promise
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

    A period without a figure counts as zero: a missing year is a year without homes until someone says
    otherwise. The last period, while it runs, is due in proportion to its parts with a figure.
    """
    periods = sorted_periods(period for period in series if target.applies(period))
    if not periods:
        return []
    kind = periods[0].kind
    first_year = target.first_year or periods[0].year
    start = Period.containing(kind, dt.date(first_year, 1, 1))
    running = 0.0
    due = 0.0
    result: list[Assessment] = []
    for period in periods_between(start, periods[-1]):
        rolled = series.get(period)
        share = 1.0
        if rolled is not None:
            running += rolled.value
            if not rolled.complete:
                share = rolled.parts / rolled.expected_parts
        due += target.value * share
        if rolled is None:
            continue
        complete = rolled.complete and period.has_ended(on)
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


# -- statushouders -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class HalfYearBalance:
    """One half year of the statushouders quota (taakstelling).

    ``carried_in`` is what the previous half year left: a backlog (positive) or a lead (negative); both
    are carried, as the quota is set as a running task (ADR 0031).
    """

    period: Period
    quota: float
    carried_in: float
    housed: float
    quarters_reported: int

    @property
    def due(self) -> float:
        return self.quota + self.carried_in

    @property
    def carried_out(self) -> float:
        """Backlog (positive) or lead (negative) that goes into the next half year."""
        return self.due - self.housed


def statushouder_balances(
    quota: Mapping[Period, float], housed: Mapping[Period, float], opening: float = 0.0
) -> list[HalfYearBalance]:
    """Half years from the first to the last one with a quota; housed figures per quarter or half year.

    A half year between two quotas without a quota of its own has a quota of zero; people housed before
    the first quota or after the last one are not counted (there is nothing to count them against yet).
    """
    if not quota:
        return []
    for period in quota:
        if period.kind is not PeriodKind.HALF_YEAR:
            raise ValueError("The statushouders quota is set per half year.")
    housed_per_half = roll_up(housed, PeriodKind.HALF_YEAR, RollUp.SUM) if housed else {}
    halves = sorted_periods(quota)
    balances: list[HalfYearBalance] = []
    carried = opening
    for half in periods_between(halves[0], halves[-1]):
        rolled = housed_per_half.get(half)
        balance = HalfYearBalance(
            period=half,
            quota=quota.get(half, 0.0),
            carried_in=carried,
            housed=rolled.value if rolled else 0.0,
            quarters_reported=_quarters_reported(rolled),
        )
        balances.append(balance)
        carried = balance.carried_out
    return balances


def _quarters_reported(rolled: Rolled | None) -> int:
    if rolled is None:
        return 0
    return rolled.parts if rolled.expected_parts == 2 else 2  # a half-year figure covers both quarters


def assess_backlog(balance: HalfYearBalance, *, on: dt.date, allowed: float = 0.0) -> Assessment:
    """Is the statushouders task on track?

    After the half year: on track when the backlog carried out is at most ``allowed`` (normally 0), else
    behind. During the half year: on track when at least the elapsed share of what is due is housed
    (half of it after the first quarter), else attention.
    """
    half = balance.period
    if half.has_ended(on):
        ok = balance.carried_out <= allowed + EPSILON
        verdict = Verdict.ON_TRACK if ok else Verdict.BEHIND
        complete = True
    else:
        elapsed = sum(1 for quarter in half.parts(PeriodKind.QUARTER) if quarter.has_ended(on))
        ok = balance.housed >= balance.due * elapsed / 2 - EPSILON
        verdict = Verdict.ON_TRACK if ok else Verdict.ATTENTION
        complete = False
    return Assessment(
        half,
        verdict,
        balance.carried_out,
        balance.due,
        None,
        TargetKind.BACKLOG,
        "",
        complete,
        running_total=balance.housed,
        pace=balance.quota,
    )


# -- evaluating one indicator ----------------------------------------------------------------------
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
