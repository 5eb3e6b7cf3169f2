"""Verdicts and how a value compares with a target in a direction (higher, lower, within a band)."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

EPSILON = 1e-9


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    BAND = "band"


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


def meets(direction: Direction, value: float, target: float, upper: float | None = None) -> bool:
    if direction is Direction.HIGHER_IS_BETTER:
        return value >= target - EPSILON
    if direction is Direction.LOWER_IS_BETTER:
        return value <= target + EPSILON
    top = target if upper is None else upper
    return target - EPSILON <= value <= top + EPSILON
