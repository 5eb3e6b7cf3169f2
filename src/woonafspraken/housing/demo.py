"""Fictitious example figures for `woonafspraken init --demo`: realised new build and withdrawals per
project and year 2022-2025 and a stock per 1 July 2025. Every figure is flagged (``is_demo`` /
``realised_is_demo``) and shown as "voorbeeld"; real figures are never overwritten.

For a verdict "as of" a past date the example figures count as recorded when a real delivery would have
been: a realised figure of a year on 1 February of the year after (``domain.demo_recorded_on``), the
example stock on its reference date."""

from __future__ import annotations

import datetime as dt
import zlib
from collections import defaultdict

from django.db import transaction
from django.db.models import Exists, OuterRef

from woonafspraken.agreements.models import Covenant
from woonafspraken.core.demo import DemoFiller, register_demo
from woonafspraken.housing.constants import FigureSource, Segment
from woonafspraken.housing.domain import RentClass
from woonafspraken.housing.models import ProjectYear, StockCount, Withdrawal
from woonafspraken.housing.services import write_stock_figures

DEMO_YEARS = range(2022, 2026)
DEMO_STOCK_DATE = dt.date(2025, 7, 1)
# How the fictitious 2025 stock differs from the latest real one, per class (homes drift upwards).
DRIFT = {
    RentClass.QUALITY_DISCOUNT.value: 0.9,
    RentClass.LOW_CAP.value: 1.04,
    RentClass.HIGH_CAP.value: 0.97,
    RentClass.BENEFIT.value: 1.12,
    RentClass.ABOVE_BENEFIT.value: 1.3,
}


def _share_realised(name: str, year: int) -> float:
    """A stable, fictitious share of the plan that was realised: most on time, some late."""
    return (1.0, 1.0, 0.5, 0.0, 1.0, 0.8)[zlib.crc32(f"{name}/{year}".encode()) % 6]


def fill(covenant: Covenant) -> int:
    written = 0
    with transaction.atomic():
        for row in ProjectYear.objects.filter(
            project__covenant=covenant,
            project__segment=Segment.SOCIAL_RENT,
            year__in=list(DEMO_YEARS),
            planned__isnull=False,
            realised__isnull=True,
        ).select_related("project"):
            row.realised = round((row.planned or 0) * _share_realised(row.project.name, row.year))
            row.realised_is_demo = True
            row.save(update_fields=["realised", "realised_is_demo", "updated_at"])
            written += 1
        for withdrawal in Withdrawal.objects.filter(
            covenant=covenant, year__in=list(DEMO_YEARS), planned__isnull=False, realised__isnull=True
        ):
            withdrawal.realised = round(
                (withdrawal.planned or 0) * _share_realised(withdrawal.kind, withdrawal.year)
            )
            withdrawal.realised_is_demo = True
            withdrawal.save(update_fields=["realised", "realised_is_demo", "updated_at"])
            written += 1
        written += _demo_stock(covenant)
    return written


def _demo_stock(covenant: Covenant) -> int:
    stored = StockCount.objects.filter(covenant=covenant)
    if stored.filter(date=DEMO_STOCK_DATE).exists():
        return 0  # real (or earlier example) figures for that date: leave them
    latest: dict[int, dt.date] = {}
    for corporation_id, date in stored.filter(date__lt=DEMO_STOCK_DATE).values_list("corporation_id", "date"):
        latest[corporation_id] = max(date, latest.get(corporation_id, date))
    written = 0
    for corporation_id, date in latest.items():
        wanted: dict[tuple[int, str, str], int] = defaultdict(int)
        for rent_class, dwelling_type, count in stored.filter(
            corporation_id=corporation_id, date=date
        ).values_list("rent_class", "dwelling_type", "count"):
            wanted[(corporation_id, rent_class, dwelling_type)] = round(count * DRIFT[rent_class])
        written += write_stock_figures(covenant, None, DEMO_STOCK_DATE, wanted, [], FigureSource.DEMO)
    return written


def present(covenant: Covenant) -> bool:
    """One query whatever the answer (three ``exists()`` would stop early when example stock is stored)."""
    return Covenant.objects.filter(
        Exists(StockCount.objects.filter(covenant=OuterRef("pk"), is_demo=True))
        | Exists(ProjectYear.objects.filter(project__covenant=OuterRef("pk"), realised_is_demo=True))
        | Exists(Withdrawal.objects.filter(covenant=OuterRef("pk"), realised_is_demo=True)),
        pk=covenant.pk,
    ).exists()


register_demo(
    DemoFiller(
        name="housing",
        description="gerealiseerde nieuwbouw en onttrekkingen 2022-2025 en een woningvoorraad per 1 juli 2025",
        fill=fill,
        present=present,
        order=20,
    )
)
