"""How often a meeting must be held, and whether one year's meetings meet that. Pure: no Django.

The cadence as written: a rule is "at least N a year" plus the moments the document names (seasons,
quarters, halves, months), each of which needs a meeting of its own. A year becomes *slots*: one per
named moment (its months), and for the rest of the count slots that run over the whole year, due by 31
December ("minimaal vier maal per jaar" is four in the year, not one a quarter). Held meetings fill slots
greedily by deadline; planned ones fill what is left. So a missed moment stays visible when the yearly
count is reached later, and a year with its count held never shows one missed. A year the covenant's
term covers only in part asks for its share of the count (rounded up) and the moments inside the term.
``assess`` judges one year on a date for the agreement's verdict (docs/meetings.md).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
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

    A named moment runs over its months; the rest of the yearly count over the part of the year inside the
    covenant's term (``active_from`` .. ``active_until``), due by its last day. Moments that end before
    the term or start after it are not asked for; a year partly inside the term asks for the count in
    proportion to its months inside the term, rounded up.
    """
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if active_from is not None and active_from > first:
        first = active_from
    if active_until is not None and active_until < last:
        last = active_until
    if first > last:
        return []
    slots: list[tuple[str, dt.date, dt.date]] = []
    for code in rule.windows:
        months = WINDOW_MONTHS[code]
        start, deadline = dt.date(year, min(months), 1), _month_end(year, max(months))
        if deadline >= first and start <= last:
            slots.append((code, start, deadline))
    extra = rule.required - len(rule.windows)
    if extra > 0:
        months_in_term = last.month - first.month + 1
        slots.extend([("", first, last)] * math.ceil(extra * months_in_term / 12))
    # Earliest deadline first; on equal deadlines the narrower slot (later start) first.
    return sorted(slots, key=lambda slot: (slot[2], -slot[1].toordinal(), slot[0]))


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


# -- judging one year on a date (the evidence for an agreement's verdict) ------------------------------


@dataclass(frozen=True)
class Assessment:
    """How one year of a rule stands at the end of day ``on``, from the meetings held by then.

    Behind when a named moment passed without a meeting, when the year (or the term) ended short of the
    count, or when the meetings still needed no longer fit in the days left (at most one a day);
    otherwise on track. Nothing here is a tolerance: a count still reachable is on track.
    """

    year: int
    on: dt.date
    required: int
    held: int  # meetings held in the year on or before ``on``
    missed_windows: tuple[str, ...]  # named moments that passed without a meeting
    short: int  # meetings of the count missing when its last day passed
    open_windows: tuple[str, ...]  # named moments still to come (or running)
    still_needed: int  # slots not yet filled whose deadline is after ``on``
    last_day: dt.date | None  # the last deadline of the year (31 December, or the end of the term)
    reachable: bool  # the meetings still needed fit in the days left

    @property
    def due(self) -> bool:
        """The year asks for meetings at all (an on-demand type, or a year outside the term, does not)."""
        return self.required > 0

    @property
    def behind(self) -> bool:
        return bool(self.missed_windows) or self.short > 0 or not self.reachable

    @property
    def year_over(self) -> bool:
        return self.last_day is not None and self.last_day <= self.on


def _fits(slots: Sequence[Slot], after: dt.date) -> bool:
    """Can every slot get a meeting on a day of its own, from ``after`` on? (Earliest deadline first.)"""
    used: set[dt.date] = set()
    for slot in sorted(slots, key=lambda slot: (slot.deadline, -slot.start.toordinal())):
        day = max(slot.start, after)
        while day in used:
            day += dt.timedelta(days=1)
        if day > slot.deadline:
            return False
        used.add(day)
    return True


def assess(
    rule: CadenceRule,
    *,
    year: int,
    held: Sequence[dt.date],
    on: dt.date,
    active_from: dt.date | None = None,
    active_until: dt.date | None = None,
) -> Assessment:
    """``year`` against the rule at the end of day ``on``: only meetings held on or before ``on`` count,
    and a slot whose deadline is ``on`` or earlier without a meeting is missed (so the monitor of year Y,
    judged on 31 December Y, sees a count not reached)."""
    held_by = [day for day in held if day.year == year and day <= on]
    next_day = on + dt.timedelta(days=1)
    status = evaluate(
        rule, year=year, held=held_by, today=next_day, active_from=active_from, active_until=active_until
    )
    missed = [slot for slot in status.slots if slot.state is SlotState.MISSED]
    still = [slot for slot in status.slots if slot.state is SlotState.OPEN]
    return Assessment(
        year=year,
        on=on,
        required=status.required,
        held=status.held,
        missed_windows=tuple(slot.window for slot in missed if slot.window),
        short=sum(1 for slot in missed if not slot.window),
        open_windows=tuple(slot.window for slot in still if slot.window),
        still_needed=len(still),
        last_day=max((slot.deadline for slot in status.slots), default=None),
        reachable=_fits(still, next_day),
    )
