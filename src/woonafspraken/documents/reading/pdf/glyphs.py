"""Glyphs and lines: the characters of a PDF page with their font, grouped into lines."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"

BULLETS = frozenset("•●▪◦■□◆◇►▶➢✓-–o\uf0b7\uf0a7\uf0d8\uf0fc\uf06c\uf09f\uf076\uf0a8\ue00a")

PRIVATE_BULLET_RE = re.compile("[\ue000-\uf8ff]")

NUMBER_MARKER_RE = re.compile(r"^(\d{1,2})[.)]$")

SYMBOL_FONT_RE = re.compile(r"symbol|wingdings|webdings", re.IGNORECASE)

BOLD_RE = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)

ITALIC_RE = re.compile(r"italic|oblique", re.IGNORECASE)


@dataclass(frozen=True)
class Char:
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


def glyph(raw: dict[str, Any]) -> Char | None:
    text = str(raw.get("text") or "")
    font = str(raw.get("fontname") or "").split("+")[-1]
    if PRIVATE_BULLET_RE.fullmatch(text) or (
        len(text) == 1 and text in "§¨·üØv" and bool(SYMBOL_FONT_RE.search(font))
    ):
        text = "•"  # a Symbol, Wingdings or OpenSymbol bullet
    if not text or not raw.get("upright", True) or not (text.isprintable() or text.isspace()):
        return None
    x0, x1, top, bottom = (float(raw[key]) for key in ("x0", "x1", "top", "bottom"))
    size = float(raw.get("size") or 0.0)
    if not all(math.isfinite(value) for value in (x0, x1, top, bottom, size)) or size <= 0:
        return None  # a damaged text matrix
    return Char(
        text=text,
        x0=x0,
        x1=x1,
        top=top,
        bottom=bottom,
        size=size,
        bold=bool(BOLD_RE.search(font)),
        italic=bool(ITALIC_RE.search(font)),
    )


@dataclass
class Line:
    page: int
    chars: list[Char]
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
    def visible(self) -> list[Char]:
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

    def script(self, char: Char) -> str:
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
        if first.text in BULLETS and first.text not in "-–o":
            rest = visible[1]
            return ("•", rest.x0) if rest.x0 - first.x1 > first.size * 0.2 else None
        token: list[Char] = []
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
        match = NUMBER_MARKER_RE.match(text)
        if match and gap > self.size * 0.25:
            return f"{match.group(1)}.", after[0].x0
        return None


def group_lines(chars: Iterable[Char], page: int) -> list[Line]:
    """Glyphs grouped into lines: a glyph joins a line its height overlaps for the most part."""
    lines: list[Line] = []
    open_lines: list[tuple[float, float, Line]] = []
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
            line = Line(page, [char])
            lines.append(line)
            open_lines.append((char.top, char.bottom, line))
        open_lines = [entry for entry in open_lines if entry[1] > char.top]
    for line in lines:
        line.finish()
    lines = [line for line in lines if line.visible]
    lines.sort(key=lambda line: (line.top, line.x0))
    return lines


def split_columns(line: Line) -> list[Line]:
    """A line with a wide gap (blocks side by side without a table border) as separate pieces."""
    pieces: list[Line] = []
    current: list[Char] = []
    last: Char | None = None
    for char in line.chars:
        if char.text.isspace():
            current.append(char)
            continue
        if last is not None and char.x0 - last.x1 > max(line.size * 1.8, 15.0):
            pieces.append(Line(line.page, [c for c in current if c.x0 < char.x0 - 0.1]))
            current = [c for c in current if c.x0 >= char.x0 - 0.1]
        current.append(char)
        last = char
    pieces.append(Line(line.page, current))
    for piece in pieces:
        piece.finish()
    return [piece for piece in pieces if piece.visible]
