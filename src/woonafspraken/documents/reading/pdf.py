"""Reading a PDF exported from Word or LibreOffice with pdfplumber: text, and tables across pages.

A PDF has no paragraphs, only glyphs at positions. The reader rebuilds the text format from them:

- glyphs become lines (grouped by height), lines become paragraphs and list items, decided from
  the layout: a list marker at the start, a change of font (headings), a larger vertical gap than
  between the lines of a paragraph, and whether the line was full (a line wraps because the next
  word did not fit, so a line that ends with room for the next word ended its paragraph);
- tables are found by their drawn borders; a table that goes on over a page break is one table
  again (the header row repeated on the next page dropped, a row split by the break joined);
- page headers and footers (text repeated at the same place on most pages, lone page numbers)
  are dropped; footnotes at the bottom of a page become "¹ text" lines after the paragraph or
  table row that refers to them.
"""

from __future__ import annotations

import html
import io
import math
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from ..parsing.tables import is_table_header
from .source import SourceKind, SourceReadError, SourceText

__all__ = ["read_pdf"]

_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# Bullets as they come out of Word and LibreOffice: Symbol / Wingdings / OpenSymbol code points in
# the private use area, and the ordinary ones.
_BULLETS = frozenset("•●▪◦■□◆◇►▶➢✓-–o\uf0b7\uf0a7\uf0d8\uf0fc\uf06c\uf09f\uf076\uf0a8\ue00a")
_PRIVATE_BULLET_RE = re.compile("[\ue000-\uf8ff]")
_NUMBER_MARKER_RE = re.compile(r"^(\d{1,2})[.)]$")
_SYMBOL_FONT_RE = re.compile(r"symbol|wingdings|webdings", re.IGNORECASE)
_BOLD_RE = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_ITALIC_RE = re.compile(r"italic|oblique", re.IGNORECASE)
_PAGE_NUMBER_RE = re.compile(
    r"^(?:[-–—(]\s*)?(?:pagina\s+|page\s+|blz\.?\s+)?\d{1,4}(?:\s*(?:/|van|of)\s*\d{1,4})?(?:\s*[-–—)])?$",
    re.IGNORECASE,
)
_MARGIN = 0.1  # the top and bottom tenth of a page hold headers and footers
_TAG_LIKE_RE = re.compile(r"<\s*/?\s*[A-Za-z]|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")


class _UnreadableError(Exception):
    """Raised inside the reader when pdfminer fails on a page; becomes a SourceReadError."""


# Glyphs and lines ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    italic: bool

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def _char(raw: dict[str, Any]) -> _Char | None:
    text = str(raw.get("text") or "")
    font = str(raw.get("fontname") or "").split("+")[-1]
    if _PRIVATE_BULLET_RE.fullmatch(text) or (
        len(text) == 1 and text in "§¨·üØv" and bool(_SYMBOL_FONT_RE.search(font))
    ):
        text = "•"  # a Symbol, Wingdings or OpenSymbol bullet
    if not text or not raw.get("upright", True) or not (text.isprintable() or text.isspace()):
        return None
    x0, x1, top, bottom = (float(raw[key]) for key in ("x0", "x1", "top", "bottom"))
    size = float(raw.get("size") or 0.0)
    if not all(math.isfinite(value) for value in (x0, x1, top, bottom, size)) or size <= 0:
        return None  # a damaged text matrix
    return _Char(
        text=text,
        x0=x0,
        x1=x1,
        top=top,
        bottom=bottom,
        size=size,
        bold=bool(_BOLD_RE.search(font)),
        italic=bool(_ITALIC_RE.search(font)),
    )


@dataclass
class _Line:
    page: int
    chars: list[_Char]
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0  # the size of most of its glyphs
    x0: float = 0.0
    x1: float = 0.0  # right end of the last visible glyph
    row: int = 0  # pieces of one visual line (blocks side by side) share it

    def finish(self) -> None:
        self.chars.sort(key=lambda char: char.x0)
        visible = [char for char in self.chars if not char.text.isspace()] or self.chars
        sizes = Counter(round(char.size, 1) for char in visible)
        self.size = sizes.most_common(1)[0][0]
        main = [char for char in visible if abs(char.size - self.size) < 0.6] or visible
        self.top = min(char.top for char in main)
        self.bottom = max(char.bottom for char in main)
        self.x0 = visible[0].x0
        self.x1 = visible[-1].x1

    @property
    def visible(self) -> list[_Char]:
        return [char for char in self.chars if not char.text.isspace()]

    @property
    def bold(self) -> bool:
        letters = [char for char in self.visible if char.text.isalnum()]
        return bool(letters) and all(char.bold for char in letters)

    @property
    def ends_with_space(self) -> bool:
        return bool(self.chars) and self.chars[-1].text.isspace()

    def broken_after_hyphen(self, trailing_spaces: bool) -> bool:
        """Ends in "in-" of "in-en" or "wijk/" (broken after it). Without the spaces at line ends
        to tell, "Trekker /" (a space before it) had a space after it as well."""
        chars = self.chars
        if len(chars) < 2 or chars[-1].text not in "-/":
            return False
        return trailing_spaces or (
            not chars[-2].text.isspace() and chars[-1].x0 - chars[-2].x1 < chars[-1].size * 0.15
        )

    def script(self, char: _Char) -> str:
        """ "sup", "sub" or "" for a glyph smaller than the line and raised or lowered."""
        if char.size >= self.size * 0.85:
            return ""
        if char.bottom < self.bottom - self.size * 0.15:
            return "sup"
        if char.top > self.top + self.size * 0.15:
            return "sub"
        return ""

    def first_word_width(self) -> float:
        """Width of what would have had to fit on the line before: up to the first space or hyphen."""
        chars = self.chars
        start = chars[0].x0
        letters = 0
        for char in chars:
            if char.text.isspace():
                return char.x0 - start
            if char.text in "-‐" and letters >= 2:
                return char.x1 - start  # "in-" of "in-en" could have stood on the line before
            letters = letters + 1 if char.text.isalpha() else 0
        return chars[-1].x1 - start

    def marker(self) -> tuple[str, float] | None:
        """A list marker at the start ("•", "1.") and where the item text starts."""
        visible = self.visible
        if len(visible) < 2:
            return None
        first = visible[0]
        if first.text in _BULLETS and first.text not in "-–o":
            rest = visible[1]
            return ("•", rest.x0) if rest.x0 - first.x1 > first.size * 0.2 else None
        token: list[_Char] = []
        for char in visible:
            if token and char.x0 - token[-1].x1 > char.size * 0.15:
                break
            token.append(char)
        text = "".join(char.text for char in token)
        after = visible[len(token) :]
        if not after:
            return None
        gap = after[0].x0 - token[-1].x1
        if text in ("-", "–", "o") and gap > self.size * 0.6:
            return "•", after[0].x0
        match = _NUMBER_MARKER_RE.match(text)
        if match and gap > self.size * 0.25:
            return f"{match.group(1)}.", after[0].x0
        return None


def _lines(chars: Iterable[_Char], page: int) -> list[_Line]:
    """Glyphs grouped into lines: a glyph joins a line its height overlaps for the most part."""
    lines: list[_Line] = []
    open_lines: list[tuple[float, float, _Line]] = []
    for char in sorted(chars, key=lambda char: (char.top, char.x0)):
        if char.text.isspace() and char.bottom - char.top <= 0:
            continue
        placed = False
        for top, bottom, line in reversed(open_lines):
            overlap = min(bottom, char.bottom) - max(top, char.top)
            height = min(bottom - top, char.bottom - char.top) or 1.0
            if overlap >= height * 0.5:
                line.chars.append(char)
                placed = True
                break
        if not placed:
            line = _Line(page, [char])
            lines.append(line)
            open_lines.append((char.top, char.bottom, line))
        open_lines = [entry for entry in open_lines if entry[1] > char.top]
    for line in lines:
        line.finish()
    lines = [line for line in lines if line.visible]
    lines.sort(key=lambda line: (line.top, line.x0))
    return lines


def _split_columns(line: _Line) -> list[_Line]:
    """A line with a wide gap (blocks side by side without a table border) as separate pieces."""
    pieces: list[_Line] = []
    current: list[_Char] = []
    last: _Char | None = None
    for char in line.chars:
        if char.text.isspace():
            current.append(char)
            continue
        if last is not None and char.x0 - last.x1 > max(line.size * 1.8, 15.0):
            pieces.append(_Line(line.page, [c for c in current if c.x0 < char.x0 - 0.1]))
            current = [c for c in current if c.x0 >= char.x0 - 0.1]
        current.append(char)
        last = char
    pieces.append(_Line(line.page, current))
    for piece in pieces:
        piece.finish()
    return [piece for piece in pieces if piece.visible]


# Inline text ----------------------------------------------------------------------------------


_ITALIC_START, _ITALIC_END = "\x01", "\x02"  # placeholders until the text is escaped


def _inline(lines: Sequence[_Line], separators: Sequence[str], skip_marker: bool) -> str:
    """The text of the lines of one paragraph or list item, italic runs between placeholders,
    raised and lowered digits as ¹ / ₂. ``separators`` go between the lines (" " or "")."""
    parts: list[str] = []
    italic_open = False
    for index, line in enumerate(lines):
        chars = line.chars
        if index == 0 and skip_marker:
            marker = line.marker()
            if marker is not None:
                chars = [char for char in chars if char.x0 >= marker[1] - 0.5]
        if index > 0 and separators[index - 1] and parts[-1:] != [" "]:
            parts.append(" ")
        previous: _Char | None = None
        for char in chars:
            if char.text.isspace():
                if parts and parts[-1] != " ":
                    parts.append(" ")
                previous = None
                continue
            if (
                previous is not None
                and char.x0 - previous.x1 > min(char.size, previous.size) * 0.2
                and parts[-1:] != [" "]
            ):
                parts.append(" ")
            italic = char.italic and (char.text.isalnum() or italic_open)
            if italic != italic_open:
                if italic:
                    parts.append(_ITALIC_START)
                else:
                    _close(parts)
                italic_open = italic
            script = line.script(char)
            text = char.text
            if script == "sup" and text.isdigit():
                text = text.translate(_SUPERSCRIPTS)
            elif script == "sub" and text.isdigit():
                text = text.translate(_SUBSCRIPTS)
            parts.append(text)
            previous = char
    if italic_open:
        _close(parts)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _close(parts: list[str]) -> None:
    """Close an italic run before the spaces that follow it: "*binnen* de", not "*binnen *de"."""
    trailing = 0
    while parts and parts[-1] == " ":
        parts.pop()
        trailing += 1
    parts.append(_ITALIC_END)
    parts.extend(" " * trailing)


def _as_text(text: str) -> str:
    """Running text: italic as *x* (as the text format writes it)."""
    return text.replace(_ITALIC_START, "*").replace(_ITALIC_END, "*")


def _as_markup(text: str) -> str:
    """Cell text: what would read as a tag or entity escaped, italic as <i>x</i>."""
    text = _TAG_LIKE_RE.sub(lambda match: html.escape(match.group(0), quote=False), text)
    return text.replace(_ITALIC_START, "<i>").replace(_ITALIC_END, "</i>")


def _plain(text: str) -> str:
    return text.replace(_ITALIC_START, "").replace(_ITALIC_END, "")


# Paragraphs -----------------------------------------------------------------------------------


@dataclass
class _Block:
    kind: str  # "p", or "li" for a list item
    marker: str  # "•" or "1." for a list item
    lines: list[_Line]
    text_x0: float  # where the text of a list item starts (continuation lines align there)
    separators: list[str] = field(default_factory=list)  # between the lines: " ", or "" in a word

    def text(self) -> str:
        return _inline(self.lines, self.separators, skip_marker=self.kind == "li")


@dataclass
class _Layout:
    """What the document tells about its typography, to decide where paragraphs end."""

    pitches: dict[tuple[float, bool], float]  # (size, in a table) -> usual distance between lines
    trailing_spaces: bool  # wrapped lines end with a space glyph (LibreOffice, Word)


def _style(line: _Line) -> tuple[bool, float]:
    return line.bold, round(line.size)


def _single_word(line: _Line) -> bool:
    visible = line.visible
    return not any(char.text.isspace() for char in line.chars if visible[0].x0 <= char.x0 < visible[-1].x0)


def _follows(
    previous: _Line, line: _Line, block: _Block, limit: tuple[float, float], layout: _Layout, in_table: bool
) -> str | None:
    """How ``line`` goes on from ``previous`` in the same paragraph: " " (wrapped at a space), ""
    (a word broken at the edge), or None when it starts a new paragraph or list item."""
    if line.marker() is not None or _style(previous) != _style(line):
        return None
    if block.kind == "li" and line.x0 < block.text_x0 - 2.0:
        return None  # back at the margin: the list item has ended
    if previous.page == line.page:
        usual = layout.pitches.get((round(line.size), in_table))
        pitch = line.top - previous.top
        if pitch <= 0 or pitch > line.size * 3:
            return None
        if usual is not None and pitch > usual + line.size * 0.3:
            return None
    left, right = limit
    room = right - previous.x1
    left_room = previous.x0 - left
    if block.kind == "p" and len(block.lines) == 1 and abs(left_room - room) < 3.0 and left_room > 10.0:
        room += left_room  # a centred line: it wrapped when the word did not fit on either side
    word = line.first_word_width()
    space = line.size * 0.3
    if previous.ends_with_space:
        return None if room > word + space + 1.0 else " "
    if previous.broken_after_hyphen(layout.trailing_spaces):
        return None if room > word + 1.0 else ""
    if room > word + space + 1.0:
        return None  # the next word would have fitted: the paragraph ended here
    if _single_word(previous) and room < line.visible[0].x1 - line.visible[0].x0 + 0.5:
        return ""  # a word too long for the column, broken at its edge
    if not layout.trailing_spaces or room < space + 1.0:
        return " "  # a full line: the space at its end did not fit either
    return None


def _blocks(
    lines: Sequence[_Line], limit: tuple[float, float], layout: _Layout, in_table: bool
) -> list[_Block]:
    blocks: list[_Block] = []
    for line in lines:
        block = blocks[-1] if blocks else None
        separator = None if block is None else _follows(block.lines[-1], line, block, limit, layout, in_table)
        if block is None or separator is None:
            marker = line.marker()
            if marker is None:
                blocks.append(_Block("p", "", [line], line.x0))
            else:
                blocks.append(_Block("li", marker[0], [line], marker[1]))
        else:
            block.lines.append(line)
            block.separators.append(separator)
    return blocks


def _body_lines(blocks: Sequence[_Block]) -> list[tuple[str, _Line]]:
    """Text-format lines for running text: a paragraph a line with a blank line after it;
    list items as "- item" / "1. item" lines together, a blank line after the list."""
    out: list[tuple[str, _Line]] = []
    for index, block in enumerate(blocks):
        text = _as_text(block.text())
        if not text:
            continue
        if block.kind == "li":
            out.append((f"{'-' if block.marker == '•' else block.marker} {text}", block.lines[0]))
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is None or following.kind != "li":
                out.append(("", block.lines[-1]))
        else:
            out.append((text, block.lines[0]))
            out.append(("", block.lines[-1]))
    return out


def _cell_markup(blocks: Sequence[_Block]) -> str:
    """A cell in the markup the text parser reads: plain text for one paragraph, otherwise
    <p> paragraphs and <ul>/<ol> lists."""
    texts = [(block, _as_markup(block.text()).replace("\t", " ")) for block in blocks]
    texts = [(block, text) for block, text in texts if text]
    if not texts:
        return ""
    if len(texts) == 1 and texts[0][0].kind == "p":
        return texts[0][1]
    parts: list[str] = []
    open_list = ""
    for block, text in texts:
        if block.kind == "li":
            kind = "ul" if block.marker == "•" else "ol"
            if open_list != kind:
                if open_list:
                    parts.append(f"</{open_list}>")
                parts.append(f"<{kind}>")
                open_list = kind
            parts.append(f"<li>{text}</li>")
        else:
            if open_list:
                parts.append(f"</{open_list}>")
                open_list = ""
            parts.append(f"<p>{text}</p>")
    if open_list:
        parts.append(f"</{open_list}>")
    return "".join(parts)


# Pages, tables, headers and footnotes -----------------------------------------------------------


@dataclass
class _Cell:
    bbox: tuple[float, float, float, float]
    lines: list[_Line] = field(default_factory=list)

    def text(self, layout: _Layout, padding: float) -> str:
        limit = (self.bbox[0] + padding, self.bbox[2] - padding)
        return _cell_markup(_blocks(self.lines, limit, layout, in_table=True))

    def plain(self) -> str:
        return " ".join(_plain(_inline([line], [], skip_marker=False)) for line in self.lines).strip()


@dataclass
class _Segment:
    """The part of a table on one page."""

    page: int
    bbox: tuple[float, float, float, float]
    columns: list[float]  # left edges of the columns
    rows: list[list[_Cell | None]]


@dataclass
class _Footnote:
    marker: str  # "¹"
    lines: list[_Line]


@dataclass
class _Page:
    number: int
    height: float
    items: list[_Line | _Segment]  # in reading order
    footnotes: list[_Footnote]
    separator: float | None = None  # top of the short rule above the footnotes, if drawn


def _closing_lines(page: Any) -> list[dict[str, Any]]:
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


def _segments(page: Any, number: int, chars: list[_Char]) -> tuple[list[_Segment], list[_Char]]:
    """The tables on a page (with their glyphs per cell) and the glyphs outside them."""
    segments: list[_Segment] = []
    inside: set[int] = set()
    for table in page.find_tables({**_TABLE_SETTINGS, "explicit_horizontal_lines": _closing_lines(page)}):
        rows = [row.cells for row in table.rows]
        if not rows or max(len(row) for row in rows) < 2:
            continue  # a framed paragraph, not a table
        x0, top, x1, bottom = table.bbox
        columns = sorted({round(cell[0], 1) for row in rows for cell in row if cell is not None})
        cells_rows: list[list[_Cell | None]] = [
            [_Cell(tuple(cell)) if cell is not None else None for cell in row] for row in rows
        ]
        cells = [cell for row in cells_rows for cell in row if cell is not None]
        glyphs: list[list[_Char]] = [[] for _ in cells]
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
            cell.lines = _lines(cell_glyphs, number)
        segments.append(_Segment(number, (x0, top, x1, bottom), columns, cells_rows))
    outside = [char for index, char in enumerate(chars) if index not in inside]
    return segments, outside


def _separator(page: Any, segments: Sequence[_Segment]) -> float | None:
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


def _read_pages(pdf: Any) -> list[_Page]:
    pages: list[_Page] = []
    for number, page in enumerate(pdf.pages, 1):
        try:
            chars = [char for raw in page.chars if (char := _char(raw)) is not None]
            segments, outside = _segments(page, number, chars)
        except Exception as error:  # pdfminer fails in many ways on damaged content
            raise _UnreadableError(f"pagina {number}") from error
        lines: list[_Line] = []
        for row, line in enumerate(_lines(outside, number)):
            for piece in _split_columns(line):
                piece.row = row
                lines.append(piece)
        items: list[_Line | _Segment] = [*lines, *segments]
        items.sort(key=lambda item: item.bbox[1] if isinstance(item, _Segment) else item.top)
        pages.append(_Page(number, float(page.height), items, [], _separator(page, segments)))
    return pages


def _line_key(line: _Line) -> str:
    return re.sub(r"\d+", "#", "".join(char.text for char in line.chars).strip().lower())


def _drop_headers_and_footers(pages: list[_Page]) -> None:
    """Text in the top or bottom margin that repeats on most pages, and lone page numbers."""

    def in_margin(page: _Page, line: _Line) -> bool:
        return line.bottom < page.height * _MARGIN or line.top > page.height * (1 - _MARGIN)

    seen: Counter[tuple[str, int]] = Counter()
    for page in pages:
        keys = {
            (_line_key(item), round(item.top / 4))
            for item in page.items
            if isinstance(item, _Line) and in_margin(page, item)
        }
        seen.update(keys)
    repeated = {key for key, count in seen.items() if count >= 2 and count >= len(pages) / 2}
    for page in pages:
        page.items = [
            item
            for item in page.items
            if not (
                isinstance(item, _Line)
                and in_margin(page, item)
                and (
                    (_line_key(item), round(item.top / 4)) in repeated
                    or _PAGE_NUMBER_RE.match("".join(char.text for char in item.chars).strip())
                )
            )
        ]


def _body_size(pages: Sequence[_Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for item in page.items:
            if isinstance(item, _Line):
                sizes[item.size] += len(item.visible)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _footnote_marker(line: _Line) -> tuple[str, float] | None:
    """ "¹ Text" or "1 Text" at the start of a footnote line: the marker and where its text starts."""
    visible = line.visible
    digits: list[_Char] = []
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
    marker = "".join(char.text for char in digits).translate(_SUPERSCRIPTS)
    return marker, rest.x0


def _take_footnotes(pages: list[_Page]) -> None:
    """The text under the footnote rule (or, without one, the small text at the bottom of the page)
    that starts with a number is the page's footnotes."""
    body = _body_size(pages)
    for page in pages:
        tail: list[_Line] = []
        for item in reversed(page.items):
            if not isinstance(item, _Line):
                break
            below_rule = page.separator is not None and item.top > page.separator
            if not below_rule and (page.separator is not None or item.size > body * 0.93):
                break
            tail.insert(0, item)
        start = next((index for index, line in enumerate(tail) if _footnote_marker(line)), None)
        if start is None:
            continue
        footnotes: list[_Footnote] = []
        for line in tail[start:]:
            found = _footnote_marker(line)
            if found is not None:
                footnotes.append(_Footnote(found[0], [line]))
            else:
                footnotes[-1].lines.append(line)
        page.footnotes = footnotes
        taken = {id(line) for line in tail[start:]}
        page.items = [item for item in page.items if id(item) not in taken]


def _footnote_text(footnote: _Footnote) -> str:
    first = footnote.lines[0]
    found = _footnote_marker(first)
    chars = [char for char in first.chars if found is None or char.x0 >= found[1] - 0.5]
    head = _Line(first.page, chars)
    head.finish()
    lines = [head, *footnote.lines[1:]]
    return _as_text(_inline(lines, [" "] * (len(lines) - 1), skip_marker=False))


def _layout(pages: Sequence[_Page]) -> _Layout:
    pitches: dict[tuple[float, bool], list[float]] = {}
    ends = Counter[bool]()

    def add(lines: Sequence[_Line], in_table: bool) -> None:
        for previous, line in zip(lines, lines[1:], strict=False):
            if previous.page == line.page and _style(previous) == _style(line):
                pitch = line.top - previous.top
                if 0 < pitch < line.size * 3:
                    pitches.setdefault((round(line.size), in_table), []).append(round(pitch * 2) / 2)
        for line in lines[:-1]:
            ends[line.ends_with_space] += 1

    for page in pages:
        add([item for item in page.items if isinstance(item, _Line)], False)
        for item in page.items:
            if isinstance(item, _Segment):
                for row in item.rows:
                    for cell in row:
                        if cell is not None:
                            add(cell.lines, True)
    usual = {key: statistics.mode(values) for key, values in pitches.items()}
    total = ends[True] + ends[False]
    return _Layout(usual, trailing_spaces=total > 0 and ends[True] >= total * 0.3)


# The document as a whole ------------------------------------------------------------------------


@dataclass
class _Table:
    segments: list[_Segment]
    rows: list[tuple[int, list[_Cell | None]]]  # (page, cells)


def _same_columns(first: _Segment, second: _Segment) -> bool:
    return len(first.columns) == len(second.columns) and all(
        abs(a - b) < 3.0 for a, b in zip(first.columns, second.columns, strict=True)
    )


def _row_texts(row: Sequence[_Cell | None]) -> list[str]:
    return [cell.plain() if cell is not None else "" for cell in row]


def _open_end(cell: _Cell | None, more: _Cell | None, layout: _Layout) -> bool:
    """Does the cell's text stop mid-paragraph and go on in ``more`` (a row cut by the page break)?"""
    if cell is None or not cell.lines or more is None or not more.lines:
        return False
    last = cell.lines[-1]
    if last.ends_with_space or last.broken_after_hyphen(layout.trailing_spaces):
        return True
    # A word too long for its column, broken at the edge: "huurwoninge" + "n".
    right = cell.bbox[2] - (last.x0 - cell.bbox[0])  # the padding on the right as on the left
    following = more.lines[0].visible[0].text
    return _single_word(last) and right - last.x1 < last.size * 0.6 and following.islower()


def _join_rows(table: _Table, segment: _Segment, layout: _Layout) -> None:
    """The next page's part of a table: drop its repeated header, join a row split by the break."""
    rows = list(segment.rows)
    header = _row_texts(table.rows[0][1])
    if rows and any(header) and _row_texts(rows[0]) == header:
        rows = rows[1:]
    if rows and table.rows:
        first = rows[0]
        page, last = table.rows[-1]
        texts = _row_texts(first)
        # In an agreement table a row without subject and number goes on with the one before.
        continued = is_table_header(header) and len(texts) >= 2 and not texts[0] and not texts[1]
        cut = any(_open_end(cell, more, layout) for cell, more in zip(last, first, strict=False))
        if len(last) == len(first) and any(texts) and (continued or cut):
            for cell, more in zip(last, first, strict=True):
                if cell is not None and more is not None:
                    cell.lines.extend(more.lines)
            rows = rows[1:]
    table.rows.extend((segment.page, row) for row in rows)


def _flow(pages: Sequence[_Page], layout: _Layout) -> list[_Line | _Table]:
    """Lines and whole tables in reading order, tables joined over page breaks."""
    flow: list[_Line | _Table] = []
    for page in pages:
        for position, item in enumerate(page.items):
            if isinstance(item, _Line):
                flow.append(item)
                continue
            previous = flow[-1] if flow else None
            if (
                position == 0
                and isinstance(previous, _Table)
                and previous.segments[-1].page == page.number - 1
                and _same_columns(previous.segments[-1], item)
            ):
                previous.segments.append(item)
                _join_rows(previous, item, layout)
            else:
                flow.append(_Table([item], [(page.number, row) for row in item.rows]))
    return flow


def _padding(table: _Table) -> float:
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


def _footnote_refs(text: str) -> set[str]:
    return set(re.findall(f"[{_SUPERSCRIPT_DIGITS}]+", text))


def _body_limit(pages: Sequence[_Page]) -> tuple[float, float]:
    lefts = [item.x0 for page in pages for item in page.items if isinstance(item, _Line)]
    rights = [item.x1 for page in pages for item in page.items if isinstance(item, _Line)]
    if not rights:
        return 0.0, 0.0
    rights.sort()
    lefts.sort()
    return lefts[len(lefts) // 20], rights[min(len(rights) - 1, len(rights) * 19 // 20)]


@dataclass
class _Columns:
    """Blocks side by side without borders (signatures): read per column, one row per height."""

    starts: list[float]
    lines: list[_Line]

    def column(self, line: _Line) -> int:
        return min(range(len(self.starts)), key=lambda index: abs(self.starts[index] - line.x0))

    def rows(self, limit: tuple[float, float], layout: _Layout) -> list[tuple[int, list[str]]]:
        blocks: list[tuple[int, _Block]] = []  # (column, block)
        for index, start in enumerate(self.starts):
            right = self.starts[index + 1] - 10.0 if index + 1 < len(self.starts) else limit[1]
            lines = [line for line in self.lines if self.column(line) == index]
            blocks.extend((index, block) for block in _blocks(lines, (start, right), layout, in_table=False))
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
            cells[index] = _cell_markup([block])
            bottom = max(bottom, block.lines[-1].bottom)
        return rows


def _is_text_piece(line: _Line) -> bool:
    text = "".join(char.text for char in line.visible)
    return any(char.isalpha() for char in text) and not re.search(r"\.{4,}|…{2,}", text)


def _rejoin(pieces: Sequence[_Line]) -> _Line:
    line = _Line(pieces[0].page, [char for piece in pieces for char in piece.chars], row=pieces[0].row)
    line.finish()
    return line


def _columnar_parts(lines: Sequence[_Line]) -> list[list[_Line] | _Columns]:
    """Running text, with the stretches where blocks stand side by side taken out as columns."""
    visual: list[list[_Line]] = []
    for line in lines:
        if visual and visual[-1][0].row == line.row and visual[-1][0].page == line.page:
            visual[-1].append(line)
        else:
            visual.append([line])
    parts: list[list[_Line] | _Columns] = []
    plain: list[_Line] = []
    index = 0
    while index < len(visual):
        row = visual[index]
        label = "".join(char.text for char in row[0].visible).endswith(":")
        if len(row) < 2 or label or not all(_is_text_piece(piece) for piece in row):
            # "Datum:      1 maart 2023" is a label and its value: one line of text.
            plain.append(row[0] if len(row) == 1 else _rejoin(row))
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
            if not aligned or following[0].page != row[0].page or _style(following[0]) != _style(row[0]):
                break
            region.extend(following)
            index += 1
        if plain:
            parts.append(plain)
            plain = []
        parts.append(_Columns(starts, region))
    if plain:
        parts.append(plain)
    return parts


def _render(pages: Sequence[_Page]) -> tuple[list[str], list[str]]:
    layout = _layout(pages)
    limit = _body_limit(pages)
    out: list[str] = []
    places: list[str] = []
    # Footnotes wait for the line that refers to them: (page, marker, text).
    pending = [
        (page.number, footnote.marker, _footnote_text(footnote))
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
        for marker in sorted(_footnote_refs(text)):
            found = next((note for note in pending if note[1] == marker and note[0] >= page), None)
            if found is not None:
                pending.remove(found)
                ready.append(found)

    flow = _flow(pages, layout)
    index = 0
    while index < len(flow):
        item = flow[index]
        if isinstance(item, _Table):
            padding = _padding(item)
            for page, row in item.rows:
                emit("\t".join(cell.text(layout, padding) if cell is not None else "" for cell in row), page)
                flush()
            add("", item.rows[-1][0] if item.rows else item.segments[-1].page)
            index += 1
            continue
        run: list[_Line] = []
        while index < len(flow) and isinstance(line := flow[index], _Line):
            run.append(line)
            index += 1
        for part in _columnar_parts(run):
            if isinstance(part, _Columns):
                for page, cells in part.rows(limit, layout):
                    emit("\t".join(cells), page)
                    flush()
                add("", part.lines[-1].page)
                continue
            for text, first in _body_lines(_blocks(part, limit, layout, in_table=False)):
                emit(text, first.page)
                if not text:
                    flush()
    ready.extend(pending)
    flush()
    return out, places


_DAMAGED = (
    "De PDF is beschadigd en kan niet worden gelezen. Exporteer het document opnieuw als PDF, "
    "of lever het Word-bestand."
)
_NO_TEXT = (
    "De PDF bevat geen tekst; is het een scan? Lever het document aan als Word-bestand of als PDF die "
    "uit Word of LibreOffice is geëxporteerd, of laat er eerst tekstherkenning (OCR) op los."
)


def _open(data: bytes) -> Any:
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # pdfminer fails in many ways on a damaged file
        cause = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise SourceReadError(
                "De PDF is beveiligd met een wachtwoord. Lever een PDF zonder wachtwoord aan, "
                "of het Word-bestand."
            ) from error
        raise SourceReadError(_DAMAGED) from error


def read_pdf(data: bytes) -> SourceText:
    """The PDF in the text format, with "pagina N" as the place of every line."""
    pdf = _open(data)
    try:
        pages = _read_pages(pdf)
    except _UnreadableError as error:
        raise SourceReadError(_DAMAGED, str(error)) from error
    except Exception as error:  # the page tree itself is damaged
        raise SourceReadError(_DAMAGED) from error
    finally:
        pdf.close()
    if not pages:
        raise SourceReadError("De PDF heeft geen pagina's.")
    if not any(page.items for page in pages):
        raise SourceReadError(_NO_TEXT)
    _drop_headers_and_footers(pages)
    _take_footnotes(pages)
    lines, places = _render(pages)
    while lines and not lines[-1]:
        lines.pop()
        places.pop()
    if not lines:  # only page numbers and headers
        raise SourceReadError(_NO_TEXT)
    return SourceText(text="\n".join(lines), kind=SourceKind.PDF, places=tuple(places))
