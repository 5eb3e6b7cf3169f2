"""Rolling finer periods up into coarser ones: sum, last value, mean, weighted mean."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from woonafspraken.indicators.arithmetic.periods import Period, PeriodKind, sorted_periods


class RollUp(StrEnum):
    SUM = "sum"  # flows: homes built, people housed, allocations
    LAST = "last"  # stocks at the end of the period: registrations, homes with solar panels
    MEAN = "mean"
    WEIGHTED_MEAN = "weighted_mean"  # averages: the waiting time, weighted by the allocations


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
