"""The five-year look-ahead of the stock per rent class (afspraak 1.2.1); pure, typed, no Django.

From the latest stock, year by year:
1. rents rise by that year's rent increase while the class limits move to that year's limits, so some
   homes cross a limit. Rents are taken to be spread evenly within each class; the lowest and the
   highest class, which have no printed bound, are taken to be as wide as the class next to them;
2. planned demolition and sale are taken from every class in proportion to its size;
3. planned liberalisation moves homes from the highest social class (then the next lower) to the class
   above the huurtoeslaggrens;
4. planned new build is added in its rent class.
``resolve_assumptions`` decides the rent increase and the limits per year: what a user entered, else
the reference figures, else an assumption that it says it makes. Every choice is returned with its basis
so the page can show the assumptions next to the result.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from woonafspraken.housing.domain import RENT_CLASSES, SOCIAL_RENT_CLASSES, RentClass

__all__ = [
    "Basis",
    "LimitsUnknownError",
    "Limits",
    "StepInput",
    "YearAssumption",
    "YearResult",
    "project",
    "resolve_assumptions",
]

Basis = Literal["entered", "reference", "partly_reference", "assumed"]


class LimitsUnknownError(ValueError):
    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(f"De huurgrenzen van {year} zijn niet (allemaal) bekend.")


@dataclass(frozen=True)
class Limits:
    """Upper limits (EUR a month) of the four social rent classes; the fifth class lies above the last."""

    quality_discount: float
    low_cap: float
    high_cap: float
    benefit: float

    def __post_init__(self) -> None:
        edges = self.edges()
        if any(lower >= upper for lower, upper in zip(edges, edges[1:], strict=False)) or edges[0] <= 0:
            raise ValueError(f"De huurgrenzen moeten oplopen: {edges}.")

    def edges(self) -> tuple[float, float, float, float]:
        return (self.quality_discount, self.low_cap, self.high_cap, self.benefit)

    def scaled(self, factor: float) -> Limits:
        """The limits times ``factor``, rounded to whole cents (half up, as amounts in euros are)."""
        multiplier = Decimal(str(factor))
        return Limits(*(_cents(Decimal(str(edge)) * multiplier) for edge in self.edges()))

    @classmethod
    def from_mapping(cls, values: Mapping[RentClass, float]) -> Limits:
        return cls(*(float(values[rent_class]) for rent_class in SOCIAL_RENT_CLASSES))


@dataclass(frozen=True)
class StepInput:
    year: int
    rent_increase_pct: float
    limits: Limits  # the limits valid in this year
    new_build: Mapping[RentClass, int] = field(default_factory=dict)
    demolition: int = 0
    sale: int = 0
    liberalisation: int = 0


@dataclass(frozen=True)
class YearResult:
    year: int
    counts: Mapping[RentClass, float]
    moved_up: float = 0.0  # homes that crossed a limit upwards because rents rose faster than limits
    moved_down: float = 0.0
    added: int = 0
    withdrawn: float = 0.0  # demolition and sale
    liberalised: float = 0.0
    shortfall: float = 0.0  # withdrawals that found no homes left to take

    @property
    def total(self) -> float:
        return sum(self.counts.values())


def _cents(amount: Decimal) -> float:
    return float(amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _bands(limits: Limits) -> list[tuple[float, float]]:
    q, low, high, benefit = limits.edges()
    floor = max(0.0, q - (low - q))
    ceiling = benefit + (benefit - high)
    return [(floor, q), (q, low), (low, high), (high, benefit), (benefit, ceiling)]


def _overlap(a: float, b: float, c: float, d: float) -> float:
    return max(0.0, min(b, d) - max(a, c))


def _move(
    counts: Mapping[RentClass, float], old: Limits, new: Limits, rent_factor: float
) -> tuple[dict[RentClass, float], float, float]:
    """Redistribute the homes over the new classes after rents rose by ``rent_factor``."""
    bands = _bands(old)
    # The new limits expressed in last year's rents: a home moves up when its rent * factor > limit.
    cuts = [-math.inf, *(edge / rent_factor for edge in new.edges()), math.inf]
    result = dict.fromkeys(RENT_CLASSES, 0.0)
    up = down = 0.0
    for source_index, source in enumerate(RENT_CLASSES):
        amount = counts.get(source, 0.0)
        if not amount:
            continue
        low, high = bands[source_index]
        width = high - low
        for target_index, target in enumerate(RENT_CLASSES):
            share = _overlap(low, high, cuts[target_index], cuts[target_index + 1]) / width
            flow = amount * share
            result[target] += flow
            if target_index > source_index:
                up += flow
            elif target_index < source_index:
                down += flow
    return result, up, down


def project(
    *, start: Mapping[RentClass, float], start_limits: Limits, steps: Sequence[StepInput]
) -> list[YearResult]:
    """Year by year from ``start`` (the stock in the year of ``start_limits``); one result per step."""
    counts = {rent_class: float(start.get(rent_class, 0)) for rent_class in RENT_CLASSES}
    if any(value < 0 for value in counts.values()):
        raise ValueError("Een voorraad kan niet negatief zijn.")
    limits = start_limits
    results: list[YearResult] = []
    for step in steps:
        counts, up, down = _move(counts, limits, step.limits, 1 + step.rent_increase_pct / 100)
        limits = step.limits
        shortfall = 0.0
        total = sum(counts.values())
        withdraw = float(step.demolition + step.sale)
        taken = min(withdraw, total)
        shortfall += withdraw - taken
        if total > 0:
            counts = {rc: value - taken * value / total for rc, value in counts.items()}
        remaining = float(step.liberalisation)
        liberalised = 0.0
        for rent_class in reversed(SOCIAL_RENT_CLASSES):
            moved = min(remaining, counts[rent_class])
            counts[rent_class] -= moved
            counts[RentClass.ABOVE_BENEFIT] += moved
            remaining -= moved
            liberalised += moved
        shortfall += remaining
        added = 0
        for rent_class, homes in step.new_build.items():
            counts[rent_class] += homes
            added += homes
        counts = {rc: max(0.0, value) for rc, value in counts.items()}
        results.append(
            YearResult(
                year=step.year,
                counts=dict(counts),
                moved_up=up,
                moved_down=down,
                added=added,
                withdrawn=taken,
                liberalised=liberalised,
                shortfall=shortfall,
            )
        )
    return results


# -- assumptions per year -----------------------------------------------------------------------------
@dataclass(frozen=True)
class YearAssumption:
    year: int
    rent_increase_pct: float
    rent_basis: Basis
    limits: Limits
    limit_basis: Basis
    limit_indexation_pct: float | None  # the indexation applied to limits not known for the year


LimitTable = Mapping[int, Mapping[RentClass, Decimal | None]]


def _known(limits: LimitTable, year: int) -> dict[RentClass, float]:
    return {rc: float(value) for rc, value in limits.get(year, {}).items() if value is not None}


def start_limits(limits: LimitTable, year: int) -> Limits:
    known = _known(limits, year)
    if any(rent_class not in known for rent_class in SOCIAL_RENT_CLASSES):
        raise LimitsUnknownError(year)
    return Limits.from_mapping(known)


def resolve_assumptions(
    *,
    start_year: int,
    horizon: int,
    limits: LimitTable,
    rent_increases: Mapping[int, Decimal | None],
    entered: Mapping[int, tuple[Decimal | None, Decimal | None]],  # year -> (rent increase, indexation)
) -> tuple[Limits, list[YearAssumption]]:
    """The limits of the start year and, for each following year, the rent increase and the limits."""
    previous = start_limits(limits, start_year)
    first = previous
    # The last known increase up to the start year, carried on when a later year has none.
    years_known = [year for year, value in rent_increases.items() if value is not None and year <= start_year]
    last_rent = float(rent_increases[max(years_known)] or 0) if years_known else None
    last_index: float | None = None
    result: list[YearAssumption] = []
    for year in range(start_year + 1, start_year + horizon + 1):
        entered_rent, entered_index = entered.get(year, (None, None))
        rent_basis: Basis
        if entered_rent is not None:
            rent, rent_basis = float(entered_rent), "entered"
        elif rent_increases.get(year) is not None:
            rent, rent_basis = float(rent_increases[year] or 0), "reference"
        else:
            rent, rent_basis = (last_rent if last_rent is not None else 0.0), "assumed"
        last_rent = rent
        limit_basis: Basis
        if entered_index is not None:
            index = float(entered_index)
            current = previous.scaled(1 + index / 100)
            limit_basis = "entered"
        else:
            known_now, known_before = _known(limits, year), _known(limits, year - 1)
            changes = [
                known_now[rc] / known_before[rc] - 1
                for rc in SOCIAL_RENT_CLASSES
                if rc in known_now and rc in known_before
            ]
            if changes:
                index = sum(changes) / len(changes) * 100
            else:
                index = last_index if last_index is not None else rent
            edges = [
                known_now.get(rc, _cents(Decimal(str(edge)) * (1 + Decimal(str(index)) / 100)))
                for rc, edge in zip(SOCIAL_RENT_CLASSES, previous.edges(), strict=True)
            ]
            current = Limits(*edges)
            known_count = sum(1 for rc in SOCIAL_RENT_CLASSES if rc in known_now)
            limit_basis = (
                "reference"
                if known_count == len(SOCIAL_RENT_CLASSES)
                else "partly_reference"
                if known_count
                else "assumed"
            )
        last_index = index
        result.append(
            YearAssumption(
                year=year,
                rent_increase_pct=rent,
                rent_basis=rent_basis,
                limits=current,
                limit_basis=limit_basis,
                limit_indexation_pct=None if limit_basis == "reference" else index,
            )
        )
        previous = current
    return first, result
