"""Reading the housing appendices of an agreements document (pure: no Django, no database).

Bijlage 1 holds the stock per corporation x rent class x EGW/MGW with printed totals; Bijlage 2 the new
build per project and year and the withdrawals per corporation, with printed subtotals and balances.
The parsers turn the raw appendix text into frozen dataclasses; the ``check_*`` functions compare every
printed total with the one computed from the detail figures, naming the place of each difference.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from woonafspraken.core.formatting import format_number
from woonafspraken.documents.parsing.dates import MONTHS, parse_date
from woonafspraken.housing.domain import MAX_HOMES, MAX_NAME_LENGTH, PipelineKind, RentClass

__all__ = [
    "AppendixFormatError",
    "CheckResult",
    "Mismatch",
    "PipelineAppendix",
    "PipelineBlock",
    "PipelineLine",
    "Printed",
    "StockAppendix",
    "StockBlock",
    "StockLine",
    "check_pipeline",
    "check_stock",
    "looks_like_pipeline",
    "looks_like_stock",
    "match_name",
    "parse_count",
    "parse_pipeline",
    "parse_stock",
    "rent_class_for",
]


class AppendixFormatError(ValueError):
    """The appendix has the shape of a housing table but a cell or line cannot be read."""

    def __init__(self, place: str, message: str) -> None:
        self.place = place
        self.message = message
        super().__init__(f"{place}: {message}")


@dataclass(frozen=True)
class Mismatch:
    place: str  # "Bijlage 1, deltaWonen, Lage aftoppingsgrens, kolom Totaal"
    printed: int
    computed: int

    def __str__(self) -> str:
        return (
            f"{self.place}: in het document staat {format_number(self.printed)}, "
            f"opgeteld is het {format_number(self.computed)}."
        )


@dataclass(frozen=True)
class CheckResult:
    checked: int  # how many printed figures were compared
    mismatches: tuple[Mismatch, ...]


# -- cells -------------------------------------------------------------------------------------------
_TAG = re.compile(r"<[^>]+>")
_COUNT = re.compile(r"^[-−–]?\s*\d{1,3}(?:\.\d{3})+$|^[-−–]?\s*\d+$")


def _cells(line: str) -> list[str]:
    return [" ".join(html.unescape(_TAG.sub(" ", cell)).split()) for cell in line.split("\t")]


def _blank(cells: Sequence[str]) -> bool:
    return not any(cells)


def parse_count(text: str) -> int | None:
    """'1.036' -> 1036, '-24' -> -24, '' -> None; ValueError for anything that is not a whole number
    of homes (also for more than MAX_HOMES, which no table can mean)."""
    text = text.strip().replace("\u00a0", "")
    if not text:
        return None
    if not _COUNT.match(text):
        raise ValueError(text)
    sign = -1 if text[0] in "-−–" else 1
    value = int(re.sub(r"\D", "", text))
    if value > MAX_HOMES:
        raise ValueError(text)
    return sign * value


def _amount(text: str) -> Decimal | None:
    """'€ 442,46' or '> € 752,33' -> Decimal('442.46'); None when there is no amount."""
    match = re.search(r"\d[\d.]*(?:,\d+)?", text)
    if not match:
        return None
    try:
        return Decimal(match.group(0).replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


# -- Bijlage 1: stock per rent class -----------------------------------------------------------------
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
    text = _normal(label)
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
    lowered = [_normal(cell) for cell in cells]
    return "egw" in lowered and "mgw" in lowered


def looks_like_stock(text: str) -> bool:
    return any(_is_stock_header(_cells(line)) for line in text.splitlines())


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
    rows = [_cells(line) for line in text.splitlines()]
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
        if _blank(cells):
            continue
        filled = [cell for cell in cells if cell]
        return filled[0] if len(filled) == 1 and cells[0] else None
    return None


def _stock_block(
    rows: Sequence[Sequence[str]], header_index: int, heading: str, label: str
) -> tuple[StockBlock, int]:
    header = [_normal(cell) for cell in rows[header_index]]
    columns = {name: header.index(name) for name in ("egw", "mgw", "totaal", "grens") if name in header}
    place = f"{label}, {heading}"
    lines: list[StockLine] = []
    totals: tuple[int | None, int | None, int | None] = (None, None, None)
    index = header_index + 1
    while index < len(rows):
        cells = rows[index]
        if _blank(cells):
            index += 1
            continue
        first = cells[0]
        if _normal(first).startswith("totaal"):
            totals = (
                _cell_count(cells, columns.get("egw"), f"{place}, {first}, kolom EGW"),
                _cell_count(cells, columns.get("mgw"), f"{place}, {first}, kolom MGW"),
                _cell_count(cells, columns.get("totaal"), f"{place}, {first}, kolom Totaal"),
            )
            index += 1
            break
        rent_class = rent_class_for(first)
        if rent_class is None:
            break  # the block ends at the next heading or the notes below the tables
        if any(line.rent_class is rent_class for line in lines):
            raise AppendixFormatError(place, f"de huurprijsklasse '{first}' staat er twee keer in.")
        egw = _cell_count(cells, columns["egw"], f"{place}, {first}, kolom EGW")
        mgw = _cell_count(cells, columns["mgw"], f"{place}, {first}, kolom MGW")
        lines.append(
            StockLine(
                rent_class=rent_class,
                label=first,
                printed_limit=_amount(cells[columns["grens"]])
                if "grens" in columns and columns["grens"] < len(cells)
                else None,
                egw=egw or 0,
                mgw=mgw or 0,
                printed_total=_cell_count(cells, columns.get("totaal"), f"{place}, {first}, kolom Totaal"),
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
        is_total=_normal(heading).startswith("totaal"),
        lines=tuple(lines),
        printed_egw=totals[0],
        printed_mgw=totals[1],
        printed_total=totals[2],
    )
    return block, index


def _cell_count(cells: Sequence[str], column: int | None, place: str) -> int | None:
    if column is None or column >= len(cells):
        return None
    try:
        return parse_count(cells[column])
    except ValueError as error:
        raise AppendixFormatError(place, f"'{cells[column]}' is geen aantal woningen.") from error


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


# -- Bijlage 2: new build and withdrawals ------------------------------------------------------------
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
        (position for position, cell in enumerate(cells) if _normal(cell).startswith("totaal")), None
    )
    return years, total


def looks_like_pipeline(text: str) -> bool:
    rows = [_cells(line) for line in text.splitlines()]
    has_years = any(_year_columns(cells) is not None for cells in rows)
    has_new_build = any(_normal(cells[0]) == "nieuwbouw" for cells in rows if cells)
    return has_years and has_new_build


def parse_pipeline(title: str, text: str, *, label: str = "Bijlage 2") -> PipelineAppendix:
    """Read the programme per corporation: years, new build per location, withdrawals, printed sums."""
    rows = [_cells(line) for line in text.splitlines()]
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
            or _normal(text) == "nieuwbouw"
            or _normal(text).startswith(("onttrekking", "locatie"))
        ):
            continue
        following = next((other for other in rows[index + 1 :] if not _blank(other)), None)
        header_follows = following is not None and (
            _normal(following[0]).startswith("locatie") or _year_columns(following) is not None
        )
        if header_follows or (starts and _normal(text).startswith("totaal")):
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
    is_total = _normal(heading).startswith("totaal")
    for index in range(start + 1, end):
        cells = rows[index]
        if _blank(cells):
            continue
        found = _year_columns(cells)
        if found is not None:
            columns = found
            continue
        first = _normal(cells[0])
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
        match = _SUBTOTAL_IN_CELL.match(_normal(cell))
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
        value = _cell_count(cells, position, f"{place}, kolom {year}")
        if value is not None:
            per_year.append((year, value))
    printed_total = _cell_count(cells, total_column, f"{place}, kolom Totaal")
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


# -- organisations -----------------------------------------------------------------------------------
def match_name(text: str, candidates: Sequence[tuple[int, str, Sequence[str]]]) -> int | None:
    """The id of the organisation a heading or cell names: by full name, else by a distinctive short name.

    ``candidates`` are (id, full name, short names). 'Woningbouwprogrammering Gemeente Kampen, Beter Wonen
    IJsselmuiden' names Beter Wonen IJsselmuiden; the longest name found wins.
    """
    wanted = _normal(text)
    if not wanted:
        return None
    for key, name, _short in candidates:
        if _normal(name) == wanted:
            return key
    best: tuple[int, int] | None = None  # (length of the name found, id)
    for key, name, short_names in candidates:
        for candidate in (name, *short_names):
            normal = _normal(candidate)
            found = bool(normal) and re.search(rf"(?<!\w){re.escape(normal)}(?!\w)", wanted) is not None
            if found and (best is None or len(normal) > best[0]):
                best = (len(normal), key)
    return best[1] if best else None
