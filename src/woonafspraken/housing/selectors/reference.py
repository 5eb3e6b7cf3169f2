"""The national reference figures: rent limits per class and allowed rent increases, per year."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from woonafspraken.housing.constants import RENT_LIMIT_KINDS, ReferenceKind
from woonafspraken.housing.domain import RentClass
from woonafspraken.housing.models import ReferenceValue


def reference_limits() -> dict[int, dict[RentClass, Decimal | None]]:
    """{year: {rent class: upper limit}} for the four social classes, from the reference values."""
    by_kind = {kind: RentClass(rent_class) for rent_class, kind in RENT_LIMIT_KINDS.items()}
    result: dict[int, dict[RentClass, Decimal | None]] = defaultdict(dict)
    for kind, year, value in ReferenceValue.objects.filter(kind__in=list(by_kind)).values_list(
        "kind", "year", "value"
    ):
        result[year][by_kind[kind]] = value
    return dict(result)


def reference_rent_increases() -> dict[int, Decimal | None]:
    return dict(ReferenceValue.objects.filter(kind=ReferenceKind.RENT_INCREASE).values_list("year", "value"))
