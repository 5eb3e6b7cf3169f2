"""Where planned works of different parties meet in place and time (afspraak 5.3, the "koppelkansen"
of 4.1.2). Pure: works in, pairs out."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True)
class PlannedWork:
    id: int
    party_id: int
    party: str
    title: str
    wijk: str
    streets: tuple[str, ...]
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Coupling:
    first: PlannedWork
    second: PlannedWork
    shared_streets: tuple[str, ...]  # as the first work spells them
    same_wijk: bool
    gap_days: int  # 0 when the periods overlap
    overlap_start: dt.date | None
    overlap_end: dt.date | None

    @property
    def strength(self) -> int:
        """2: same street; 1: same wijk only."""
        return 2 if self.shared_streets else 1


def normalise(place: str) -> str:
    return re.sub(r"[\s.,'-]+", " ", place.casefold()).strip()


def _gap_days(a: PlannedWork, b: PlannedWork) -> int:
    if a.end < b.start:
        return (b.start - a.end).days
    if b.end < a.start:
        return (a.start - b.end).days
    return 0


def find_couplings(works: Sequence[PlannedWork], *, max_gap_days: int) -> list[Coupling]:
    """Pairs of works by different parties in the same wijk or street whose periods overlap or lie at
    most ``max_gap_days`` apart; same street first, then by the smallest gap and the earliest start.

    Works are grouped by place first, so only works that share a wijk or a street are compared."""
    ordered = sorted(works, key=lambda w: (w.start, w.id))
    position = {work.id: index for index, work in enumerate(ordered)}
    streets = {work.id: {normalise(s) for s in work.streets if s.strip()} for work in ordered}
    places: dict[str, list[PlannedWork]] = defaultdict(list)
    for work in ordered:
        if work.wijk.strip():
            places["wijk:" + normalise(work.wijk)].append(work)
        for street in streets[work.id]:
            places["straat:" + street].append(work)
    pairs: set[tuple[int, int]] = set()
    for group in places.values():
        for a, b in combinations(group, 2):
            if a.party_id != b.party_id:
                pairs.add((a.id, b.id) if position[a.id] < position[b.id] else (b.id, a.id))
    by_id = {work.id: work for work in ordered}
    found: list[Coupling] = []
    for first_id, second_id in pairs:
        a, b = by_id[first_id], by_id[second_id]
        gap = _gap_days(a, b)
        if gap > max_gap_days:
            continue
        shared = tuple(
            street for street in a.streets if street.strip() and normalise(street) in streets[b.id]
        )
        same_wijk = bool(a.wijk.strip()) and normalise(a.wijk) == normalise(b.wijk)
        found.append(
            Coupling(
                first=a,
                second=b,
                shared_streets=shared,
                same_wijk=same_wijk,
                gap_days=gap,
                overlap_start=max(a.start, b.start) if gap == 0 else None,
                overlap_end=min(a.end, b.end) if gap == 0 else None,
            )
        )
    return sorted(
        found, key=lambda c: (-c.strength, c.gap_days, c.first.start, c.second.start, c.first.id, c.second.id)
    )
