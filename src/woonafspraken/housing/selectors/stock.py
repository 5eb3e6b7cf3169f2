"""The stock per corporation, rent class and dwelling type: the table of Bijlage 1, templates, exports."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Covenant
from woonafspraken.housing.domain import DWELLING_TYPES, RENT_CLASS_LABELS, RENT_CLASSES, RentClass
from woonafspraken.housing.models import StockCount
from woonafspraken.housing.presentation import StockBlockView, StockLineView, StockTable
from woonafspraken.housing.selectors.organisations import covenant_corporations, total_corporations_heading
from woonafspraken.housing.selectors.reference import reference_limits


def stock_dates(covenant: Covenant, corporation_id: int | None = None) -> list[dt.date]:
    """The dates with stock figures, newest first."""
    return list(
        StockCount.objects.for_covenant(covenant, corporation_id)
        .order_by("-date")
        .values_list("date", flat=True)
        .distinct()
    )


def stock_table(
    covenant: Covenant,
    date: dt.date,
    *,
    corporation_id: int | None = None,
    limits: dict[int, dict[RentClass, Decimal | None]] | None = None,
) -> StockTable:
    """The stock on ``date`` in the layout of Bijlage 1: a block per corporation, then the total."""
    limits = reference_limits() if limits is None else limits
    year_limits = limits.get(date.year, {})
    rows = (
        StockCount.objects.for_covenant(covenant, corporation_id)
        .filter(date=date)
        .values_list("corporation_id", "corporation__name", "rent_class", "dwelling_type", "count", "is_demo")
    )
    counts: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    names: dict[int, str] = {}
    demo: dict[int, bool] = defaultdict(bool)
    for organisation_id, name, rent_class, dwelling_type, count, is_demo in rows:
        counts[organisation_id][(rent_class, dwelling_type)] = count
        names[organisation_id] = name
        demo[organisation_id] |= is_demo
    order = {org.pk: index for index, org in enumerate(covenant_corporations(covenant))}
    blocks = [
        _stock_block(names[org_id], org_id, counts[org_id], year_limits, demo[org_id])
        for org_id in sorted(counts, key=lambda key: (order.get(key, 99), names[key]))
    ]
    if len(blocks) > 1:
        total: dict[tuple[str, str], int] = defaultdict(int)
        for values in counts.values():
            for key, count in values.items():
                total[key] += count
        blocks.append(
            _stock_block(
                total_corporations_heading(covenant.municipality),
                None,
                total,
                year_limits,
                any(demo.values()),
            )
        )
    known = all(year_limits.get(rent_class) is not None for rent_class in RENT_CLASSES[:-1])
    return StockTable(date, tuple(blocks), known, any(demo.values()))


def _stock_block(
    heading: str,
    organisation_id: int | None,
    counts: dict[tuple[str, str], int],
    limits: dict[RentClass, Decimal | None],
    is_demo: bool,
) -> StockBlockView:
    lines = tuple(
        StockLineView(
            rent_class=rent_class,
            label=RENT_CLASS_LABELS[rent_class],
            limit=limits.get(RentClass.BENEFIT if rent_class is RentClass.ABOVE_BENEFIT else rent_class),
            egw=counts.get((rent_class.value, "EGW"), 0),
            mgw=counts.get((rent_class.value, "MGW"), 0),
        )
        for rent_class in RENT_CLASSES
    )
    return StockBlockView(heading, organisation_id, lines, is_demo)


def stock_template_rows(
    covenant: Covenant, corporation: Organisation, date: dt.date
) -> list[dict[str, object]]:
    """The rows of a stock template: every class and type, with the stored count where there is one."""
    stored = {
        (rent_class, dwelling_type): (count, is_demo)
        for rent_class, dwelling_type, count, is_demo in StockCount.objects.filter(
            covenant=covenant, corporation=corporation, date=date
        ).values_list("rent_class", "dwelling_type", "count", "is_demo")
    }
    rows: list[dict[str, object]] = []
    for rent_class in RENT_CLASSES:
        for dwelling_type in DWELLING_TYPES:
            count, is_demo = stored.get((rent_class.value, dwelling_type.value), (None, False))
            rows.append(
                {
                    "corporation": corporation.name,
                    "date": date,
                    "rent_class": rent_class.value,
                    "dwelling_type": dwelling_type.value,
                    "count": None if is_demo else count,  # example figures are never handed out as real
                }
            )
    return rows


def stock_export_rows(covenant: Covenant) -> list[dict[str, object]]:
    rows = (
        StockCount.objects.filter(covenant=covenant)
        .order_by("date", "corporation__name", "rent_class", "dwelling_type")
        .values_list("corporation__name", "date", "rent_class", "dwelling_type", "count")
    )
    class_order = {rent_class.value: index for index, rent_class in enumerate(RENT_CLASSES)}
    result = [
        {
            "organisation": name,
            "date": date.isoformat(),
            "rent_class": rent_class,
            "dwelling_type": dwelling_type,
            "count": count,
        }
        for name, date, rent_class, dwelling_type, count in rows
    ]
    result.sort(
        key=lambda r: (r["date"], r["organisation"], class_order[str(r["rent_class"])], r["dwelling_type"])
    )
    return result
