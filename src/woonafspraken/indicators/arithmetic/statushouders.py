"""The statushouders quota per half year, with the backlog (or lead) carried into the next one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from woonafspraken.indicators.arithmetic.periods import Period, PeriodKind, periods_between, sorted_periods
from woonafspraken.indicators.arithmetic.rolling import Rolled, RollUp, roll_up
from woonafspraken.indicators.arithmetic.targets import Assessment, TargetKind
from woonafspraken.indicators.arithmetic.verdicts import EPSILON, Verdict


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

    A quarter that is over without a figure of people housed makes it "no data" (unknown, not zero).
    After the half year: on track when the backlog carried out is at most ``allowed`` (normally 0), else
    behind. During the half year: on track when at least the elapsed share of what is due is housed
    (half of it after the first quarter), else attention.
    """
    half = balance.period
    elapsed = sum(1 for quarter in half.parts(PeriodKind.QUARTER) if quarter.has_ended(on))
    if balance.quarters_reported < elapsed and balance.due > EPSILON:
        # Quarters that are over without a figure of people housed: unknown, not zero housed.
        verdict = Verdict.NO_DATA
        complete = half.has_ended(on)
    elif half.has_ended(on):
        ok = balance.carried_out <= allowed + EPSILON
        verdict = Verdict.ON_TRACK if ok else Verdict.BEHIND
        complete = True
    else:
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
