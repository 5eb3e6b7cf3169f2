"""Charts and report tables of the housing figures, shared by the pages and the reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from woonafspraken.core.charts import Chart, Column, bar_chart, line_chart
from woonafspraken.core.formatting import format_date, format_number
from woonafspraken.core.reporting import ReportTable
from woonafspraken.housing.domain import RENT_CLASS_LABELS, RENT_CLASSES
from woonafspraken.housing.selectors import (
    LookAheadView,
    PipelineTable,
    StockBlockView,
    StockTable,
)
from woonafspraken.housing.targets import YearFigures


def _date(value: dt.date) -> str:
    return format_date(value, "short")


def stock_chart(table: StockTable, block: StockBlockView, *, slug: str = "voorraad") -> Chart:
    rows = [
        {"klasse": line.label, "type": dwelling, "woningen": count}
        for line in block.lines
        for dwelling, count in (("EGW", line.egw), ("MGW", line.mgw))
    ]
    chart = bar_chart(
        slug=slug,
        title=f"Woningvoorraad {block.heading} per {_date(table.date)}",
        description=(
            f"Aantal woningen per huurprijsklasse, eengezins (EGW) en meergezins (MGW); "
            f"in totaal {format_number(block.total)} woningen."
        ),
        rows=rows,
        x=Column("klasse", "Huurprijsklasse"),
        y=Column("woningen", "Woningen", "integer"),
        series=Column("type", "Woningtype"),
    )
    chart.spec["layer"][0]["encoding"]["x"]["sort"] = [line.label for line in block.lines]
    if table.is_demo:
        chart.notes.append("Voorbeeld: deze cijfers zijn verzonnen.")
    return chart


def new_build_chart(
    years: list[YearFigures], target: float | None, *, title: str, slug: str = "nieuwbouw"
) -> Chart:
    rows: list[dict[str, Any]] = []
    for year in years:
        rows.append({"jaar": str(year.year), "reeks": "Gepland", "woningen": year.planned, "doel": target})
        rows.append(
            {"jaar": str(year.year), "reeks": "Gerealiseerd", "woningen": year.realised, "doel": target}
        )
    target_text = (
        f" De stippellijn is het doel van {format_number(target, 1, trim=True)} per jaar."
        if target is not None
        else ""
    )
    return bar_chart(
        slug=slug,
        title=title,
        description=f"Geplande en gerealiseerde nieuwe sociale huurwoningen per jaar.{target_text}",
        rows=rows,
        x=Column("jaar", "Jaar"),
        y=Column("woningen", "Woningen", "integer"),
        series=Column("reeks", "Reeks"),
        stacked=False,
        target_field="doel" if target is not None else None,
    )


def cumulative_chart(years: list[YearFigures], target: float | None, *, slug: str = "cumulatief") -> Chart:
    rows: list[dict[str, Any]] = []
    planned = realised = 0
    realised_known = True
    for number, year in enumerate(years, start=1):
        planned += year.planned
        realised_known = realised_known and year.realised is not None
        realised += year.realised or 0
        goal = target * number if target is not None else None
        rows.append(
            {"jaar": str(year.year), "reeks": "Gepland (opgeteld)", "woningen": planned, "doel": goal}
        )
        if realised_known:
            rows.append(
                {
                    "jaar": str(year.year),
                    "reeks": "Gerealiseerd (opgeteld)",
                    "woningen": realised,
                    "doel": goal,
                }
            )
    return line_chart(
        slug=slug,
        title="Nieuwbouw sociale huur opgeteld over de jaren",
        description="Gepland en gerealiseerd, opgeteld vanaf het eerste jaar, tegen het opgetelde doel (stippellijn).",
        rows=rows,
        x=Column("jaar", "Jaar"),
        y=Column("woningen", "Woningen", "integer"),
        series=Column("reeks", "Reeks"),
        target_field="doel" if target is not None else None,
    )


def lookahead_chart(view: LookAheadView, *, slug: str = "vooruitblik") -> Chart:
    rows = [
        {
            "jaar": f"{row.year} ({'gemeten' if row.measured else 'prognose'})",
            "klasse": RENT_CLASS_LABELS[rent_class],
            "woningen": row.counts[rent_class],
        }
        for row in view.rows
        for rent_class in RENT_CLASSES
    ]
    chart = bar_chart(
        slug=slug,
        title=f"Voorraad per huurprijsklasse: terugblik en vooruitblik, {view.heading}",
        description=(
            "Gemeten voorraad op de peildata en de berekende voorraad voor de vijf jaren daarna, per "
            "huurprijsklasse. De uitgangspunten staan bij de tabel."
        ),
        rows=rows,
        x=Column("jaar", "Jaar"),
        y=Column("woningen", "Woningen", "integer"),
        series=Column("klasse", "Huurprijsklasse"),
    )
    chart.spec["layer"][0]["encoding"]["color"]["sort"] = [RENT_CLASS_LABELS[rc] for rc in RENT_CLASSES]
    return chart


# -- report tables -------------------------------------------------------------------------------------
def stock_report_table(table: StockTable) -> ReportTable:
    rows: list[list[Any]] = []
    for block in table.blocks:
        rows.append([block.heading + (" (voorbeeld)" if block.is_demo else ""), "", None, None, None])
        for line in block.lines:
            limit = (
                ""
                if line.limit is None
                else f"{'> ' if line.is_above else ''}€ {format_number(line.limit, 2)}"
            )
            rows.append([line.label, limit, line.egw, line.mgw, line.total])
        rows.append(["Totaal woningen", "", block.egw, block.mgw, block.total])
    return ReportTable(
        title=f"Woningvoorraad corporaties per {_date(table.date)}",
        columns=["Huurprijsgrens woningen", "Grens", "EGW", "MGW", "Totaal"],
        rows=rows,
        numeric_columns=frozenset({2, 3, 4}),
    )


def _cell_text(planned: int | None, realised: int | None) -> str:
    if planned is None and realised is None:
        return ""
    if realised is None:
        return f"{planned if planned is not None else 0}"
    return f"{planned if planned is not None else 0} / {realised}"


def pipeline_report_table(table: PipelineTable) -> ReportTable:
    rows: list[list[Any]] = []
    for block in table.blocks:
        rows.append([block.heading, *([""] * (len(table.years) + 1))])
        if block.organisation_id is not None:
            for line in block.projects + block.withdrawals:
                rows.append(
                    [
                        line.label,
                        *(_cell_text(line.cell(y).planned, line.cell(y).realised) for y in table.years),
                        _cell_text(line.total.planned, line.total.realised),
                    ]
                )
        for label, cells, total, _negative in block.summary_rows:
            rows.append(
                [
                    label,
                    *(_cell_text(c.planned, c.realised) for c in cells),
                    _cell_text(total.planned, total.realised),
                ]
            )
    return ReportTable(
        title="Nieuwbouw en onttrekkingen per jaar (gepland / gerealiseerd)",
        columns=["Locatie", *(str(y) for y in table.years), "Totaal"],
        rows=rows,
    )
