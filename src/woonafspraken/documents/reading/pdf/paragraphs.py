"""Lines into paragraphs and list items, and those into the text format or cell markup."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .glyphs import SUBSCRIPTS, SUPERSCRIPTS, Char, Line

TAG_LIKE_RE = re.compile(r"<\s*/?\s*[A-Za-z]|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")


_ITALIC_START, _ITALIC_END = "\x01", "\x02"  # placeholders until the text is escaped


def inline_text(lines: Sequence[Line], separators: Sequence[str], skip_marker: bool) -> str:
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
        previous: Char | None = None
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
                    close_italic(parts)
                italic_open = italic
            script = line.script(char)
            text = char.text
            if script == "sup" and text.isdigit():
                text = text.translate(SUPERSCRIPTS)
            elif script == "sub" and text.isdigit():
                text = text.translate(SUBSCRIPTS)
            parts.append(text)
            previous = char
    if italic_open:
        close_italic(parts)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def close_italic(parts: list[str]) -> None:
    """Close an italic run before the spaces that follow it: "*binnen* de", not "*binnen *de"."""
    trailing = 0
    while parts and parts[-1] == " ":
        parts.pop()
        trailing += 1
    parts.append(_ITALIC_END)
    parts.extend(" " * trailing)


def as_text(text: str) -> str:
    """Running text: italic as *x* (as the text format writes it)."""
    return text.replace(_ITALIC_START, "*").replace(_ITALIC_END, "*")


def as_markup(text: str) -> str:
    """Cell text: what would read as a tag or entity escaped, italic as <i>x</i>."""
    text = TAG_LIKE_RE.sub(lambda match: html.escape(match.group(0), quote=False), text)
    return text.replace(_ITALIC_START, "<i>").replace(_ITALIC_END, "</i>")


def plain(text: str) -> str:
    return text.replace(_ITALIC_START, "").replace(_ITALIC_END, "")


# Paragraphs -----------------------------------------------------------------------------------


@dataclass
class Block:
    kind: str  # "p", or "li" for a list item
    marker: str  # "•" or "1." for a list item
    lines: list[Line]
    text_x0: float  # where the text of a list item starts (continuation lines align there)
    separators: list[str] = field(default_factory=list)  # between the lines: " ", or "" in a word

    def text(self) -> str:
        return inline_text(self.lines, self.separators, skip_marker=self.kind == "li")


@dataclass
class Layout:
    """What the document tells about its typography, to decide where paragraphs end."""

    pitches: dict[tuple[float, bool], float]  # (size, in a table) -> usual distance between lines
    trailing_spaces: bool  # wrapped lines end with a space glyph (LibreOffice, Word)


def line_style(line: Line) -> tuple[bool, float]:
    return line.bold, round(line.size)


def single_word(line: Line) -> bool:
    visible = line.visible
    return not any(char.text.isspace() for char in line.chars if visible[0].x0 <= char.x0 < visible[-1].x0)


def follows(
    previous: Line, line: Line, block: Block, limit: tuple[float, float], layout: Layout, in_table: bool
) -> str | None:
    """How ``line`` goes on from ``previous`` in the same paragraph: " " (wrapped at a space), ""
    (a word broken at the edge), or None when it starts a new paragraph or list item."""
    if line.marker() is not None or line_style(previous) != line_style(line):
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
    if single_word(previous) and room < line.visible[0].x1 - line.visible[0].x0 + 0.5:
        return ""  # a word too long for the column, broken at its edge
    if not layout.trailing_spaces or room < space + 1.0:
        return " "  # a full line: the space at its end did not fit either
    return None


def paragraphs(
    lines: Sequence[Line], limit: tuple[float, float], layout: Layout, in_table: bool
) -> list[Block]:
    blocks: list[Block] = []
    for line in lines:
        block = blocks[-1] if blocks else None
        separator = None if block is None else follows(block.lines[-1], line, block, limit, layout, in_table)
        if block is None or separator is None:
            marker = line.marker()
            if marker is None:
                blocks.append(Block("p", "", [line], line.x0))
            else:
                blocks.append(Block("li", marker[0], [line], marker[1]))
        else:
            block.lines.append(line)
            block.separators.append(separator)
    return blocks


def body_lines(blocks: Sequence[Block]) -> list[tuple[str, Line]]:
    """Text-format lines for running text: a paragraph a line with a blank line after it;
    list items as "- item" / "1. item" lines together, a blank line after the list."""
    out: list[tuple[str, Line]] = []
    for index, block in enumerate(blocks):
        text = as_text(block.text())
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


def cell_markup(blocks: Sequence[Block]) -> str:
    """A cell in the markup the text parser reads: plain text for one paragraph, otherwise
    <p> paragraphs and <ul>/<ol> lists."""
    texts = [(block, as_markup(block.text()).replace("\t", " ")) for block in blocks]
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
