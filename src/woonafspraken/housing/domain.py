"""The vocabulary of the housing figures as plain enums, shared by the pure modules and the models.

Values are stable codes used in storage and exports; the Dutch labels are the ones users know from the
appendices of the agreements (Bijlage 1 and 2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class RentClass(StrEnum):
    """Rent-price classes, each up to a national rent limit of the year the figures refer to."""

    QUALITY_DISCOUNT = "kwaliteitskortingsgrens"  # "jongerengrens"
    LOW_CAP = "lage_aftoppingsgrens"
    HIGH_CAP = "hoge_aftoppingsgrens"
    BENEFIT = "huurtoeslaggrens"  # also liberalisatiegrens / DAEB rent limit
    ABOVE_BENEFIT = "boven_huurtoeslaggrens"


# More homes than any corporation or municipality has: a larger number is a typing error (and would not
# fit the database's integer columns). Names of projects and withdrawals hold 200 characters.
MAX_HOMES = 1_000_000
MAX_NAME_LENGTH = 200

RENT_CLASSES: tuple[RentClass, ...] = tuple(RentClass)
SOCIAL_RENT_CLASSES: tuple[RentClass, ...] = RENT_CLASSES[:-1]

# The row labels of Bijlage 1 (also the choices in the spreadsheet templates).
RENT_CLASS_LABELS: dict[RentClass, str] = {
    RentClass.QUALITY_DISCOUNT: "Jongerengrens",
    RentClass.LOW_CAP: "Lage aftoppingsgrens",
    RentClass.HIGH_CAP: "Hoge aftoppingsgrens",
    RentClass.BENEFIT: "Huurtoeslaggrens",
    RentClass.ABOVE_BENEFIT: "Boven huurtoeslaggrens",
}


class DwellingType(StrEnum):
    SINGLE_FAMILY = "EGW"  # eengezinswoning
    MULTI_FAMILY = "MGW"  # meergezinswoning


DWELLING_TYPES: tuple[DwellingType, ...] = tuple(DwellingType)


class PipelineKind(StrEnum):
    NEW_BUILD = "new_build"
    DEMOLITION = "demolition"
    SALE = "sale"
    LIBERALISATION = "liberalisation"


WITHDRAWAL_KINDS: tuple[PipelineKind, ...] = (
    PipelineKind.DEMOLITION,
    PipelineKind.SALE,
    PipelineKind.LIBERALISATION,
)
PIPELINE_KIND_LABELS: dict[PipelineKind, str] = {
    PipelineKind.NEW_BUILD: "Nieuwbouw",
    PipelineKind.DEMOLITION: "Sloop",
    PipelineKind.SALE: "Verkoop",
    PipelineKind.LIBERALISATION: "Liberalisatie",
}


class Segment(StrEnum):
    SOCIAL_RENT = "social_rent"
    MIDDLE_RENT = "middle_rent"
    CHEAP_OWNER_OCCUPIED = "cheap_owner_occupied"
    OTHER = "other"


SEGMENT_LABELS: dict[Segment, str] = {
    Segment.SOCIAL_RENT: "Sociale huur",
    Segment.MIDDLE_RENT: "Middeldure huur",
    Segment.CHEAP_OWNER_OCCUPIED: "Goedkope koop",
    Segment.OTHER: "Overig",
}


def demo_recorded_on(year: int) -> dt.date:
    """When a fictitious realised figure of ``year`` counts as recorded: 1 February of the year after.

    Example figures are written on the day of ``init --demo``; to let a report "as of" a past date show
    them as a real delivery would have been, they count as delivered one month after their year.
    """
    return dt.date(year + 1, 2, 1)


def names_in_words(names: Sequence[str]) -> str:
    """ "a", "a en b", "a, b en c"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} en {names[-1]}"


@dataclass(frozen=True)
class StockDelivery:
    """The stock delivered for one reference date: homes per corporation, and who has not delivered."""

    date: dt.date
    totals: dict[str, int]  # corporation name -> homes, in the covenant's order
    missing: tuple[str, ...]
    is_demo: bool = False

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def total(self) -> int:
        return sum(self.totals.values())

    @property
    def missing_text(self) -> str:
        return names_in_words(list(self.missing))


def latest_complete(deliveries: Iterable[StockDelivery]) -> StockDelivery | None:
    """The newest reference date on which every corporation delivered (``deliveries`` newest first)."""
    return next((delivery for delivery in deliveries if delivery.complete), None)


def newer_partial(deliveries: Iterable[StockDelivery]) -> list[StockDelivery]:
    """The deliveries after the newest complete one: still waiting for some corporation."""
    result = []
    for delivery in deliveries:
        if delivery.complete:
            break
        result.append(delivery)
    return result
