"""Fictitious, flagged indicator figures for 2022-2025 (`woonafspraken init --demo`).

Every figure written here has ``is_demo=True`` and the source "Voorbeeld (verzonnen)"; the pages show
them as "voorbeeld". A real figure is never overwritten by an example, and running the filler again
writes nothing new.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.demo import DemoFiller, register_demo
from woonafspraken.core.models import attribute_change
from woonafspraken.indicators.arithmetic import Period, PeriodKind, periods_between
from woonafspraken.indicators.constants import SourceKind
from woonafspraken.indicators.models import Indicator, Observation
from woonafspraken.indicators.selectors import dimension_options
from woonafspraken.indicators.services import indicators_seed

DEMO_SOURCE = "Voorbeeld (verzonnen)"
FIRST_YEAR, LAST_YEAR = 2022, 2025

# Per indicator: a function (period, organisation share 0-1 or 1 for totals, dimension, random) -> value.
Generator = Callable[[Period, float, str, random.Random], float]

MODULE_SEEKERS = {"bemiddeling": 60, "spoed": 320, "wens": 2600}
MODULE_ALLOCATIONS = {"bemiddeling": 9, "spoed": 24, "wens": 88}
LABEL_SHARES_2022 = {
    "A++++": 0.01, "A+++": 0.02, "A++": 0.04, "A+": 0.06, "A": 0.22, "B": 0.20,
    "C": 0.19, "D": 0.11, "E": 0.07, "F": 0.05, "G": 0.03,
}  # fmt: skip
RENT_INCREASE = {2022: 2.0, 2023: 2.5, 2024: 5.5, 2025: 4.4}
QUOTA = {(2022, 1): 22, (2022, 2): 27, (2023, 1): 33, (2023, 2): 36, (2024, 1): 31, (2024, 2): 29, (2025, 1): 26, (2025, 2): 24}  # fmt: skip


def _years_since_start(period: Period) -> float:
    return period.year - FIRST_YEAR + (period.index - 1) / 4


def _labels(period: Period, share: float, dimension: str, rnd: random.Random) -> float:
    homes = 4432 if share > 0.5 else 1036
    progress = period.year - FIRST_YEAR
    shares = dict(LABEL_SHARES_2022)
    moved = 0.0
    for label in ("G", "F", "E"):
        taken = shares[label] * min(1.0, 0.22 * progress)
        shares[label] -= taken
        moved += taken
    shares["A"] += moved * 0.6
    shares["B"] += moved * 0.4
    return round(homes * shares[dimension])


GENERATORS: dict[str, Generator] = {
    "toewijzing.inschrijvingen": lambda p, s, d, r: round(
        {"bemiddeling": 90, "spoed": 900, "wens": 9800}[d]
        * (1 + 0.03 * _years_since_start(p))
        * r.uniform(0.98, 1.02)
    ),
    "toewijzing.actief-woningzoekenden": lambda p, s, d, r: round(
        MODULE_SEEKERS[d] * (1 + 0.04 * _years_since_start(p)) * r.uniform(0.93, 1.07)
    ),
    "toewijzing.toewijzingen": lambda p, s, d, r: round(MODULE_ALLOCATIONS[d] * r.uniform(0.8, 1.2)),
    "toewijzing.wachttijd-wens": lambda p, s, d, r: round(
        2.2 + 0.12 * _years_since_start(p) + r.uniform(-0.2, 0.2), 1
    ),
    "toewijzing.wachttijd-spoed": lambda p, s, d, r: round(0.35 + r.uniform(-0.1, 0.15), 2),
    "toewijzing.inschrijfduur-wens": lambda p, s, d, r: round(
        10.2 + 0.2 * _years_since_start(p) + r.uniform(-0.4, 0.4), 1
    ),
    "toewijzing.vrije-toewijzingsruimte": lambda p, s, d, r: round(
        r.uniform(7.5, 13.5) if p.year != 2024 or s < 0.5 else 15.8, 1
    ),
    "toewijzing.passend": lambda p, s, d, r: round(
        r.uniform(95.5, 99.0) if p.year != 2023 or s > 0.5 else 94.2, 1
    ),
    "toewijzing.doorstroming-nieuwbouw": lambda p, s, d, r: round(r.uniform(3, 14) * s * 1.6),
    "statushouders.taakstelling": lambda p, s, d, r: QUOTA[(p.year, p.index)],
    "statushouders.gehuisvest": lambda p, s, d, r: round(
        QUOTA[(p.year, (p.index + 1) // 2)] / 2 * s * r.uniform(0.8, 1.3)
    ),
    "betaalbaarheid.huurverhoging": lambda p, s, d, r: round(
        RENT_INCREASE[p.year] - (0.3 if s < 0.5 else 0.0), 1
    ),
    "betaalbaarheid.vroegsignalen": lambda p, s, d, r: round(r.uniform(420, 610)),
    "betaalbaarheid.uitzettingen-voorkomen": lambda p, s, d, r: round(r.uniform(18, 41)),
    "duurzaamheid.co2-reductie": lambda p, s, d, r: round(
        (39.0 if s > 0.5 else 43.0) + 2.1 * (p.year - FIRST_YEAR), 1
    ),
    "duurzaamheid.warmtevraag": lambda p, s, d, r: round(
        (152 if s > 0.5 else 141) - 3.5 * (p.year - FIRST_YEAR)
    ),
    "duurzaamheid.energielabels": _labels,
    "duurzaamheid.zonnepanelen": lambda p, s, d, r: round(
        (1450 if s > 0.5 else 310) * (1 + 0.14 * (p.year - FIRST_YEAR))
    ),
    "duurzaamheid.geisoleerd": lambda p, s, d, r: round(r.uniform(160, 260) * s),
}


def _share(organisation: Organisation | None) -> float:
    """deltaWonen is about four times the size of Beter Wonen in Kampen (Bijlage 1)."""
    if organisation is None:
        return 1.0
    return 0.81 if "delta" in organisation.name.lower() else 0.19


def indicators_demo_fill(covenant: Covenant) -> int:
    """Seed the registry if needed, then write example figures where no figure is stored."""
    indicators_seed(covenant=covenant)
    indicators = list(
        Indicator.objects.filter(covenant=covenant, source_kind=SourceKind.ENTERED).prefetch_related(
            "delivered_by"
        )
    )
    existing = set(
        Observation.objects.filter(indicator__in=indicators).values_list(
            "indicator_id", "period", "organisation_id", "dimension"
        )
    )
    fallback_owner = next(
        (org for org in covenant.parties.all() if org.kind == OrganisationKind.MUNICIPALITY), covenant.owner
    )
    new: list[Observation] = []
    for indicator in indicators:
        generate = GENERATORS.get(indicator.code)
        if generate is None:
            continue
        rnd = random.Random(f"{covenant.pk}:{indicator.code}")  # noqa: S311  (example figures, not security)
        kind = PeriodKind(indicator.period)
        periods = [
            period
            for period in periods_between(
                Period.containing(kind, dt.date(FIRST_YEAR, 1, 1)),
                Period.containing(kind, dt.date(LAST_YEAR, 12, 31)),
            )
            if period.end >= covenant.start_date and period.start <= covenant.end_date
        ]
        deliverers = list(indicator.delivered_by.all())
        subjects: list[Organisation | None] = list(deliverers) if indicator.per_organisation else [None]
        for period in periods:
            for organisation in subjects:
                for dimension, _label in dimension_options(indicator):
                    key = (indicator.pk, period.key, organisation.pk if organisation else None, dimension)
                    if key in existing:
                        continue
                    value = generate(period, _share(organisation), dimension, rnd)
                    owner = organisation or (deliverers[0] if deliverers else fallback_owner)
                    observation = Observation(
                        indicator=indicator,
                        period=period.key,
                        period_start=period.start,
                        organisation=organisation,
                        dimension=dimension,
                        value=Decimal(str(value)),
                        source=DEMO_SOURCE,
                        is_demo=True,
                        owner=owner,
                    )
                    attribute_change(observation, None)
                    new.append(observation)
    with transaction.atomic():
        for observation in new:
            observation.save()  # one by one, so the history records them too
        _backdate(new)
    return len(new)


DELIVERED_AFTER = dt.timedelta(days=30)


def _backdate(observations: list[Observation]) -> None:
    """Example figures count as delivered a month after their period (never later than now).

    A verdict on a date uses only figures recorded by then (``created_at``); written today, the examples
    would say nothing about any earlier date, and the monitor of a past year would show no figures.
    """
    now = timezone.now()
    by_day: dict[dt.datetime, list[int]] = {}
    for observation in observations:
        end = Period.parse(observation.period).end + DELIVERED_AFTER
        moment = min(now, dt.datetime.combine(end, dt.time(12), tzinfo=timezone.get_current_timezone()))
        by_day.setdefault(moment, []).append(observation.pk)
    for moment, pks in by_day.items():
        Observation.objects.filter(pk__in=pks).update(created_at=moment, updated_at=moment)


def indicators_demo_present(covenant: Covenant) -> bool:
    return Observation.objects.demo().filter(indicator__covenant=covenant).exists()


register_demo(
    DemoFiller(
        name="indicators",
        description="indicatorcijfers 2022-2025 (toewijzing, statushouders, duurzaamheid, betaalbaarheid)",
        fill=indicators_demo_fill,
        present=indicators_demo_present,
        order=30,
    )
)
