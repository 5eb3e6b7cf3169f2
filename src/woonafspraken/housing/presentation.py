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

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from woonafspraken.core.charts import Chart, Column, bar_chart, line_chart, mark_examples
from woonafspraken.core.formatting import format_date, format_number
from woonafspraken.core.reporting import ReportTable
from woonafspraken.housing.domain import (
    RENT_CLASS_LABELS,
    RENT_CLASSES,
    PipelineKind,
    RentClass,
    names_in_words,
)
from woonafspraken.housing.lookahead import Basis, YearAssumption
from woonafspraken.housing.targets import YearFigures


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
    missing: tuple[str, ...] = ()  # corporations that have not delivered for this date (then no total)

    @property
    def missing_text(self) -> str:
        return names_in_words(list(self.missing))


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
    # The total block: the organisations' blocks. A year's realised total is known only when every
    # organisation with homes planned that year delivered a realised figure (never a partial sum).
    parts: list[PipelineBlockView] = field(default_factory=list)

    def _sum(self, lines: Iterable[PipelineLineView], year: int | None) -> Cell:
        total = Cell()
        for line in lines:
            total.add(line.total if year is None else line.cell(year))
        return total

    def _combined(self, which: str, year: int | None) -> Cell:
        if year is None:
            total = Cell()
            for each in self.years:
                total.add(self._combined(which, each))
            return total
        cells = [getattr(part, which)(year) for part in self.parts]
        total = Cell()
        for cell in cells:
            total.add(cell)
        if any(cell.planned and cell.realised is None for cell in cells):
            total.realised = None  # someone has not delivered for this year: no total
        return total

    def new_build(self, year: int | None = None) -> Cell:
        if self.parts:
            return self._combined("new_build", year)
        return self._sum(self.projects, year)

    def withdrawn(self, year: int | None = None) -> Cell:
        if self.parts:
            return self._combined("withdrawn", year)
        return self._sum(self.withdrawals, year)

    def balance(self, year: int | None = None) -> Cell:
        built, withdrawn = self.new_build(year), self.withdrawn(year)
        return Cell(
            planned=(built.planned or 0) - (withdrawn.planned or 0)
            if built.planned is not None or withdrawn.planned is not None
            else None,
            # Unknown when either side has a plan but no realised figure: never a missing side as zero.
            realised=(built.realised or 0) - (withdrawn.realised or 0)
            if (built.realised is not None or withdrawn.realised is not None)
            and not (built.planned and built.realised is None)
            and not (withdrawn.planned and withdrawn.realised is None)
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
            (_("Total new build"), [self.new_build(y) for y in self.years], self.new_build(), False),
            (_("Total withdrawals"), [self.withdrawn(y) for y in self.years], self.withdrawn(), True),
            (
                _("Balance of new build and withdrawals"),
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


# -- look-ahead ----------------------------------------------------------------------------------------
BASIS_LABELS: dict[Basis, StrOrPromise] = {
    "entered": gettext_lazy("filled in"),
    "reference": gettext_lazy("reference figure"),
    "partly_reference": gettext_lazy("partly reference, partly indexed"),
    "assumed": gettext_lazy("assumption"),
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
    is_demo: bool = False  # measured from example stock, or projected from example figures

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
    return format_date(value)


def stock_chart(table: StockTable, block: StockBlockView, *, slug: str = "voorraad") -> Chart:
    rows = [
        {"klasse": line.label, "type": dwelling, "woningen": count}
        for line in block.lines
        for dwelling, count in (("EGW", line.egw), ("MGW", line.mgw))
    ]
    chart = bar_chart(
        slug=slug,
        title=_("Housing stock %(heading)s on %(date)s")
        % {"heading": block.heading, "date": _date(table.date)},
        description=_(
            "Number of homes per rent class, single-family (EGW) and multi-family (MGW); "
            "%(total)s homes in total."
        )
        % {"total": format_number(block.total)},
        rows=rows,
        x=Column("klasse", _("Rent class")),
        y=Column("woningen", _("Homes"), "integer"),
        series=Column("type", _("Dwelling type")),
    )
    chart.spec["layer"][0]["encoding"]["x"]["sort"] = [line.label for line in block.lines]
    return mark_examples(chart, [table.is_demo] * len(rows))


def new_build_chart(
    years: list[YearFigures],
    target: float | None,
    *,
    title: str,
    slug: str = "nieuwbouw",
    until_year: int | None = None,
) -> Chart:
    """Planned and realised side by side: two series, never one for the other. A realised year without
    figures has no bar and a note ("geen gegevens"), never a zero; years after ``until_year`` are not due."""
    rows: list[dict[str, Any]] = []
    for year in years:
        rows.append({"jaar": str(year.year), "reeks": _("Planned"), "woningen": year.planned, "doel": target})
        rows.append(
            {"jaar": str(year.year), "reeks": _("Realised"), "woningen": year.realised, "doel": target}
        )
    target_text = (
        " "
        + _("The dotted line is the target of %(target)s a year.")
        % {"target": format_number(target, 1, trim=True)}
        if target is not None
        else ""
    )
    chart = bar_chart(
        slug=slug,
        title=title,
        description=_("Planned and realised new social rented homes per year.") + target_text,
        rows=rows,
        x=Column("jaar", _("Year")),
        y=Column("woningen", _("Homes"), "integer"),
        series=Column("reeks", _("Series")),
        stacked=False,
        target_field="doel" if target is not None else None,
    )
    chart.notes.extend(realised_notes(years, until_year=until_year))
    # The realised bar of a year with example figures carries the mark in the table behind the chart.
    flags = [
        row["reeks"] == _("Realised") and year.is_demo
        for year in years
        for row in rows
        if row["jaar"] == str(year.year)
    ]
    return mark_examples(chart, flags)


def realised_notes(years: Iterable[YearFigures], *, until_year: int | None = None) -> list[str]:
    """What the reader must know about the realised series: which years have no figures, and why."""
    notes = []
    for year in years:
        if year.realised is not None or (until_year is not None and year.year > until_year):
            continue
        if year.missing:
            notes.append(
                _("Realised in %(year)s: no data; not yet delivered by %(names)s.")
                % {"year": year.year, "names": names_in_words(list(year.missing))}
            )
        else:
            notes.append(_("Realised in %(year)s: no data.") % {"year": year.year})
    return notes


def cumulative_chart(years: list[YearFigures], target: float | None, *, slug: str = "cumulatief") -> Chart:
    rows: list[dict[str, Any]] = []
    flags: list[bool] = []
    planned = realised = 0
    realised_known = True
    realised_demo = False
    for number, year in enumerate(years, start=1):
        planned += year.planned
        realised_known = realised_known and year.realised is not None
        realised += year.realised or 0
        goal = target * number if target is not None else None
        rows.append(
            {"jaar": str(year.year), "reeks": _("Planned (added up)"), "woningen": planned, "doel": goal}
        )
        flags.append(False)
        realised_demo = realised_demo or year.is_demo
        if realised_known:
            flags.append(realised_demo)  # a running total with an example year in it is an example too
            rows.append(
                {
                    "jaar": str(year.year),
                    "reeks": _("Realised (added up)"),
                    "woningen": realised,
                    "doel": goal,
                }
            )
    chart = line_chart(
        slug=slug,
        title=_("New build of social rent added up over the years"),
        description=_(
            "Planned and realised, added up from the first year, against the added-up target (dotted line)."
        ),
        rows=rows,
        x=Column("jaar", _("Year")),
        y=Column("woningen", _("Homes"), "integer"),
        series=Column("reeks", _("Series")),
        target_field="doel" if target is not None else None,
    )
    return mark_examples(chart, flags)


def _measured_or_forecast(measured: bool) -> str:
    return _("measured") if measured else _("forecast")


def lookahead_chart(view: LookAheadView, *, slug: str = "vooruitblik") -> Chart:
    rows = [
        {
            "jaar": f"{row.year} ({_measured_or_forecast(row.measured)})",
            "klasse": RENT_CLASS_LABELS[rent_class],
            "woningen": row.counts[rent_class],
        }
        for row in view.rows
        for rent_class in RENT_CLASSES
    ]
    chart = bar_chart(
        slug=slug,
        title=_("Stock per rent class: looking back and ahead, %(heading)s") % {"heading": view.heading},
        description=_(
            "Measured stock on the reference dates and the calculated stock for the five years after, per "
            "rent class. The assumptions are with the table."
        ),
        rows=rows,
        x=Column("jaar", _("Year")),
        y=Column("woningen", _("Homes"), "integer"),
        series=Column("klasse", _("Rent class")),
    )
    chart.spec["layer"][0]["encoding"]["color"]["sort"] = [RENT_CLASS_LABELS[rc] for rc in RENT_CLASSES]
    return mark_examples(chart, [row.is_demo for row in view.rows for _rent_class in RENT_CLASSES])


# -- report tables -------------------------------------------------------------------------------------
def stock_report_table(table: StockTable) -> ReportTable:
    rows: list[list[Any]] = []
    demo_rows: set[int] = set()
    for block in table.blocks:
        first = len(rows)
        rows.append([block.heading + (" " + _("(example)") if block.is_demo else ""), "", None, None, None])
        for line in block.lines:
            limit = (
                ""
                if line.limit is None
                else f"{'> ' if line.is_above else ''}€ {format_number(line.limit, 2)}"
            )
            rows.append([line.label, limit, line.egw, line.mgw, line.total])
        rows.append([_("Total homes"), "", block.egw, block.mgw, block.total])
        if block.is_demo:
            demo_rows.update(range(first, len(rows)))
    title = _("Corporations' housing stock on %(date)s") % {"date": _date(table.date)}
    if table.missing:
        title = _("Housing stock on %(date)s, not yet delivered by %(names)s") % {
            "date": _date(table.date),
            "names": table.missing_text,
        }
    return ReportTable(
        title=title,
        columns=[_("Rent limit homes"), _("Limit"), "EGW", "MGW", _("Total")],
        rows=rows,
        numeric_columns=frozenset({2, 3, 4}),
        demo_rows=frozenset(demo_rows),
    )


def _cell_text(planned: int | None, realised: int | None, *, negative: bool = False) -> str:
    """ "plan / realised"; withdrawals keep the document's minus sign (Bijlage 2: -24)."""
    if planned is None and realised is None:
        return ""

    def signed(value: int) -> str:
        return f"-{value}" if negative and value else str(value)

    if realised is None:
        return signed(planned or 0)
    return f"{signed(planned or 0)} / {signed(realised)}"


def pipeline_report_table(table: PipelineTable) -> ReportTable:
    rows: list[list[Any]] = []
    demo_rows: set[int] = set()
    for block in table.blocks:
        rows.append([block.heading, *([""] * (len(table.years) + 1))])
        if block.organisation_id is not None:
            for line in block.projects + block.withdrawals:
                negative = line.kind is not PipelineKind.NEW_BUILD
                if line.total.realised_is_demo:
                    demo_rows.add(len(rows))
                rows.append(
                    [
                        line.label,
                        *(
                            _cell_text(line.cell(y).planned, line.cell(y).realised, negative=negative)
                            for y in table.years
                        ),
                        _cell_text(line.total.planned, line.total.realised, negative=negative),
                    ]
                )
        for label, cells, total, negative in block.summary_rows:
            if total.realised_is_demo:
                demo_rows.add(len(rows))
            rows.append(
                [
                    label,
                    *(_cell_text(c.planned, c.realised, negative=negative) for c in cells),
                    _cell_text(total.planned, total.realised, negative=negative),
                ]
            )
    return ReportTable(
        title=_("New build and withdrawals per year (planned / realised)"),
        columns=[_("Location"), *(str(y) for y in table.years), _("Total")],
        rows=rows,
        demo_rows=frozenset(demo_rows),
    )
