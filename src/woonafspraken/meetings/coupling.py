"""Where planned works of different parties meet in place and time (afspraak 5.3, the "koppelkansen"
of 4.1.2). Pure: works in, pairs out."""

from __future__ import annotations

import datetime as dt
import re
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
    most ``max_gap_days`` apart; same street first, then by the smallest gap and the earliest start."""
    found: list[Coupling] = []
    for a, b in combinations(sorted(works, key=lambda w: (w.start, w.id)), 2):
        if a.party_id == b.party_id:
            continue
        streets_b = {normalise(street) for street in b.streets if street.strip()}
        shared = tuple(street for street in a.streets if street.strip() and normalise(street) in streets_b)
        same_wijk = bool(a.wijk.strip()) and normalise(a.wijk) == normalise(b.wijk)
        if not shared and not same_wijk:
            continue
        gap = _gap_days(a, b)
        if gap > max_gap_days:
            continue
        overlap_start, overlap_end = max(a.start, b.start), min(a.end, b.end)
        found.append(
            Coupling(
                first=a,
                second=b,
                shared_streets=shared,
                same_wijk=same_wijk,
                gap_days=gap,
                overlap_start=overlap_start if gap == 0 else None,
                overlap_end=overlap_end if gap == 0 else None,
            )
        )
    return sorted(found, key=lambda c: (-c.strength, c.gap_days, c.first.start, c.first.id, c.second.id))
