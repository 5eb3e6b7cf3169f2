"""The spreadsheet templates corporations fill in: the stock per rent class and the new-build pipeline.

Built on core.tabular, so they round-trip (download, fill in, upload) with row-level Dutch errors.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from woonafspraken.core.tabular import Column, Sheet, write_csv, write_xlsx
from woonafspraken.housing.domain import (
    MAX_HOMES,
    MAX_NAME_LENGTH,
    PIPELINE_KIND_LABELS,
    RENT_CLASS_LABELS,
    SEGMENT_LABELS,
    DwellingType,
    RentClass,
)

RENT_CLASS_CHOICES = {label: rent_class.value for rent_class, label in RENT_CLASS_LABELS.items()}
LIMIT_NAMES = {
    RentClass.QUALITY_DISCOUNT: "Kwaliteitskortingsgrens (jongerengrens)",
    RentClass.LOW_CAP: "Lage aftoppingsgrens",
    RentClass.HIGH_CAP: "Hoge aftoppingsgrens",
    RentClass.BENEFIT: "Huurtoeslaggrens (liberalisatiegrens)",
}

STOCK_SHEET = Sheet(
    title="Woningvoorraad",
    columns=[
        Column(
            "corporation", "Corporatie", help=gettext_lazy("The name of the corporation as in the covenant.")
        ),
        Column(
            "date",
            "Peildatum",
            "date",
            help=gettext_lazy("The date on which the stock was counted, for example 01-07-2025."),
        ),
        Column(
            "rent_class",
            "Huurprijsklasse",
            "choice",
            choices=RENT_CLASS_CHOICES,
            help=gettext_lazy(
                "The class according to the rent limits of the year of the reference date (see above the table)."
            ),
        ),
        Column(
            "dwelling_type",
            "Woningtype",
            "choice",
            choices={"EGW": DwellingType.SINGLE_FAMILY.value, "MGW": DwellingType.MULTI_FAMILY.value},
            help=gettext_lazy("EGW: single-family home; MGW: multi-family home."),
        ),
        Column(
            "count",
            "Aantal woningen",
            "integer",
            minimum=0,
            maximum=MAX_HOMES,
            aliases=("Aantal",),
            help=gettext_lazy(
                "The number of homes; fill in 0 if there are none. The system works out the totals itself."
            ),
        ),
    ],
    unique_together=("corporation", "date", "rent_class", "dwelling_type"),
)

PIPELINE_SHEET = Sheet(
    title="Nieuwbouw en onttrekkingen",
    columns=[
        Column(
            "organisation",
            "Corporatie",
            aliases=("Organisatie",),
            help=gettext_lazy("The corporation; for projects of other developers the municipality."),
        ),
        Column(
            "kind",
            "Soort",
            "choice",
            choices={label: kind.value for kind, label in PIPELINE_KIND_LABELS.items()},
            help=gettext_lazy("New build, or a withdrawal: demolition, sale or liberalisation."),
        ),
        Column(
            "project",
            "Project (locatie)",
            required=False,
            aliases=("Project", "Locatie"),
            max_length=MAX_NAME_LENGTH,
            help=gettext_lazy("The location or name of the new-build project; empty for withdrawals."),
        ),
        Column(
            "segment",
            "Segment",
            "choice",
            required=False,
            choices={label: segment.value for segment, label in SEGMENT_LABELS.items()},
            help=gettext_lazy(
                "For new build: social rent (the default), mid-priced rent, cheap owner-occupied or other."
            ),
        ),
        Column(
            "rent_class",
            "Huurprijsklasse",
            "choice",
            required=False,
            choices=RENT_CLASS_CHOICES,
            help=gettext_lazy("For social rent: the rent class of the new homes (used in the outlook)."),
        ),
        Column("year", "Jaar", "integer", minimum=1990, maximum=2100),
        Column(
            "planned",
            "Gepland",
            "integer",
            required=False,
            minimum=0,
            maximum=MAX_HOMES,
            help=gettext_lazy(
                "Planned number of homes in that year (positive, also for withdrawals). Empty: stays as it was."
            ),
        ),
        Column(
            "realised",
            "Gerealiseerd",
            "integer",
            required=False,
            minimum=0,
            maximum=MAX_HOMES,
            help=gettext_lazy("Homes actually delivered or withdrawn in that year. Empty: stays as it was."),
        ),
    ],
    unique_together=("organisation", "kind", "project", "year"),
)


def stock_info(
    *, covenant_title: str, corporation: str, date: dt.date, limits: Mapping[RentClass, Decimal | None]
) -> list[tuple[str, Any]]:
    info: list[tuple[str, Any]] = [
        ("Convenant", covenant_title),
        ("Corporatie", corporation),
        ("Peildatum", date),  # a date cell that reads 4 december 2026 (core.writers)
        ("Huurgrenzen (€ per maand) van", date.year),
    ]
    for rent_class, name in LIMIT_NAMES.items():
        value = limits.get(rent_class)
        info.append((name, float(value) if value is not None else _("not known yet")))
    return info


def stock_template(*, fmt: str, info: Sequence[tuple[str, Any]], rows: Sequence[dict[str, Any]]) -> bytes:
    sheet = dataclasses.replace(STOCK_SHEET, info=list(info))
    return write_xlsx(sheet, rows) if fmt == "xlsx" else write_csv(sheet, rows)


def pipeline_template(*, fmt: str, info: Sequence[tuple[str, Any]], rows: Sequence[dict[str, Any]]) -> bytes:
    sheet = dataclasses.replace(PIPELINE_SHEET, info=list(info))
    return write_xlsx(sheet, rows) if fmt == "xlsx" else write_csv(sheet, rows)
