"""The shape of an indicator catalogue: an indicator, its targets and the agreements it belongs to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class AgreementRef:
    number: str
    keyword: str  # must occur (case-insensitive) in the agreement's subject or text


@dataclass(frozen=True)
class TargetSeed:
    """A target and where it comes from.

    ``source_kind`` "agreement": ``source`` quotes the phrase of the agreement it was read from, with the
    agreement's number; only such targets (and targets of an adopted jaarschijf) judge. "reference": a
    national norm the document does not state, shown "for comparison" only, with its national source.
    """

    kind: str
    value: float
    agreement: str
    source: str
    source_kind: str = "agreement"
    upper: float | None = None
    period: str = ""
    first_year: int | None = None
    last_year: int | None = None
    baseline_year: int | None = None
    goal_year: int | None = None
    applies_to: str = "total"


@dataclass(frozen=True)
class IndicatorSeed:
    code: str
    name: str
    definition: str
    unit: str
    period: str
    direction: str
    agreements: tuple[AgreementRef, ...]
    delivered_by: str  # "corporations" or "municipality"
    per_organisation: bool = False
    dimension: str = ""
    roll_up: str = "sum"
    combine: str = "none"
    weight_code: str = ""
    weight_dimension: str = ""
    source_kind: str = "entered"
    formula: str = ""
    inputs: dict[str, Any] = field(default_factory=dict)
    series_key: str = ""
    default_source: str = ""
    decimals: int = 0
    minimum: float | None = 0
    maximum: float | None = None
    allow_future: bool = False
    targets: tuple[TargetSeed, ...] = ()
