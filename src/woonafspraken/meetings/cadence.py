"""How often a meeting must be held, and whether one year's meetings meet that. Pure: no Django.

A rule is "at least N a year" plus optional windows (seasons, quarters, halves, months) that each need
a meeting. A year becomes *slots*: one per window (its months), and for the remaining count either a
deadline at the end of the year (when there are windows) or an even spread over the year (the k-th of
N meetings by the end of the k-th N-th of the year), so falling behind shows early. Held meetings fill
slots greedily by deadline; planned ones fill what is left. See docs/adr/0040-meetings-cadence.md.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

# The months of each window. Seasons follow Dutch administrative practice rather than the meteorological
# seasons: a "najaarsoverleg" in December (before the jaarschijf is due on 15 December) is autumn.
WINDOW_MONTHS: dict[str, tuple[int, ...]] = {
    "winter": (1, 2),
    "spring": (3, 4, 5, 6),
    "summer": (7, 8),
    "autumn": (9, 10, 11, 12),
    "q1": (1, 2, 3),
    "q2": (4, 5, 6),
    "q3": (7, 8, 9),
    "q4": (10, 11, 12),
    "h1": (1, 2, 3, 4, 5, 6),
    "h2": (7, 8, 9, 10, 11, 12),
    **{f"m{month}": (month,) for month in range(1, 13)},
}
SEASONS = ("winter", "spring", "summer", "autumn")
QUARTERS = ("q1", "q2", "q3", "q4")
HALVES = ("h1", "h2")
MONTHS = tuple(f"m{month}" for month in range(1, 13))


class SlotState(StrEnum):
    HELD = "held"
    PLANNED = "planned"
    OPEN = "open"  # still possible: its deadline is today or later
    MISSED = "missed"  # its deadline passed without a meeting


@dataclass(frozen=True)
class CadenceRule:
    min_per_year: int = 0
    windows: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.min_per_year < 0:
            raise ValueError("min_per_year cannot be negative")
        unknown = [code for code in self.windows if code not in WINDOW_MONTHS]
        if unknown:
            raise ValueError(f"unknown windows: {', '.join(unknown)}")

    @property
    def required(self) -> int:
        return max(self.min_per_year, len(self.windows))

    @property
    def on_demand(self) -> bool:
        return self.required == 0


@dataclass(frozen=True)
class Slot:
    window: str  # a window code, or "" for "one more this year"
    start: dt.date
    deadline: dt.date
    state: SlotState
    meeting_on: dt.date | None = None


@dataclass(frozen=True)
class CadenceStatus:
    year: int
    required: int
    held: int  # every held meeting in the year, also beyond the required number
    planned: int
    slots: tuple[Slot, ...]
    next_due: dt.date | None  # deadline of the first slot still to fill, possibly in the next year
    missed: int

    @property
    def overdue(self) -> bool:
        return self.missed > 0

    @property
    def met(self) -> bool:
        return all(slot.state is SlotState.HELD for slot in self.slots)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def year_slots(
    rule: CadenceRule, year: int, *, active_from: dt.date | None = None, active_until: dt.date | None = None
) -> list[tuple[str, dt.date, dt.date]]:
    """(window, start, deadline) of every meeting the rule asks for in ``year``, most urgent first.

    A window slot runs over its months; an even-spread slot from 1 January to its deadline (the k-th
    meeting by then); an extra slot beside windows over the whole year. Slots that end before
    ``active_from`` or start after ``active_until`` (the covenant's term) are not asked for.
    """
    slots: list[tuple[str, dt.date, dt.date]] = []
    for code in rule.windows:
        months = WINDOW_MONTHS[code]
        slots.append((code, dt.date(year, min(months), 1), _month_end(year, max(months))))
    extra = rule.required - len(rule.windows)
    for k in range(1, extra + 1):
        # Without windows: with 4 a year the deadlines are the ends of the quarters, with 2 of the halves.
        month = 12 if rule.windows else -(-12 * k // extra)
        slots.append(("", dt.date(year, 1, 1), _month_end(year, month)))

    def in_term(slot: tuple[str, dt.date, dt.date]) -> bool:
        _, start, deadline = slot
        return not (
            (active_from is not None and deadline < active_from)
            or (active_until is not None and start > active_until)
        )

    # Earliest deadline first; on equal deadlines the narrower slot (later start) first.
    return sorted(filter(in_term, slots), key=lambda slot: (slot[2], -slot[1].toordinal(), slot[0]))


def _fill(
    slots: Sequence[tuple[str, dt.date, dt.date]], dates: Iterable[dt.date], skip: Iterable[int] = ()
) -> dict[int, dt.date]:
    """Each slot, most urgent first, takes the earliest unused meeting inside it (optimal for these
    nested or disjoint intervals)."""
    pool = sorted(dates)
    taken: dict[int, dt.date] = {}
    skipped = set(skip)
    for index, (_, start, deadline) in enumerate(slots):
        if index in skipped:
            continue
        for position, day in enumerate(pool):
            if start <= day <= deadline:
                taken[index] = pool.pop(position)
                break
    return taken


def evaluate(
    rule: CadenceRule,
    *,
    year: int,
    held: Sequence[dt.date],
    planned: Sequence[dt.date] = (),
    today: dt.date,
    active_from: dt.date | None = None,
    active_until: dt.date | None = None,
) -> CadenceStatus:
    """How ``year`` stands against the rule on ``today``.

    Only meetings in ``year`` count for it (one on 31 December counts for that year, one on 1 January
    for the next); held meetings of the next year are used to find the next due date across the year
    boundary once this year's slots are all done.
    """
    in_year_held = [day for day in held if day.year == year]
    in_year_planned = [day for day in planned if day.year == year]
    slots = year_slots(rule, year, active_from=active_from, active_until=active_until)
    by_held = _fill(slots, in_year_held)
    by_planned = _fill(slots, in_year_planned, skip=by_held)
    result: list[Slot] = []
    for index, (window, start, deadline) in enumerate(slots):
        if index in by_held:
            result.append(Slot(window, start, deadline, SlotState.HELD, by_held[index]))
        elif index in by_planned:
            result.append(Slot(window, start, deadline, SlotState.PLANNED, by_planned[index]))
        elif deadline < today:
            result.append(Slot(window, start, deadline, SlotState.MISSED))
        else:
            result.append(Slot(window, start, deadline, SlotState.OPEN))
    return CadenceStatus(
        year=year,
        required=len(slots),
        held=len(in_year_held),
        planned=len(in_year_planned),
        slots=tuple(result),
        next_due=_next_due(rule, year, result, held, today, active_from, active_until),
        missed=sum(1 for slot in result if slot.state is SlotState.MISSED),
    )


def _next_due(
    rule: CadenceRule,
    year: int,
    slots: Sequence[Slot],
    held: Sequence[dt.date],
    today: dt.date,
    active_from: dt.date | None,
    active_until: dt.date | None,
) -> dt.date | None:
    if year < today.year or rule.on_demand:
        return None  # a past year has nothing due any more; what it missed is in ``missed``
    for slot in slots:
        if slot.state in (SlotState.OPEN, SlotState.PLANNED):
            return slot.deadline
    following = year_slots(rule, year + 1, active_from=active_from, active_until=active_until)
    done = _fill(following, [day for day in held if day.year == year + 1])
    for index, (_, _, deadline) in enumerate(following):
        if index not in done:
            return deadline
    return None
