"""Bijlage 1: the stock per corporation x rent class x EGW/MGW, with printed totals (pure)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from woonafspraken.documents.parsing.dates import MONTHS, parse_date
from woonafspraken.housing.domain import RentClass
from woonafspraken.housing.parsing.common import (
    AppendixFormatError,
    CheckResult,
    Mismatch,
    cell_count,
    is_blank,
    normalise,
    table_cells,
)

_CLASS_PATTERNS: list[tuple[RentClass, re.Pattern[str]]] = [
    (RentClass.ABOVE_BENEFIT, re.compile(r"^(?:boven|>|meer dan|hoger dan|vrije sector)")),
    (RentClass.QUALITY_DISCOUNT, re.compile(r"jongeren|kwaliteitskorting")),
    (RentClass.LOW_CAP, re.compile(r"lage\s+aftopping|aftoppingsgrens\s+laag")),
    (RentClass.HIGH_CAP, re.compile(r"hoge\s+aftopping|aftoppingsgrens\s+hoog")),
    (RentClass.BENEFIT, re.compile(r"huurtoeslag|liberalisatie|daeb")),
]
_DATE_IN_TITLE = re.compile(
    r"(\d{1,2}\s+(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(?:19|20)\d{2}"
    r"|\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2})",
    re.IGNORECASE,
)


def rent_class_for(label: str) -> RentClass | None:
    """The rent class a row label of Bijlage 1 (or a spreadsheet) names, e.g. 'Jongerengrens'."""
    text = normalise(label)
    for rent_class, pattern in _CLASS_PATTERNS:
        if pattern.search(text):
            return rent_class
    return None


@dataclass(frozen=True)
class StockLine:
    rent_class: RentClass
    label: str
    printed_limit: Decimal | None  # the "Grens" column
    egw: int
    mgw: int
    printed_total: int | None


@dataclass(frozen=True)
class StockBlock:
    heading: str  # the corporation's name as printed, or "Totaal corporaties ..."
    is_total: bool
    lines: tuple[StockLine, ...]
    printed_egw: int | None  # the "Totaal woningen" row
    printed_mgw: int | None
    printed_total: int | None


@dataclass(frozen=True)
class StockAppendix:
    label: str  # "Bijlage 1"
    date: dt.date
    blocks: tuple[StockBlock, ...]

    @property
    def corporation_blocks(self) -> tuple[StockBlock, ...]:
        return tuple(block for block in self.blocks if not block.is_total)


def _is_stock_header(cells: Sequence[str]) -> bool:
    lowered = [normalise(cell) for cell in cells]
    return "egw" in lowered and "mgw" in lowered


def looks_like_stock(text: str) -> bool:
    return any(_is_stock_header(table_cells(line)) for line in text.splitlines())


def _date_from_title(title: str, label: str) -> dt.date:
    for match in _DATE_IN_TITLE.finditer(title):
        date = parse_date(match.group(1))
        if date is not None:
            return date
    raise AppendixFormatError(
        label, "de kop noemt geen geldige peildatum (bijvoorbeeld 'woningvoorraad per 1 juli 2021')."
    )


def parse_stock(title: str, text: str, *, label: str = "Bijlage 1") -> StockAppendix:
    """Read the stock table(s): a heading line per corporation, a header with EGW/MGW, rows per class."""
    date = _date_from_title(title, label)
    rows = [table_cells(line) for line in text.splitlines()]
    blocks: list[StockBlock] = []
    index = 0
    while index < len(rows):
        if not _is_stock_header(rows[index]):
            index += 1
            continue
        heading = _heading_before(rows, index)
        if heading is None:
            raise AppendixFormatError(
                label, f"boven de kopregel op regel {index + 1} staat geen naam van een corporatie."
            )
        block, index = _stock_block(rows, index, heading, label)
        blocks.append(block)
    if not blocks:
        raise AppendixFormatError(label, "geen tabel met de kolommen EGW en MGW gevonden.")
    return StockAppendix(label, date, tuple(blocks))


def _heading_before(rows: Sequence[Sequence[str]], header_index: int) -> str | None:
    for position in range(header_index - 1, -1, -1):
        cells = rows[position]
        if is_blank(cells):
            continue
        filled = [cell for cell in cells if cell]
        return filled[0] if len(filled) == 1 and cells[0] else None
    return None


def _stock_block(
    rows: Sequence[Sequence[str]], header_index: int, heading: str, label: str
) -> tuple[StockBlock, int]:
    header = [normalise(cell) for cell in rows[header_index]]
    columns = {name: header.index(name) for name in ("egw", "mgw", "totaal", "grens") if name in header}
    place = f"{label}, {heading}"
    lines: list[StockLine] = []
    totals: tuple[int | None, int | None, int | None] = (None, None, None)
    index = header_index + 1
    while index < len(rows):
        cells = rows[index]
        if is_blank(cells):
            index += 1
            continue
        first = cells[0]
        if normalise(first).startswith("totaal"):
            totals = (
                cell_count(cells, columns.get("egw"), f"{place}, {first}, kolom EGW"),
                cell_count(cells, columns.get("mgw"), f"{place}, {first}, kolom MGW"),
                cell_count(cells, columns.get("totaal"), f"{place}, {first}, kolom Totaal"),
            )
            index += 1
            break
        rent_class = rent_class_for(first)
        if rent_class is None:
            break  # the block ends at the next heading or the notes below the tables
        if any(line.rent_class is rent_class for line in lines):
            raise AppendixFormatError(place, f"de huurprijsklasse '{first}' staat er twee keer in.")
        egw = cell_count(cells, columns["egw"], f"{place}, {first}, kolom EGW")
        mgw = cell_count(cells, columns["mgw"], f"{place}, {first}, kolom MGW")
        lines.append(
            StockLine(
                rent_class=rent_class,
                label=first,
                printed_limit=_amount(cells[columns["grens"]])
                if "grens" in columns and columns["grens"] < len(cells)
                else None,
                egw=egw or 0,
                mgw=mgw or 0,
                printed_total=cell_count(cells, columns.get("totaal"), f"{place}, {first}, kolom Totaal"),
            )
        )
        index += 1
    if not lines:
        raise AppendixFormatError(place, "onder de kopregel staan geen huurprijsklassen.")
    for line in lines:
        if line.egw < 0 or line.mgw < 0:
            raise AppendixFormatError(f"{place}, {line.label}", "een aantal woningen kan niet negatief zijn.")
    block = StockBlock(
        heading=heading,
        is_total=normalise(heading).startswith("totaal"),
        lines=tuple(lines),
        printed_egw=totals[0],
        printed_mgw=totals[1],
        printed_total=totals[2],
    )
    return block, index


def _amount(text: str) -> Decimal | None:
    """'€ 442,46' or '> € 752,33' -> Decimal('442.46'); None when there is no amount."""
    match = re.search(r"\d[\d.]*(?:,\d+)?", text)
    if not match:
        return None
    try:
        return Decimal(match.group(0).replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def check_stock(appendix: StockAppendix) -> CheckResult:
    """Every printed row total, column total and the totals over all corporations, against the sums."""
    checked = 0
    mismatches: list[Mismatch] = []

    def compare(place: str, printed: int | None, computed: int) -> None:
        nonlocal checked
        if printed is None:
            return
        checked += 1
        if printed != computed:
            mismatches.append(Mismatch(place, printed, computed))

    corporations = appendix.corporation_blocks
    for block in appendix.blocks:
        place = f"{appendix.label}, {block.heading}"
        for line in block.lines:
            compare(f"{place}, {line.label}, kolom Totaal", line.printed_total, line.egw + line.mgw)
            if block.is_total and corporations:
                for column, attribute in (("EGW", "egw"), ("MGW", "mgw")):
                    computed = sum(
                        getattr(other, attribute)
                        for corporation in corporations
                        for other in corporation.lines
                        if other.rent_class is line.rent_class
                    )
                    compare(
                        f"{place}, {line.label}, kolom {column} (som van de corporaties)",
                        getattr(line, attribute),
                        computed,
                    )
        egw = sum(line.egw for line in block.lines)
        mgw = sum(line.mgw for line in block.lines)
        compare(f"{place}, Totaal woningen, kolom EGW", block.printed_egw, egw)
        compare(f"{place}, Totaal woningen, kolom MGW", block.printed_mgw, mgw)
        compare(f"{place}, Totaal woningen, kolom Totaal", block.printed_total, egw + mgw)
    return CheckResult(checked, tuple(mismatches))
