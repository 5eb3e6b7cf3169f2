"""Plain text from the HTML fragments a PDF-to-text conversion leaves in table cells.

A cell becomes a list of blocks (paragraphs and lists) so a continuation row after a page
break can be joined to the right place before the blocks are rendered to plain text:
paragraphs separated by a blank line, list items on their own line ("- item" / "1. item"),
``<i>`` as ``*x*`` and ``<b>`` as ``**x**``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

__all__ = [
    "Block",
    "ListBlock",
    "Paragraph",
    "append_continuation",
    "blocks_from_lines",
    "clean_heading",
    "collapse",
    "parse_blocks",
    "plain_text",
    "render",
]


@dataclass
class Paragraph:
    text: str


@dataclass
class ListBlock:
    ordered: bool
    items: list[tuple[str, str]] = field(default_factory=list)  # (marker, text): ("-", ..) or ("2.", ..)


Block = Paragraph | ListBlock

_TAG_RE = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
_UNCLOSED_TAG_RE = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*$")  # a tag cut off at the end of a cell
_WS_RE = re.compile(r"\s+")
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BULLET_RE = re.compile(r"\s*[•●▪◦]\s*")
_BULLET_CHARS = frozenset("•●▪◦")
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote", "section", "hr"}
)
_BLOCK_TAG_IN_TEXT_RE = re.compile(r"<\s*/?\s*(?:p|div|ul|ol|li|br|h\d|tr|table)\b", re.IGNORECASE)
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_BULLET_LINE_RE = re.compile(r"^\s*[-–•●▪*]\s+(.*\S)\s*$")
_TERMINAL_PUNCTUATION = ".:;!?"


def collapse(text: str) -> str:
    """One line, single spaces, no invisible characters."""
    return _WS_RE.sub(" ", _INVISIBLE_RE.sub("", text)).strip()


_SUP_RE = re.compile(r"<\s*sup\b[^<>]*>(.*?)<\s*/\s*sup\s*>", re.IGNORECASE | re.DOTALL)
_SUB_RE = re.compile(r"<\s*sub\b[^<>]*>(.*?)<\s*/\s*sub\s*>", re.IGNORECASE | re.DOTALL)
_BOLD_RE = re.compile(r"<\s*(b|strong)\b[^<>]*>(.*?)<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
_ITALIC_RE = re.compile(r"<\s*(i|em)\b[^<>]*>(.*?)<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)

_Replacer = Callable[[re.Match[str]], str]


def _digits_to(table: dict[int, int]) -> _Replacer:
    def replace(match: re.Match[str]) -> str:
        inner = match.group(1)
        # Only plain numbers become super-/subscript ("m²", "CO₂", footnote "¹"); keep anything else.
        return inner.strip().translate(table) if inner.strip().isdigit() else inner

    return replace


def _wrap(marker: str) -> _Replacer:
    def replace(match: re.Match[str]) -> str:
        inner = match.group(2)
        stripped = inner.strip()
        if not stripped or _BLOCK_TAG_IN_TEXT_RE.search(inner):
            return inner  # emphasis spanning paragraphs or lists: drop it rather than mangle it
        # Spaces just inside the tag belong outside the markers: "<i> binnen </i>" -> " *binnen* ".
        lead = " " if inner[:1].isspace() else ""
        trail = " " if inner[-1:].isspace() else ""
        return f"{lead}{marker}{stripped}{marker}{trail}"

    return replace


def _inline(fragment: str) -> str:
    fragment = _UNCLOSED_TAG_RE.sub("", fragment)
    fragment = _SUP_RE.sub(_digits_to(_SUPERSCRIPTS), fragment)
    fragment = _SUB_RE.sub(_digits_to(_SUBSCRIPTS), fragment)
    fragment = _BOLD_RE.sub(_wrap("**"), fragment)
    return _ITALIC_RE.sub(_wrap("*"), fragment)


def _split_numbered(text: str) -> list[tuple[int, str]] | None:
    """Split "1. a; 2. b; 3. c" (an <ol> flattened onto one line) on consecutive numbers only."""
    first = re.match(r"(\d{1,2})[.)]\s+", text)
    if first is None:
        return None
    number = int(first.group(1))
    start = first.end()
    items: list[tuple[int, str]] = []
    while True:
        following = re.compile(rf"(?<=\s){number + 1}[.)]\s+").search(text, start)
        if following is None:
            items.append((number, text[start:].strip()))
            return items
        items.append((number, text[start : following.start()].strip()))
        number += 1
        start = following.end()


class _BlockBuilder:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.paragraph: list[str] = []
        self.list: ListBlock | None = None
        self.list_text: list[str] = []
        self.list_depth = 0
        self.in_item = False

    def text(self, text: str) -> None:
        text = html.unescape(text)
        (self.list_text if self.list is not None else self.paragraph).append(text)

    def tag(self, name: str, closing: bool) -> None:
        if name in ("ul", "ol"):
            self._list_tag(name, closing)
        elif name == "li":
            if self.list is None:
                self._flush_paragraph()
                self.list = ListBlock(ordered=False)
                self.list_depth = 1
            self._flush_item()
            self.in_item = not closing
        elif name in _BLOCK_TAGS:
            if self.list is None:
                self._flush_paragraph()
            elif self.in_item:
                self.list_text.append(" ")
            elif name == "br":
                self._flush_item()
            else:
                # A paragraph inside a list but outside an item: the (unclosed) list has ended.
                self._close_list()
        # Other tags (span, a, u, font, ...) carry no structure: dropped without a separator.

    def _list_tag(self, name: str, closing: bool) -> None:
        if closing:
            if self.list is not None:
                self.list_depth -= 1
                if self.list_depth <= 0:
                    self._close_list()
                else:
                    self._flush_item()
            return
        if self.list is not None and self.in_item:
            # A nested list: flatten its items into the enclosing list.
            self._flush_item()
            self.list_depth += 1
            return
        self._flush_paragraph()
        self._close_list()
        self.list = ListBlock(ordered=name == "ol")
        self.list_depth = 1

    def _flush_paragraph(self) -> None:
        text = collapse("".join(self.paragraph))
        self.paragraph.clear()
        if not text:
            return
        if _BULLET_CHARS.intersection(text):
            # Bullets in running text ("... op: • a • b") make a list; the text before ends its line.
            head, *items = _BULLET_RE.split(text)
            if head.strip():
                self.blocks.append(Paragraph(head.strip()))
            bullet_items = [("-", item.strip()) for item in items if item.strip()]
            if bullet_items:
                self.blocks.append(ListBlock(ordered=False, items=bullet_items))
        else:
            self.blocks.append(Paragraph(text))

    def _flush_item(self) -> None:
        text = collapse("".join(self.list_text))
        self.list_text.clear()
        if not text or self.list is None:
            return
        current = self.list
        if _BULLET_CHARS.intersection(text):
            parts = [part.strip() for part in _BULLET_RE.split(text) if part.strip()]
            for part in parts:
                self._add_item(current, part, None)
            return
        numbered = _split_numbered(text) if current.ordered else None
        if numbered:
            for number, part in numbered:
                if part:
                    self._add_item(current, part, number)
        else:
            self._add_item(current, text, None)

    @staticmethod
    def _add_item(target: ListBlock, text: str, number: int | None) -> None:
        if not target.ordered:
            target.items.append(("-", text))
            return
        target.items.append((f"{number if number is not None else len(target.items) + 1}.", text))

    def _close_list(self) -> None:
        self._flush_item()
        if self.list is not None and self.list.items:
            self.blocks.append(self.list)
        self.list = None
        self.list_depth = 0
        self.in_item = False

    def finish(self) -> list[Block]:
        # A list that is never closed runs to the end of the cell.
        self._close_list()
        self._flush_paragraph()
        return self.blocks


def parse_blocks(fragment: str) -> list[Block]:
    """Paragraphs and lists of one table cell (or paragraph of text) that may hold HTML."""
    fragment = _inline(fragment)
    builder = _BlockBuilder()
    position = 0
    for match in _TAG_RE.finditer(fragment):
        builder.text(fragment[position : match.start()])
        builder.tag(match.group(2).lower(), closing=bool(match.group(1)))
        position = match.end()
    builder.text(fragment[position:])
    return builder.finish()


def render(blocks: Iterable[Block]) -> str:
    """Plain text: a blank line between paragraphs; a list starts on the next line."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            text = block.text
            separator = "\n\n"
        else:
            text = "\n".join(f"{marker} {item}" for marker, item in block.items)
            separator = "\n"
        if not text:
            continue
        if parts:
            parts.append(separator)
        parts.append(text)
    return "".join(parts)


def plain_text(fragment: str) -> str:
    """A single-line cell (subject, party column) as plain text on one line."""
    return collapse(render(parse_blocks(fragment)))


def clean_heading(text: str) -> str:
    """A heading as plain text, without the stray '**' the conversion leaves at its ends."""
    return plain_text(text).strip("* ").strip()


def _strip_unbalanced_stars(line: str) -> str:
    stripped = line.rstrip()
    if stripped.endswith("**") and stripped.count("**") % 2 == 1:
        return stripped[:-2].rstrip()
    return line


def blocks_from_lines(lines: Iterable[str]) -> list[Block]:
    """Free text (introduction, ambition): blank or whitespace-only lines separate paragraphs,
    "- " lines are list items; consecutive text lines form one paragraph."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    after_break = True

    def flush() -> None:
        if paragraph:
            blocks.extend(parse_blocks(" ".join(paragraph)))
            paragraph.clear()

    for raw in lines:
        line = _strip_unbalanced_stars(raw)
        if not line.strip():
            flush()
            after_break = True
            continue
        bullet = _BULLET_LINE_RE.match(line)
        if bullet:
            flush()
            item = plain_text(bullet.group(1))
            last = blocks[-1] if blocks else None
            if item and isinstance(last, ListBlock) and not last.ordered and not after_break:
                last.items.append(("-", item))
            elif item:
                blocks.append(ListBlock(ordered=False, items=[("-", item)]))
        else:
            paragraph.append(line)
        after_break = False
    flush()
    return blocks


def _ends_mid_sentence(text: str) -> bool:
    return bool(text) and text.rstrip()[-1] not in _TERMINAL_PUNCTUATION


def _continues(previous: str, following: str, previous_is_item: bool) -> bool:
    """Does ``following`` (after a page break) carry on the sentence ``previous`` broke off?"""
    if not _ends_mid_sentence(previous) or not following:
        return False
    first = following[0]
    if first.islower() or first.isdigit() or first in ",;:)(/-–€%":
        return True
    if previous_is_item:
        return False
    # "... te realiseren door" + "Beter Wonen ...": a lowercase last word leaves the sentence open.
    last_word = previous.split()[-1]
    return last_word[:1].islower() or last_word.endswith(",")


def _number(marker: str) -> int:
    digits = marker.rstrip(".")
    return int(digits) if digits.isdigit() else 0


def append_continuation(blocks: list[Block], continuation: list[Block]) -> None:
    """Join the blocks of a continuation row (after a page break) onto an agreement's blocks."""
    if not continuation:
        return
    first, rest = continuation[0], continuation[1:]
    last = blocks[-1] if blocks else None
    if (
        isinstance(first, Paragraph)
        and isinstance(last, Paragraph)
        and _continues(last.text, first.text, False)
    ):
        last.text = f"{last.text} {first.text}"
    elif (
        isinstance(first, Paragraph)
        and isinstance(last, ListBlock)
        and last.items
        and _continues(last.items[-1][1], first.text, True)
    ):
        marker, text = last.items[-1]
        last.items[-1] = (marker, f"{text} {first.text}")
    elif isinstance(first, ListBlock) and isinstance(last, ListBlock) and first.ordered == last.ordered:
        # The list goes on after the page break: one item per line, numbering continued.
        renumber = last.ordered and _number(first.items[0][0]) <= _number(last.items[-1][0])
        for marker, text in first.items:
            last.items.append((f"{len(last.items) + 1}." if renumber else marker, text))
    else:
        rest = continuation
    blocks.extend(rest)
