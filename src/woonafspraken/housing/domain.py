"""The vocabulary of the housing figures as plain enums, shared by the pure modules and the models.

Values are stable codes used in storage and exports; the Dutch labels are the ones users know from the
appendices of the agreements (Bijlage 1 and 2).
"""

from __future__ import annotations

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
