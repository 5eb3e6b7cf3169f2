"""The pages in reading order: tables joined over page breaks, blocks side by side, one text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...parsing.tables import is_table_header
from .glyphs import SUPERSCRIPT_DIGITS, Line
from .pages import Cell, Page, Segment, footnote_text, read_layout
from .paragraphs import Block, Layout, body_lines, cell_markup, line_style, paragraphs, single_word


@dataclass
class Table:
    segments: list[Segment]
    rows: list[tuple[int, list[Cell | None]]]  # (page, cells)


def same_columns(first: Segment, second: Segment) -> bool:
    return len(first.columns) == len(second.columns) and all(
        abs(a - b) < 3.0 for a, b in zip(first.columns, second.columns, strict=True)
    )


def row_texts(row: Sequence[Cell | None]) -> list[str]:
    return [cell.plain() if cell is not None else "" for cell in row]


def open_end(cell: Cell | None, more: Cell | None, layout: Layout) -> bool:
    """Does the cell's text stop mid-paragraph and go on in ``more`` (a row cut by the page break)?"""
    if cell is None or not cell.lines or more is None or not more.lines:
        return False
    last = cell.lines[-1]
    if last.ends_with_space or last.broken_after_hyphen(layout.trailing_spaces):
        return True
    # A word too long for its column, broken at the edge: "huurwoninge" + "n".
    right = cell.bbox[2] - (last.x0 - cell.bbox[0])  # the padding on the right as on the left
    following = more.lines[0].visible[0].text
    return single_word(last) and right - last.x1 < last.size * 0.6 and following.islower()


def join_rows(table: Table, segment: Segment, layout: Layout) -> None:
    """The next page's part of a table: drop its repeated header, join a row split by the break."""
    rows = list(segment.rows)
    header = row_texts(table.rows[0][1])
    if rows and any(header) and row_texts(rows[0]) == header:
        rows = rows[1:]
    if rows and table.rows:
        first = rows[0]
        page, last = table.rows[-1]
        texts = row_texts(first)
        # In an agreement table a row without subject and number goes on with the one before.
        continued = is_table_header(header) and len(texts) >= 2 and not texts[0] and not texts[1]
        cut = any(open_end(cell, more, layout) for cell, more in zip(last, first, strict=False))
        if len(last) == len(first) and any(texts) and (continued or cut):
            for cell, more in zip(last, first, strict=True):
                if cell is not None and more is not None:
                    cell.lines.extend(more.lines)
            rows = rows[1:]
    table.rows.extend((segment.page, row) for row in rows)


def reading_order(pages: Sequence[Page], layout: Layout) -> list[Line | Table]:
    """Lines and whole tables in reading order, tables joined over page breaks."""
    flow: list[Line | Table] = []
    for page in pages:
        for position, item in enumerate(page.items):
            if isinstance(item, Line):
                flow.append(item)
                continue
            previous = flow[-1] if flow else None
            if (
                position == 0
                and isinstance(previous, Table)
                and previous.segments[-1].page == page.number - 1
                and same_columns(previous.segments[-1], item)
            ):
                previous.segments.append(item)
                join_rows(previous, item, layout)
            else:
                flow.append(Table([item], [(page.number, row) for row in item.rows]))
    return flow


def cell_padding(table: Table) -> float:
    """The cell padding: how far the text starts from the cell's left border."""
    offsets = [
        line.x0 - cell.bbox[0]
        for _, row in table.rows
        for cell in row
        if cell is not None
        for line in cell.lines
        if line.marker() is None
    ]
    return max(0.0, min(offsets)) if offsets else 0.0


def footnote_refs(text: str) -> set[str]:
    return set(re.findall(f"[{SUPERSCRIPT_DIGITS}]+", text))


def body_limit(pages: Sequence[Page]) -> tuple[float, float]:
    lefts = [item.x0 for page in pages for item in page.items if isinstance(item, Line)]
    rights = [item.x1 for page in pages for item in page.items if isinstance(item, Line)]
    if not rights:
        return 0.0, 0.0
    rights.sort()
    lefts.sort()
    return lefts[len(lefts) // 20], rights[min(len(rights) - 1, len(rights) * 19 // 20)]


@dataclass
class Columns:
    """Blocks side by side without borders (signatures): read per column, one row per height."""

    starts: list[float]
    lines: list[Line]

    def column(self, line: Line) -> int:
        return min(range(len(self.starts)), key=lambda index: abs(self.starts[index] - line.x0))

    def rows(self, limit: tuple[float, float], layout: Layout) -> list[tuple[int, list[str]]]:
        blocks: list[tuple[int, Block]] = []  # (column, block)
        for index, start in enumerate(self.starts):
            right = self.starts[index + 1] - 10.0 if index + 1 < len(self.starts) else limit[1]
            lines = [line for line in self.lines if self.column(line) == index]
            blocks.extend(
                (index, block) for block in paragraphs(lines, (start, right), layout, in_table=False)
            )
        blocks.sort(key=lambda entry: (entry[1].lines[0].top, entry[0]))
        # Blocks side by side (overlapping in height) form a row.
        rows: list[tuple[int, list[str]]] = []
        bottom = -1.0
        for index, block in blocks:
            cells = rows[-1][1] if rows else []
            if not rows or block.lines[0].top >= bottom - 1.0 or cells[index]:
                rows.append((block.lines[0].page, [""] * len(self.starts)))
                cells = rows[-1][1]
                bottom = -1.0
            cells[index] = cell_markup([block])
            bottom = max(bottom, block.lines[-1].bottom)
        return rows


def is_text_piece(line: Line) -> bool:
    text = "".join(char.text for char in line.visible)
    return any(char.isalpha() for char in text) and not re.search(r"\.{4,}|…{2,}", text)


def rejoin(pieces: Sequence[Line]) -> Line:
    line = Line(pieces[0].page, [char for piece in pieces for char in piece.chars], row=pieces[0].row)
    line.finish()
    return line


def columnar_parts(lines: Sequence[Line]) -> list[list[Line] | Columns]:
    """Running text, with the stretches where blocks stand side by side taken out as columns."""
    visual: list[list[Line]] = []
    for line in lines:
        if visual and visual[-1][0].row == line.row and visual[-1][0].page == line.page:
            visual[-1].append(line)
        else:
            visual.append([line])
    parts: list[list[Line] | Columns] = []
    plain: list[Line] = []
    index = 0
    while index < len(visual):
        row = visual[index]
        label = "".join(char.text for char in row[0].visible).endswith(":")
        if len(row) < 2 or label or not all(is_text_piece(piece) for piece in row):
            # "Datum:      1 maart 2023" is a label and its value: one line of text.
            plain.append(row[0] if len(row) == 1 else rejoin(row))
            index += 1
            continue
        starts = sorted(piece.x0 for piece in row)
        region = list(row)
        index += 1
        while index < len(visual):
            following = visual[index]
            aligned = all(
                any(abs(piece.x0 - start) < 4.0 for start in starts)
                and all(piece.x1 < start + 2.0 for start in starts if start > piece.x0 + 4.0)
                for piece in following
            )
            if (
                not aligned
                or following[0].page != row[0].page
                or line_style(following[0]) != line_style(row[0])
            ):
                break
            region.extend(following)
            index += 1
        if plain:
            parts.append(plain)
            plain = []
        parts.append(Columns(starts, region))
    if plain:
        parts.append(plain)
    return parts


def render(pages: Sequence[Page]) -> tuple[list[str], list[str]]:
    layout = read_layout(pages)
    limit = body_limit(pages)
    out: list[str] = []
    places: list[str] = []
    # Footnotes wait for the line that refers to them: (page, marker, text).
    pending = [
        (page.number, footnote.marker, footnote_text(footnote))
        for page in pages
        for footnote in page.footnotes
    ]
    ready: list[tuple[int, str, str]] = []

    def add(text: str, page: int) -> None:
        out.append(text)
        places.append(f"pagina {page}")

    def flush() -> None:
        for page, marker, note in ready:
            add(f"{marker} {note}", page)
            add("", page)
        ready.clear()

    def emit(text: str, page: int) -> None:
        # A footnote its reference never claimed (the marker was not recognised) goes before the
        # text of a later page, so it stays near its own page.
        while pending and pending[0][0] < page:
            ready.append(pending.pop(0))
        if ready and text:
            flush()
        add(text, page)
        for marker in sorted(footnote_refs(text)):
            found = next((note for note in pending if note[1] == marker and note[0] >= page), None)
            if found is not None:
                pending.remove(found)
                ready.append(found)

    flow = reading_order(pages, layout)
    index = 0
    while index < len(flow):
        item = flow[index]
        if isinstance(item, Table):
            padding = cell_padding(item)
            for page, row in item.rows:
                emit("\t".join(cell.text(layout, padding) if cell is not None else "" for cell in row), page)
                flush()
            add("", item.rows[-1][0] if item.rows else item.segments[-1].page)
            index += 1
            continue
        run: list[Line] = []
        while index < len(flow) and isinstance(line := flow[index], Line):
            run.append(line)
            index += 1
        for part in columnar_parts(run):
            if isinstance(part, Columns):
                for page, cells in part.rows(limit, layout):
                    emit("\t".join(cells), page)
                    flush()
                add("", part.lines[-1].page)
                continue
            for text, first in body_lines(paragraphs(part, limit, layout, in_table=False)):
                emit(text, first.page)
                if not text:
                    flush()
    ready.extend(pending)
    flush()
    return out, places
