"""The spreadsheet templates corporations fill in: the stock per rent class and the new-build pipeline.

Built on core.tabular, so they round-trip (download, fill in, upload) with row-level Dutch errors.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from woonafspraken.core.formatting import format_date
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
        Column("corporation", "Corporatie", help="De naam van de corporatie zoals in het convenant."),
        Column(
            "date",
            "Peildatum",
            "date",
            help="De datum waarop de voorraad is geteld, bijvoorbeeld 01-07-2025.",
        ),
        Column(
            "rent_class",
            "Huurprijsklasse",
            "choice",
            choices=RENT_CLASS_CHOICES,
            help="De klasse volgens de huurgrenzen van het jaar van de peildatum (zie boven de tabel).",
        ),
        Column(
            "dwelling_type",
            "Woningtype",
            "choice",
            choices={"EGW": DwellingType.SINGLE_FAMILY.value, "MGW": DwellingType.MULTI_FAMILY.value},
            help="EGW: eengezinswoning; MGW: meergezinswoning.",
        ),
        Column(
            "count",
            "Aantal woningen",
            "integer",
            minimum=0,
            maximum=MAX_HOMES,
            aliases=("Aantal",),
            help="Het aantal woningen; vul 0 in als er geen zijn. Totalen rekent het systeem zelf uit.",
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
            help="De corporatie; voor projecten van andere ontwikkelaars de gemeente.",
        ),
        Column(
            "kind",
            "Soort",
            "choice",
            choices={label: kind.value for kind, label in PIPELINE_KIND_LABELS.items()},
            help="Nieuwbouw, of een onttrekking: sloop, verkoop of liberalisatie.",
        ),
        Column(
            "project",
            "Project (locatie)",
            required=False,
            aliases=("Project", "Locatie"),
            max_length=MAX_NAME_LENGTH,
            help="De locatie of naam van het nieuwbouwproject; leeg bij onttrekkingen.",
        ),
        Column(
            "segment",
            "Segment",
            "choice",
            required=False,
            choices={label: segment.value for segment, label in SEGMENT_LABELS.items()},
            help="Voor nieuwbouw: sociale huur (standaard), middeldure huur, goedkope koop of overig.",
        ),
        Column(
            "rent_class",
            "Huurprijsklasse",
            "choice",
            required=False,
            choices=RENT_CLASS_CHOICES,
            help="Voor sociale huur: de huurprijsklasse van de nieuwe woningen (gebruikt in de vooruitblik).",
        ),
        Column("year", "Jaar", "integer", minimum=1990, maximum=2100),
        Column(
            "planned",
            "Gepland",
            "integer",
            required=False,
            minimum=0,
            maximum=MAX_HOMES,
            help="Geplande aantal woningen in dat jaar (positief, ook bij onttrekkingen). Leeg: blijft zoals het was.",
        ),
        Column(
            "realised",
            "Gerealiseerd",
            "integer",
            required=False,
            minimum=0,
            maximum=MAX_HOMES,
            help="Werkelijk opgeleverde of onttrokken woningen in dat jaar. Leeg: blijft zoals het was.",
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
        ("Peildatum", format_date(date, "short")),
        ("Huurgrenzen (€ per maand) van", date.year),
    ]
    for rent_class, name in LIMIT_NAMES.items():
        value = limits.get(rent_class)
        info.append((name, float(value) if value is not None else "nog niet bekend"))
    return info


def stock_template(*, fmt: str, info: Sequence[tuple[str, Any]], rows: Sequence[dict[str, Any]]) -> bytes:
    sheet = dataclasses.replace(STOCK_SHEET, info=list(info))
    return write_xlsx(sheet, rows) if fmt == "xlsx" else write_csv(sheet, rows)


def pipeline_template(*, fmt: str, info: Sequence[tuple[str, Any]], rows: Sequence[dict[str, Any]]) -> bytes:
    sheet = dataclasses.replace(PIPELINE_SHEET, info=list(info))
    return write_xlsx(sheet, rows) if fmt == "xlsx" else write_csv(sheet, rows)
