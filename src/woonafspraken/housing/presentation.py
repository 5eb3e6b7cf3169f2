"""What the pages and reports show of the housing figures: the view models the selectors fill (tables in
the layout of the appendices, target verdicts, the look-ahead), and the charts and report tables drawn
from them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from woonafspraken.core.charts import Chart, Column, bar_chart, line_chart
from woonafspraken.core.formatting import format_date, format_number
from woonafspraken.core.reporting import ReportTable
from woonafspraken.housing.domain import RENT_CLASS_LABELS, RENT_CLASSES, PipelineKind, RentClass
from woonafspraken.housing.lookahead import Basis, YearAssumption
from woonafspraken.housing.models import Target
from woonafspraken.housing.targets import VerdictLine, YearFigures


# -- stock ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StockLineView:
    rent_class: RentClass
    label: str
    limit: Decimal | None  # the class's upper limit; for the class above: the limit it lies above
    egw: int
    mgw: int

    @property
    def total(self) -> int:
        return self.egw + self.mgw

    @property
    def is_above(self) -> bool:
        return self.rent_class is RentClass.ABOVE_BENEFIT


@dataclass(frozen=True)
class StockBlockView:
    heading: str
    organisation_id: int | None  # None: the total over all corporations
    lines: tuple[StockLineView, ...]
    is_demo: bool = False

    @property
    def egw(self) -> int:
        return sum(line.egw for line in self.lines)

    @property
    def mgw(self) -> int:
        return sum(line.mgw for line in self.lines)

    @property
    def total(self) -> int:
        return self.egw + self.mgw


@dataclass(frozen=True)
class StockTable:
    date: dt.date
    blocks: tuple[StockBlockView, ...]
    limits_known: bool
    is_demo: bool


# -- pipeline ------------------------------------------------------------------------------------------
@dataclass
class Cell:
    planned: int | None = None
    realised: int | None = None
    realised_is_demo: bool = False

    def add(self, other: Cell) -> None:
        if other.planned is not None:
            self.planned = (self.planned or 0) + other.planned
        if other.realised is not None:
            self.realised = (self.realised or 0) + other.realised
        self.realised_is_demo |= other.realised_is_demo


@dataclass
class PipelineLineView:
    label: str
    kind: PipelineKind
    cells: dict[int, Cell]
    project_id: int | None = None
    segment: str = ""
    status: str = ""

    def cell(self, year: int) -> Cell:
        return self.cells.get(year, Cell())

    @property
    def total(self) -> Cell:
        total = Cell()
        for cell in self.cells.values():
            total.add(cell)
        return total


@dataclass
class PipelineBlockView:
    heading: str
    organisation_id: int | None
    years: list[int]
    projects: list[PipelineLineView] = field(default_factory=list)
    withdrawals: list[PipelineLineView] = field(default_factory=list)

    def _sum(self, lines: Iterable[PipelineLineView], year: int | None) -> Cell:
        total = Cell()
        for line in lines:
            total.add(line.total if year is None else line.cell(year))
        return total

    def new_build(self, year: int | None = None) -> Cell:
        return self._sum(self.projects, year)

    def withdrawn(self, year: int | None = None) -> Cell:
        return self._sum(self.withdrawals, year)

    def balance(self, year: int | None = None) -> Cell:
        built, withdrawn = self.new_build(year), self.withdrawn(year)
        return Cell(
            planned=(built.planned or 0) - (withdrawn.planned or 0)
            if built.planned is not None or withdrawn.planned is not None
            else None,
            realised=(built.realised or 0) - (withdrawn.realised or 0)
            if built.realised is not None or withdrawn.realised is not None
            else None,
            realised_is_demo=built.realised_is_demo or withdrawn.realised_is_demo,
        )

    @property
    def project_rows(self) -> list[tuple[PipelineLineView, list[Cell], Cell]]:
        return [(line, [line.cell(y) for y in self.years], line.total) for line in self.projects]

    @property
    def withdrawal_rows(self) -> list[tuple[PipelineLineView, list[Cell], Cell]]:
        return [(line, [line.cell(y) for y in self.years], line.total) for line in self.withdrawals]

    @property
    def summary_rows(self) -> list[tuple[str, list[Cell], Cell, bool]]:
        """Subtotals in the order of Bijlage 2: new build, withdrawals (shown negative), balance."""
        return [
            ("Totaal nieuwbouw", [self.new_build(y) for y in self.years], self.new_build(), False),
            ("Totaal onttrekkingen", [self.withdrawn(y) for y in self.years], self.withdrawn(), True),
            (
                "Saldo nieuwbouw en onttrekkingen",
                [self.balance(y) for y in self.years],
                self.balance(),
                False,
            ),
        ]


@dataclass
class PipelineTable:
    years: list[int]
    blocks: list[PipelineBlockView]
    any_demo: bool

    @property
    def column_count(self) -> int:
        return 2 * len(self.years) + 3


# -- targets -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class NewBuildFigures:
    """New build per year of the covenant: social rent by the corporations, and all segments."""

    social: list[YearFigures]
    all_segments: list[YearFigures]  # planned homes of every recorded project
    social_by_corporation: dict[str, list[YearFigures]]
    by_segment: dict[str, int]  # planned homes per segment over the covenant's years
    complete: bool  # whether projects other than the corporations' social rent are recorded
    any_demo: bool


@dataclass(frozen=True)
class TargetView:
    target: Target
    label: str
    value_text: str
    lines: tuple[VerdictLine, ...]

    @property
    def worst(self) -> str:
        verdicts = [line.verdict for line in self.lines]
        for verdict in ("behind", "attention", "on_track", "done"):
            if verdict in verdicts:
                return verdict
        return "unknown"


# -- look-ahead ----------------------------------------------------------------------------------------
BASIS_LABELS: dict[Basis, str] = {
    "entered": "ingevuld",
    "reference": "referentiecijfer",
    "partly_reference": "deels referentie, deels geïndexeerd",
    "assumed": "aanname",
}


@dataclass(frozen=True)
class LookAheadRow:
    year: int
    measured: bool  # a stored stock (looking back) or a projection
    date: dt.date | None
    counts: dict[RentClass, int]
    total: int
    moved_up: int = 0
    moved_down: int = 0
    added: int = 0
    withdrawn: int = 0
    liberalised: int = 0

    @property
    def ordered(self) -> list[int]:
        return [self.counts[rent_class] for rent_class in RENT_CLASSES]


@dataclass(frozen=True)
class LookAheadView:
    heading: str
    organisation_id: int | None
    rows: list[LookAheadRow]
    assumptions: list[YearAssumption]
    start_date: dt.date | None
    problem: str = ""  # why there is no projection

    @property
    def projected(self) -> list[LookAheadRow]:
        return [row for row in self.rows if not row.measured]


# -- charts --------------------------------------------------------------------------------------------
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
