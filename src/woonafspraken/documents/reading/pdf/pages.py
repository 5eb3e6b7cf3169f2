"""A page: its tables (by their borders) and lines, headers and footers, footnotes, typography."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .glyphs import SUPERSCRIPTS, Char, Line, glyph, group_lines, split_columns
from .paragraphs import Layout, as_text, cell_markup, inline_text, line_style, paragraphs, plain

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}

PAGE_NUMBER_RE = re.compile(
    r"^(?:[-–—(]\s*)?(?:pagina\s+|page\s+|blz\.?\s+)?\d{1,4}(?:\s*(?:/|van|of)\s*\d{1,4})?(?:\s*[-–—)])?$",
    re.IGNORECASE,
)

MARGIN = 0.1  # the top and bottom tenth of a page hold headers and footers


class UnreadableError(Exception):
    """Raised inside the reader when pdfminer fails on a page; becomes a SourceReadError."""


@dataclass
class Cell:
    bbox: tuple[float, float, float, float]
    lines: list[Line] = field(default_factory=list)

    def text(self, layout: Layout, padding: float) -> str:
        limit = (self.bbox[0] + padding, self.bbox[2] - padding)
        return cell_markup(paragraphs(self.lines, limit, layout, in_table=True))

    def plain(self) -> str:
        return " ".join(plain(inline_text([line], [], skip_marker=False)) for line in self.lines).strip()


@dataclass
class Segment:
    """The part of a table on one page."""

    page: int
    bbox: tuple[float, float, float, float]
    columns: list[float]  # left edges of the columns
    rows: list[list[Cell | None]]


@dataclass
class Footnote:
    marker: str  # "¹"
    lines: list[Line]


@dataclass
class Page:
    number: int
    height: float
    items: list[Line | Segment]  # in reading order
    footnotes: list[Footnote]
    separator: float | None = None  # top of the short rule above the footnotes, if drawn


def closing_lines(page: Any) -> list[dict[str, Any]]:
    """Horizontal lines where two or more column borders end (or start) together: a row cut by the
    page break may be drawn without its bottom (or top) border, and then no cell would close."""
    ends: dict[float, list[float]] = {}
    for edge in page.edges:
        if edge["orientation"] == "v" and edge["bottom"] - edge["top"] > 2:
            for y in (round(edge["top"]), round(edge["bottom"])):
                ends.setdefault(y, []).append(float(edge["x0"]))
    return [
        {
            "object_type": "line",
            "x0": min(xs),
            "x1": max(xs),
            "top": y,
            "bottom": y,
            "width": max(xs) - min(xs),
            "height": 0,
        }
        for y, xs in ends.items()
        if len(xs) >= 2
    ]


def find_tables(page: Any, number: int, chars: list[Char]) -> tuple[list[Segment], list[Char]]:
    """The tables on a page (with their glyphs per cell) and the glyphs outside them."""
    segments: list[Segment] = []
    inside: set[int] = set()
    for table in page.find_tables({**TABLE_SETTINGS, "explicit_horizontal_lines": closing_lines(page)}):
        rows = [row.cells for row in table.rows]
        if not rows or max(len(row) for row in rows) < 2:
            continue  # a framed paragraph, not a table
        x0, top, x1, bottom = table.bbox
        columns = sorted({round(cell[0], 1) for row in rows for cell in row if cell is not None})
        cells_rows: list[list[Cell | None]] = [
            [Cell(tuple(cell)) if cell is not None else None for cell in row] for row in rows
        ]
        cells = [cell for row in cells_rows for cell in row if cell is not None]
        glyphs: list[list[Char]] = [[] for _ in cells]
        for index, char in enumerate(chars):
            # By the left edge: a space at the end of a line may stick out of its cell.
            if index in inside or not (x0 <= char.x0 + 0.1 < x1 and top <= char.middle <= bottom):
                continue
            for position, cell in enumerate(cells):
                cx0, ctop, cx1, cbottom = cell.bbox
                if cx0 <= char.x0 + 0.1 < cx1 and ctop <= char.middle <= cbottom:
                    glyphs[position].append(char)
                    inside.add(index)
                    break
        for cell, cell_glyphs in zip(cells, glyphs, strict=True):
            cell.lines = group_lines(cell_glyphs, number)
        segments.append(Segment(number, (x0, top, x1, bottom), columns, cells_rows))
    outside = [char for index, char in enumerate(chars) if index not in inside]
    return segments, outside


def footnote_rule(page: Any, segments: Sequence[Segment]) -> float | None:
    """The short rule Word and LibreOffice draw above the footnotes, in the lower half of the page."""
    try:
        rules = [*page.lines, *page.rects]
    except Exception:  # a damaged drawing: no rule, the font size still tells
        return None
    tops = [
        float(rule["top"])
        for rule in rules
        if rule["bottom"] - rule["top"] <= 1.5
        and 20 <= rule["x1"] - rule["x0"] <= float(page.width) * 0.45
        and rule["top"] > float(page.height) * 0.5
        and not any(s.bbox[1] - 2 <= rule["top"] <= s.bbox[3] + 2 for s in segments)
    ]
    return max(tops) if tops else None


def read_pages(pdf: Any) -> list[Page]:
    pages: list[Page] = []
    for number, page in enumerate(pdf.pages, 1):
        try:
            chars = [char for raw in page.chars if (char := glyph(raw)) is not None]
            segments, outside = find_tables(page, number, chars)
        except Exception as error:  # pdfminer fails in many ways on damaged content
            raise UnreadableError(f"pagina {number}") from error
        lines: list[Line] = []
        for row, line in enumerate(group_lines(outside, number)):
            for piece in split_columns(line):
                piece.row = row
                lines.append(piece)
        items: list[Line | Segment] = [*lines, *segments]
        items.sort(key=lambda item: item.bbox[1] if isinstance(item, Segment) else item.top)
        pages.append(Page(number, float(page.height), items, [], footnote_rule(page, segments)))
    return pages


def line_key(line: Line) -> str:
    return re.sub(r"\d+", "#", "".join(char.text for char in line.chars).strip().lower())


def drop_headers_and_footers(pages: list[Page]) -> None:
    """Text in the top or bottom margin that repeats on most pages, and lone page numbers."""

    def in_margin(page: Page, line: Line) -> bool:
        return line.bottom < page.height * MARGIN or line.top > page.height * (1 - MARGIN)

    seen: Counter[tuple[str, int]] = Counter()
    for page in pages:
        keys = {
            (line_key(item), round(item.top / 4))
            for item in page.items
            if isinstance(item, Line) and in_margin(page, item)
        }
        seen.update(keys)
    repeated = {key for key, count in seen.items() if count >= 2 and count >= len(pages) / 2}
    for page in pages:
        page.items = [
            item
            for item in page.items
            if not (
                isinstance(item, Line)
                and in_margin(page, item)
                and (
                    (line_key(item), round(item.top / 4)) in repeated
                    or PAGE_NUMBER_RE.match("".join(char.text for char in item.chars).strip())
                )
            )
        ]


def body_size(pages: Sequence[Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for item in page.items:
            if isinstance(item, Line):
                sizes[item.size] += len(item.visible)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def footnote_marker(line: Line) -> tuple[str, float] | None:
    """ "¹ Text" or "1 Text" at the start of a footnote line: the marker and where its text starts."""
    visible = line.visible
    digits: list[Char] = []
    for char in visible:
        if not char.text.isdigit() or (digits and char.x0 - digits[-1].x1 > char.size * 0.15):
            break
        digits.append(char)
    if not digits or len(digits) > 3 or len(digits) == len(visible):
        return None
    rest = visible[len(digits)]
    if rest.text in ".)" and len(visible) > len(digits) + 1:
        rest = visible[len(digits) + 1]  # "1. Text", as WeasyPrint and some styles number them
    raised = line.script(digits[0]) == "sup"
    if not raised and rest.x0 - digits[-1].x1 < line.size * 0.2:
        return None  # "2022 is ..." is text, "1 Text" needs a gap or a raised number
    marker = "".join(char.text for char in digits).translate(SUPERSCRIPTS)
    return marker, rest.x0


def take_footnotes(pages: list[Page]) -> None:
    """The text under the footnote rule (or, without one, the small text at the bottom of the page)
    that starts with a number is the page's footnotes."""
    body = body_size(pages)
    for page in pages:
        tail: list[Line] = []
        for item in reversed(page.items):
            if not isinstance(item, Line):
                break
            below_rule = page.separator is not None and item.top > page.separator
            if not below_rule and (page.separator is not None or item.size > body * 0.93):
                break
            tail.insert(0, item)
        start = next((index for index, line in enumerate(tail) if footnote_marker(line)), None)
        if start is None:
            continue
        footnotes: list[Footnote] = []
        for line in tail[start:]:
            found = footnote_marker(line)
            if found is not None:
                footnotes.append(Footnote(found[0], [line]))
            else:
                footnotes[-1].lines.append(line)
        page.footnotes = footnotes
        taken = {id(line) for line in tail[start:]}
        page.items = [item for item in page.items if id(item) not in taken]


def footnote_text(footnote: Footnote) -> str:
    first = footnote.lines[0]
    found = footnote_marker(first)
    chars = [char for char in first.chars if found is None or char.x0 >= found[1] - 0.5]
    head = Line(first.page, chars)
    head.finish()
    lines = [head, *footnote.lines[1:]]
    return as_text(inline_text(lines, [" "] * (len(lines) - 1), skip_marker=False))


def read_layout(pages: Sequence[Page]) -> Layout:
    pitches: dict[tuple[float, bool], list[float]] = {}
    ends = Counter[bool]()

    def add(lines: Sequence[Line], in_table: bool) -> None:
        for previous, line in zip(lines, lines[1:], strict=False):
            if previous.page == line.page and line_style(previous) == line_style(line):
                pitch = line.top - previous.top
                if 0 < pitch < line.size * 3:
                    pitches.setdefault((round(line.size), in_table), []).append(round(pitch * 2) / 2)
        for line in lines[:-1]:
            ends[line.ends_with_space] += 1

    for page in pages:
        add([item for item in page.items if isinstance(item, Line)], False)
        for item in page.items:
            if isinstance(item, Segment):
                for row in item.rows:
                    for cell in row:
                        if cell is not None:
                            add(cell.lines, True)
    usual = {key: statistics.mode(values) for key, values in pitches.items()}
    total = ends[True] + ends[False]
    return Layout(usual, trailing_spaces=total > 0 and ends[True] >= total * 0.3)
