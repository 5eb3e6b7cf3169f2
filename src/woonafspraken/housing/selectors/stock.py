"""The stock per corporation, rent class and dwelling type: the table of Bijlage 1, templates, exports."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Covenant
from woonafspraken.housing.constants import FigureSource
from woonafspraken.housing.domain import (
    DWELLING_TYPES,
    RENT_CLASS_LABELS,
    RENT_CLASSES,
    RentClass,
    StockDelivery,
)
from woonafspraken.housing.models import StockCount
from woonafspraken.housing.presentation import (
    StockBlockView,
    StockLineView,
    StockTable,
)
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


def stock_deliveries(covenant: Covenant, *, on: dt.date | None = None) -> list[StockDelivery]:
    """Per reference date (newest first) the homes each corporation delivered and who has not delivered.

    ``on``: as recorded at the end of that day (figures read from the agreements document count from
    the covenant's start, example figures from their reference date). Two queries.
    """
    corporations = [(org.pk, org.name) for org in covenant_corporations(covenant)]
    totals: dict[dt.date, dict[int, int]] = defaultdict(dict)
    demo: dict[dt.date, bool] = defaultdict(bool)
    if on is None:
        for date, corporation_id, homes, examples in (
            StockCount.objects.filter(covenant=covenant)
            .values("date", "corporation_id")
            .annotate(homes=Sum("count"), examples=Count("pk", filter=Q(is_demo=True)))
            .values_list("date", "corporation_id", "homes", "examples")
            .order_by()
        ):
            totals[date][corporation_id] = homes or 0
            demo[date] |= bool(examples)
    else:
        state: dict[int, tuple[dt.date, int, int, bool] | None] = {}
        for pk, change, when, source, date, corporation_id, count, is_demo in (
            StockCount.history.filter(covenant=covenant)
            .order_by("history_id")  # the order of recording (dates may be frozen in tests)
            .values_list(
                "id", "history_type", "history_date", "source", "date", "corporation_id", "count", "is_demo"
            )
        ):
            recorded = timezone.localtime(when).date()
            if source == FigureSource.DOCUMENT:
                recorded = min(recorded, covenant.start_date)
            if is_demo:
                recorded = date
            if recorded <= on:
                state[pk] = None if change == "-" else (date, corporation_id, count, is_demo)
        for item in state.values():
            if item is not None:
                date, corporation_id, count, is_demo = item
                totals[date][corporation_id] = totals[date].get(corporation_id, 0) + count
                demo[date] |= is_demo
    names = dict(corporations)
    result = []
    for date in sorted(totals, reverse=True):
        delivered = {names.get(pk, ""): homes for pk, homes in totals[date].items()}
        ordered = {name: delivered[name] for _pk, name in corporations if name in delivered}
        ordered.update({name: homes for name, homes in delivered.items() if name not in ordered})
        missing = tuple(name for pk, name in corporations if pk not in totals[date])
        result.append(StockDelivery(date, ordered, missing, demo[date]))
    return result


def stock_table(
    covenant: Covenant,
    date: dt.date,
    *,
    corporation_id: int | None = None,
    limits: dict[int, dict[RentClass, Decimal | None]] | None = None,
) -> StockTable:
    """The stock on ``date`` in the layout of Bijlage 1: a block per corporation, then the total.

    The total is added only when every corporation of the covenant delivered for ``date``; otherwise the
    table names who has not delivered (``missing``) and holds no total.
    """
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
    corporations = covenant_corporations(covenant)
    order = {org.pk: index for index, org in enumerate(corporations)}
    missing = (
        tuple(org.name for org in corporations if org.pk not in counts) if corporation_id is None else ()
    )
    blocks = [
        _stock_block(names[org_id], org_id, counts[org_id], year_limits, demo[org_id])
        for org_id in sorted(counts, key=lambda key: (order.get(key, 99), names[key]))
    ]
    if len(blocks) > 1 and not missing:
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
    return StockTable(date, tuple(blocks), known, any(demo.values()), missing)


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
        .values_list("corporation__name", "date", "rent_class", "dwelling_type", "count", "is_demo")
    )
    class_order = {rent_class.value: index for index, rent_class in enumerate(RENT_CLASSES)}
    result = [
        {
            "organisation": name,
            "date": date.isoformat(),
            "rent_class": rent_class,
            "dwelling_type": dwelling_type,
            "count": count,
            "is_demo": is_demo,
        }
        for name, date, rent_class, dwelling_type, count, is_demo in rows
    ]
    result.sort(
        key=lambda r: (r["date"], r["organisation"], class_order[str(r["rent_class"])], r["dwelling_type"])
    )
    return result
