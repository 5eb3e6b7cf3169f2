"""Periods: quarters ("2024-K1"), half years ("2024-H2") and years ("2024"), read and counted."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class PeriodKind(StrEnum):
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"


PARTS_PER_YEAR = {PeriodKind.QUARTER: 4, PeriodKind.HALF_YEAR: 2, PeriodKind.YEAR: 1}


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
