"""Bijlage 2: new build per project and year and the withdrawals per corporation, with printed subtotals
and balances (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from woonafspraken.housing.domain import MAX_NAME_LENGTH, PipelineKind
from woonafspraken.housing.parsing.common import (
    AppendixFormatError,
    CheckResult,
    Mismatch,
    cell_count,
    is_blank,
    normalise,
    parse_count,
    table_cells,
)

_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_SUBTOTAL_IN_CELL = re.compile(r"^totaal\s+(nieuwbouw|onttrekkingen)\b\D*?([-−–]?\s*[\d.]+)$")
_WITHDRAWAL_KINDS: list[tuple[PipelineKind, re.Pattern[str]]] = [
    (PipelineKind.DEMOLITION, re.compile(r"\bsloop")),
    (PipelineKind.LIBERALISATION, re.compile(r"liberalis")),
    (PipelineKind.SALE, re.compile(r"\bverkoop|\bverkocht")),
]


@dataclass(frozen=True)
class PipelineLine:
    label: str  # the location for new build, "Sloop woningen" for a withdrawal
    kind: PipelineKind
    per_year: tuple[tuple[int, int], ...]  # (year, homes) for every year with a printed number
    printed_total: int | None

    def value(self, year: int) -> int:
        return dict(self.per_year).get(year, 0)

    @property
    def total(self) -> int:
        return sum(count for _year, count in self.per_year)


@dataclass(frozen=True)
class Printed:
    """A subtotal or balance as the document prints it."""

    what: str  # "new_build", "withdrawals" or "balance"
    label: str  # as printed: "Totaal nieuwbouw"
    year: int | None  # None: the total over all years
    value: int


@dataclass(frozen=True)
class PipelineBlock:
    heading: str  # "Woningbouwprogrammering Gemeente Kampen, Beter Wonen IJsselmuiden"
    is_total: bool
    years: tuple[int, ...]
    lines: tuple[PipelineLine, ...] = ()
    printed: tuple[Printed, ...] = ()
    ignored: tuple[str, ...] = ()  # withdrawal lines of an unknown kind, reported to the user

    @property
    def projects(self) -> tuple[PipelineLine, ...]:
        return tuple(line for line in self.lines if line.kind is PipelineKind.NEW_BUILD)

    @property
    def withdrawals(self) -> tuple[PipelineLine, ...]:
        return tuple(line for line in self.lines if line.kind is not PipelineKind.NEW_BUILD)

    def new_build(self, year: int | None = None) -> int:
        return sum(line.total if year is None else line.value(year) for line in self.projects)

    def withdrawn(self, year: int | None = None) -> int:
        """Withdrawals as a positive number of homes."""
        return sum(abs(line.total if year is None else line.value(year)) for line in self.withdrawals)


@dataclass(frozen=True)
class PipelineAppendix:
    label: str  # "Bijlage 2"
    years: tuple[int, ...]
    blocks: tuple[PipelineBlock, ...] = field(default_factory=tuple)

    @property
    def corporation_blocks(self) -> tuple[PipelineBlock, ...]:
        return tuple(block for block in self.blocks if not block.is_total)


def _year_columns(cells: Sequence[str]) -> tuple[dict[int, int], int | None] | None:
    """{column: year} and the column of the total, when this row is the row of years."""
    years = {position: int(cell) for position, cell in enumerate(cells) if _YEAR.match(cell)}
    if len(years) < 2:
        return None
    total = next(
        (position for position, cell in enumerate(cells) if normalise(cell).startswith("totaal")), None
    )
    return years, total


def looks_like_pipeline(text: str) -> bool:
    rows = [table_cells(line) for line in text.splitlines()]
    has_years = any(_year_columns(cells) is not None for cells in rows)
    has_new_build = any(normalise(cells[0]) == "nieuwbouw" for cells in rows if cells)
    return has_years and has_new_build


def parse_pipeline(title: str, text: str, *, label: str = "Bijlage 2") -> PipelineAppendix:
    """Read the programme per corporation: years, new build per location, withdrawals, printed sums."""
    rows = [table_cells(line) for line in text.splitlines()]
    headings = _pipeline_headings(rows)
    if not headings:
        raise AppendixFormatError(label, "geen tabel met jaartallen en een regel 'Nieuwbouw' gevonden.")
    blocks: list[PipelineBlock] = []
    columns: tuple[dict[int, int], int | None] | None = None
    for number, start in enumerate(headings):
        end = headings[number + 1] if number + 1 < len(headings) else len(rows)
        block, columns = _pipeline_block(rows, start, end, columns, label)
        blocks.append(block)
    years = tuple(sorted({year for block in blocks for year in block.years}))
    return PipelineAppendix(label, years, tuple(blocks))


def _single_cell(cells: Sequence[str]) -> str | None:
    filled = [cell for cell in cells if cell]
    return filled[0] if len(filled) == 1 and cells and cells[0] else None


def _pipeline_headings(rows: Sequence[Sequence[str]]) -> list[int]:
    """Rows that start a block: a lone first cell followed by the table header, or a 'Totaal ...' line."""
    starts: list[int] = []
    for index, cells in enumerate(rows):
        text = _single_cell(cells)
        if (
            text is None
            or normalise(text) == "nieuwbouw"
            or normalise(text).startswith(("onttrekking", "locatie"))
        ):
            continue
        following = next((other for other in rows[index + 1 :] if not is_blank(other)), None)
        header_follows = following is not None and (
            normalise(following[0]).startswith("locatie") or _year_columns(following) is not None
        )
        if header_follows or (starts and normalise(text).startswith("totaal")):
            starts.append(index)
    return starts


def _pipeline_block(
    rows: Sequence[Sequence[str]],
    start: int,
    end: int,
    columns: tuple[dict[int, int], int | None] | None,
    label: str,
) -> tuple[PipelineBlock, tuple[dict[int, int], int | None] | None]:
    heading = rows[start][0]
    place = f"{label}, {_block_name(heading)}"
    section: str | None = None
    lines: list[PipelineLine] = []
    printed: list[Printed] = []
    ignored: list[str] = []
    is_total = normalise(heading).startswith("totaal")
    for index in range(start + 1, end):
        cells = rows[index]
        if is_blank(cells):
            continue
        found = _year_columns(cells)
        if found is not None:
            columns = found
            continue
        first = normalise(cells[0])
        if first.startswith("locatie"):
            continue
        if columns is None:
            raise AppendixFormatError(place, "de rij met de jaartallen ontbreekt boven de aantallen.")
        year_columns, total_column = columns
        subtotal = _subtotal_in_cells(cells, place)
        if subtotal is not None:
            printed.append(subtotal)
            continue
        values = _row_values(cells, year_columns, total_column, f"{place}, {cells[0] or 'regel zonder naam'}")
        per_year, printed_total = values
        if first == "nieuwbouw" and not per_year and printed_total is None:
            section = "new_build"
            continue
        if first.startswith("onttrekking") and not per_year and printed_total is None:
            section = "withdrawals"
            continue
        what = _printed_kind(first)
        if what is not None:
            printed.extend(Printed(what, cells[0], year, value) for year, value in per_year)
            if printed_total is not None:
                printed.append(Printed(what, cells[0], None, printed_total))
            continue
        if not per_year and printed_total is None:
            continue  # a note such as "De genoemde jaartallen ... zijn onder voorbehoud."
        if is_total:
            ignored.append(cells[0])
            continue
        if len(cells[0]) > MAX_NAME_LENGTH:
            raise AppendixFormatError(
                f"{place}, {cells[0][:40]}…",
                f"de naam is {len(cells[0])} tekens lang; er passen er hoogstens {MAX_NAME_LENGTH}.",
            )
        if section == "new_build":
            if not cells[0]:
                raise AppendixFormatError(place, "een regel met nieuwbouw heeft geen naam van het project.")
            lines.append(PipelineLine(cells[0], PipelineKind.NEW_BUILD, tuple(per_year), printed_total))
        elif section == "withdrawals":
            kind = _withdrawal_kind(first)
            if kind is None:
                ignored.append(cells[0])
                continue
            lines.append(PipelineLine(cells[0], kind, tuple(per_year), printed_total))
        else:
            raise AppendixFormatError(
                f"{place}, {cells[0]}",
                "deze regel staat niet onder 'Nieuwbouw' of 'Onttrekkingen'.",
            )
    years = tuple(sorted(columns[0].values())) if columns else ()
    block = PipelineBlock(heading, is_total, years, tuple(lines), tuple(printed), tuple(ignored))
    if not is_total:
        for line in block.projects:
            if any(value < 0 for _year, value in line.per_year):
                raise AppendixFormatError(
                    f"{place}, {line.label}", "nieuwbouw kan geen negatief aantal woningen zijn."
                )
    return block, columns


def _block_name(heading: str) -> str:
    """'Woningbouwprogrammering Gemeente Kampen, Beter Wonen IJsselmuiden' -> 'Beter Wonen IJsselmuiden'."""
    return heading.rsplit(",", 1)[-1].strip() if "," in heading else heading


def _printed_kind(first: str) -> str | None:
    if first.startswith("saldo"):
        return "balance"
    if first.startswith("totaal nieuwbouw") or first == "nieuwbouw":
        return "new_build"
    if first.startswith("totaal onttrekking") or first.startswith("onttrekkingen"):
        return "withdrawals"
    return None


def _withdrawal_kind(first: str) -> PipelineKind | None:
    for kind, pattern in _WITHDRAWAL_KINDS:
        if pattern.search(first):
            return kind
    return None


def _subtotal_in_cells(cells: Sequence[str], place: str) -> Printed | None:
    """'<i>Totaal nieuwbouw</i> 198' printed in a single cell at the right of an otherwise empty row."""
    if cells[0]:
        return None
    for cell in cells:
        match = _SUBTOTAL_IN_CELL.match(normalise(cell))
        if match:
            try:
                value = parse_count(match.group(2))
            except ValueError as error:
                raise AppendixFormatError(place, f"'{cell}' bevat geen leesbaar aantal.") from error
            if value is None:  # pragma: no cover  (the pattern requires digits)
                return None
            what = "new_build" if match.group(1) == "nieuwbouw" else "withdrawals"
            return Printed(what, f"Totaal {match.group(1)}", None, value)
    return None


def _row_values(
    cells: Sequence[str], year_columns: dict[int, int], total_column: int | None, place: str
) -> tuple[list[tuple[int, int]], int | None]:
    per_year: list[tuple[int, int]] = []
    for position, year in sorted(year_columns.items(), key=lambda item: item[1]):
        value = cell_count(cells, position, f"{place}, kolom {year}")
        if value is not None:
            per_year.append((year, value))
    printed_total = cell_count(cells, total_column, f"{place}, kolom Totaal")
    return per_year, printed_total


def check_pipeline(appendix: PipelineAppendix) -> CheckResult:
    """Row totals, subtotals per block, balances per year and in total, and the overall block."""
    checked = 0
    mismatches: list[Mismatch] = []

    def compare(place: str, printed: int, computed: int) -> None:
        nonlocal checked
        checked += 1
        if printed != computed:
            mismatches.append(Mismatch(place, printed, computed))

    corporations = appendix.corporation_blocks
    for block in appendix.blocks:
        place = f"{appendix.label}, {_block_name(block.heading)}"
        for line in block.lines:
            if line.printed_total is not None:
                compare(f"{place}, {line.label}, kolom Totaal", line.printed_total, line.total)
        sources: Iterable[PipelineBlock] = corporations if block.is_total else (block,)
        sources = tuple(sources)
        for figure in block.printed:
            new_build = sum(source.new_build(figure.year) for source in sources)
            withdrawn = sum(source.withdrawn(figure.year) for source in sources)
            when = f"kolom {figure.year}" if figure.year is not None else "totaal"
            if figure.what == "new_build":
                compare(f"{place}, {figure.label}, {when}", figure.value, new_build)
            elif figure.what == "withdrawals":
                sign = -1 if figure.value < 0 else 1
                compare(f"{place}, {figure.label}, {when}", figure.value, sign * withdrawn)
            else:
                compare(f"{place}, {figure.label}, {when}", figure.value, new_build - withdrawn)
    return CheckResult(checked, tuple(mismatches))
