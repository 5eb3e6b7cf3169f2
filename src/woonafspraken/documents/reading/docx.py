"""Reading a Word file (.docx) with python-docx: headings, paragraphs, lists, footnotes and tables.

The body is read in document order from its XML (paragraphs and tables as Word holds them, whoever made
the file), into the text format that ``parse_document`` reads:

- a paragraph is a line (a soft line break starts another line), followed by an empty line;
  ``*italic*`` and ``**bold**`` for emphasised runs;
- a list paragraph (a list style, or numbering) is a "- item" line, a numbered one "1. item";
- a table row is a line of tab-separated cells, each cell in the markup of ``parsing/markup.py``
  (``<p>``, ``<ul>``/``<ol>`` with ``<li>``, ``<i>``, ``<b>``, ``<br>``); a merged cell keeps its
  text in its first column and leaves the others empty; a copy of the header row further down the
  same table is left out; a row that only holds a theme or section heading ("1.1 - Nieuwbouw") across
  an agreements table is that heading; a table of one column is a frame around paragraphs;
- a footnote reference is the footnote's number in superscript ("¹") where it stands, and the
  footnote itself a line "¹ text" right after the paragraph or row that refers to it.

Field instructions (their shown result is read), deleted and hidden text, drawings (text boxes),
page headers and footers, comments and endnotes are skipped; a nested table's text is flattened into
its cell; a heading that Word numbers gets its number ("1.1 - ..."). Every line knows its place:
"alinea 12", "tabel 3, rij 4", "voetnoot 1".
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import docx as python_docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import OpcError
from docx.oxml import parse_xml

from ..parsing.tables import HEADING_MAX, SECTION_RE, THEME_RE, is_table_header
from .source import SourceKind, SourceReadError, SourceText

__all__ = ["read_compound_file", "read_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_UNPACKED = 200 * 1024 * 1024  # a real agreement is a few MB; more is a damaged or hostile file
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_HEADING_RE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_TAG_LIKE_RE = re.compile(r"<(?=[a-zA-Z/!?])")
_ENTITY_LIKE_RE = re.compile(r"&(?=#?\w+;)")
# Symbol-font characters Word writes as w:sym (private use area) for bullets and ticks.
_SYMBOLS = {"F0B7": "•", "F0A7": "▪", "F0D8": "➢", "F0FC": "✓", "F0E0": "→", "F02D": "-", "F076": "❖"}
_DAMAGED = (
    "Het Word-bestand is beschadigd en kan niet worden gelezen ({detail}). "
    "Open het in Word en sla het opnieuw op als .docx, of lever het als PDF."
)
_PASSWORD = (
    "Het Word-bestand is beveiligd met een wachtwoord en kan daarom niet worden gelezen. "
    "Haal de beveiliging eraf (in Word: Bestand > Info > Document beveiligen) en lever het opnieuw aan."
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _w(tag: str) -> str:
    return f"{_W}{tag}"


def read_compound_file(data: bytes) -> SourceText:
    """An OLE compound file: an old Word file (.doc), or a .docx that Word encrypted with a password."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise SourceReadError(_PASSWORD)
    raise SourceReadError(
        "Dit is een ouder Word-bestand (.doc) of een ander oud Office-bestand. "
        "Open het in Word en sla het op als .docx, of lever het als PDF."
    )


def _open(data: bytes) -> Any:
    if data.startswith(_OLE_MAGIC):
        read_compound_file(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if any(info.flag_bits & 0x1 for info in infos):
                raise SourceReadError(_PASSWORD)
            if "word/document.xml" not in names:
                opendocument = "mimetype" in names and archive.read("mimetype").startswith(
                    b"application/vnd.oasis.opendocument"
                )
                if opendocument:
                    kind = "een OpenDocument-bestand (LibreOffice, .odt)"
                elif "xl/workbook.xml" in names:
                    kind = "een Excel-bestand"
                elif "ppt/presentation.xml" in names:
                    kind = "een PowerPoint-bestand"
                else:
                    kind = "een zip-bestand"
                raise SourceReadError(
                    f"Dit is {kind}, geen Word-document (.docx): het bevat geen word/document.xml. "
                    "Lever het document als .docx, PDF of tekst."
                )
            if sum(info.file_size for info in infos) > _MAX_UNPACKED:
                raise SourceReadError(
                    "Het Word-bestand is uitgepakt groter dan 200 MB; dat is geen gewoon document."
                )
            if "[Content_Types].xml" in names:
                content_types = archive.read("[Content_Types].xml")
                if b"macroEnabled.main+xml" in content_types or b"template.main+xml" in content_types:
                    raise SourceReadError(
                        "Dit is een Word-sjabloon of een Word-bestand met macro's (.dotx, .docm). "
                        "Sla het in Word op als gewoon Word-document (.docx) en lever dat aan."
                    )
            broken = archive.testzip()
            if broken is not None:
                raise SourceReadError(_DAMAGED.format(detail=f"onderdeel {broken} is beschadigd"))
    except SourceReadError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError) as error:
        raise SourceReadError(_DAMAGED.format(detail="het is geen geldig zip-archief")) from error
    except (RuntimeError, ValueError, OSError) as error:  # zipfile: unsupported or broken entries
        raise SourceReadError(_DAMAGED.format(detail="het zip-archief kan niet worden uitgepakt")) from error
    try:
        return python_docx.Document(io.BytesIO(data))
    except SyntaxError as error:
        raise SourceReadError(_DAMAGED.format(detail="de XML van het document is ongeldig")) from error
    except (
        ValueError,
        KeyError,
        AttributeError,
        TypeError,
        OpcError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
    ) as error:
        raise SourceReadError(_DAMAGED.format(detail="er ontbreken onderdelen of verwijzingen")) from error


# Runs -------------------------------------------------------------------------------------------


@dataclass
class _Piece:
    text: str
    bold: bool = False
    italic: bool = False


def _on(properties: Any, tag: str) -> bool:
    """A toggle property (w:b, w:i) that is switched on."""
    if properties is None:
        return False
    element = properties.find(_w(tag))
    return element is not None and element.get(_w("val"), "true").lower() not in ("0", "false", "off", "none")


def _escape(text: str) -> str:
    """Only what the markup reader would take for a tag or an entity."""
    return _TAG_LIKE_RE.sub("&lt;", _ENTITY_LIKE_RE.sub("&amp;", text))


def _wrap(text: str, before: str, after: str) -> str:
    stripped = text.strip()
    if not stripped:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{before}{stripped}{after}{trail}"


def _format(pieces: list[_Piece], *, html: bool) -> str:
    """Runs with the same emphasis joined, then marked: ``<i>``/``<b>`` in a cell, ``*``/``**`` outside."""
    groups: list[_Piece] = []
    for piece in pieces:
        if groups and (groups[-1].bold, groups[-1].italic) == (piece.bold, piece.italic):
            groups[-1].text += piece.text
        else:
            groups.append(_Piece(piece.text, piece.bold, piece.italic))
    parts: list[str] = []
    for group in groups:
        lines = group.text.split("\n")
        marked: list[str] = []
        for line in lines:
            text = _escape(line) if html else line
            if group.italic:
                text = _wrap(text, "<i>", "</i>") if html else _wrap(text, "*", "*")
            if group.bold:
                text = _wrap(text, "<b>", "</b>") if html else _wrap(text, "**", "**")
            marked.append(text)
        parts.append(("<br>" if html else "\n").join(marked))
    return "".join(parts)


def _tidy(text: str) -> str:
    return " ".join(text.split())


# Styles and numbering -----------------------------------------------------------------------------


@dataclass
class _Style:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    bold: bool = False  # a character style's own emphasis ("Strong", "Emphasis")
    italic: bool = False


@dataclass
class _Numbering:
    formats: dict[tuple[str, int], str] = field(default_factory=dict)  # (numId, level) -> numFmt
    starts: dict[tuple[str, int], int] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)

    def next(self, num_id: str, level: int) -> int:
        counts = self.counters.setdefault(num_id, [0] * 9)
        level = min(max(level, 0), 8)
        counts[level] += 1
        for deeper in range(level + 1, 9):
            counts[deeper] = 0
        return self.starts.get((num_id, level), 1) + counts[level] - 1

    def path(self, num_id: str, level: int) -> str:
        """ "1.2" for a numbered heading at level 1 (counted already)."""
        counts = self.counters.get(num_id, [0] * 9)
        return ".".join(
            str(self.starts.get((num_id, depth), 1) + max(counts[depth], 1) - 1) for depth in range(level + 1)
        )


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _read_styles(document: Any) -> tuple[dict[str, _Style], str | None]:
    styles: dict[str, _Style] = {}
    default: str | None = None
    try:
        element = document.styles.element
    except (AttributeError, KeyError, ValueError, SyntaxError):  # a damaged styles part: read without styles
        return styles, None
    for style in element.iterfind(_w("style")):
        style_id = style.get(_w("styleId"))
        if not style_id:
            continue
        name = style.find(_w("name"))
        based = style.find(_w("basedOn"))
        num_id = style.find(f"{_w('pPr')}/{_w('numPr')}/{_w('numId')}")
        ilvl = style.find(f"{_w('pPr')}/{_w('numPr')}/{_w('ilvl')}")
        styles[style_id] = _Style(
            name=(name.get(_w("val"), "") if name is not None else style_id).lower(),
            based_on=based.get(_w("val")) if based is not None else None,
            num_id=num_id.get(_w("val")) if num_id is not None else None,
            ilvl=_int(ilvl.get(_w("val"))) if ilvl is not None else None,
        )
        if style.get(_w("type")) == "character":
            run_properties = style.find(_w("rPr"))
            styles[style_id].bold = _on(run_properties, "b")
            styles[style_id].italic = _on(run_properties, "i")
        if style.get(_w("type")) == "paragraph" and style.get(_w("default")) in ("1", "true"):
            default = style_id
    return styles, default


def _related(document: Any, reltype: str) -> Any | None:
    """The XML of a part the document refers to (numbering, footnotes), or None."""
    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            part = rel.target_part
            element = getattr(part, "element", None)
            if element is not None:
                return element
            try:
                return parse_xml(part.blob)
            except SyntaxError as error:
                raise SourceReadError(
                    _DAMAGED.format(detail="de XML van een onderdeel is ongeldig")
                ) from error
    return None


def _read_numbering(document: Any) -> _Numbering:
    numbering = _Numbering()
    element = _related(document, RT.NUMBERING)
    if element is None:
        return numbering
    abstracts: dict[str, dict[int, tuple[str, int]]] = {}
    for abstract in element.iterfind(_w("abstractNum")):
        levels: dict[int, tuple[str, int]] = {}
        for level in abstract.iterfind(_w("lvl")):
            number_format = level.find(_w("numFmt"))
            start = level.find(_w("start"))
            levels[_int(level.get(_w("ilvl")))] = (
                number_format.get(_w("val"), "decimal") if number_format is not None else "decimal",
                _int(start.get(_w("val")), 1) if start is not None else 1,
            )
        abstracts[abstract.get(_w("abstractNumId"), "")] = levels
    for num in element.iterfind(_w("num")):
        num_id = num.get(_w("numId"), "")
        abstract_id = num.find(_w("abstractNumId"))
        levels = abstracts.get(abstract_id.get(_w("val"), "") if abstract_id is not None else "", {})
        for level, (number_format, start) in levels.items():
            numbering.formats[(num_id, level)] = number_format
            numbering.starts[(num_id, level)] = start
        for override in num.iterfind(_w("lvlOverride")):
            start_override = override.find(_w("startOverride"))
            if start_override is not None:
                numbering.starts[(num_id, _int(override.get(_w("ilvl"))))] = _int(
                    start_override.get(_w("val")), 1
                )
    return numbering


# The reader -------------------------------------------------------------------------------------


@dataclass
class _ParagraphKind:
    heading: int | None = None  # 1, 2, ... for a heading style
    list_id: str | None = None  # numbering of a list item (or of a numbered heading)
    level: int = 0
    ordered: bool = False
    is_list: bool = False
    skip: bool = False  # a table of contents entry


class _Reader:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.styles, self.default_style = _read_styles(document)
        self.numbering = _read_numbering(document)
        self.footnote_texts = self._read_footnotes()
        self.lines: list[str] = []
        self.places: list[str] = []
        self.paragraphs = 0
        self.tables = 0
        self.footnotes = 0
        self.pending: list[tuple[str, str]] = []  # (marker, footnote id) referred to, not yet written
        self.in_list = False

    # Output ---------------------------------------------------------------------------------------

    def emit(self, line: str, place: str) -> None:
        self.lines.append(line)
        self.places.append(place)

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.emit("", self.places[-1])

    def emit_footnotes(self) -> None:
        for marker, footnote_id in self.pending:
            text = self.footnote_texts.get(footnote_id, "")
            if text:
                self.blank()
                self.emit(f"{marker} {text}", f"voetnoot {marker.translate(_FROM_SUPERSCRIPT)}")
                self.blank()
        self.pending.clear()

    # Footnotes ------------------------------------------------------------------------------------

    def _read_footnotes(self) -> dict[str, str]:
        element = _related(self.document, RT.FOOTNOTES)
        if element is None:
            return {}
        texts: dict[str, str] = {}
        for footnote in element.iterfind(_w("footnote")):
            if footnote.get(_w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            paragraphs = [
                _format(self._pieces(paragraph, footnotes=False), html=False)
                for paragraph in footnote.iter(_w("p"))
            ]
            texts[footnote.get(_w("id"), "")] = _tidy(" ".join(paragraphs))
        return texts

    # Runs -----------------------------------------------------------------------------------------

    def _pieces(self, paragraph: Any, *, footnotes: bool = True) -> list[_Piece]:
        pieces: list[_Piece] = []
        fields: list[str] = []  # per open field: "instruction" until its separator, then "result"
        self._collect(paragraph, pieces, fields, footnotes)
        return pieces

    def _collect(self, element: Any, pieces: list[_Piece], fields: list[str], footnotes: bool) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                continue  # comments, processing instructions
            if tag == _w("r"):
                self._run(child, pieces, fields, footnotes)
            elif tag == _w("sdt"):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    self._collect(content, pieces, fields, footnotes)
            elif tag in (
                _w("hyperlink"),
                _w("ins"),
                _w("smartTag"),
                _w("fldSimple"),
                _w("customXml"),
                _w("moveTo"),
                _w("dir"),
                _w("bdo"),
            ):
                self._collect(child, pieces, fields, footnotes)
            # pPr, deleted or moved-away text, bookmarks, comments, proofing marks: no text

    def _run(self, run: Any, pieces: list[_Piece], fields: list[str], footnotes: bool) -> None:
        properties = run.find(_w("rPr"))
        hidden = _on(properties, "vanish")  # not shown, not printed
        bold, italic = _on(properties, "b"), _on(properties, "i")
        character_style = properties.find(_w("rStyle")) if properties is not None else None
        if character_style is not None:
            style = self.styles.get(character_style.get(_w("val"), ""))
            if style is not None:
                bold, italic = bold or style.bold, italic or style.italic
        vertical = properties.find(_w("vertAlign")) if properties is not None else None
        position = vertical.get(_w("val")) if vertical is not None else None
        for child in run:
            tag = child.tag
            if tag == _w("fldChar"):
                kind = child.get(_w("fldCharType"))
                if kind == "begin":
                    fields.append("instruction")
                elif kind == "separate" and fields:
                    fields[-1] = "result"
                elif kind == "end" and fields:
                    fields.pop()
                continue
            if hidden or "instruction" in fields:
                continue
            text = ""
            if tag == _w("t"):
                text = child.text or ""
                if position in ("superscript", "subscript") and text.strip().isdigit():
                    text = text.strip().translate(_SUPERSCRIPTS if position == "superscript" else _SUBSCRIPTS)
            elif tag in (_w("tab"), _w("ptab")):
                text = " "
            elif tag in (_w("br"), _w("cr")):
                text = " " if child.get(_w("type")) in ("page", "column") else "\n"
            elif tag == _w("noBreakHyphen"):
                text = "-"
            elif tag == _w("sym"):
                code = (child.get(_w("char")) or "").upper()
                text = _SYMBOLS.get(code, "")
                if not text and code:
                    try:
                        value = int(code, 16)
                        text = chr(value - 0xF000 if value >= 0xF000 else value)
                    except (ValueError, OverflowError):  # not hexadecimal, or beyond Unicode
                        text = ""
            elif tag == _w("footnoteReference") and footnotes:
                self.footnotes += 1
                marker = str(self.footnotes).translate(_SUPERSCRIPTS)
                self.pending.append((marker, child.get(_w("id"), "")))
                pieces.append(_Piece(marker))
                continue
            if text:
                pieces.append(_Piece(text, bold, italic))

    # Paragraphs -----------------------------------------------------------------------------------

    def _kind(self, paragraph: Any) -> _ParagraphKind:
        properties = paragraph.find(_w("pPr"))
        style_id = self.default_style
        num_id: str | None = None
        ilvl: int | None = None
        if properties is not None:
            style = properties.find(_w("pStyle"))
            if style is not None:
                style_id = style.get(_w("val"))
            numbering = properties.find(_w("numPr"))
            if numbering is not None:
                found = numbering.find(_w("numId"))
                level = numbering.find(_w("ilvl"))
                num_id = found.get(_w("val")) if found is not None else None
                ilvl = _int(level.get(_w("val"))) if level is not None else None
        names: list[str] = []
        seen: set[str] = set()
        current = style_id
        while current and current in self.styles and current not in seen:
            seen.add(current)
            style_info = self.styles[current]
            names.append(style_info.name)
            if num_id is None and style_info.num_id is not None:
                num_id = style_info.num_id
            if ilvl is None and style_info.ilvl is not None:
                ilvl = style_info.ilvl
            current = style_info.based_on
        kind = _ParagraphKind(level=min(max(ilvl or 0, 0), 8))
        name = names[0] if names else ""
        if name.startswith("toc") or name.startswith("inhoudsopgave"):
            kind.skip = True
            return kind
        heading = next((match for match in map(_HEADING_RE.match, names) if match), None)
        if heading is not None or name == "title":
            kind.heading = int(heading.group(1)) if heading is not None else 0
        if num_id is not None and num_id != "0":
            number_format = self.numbering.formats.get((num_id, kind.level), "decimal")
            kind.list_id = num_id
            kind.ordered = number_format not in ("bullet", "none")
            kind.is_list = kind.heading is None
        elif any(style_name.startswith("list bullet") for style_name in names):
            kind.is_list = True
        elif any(style_name.startswith("list number") for style_name in names):
            kind.is_list = kind.ordered = True
        return kind

    def paragraph(self, paragraph: Any) -> None:
        kind = self._kind(paragraph)
        if kind.skip:
            return
        text = _format(self._pieces(paragraph), html=False)
        lines = [_tidy(line) for line in text.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            self.emit_footnotes()
            return
        self.paragraphs += 1
        place = f"alinea {self.paragraphs}"
        if kind.is_list:
            if kind.ordered and kind.list_id is not None:
                marker = f"{self.numbering.next(kind.list_id, kind.level)}."
            elif kind.ordered:
                marker = "1."
            else:
                marker = "-"
            self.emit(f"{marker} {' '.join(lines)}", place)
            self.in_list = True
        else:
            if self.in_list:
                self.blank()
                self.in_list = False
            if kind.heading is not None and kind.list_id is not None:
                # A heading numbered by Word ("1", "1.1"): the number belongs to the text.
                self.numbering.next(kind.list_id, kind.level)
                lines[0] = f"{self.numbering.path(kind.list_id, kind.level)} - {lines[0]}"
            for line in lines:
                self.emit(line, place)
            self.blank()
        if self.pending:
            self.blank()
            self.in_list = False
            self.emit_footnotes()

    # Tables ---------------------------------------------------------------------------------------

    def _cell_blocks(self, cell: Any) -> Iterator[tuple[str, bool, str]]:
        """("p" | "li", ordered, markup) per paragraph of a cell; nested tables flattened."""
        for child in _children(cell):
            if child.tag == _w("p"):
                kind = self._kind(child)
                if kind.skip:
                    continue
                text = _format(self._pieces(child), html=True)
                parts = [_tidy(part) for part in text.split("<br>")]
                text = "<br>".join(part for part in parts if part)
                if text:
                    yield ("li" if kind.is_list else "p", kind.ordered, text)
            elif child.tag == _w("tbl"):
                for row in _rows(child):
                    texts = [
                        _tidy(" ".join(text for _, _, text in self._cell_blocks(nested)))
                        for nested in _cells(row)
                    ]
                    joined = " ".join(text for text in texts if text)
                    if joined:
                        yield ("p", False, joined)

    def _cell(self, cell: Any) -> str:
        blocks = list(self._cell_blocks(cell))
        if len(blocks) == 1 and blocks[0][0] == "p":
            return blocks[0][2]
        parts: list[str] = []
        open_list: bool | None = None  # ordered-ness of the open list
        for kind, ordered, text in blocks:
            if kind == "li":
                if open_list is not None and open_list != ordered:
                    parts.append("</ol>" if open_list else "</ul>")
                    open_list = None
                if open_list is None:
                    parts.append("<ol>" if ordered else "<ul>")
                    open_list = ordered
                parts.append(f"<li>{text}</li>")
            else:
                if open_list is not None:
                    parts.append("</ol>" if open_list else "</ul>")
                    open_list = None
                parts.append(f"<p>{text}</p>")
        if open_list is not None:
            parts.append("</ol>" if open_list else "</ul>")
        return " ".join(parts)

    def _row(self, row: Any, columns: int) -> list[str]:
        cells: list[str] = []
        properties = row.find(_w("trPr"))
        if properties is not None:
            before = properties.find(_w("gridBefore"))
            if before is not None:
                cells.extend([""] * min(_int(before.get(_w("val"))), 64))
        for cell in _cells(row):
            cell_properties = cell.find(_w("tcPr"))
            span = 1
            continued = False
            if cell_properties is not None:
                grid_span = cell_properties.find(_w("gridSpan"))
                if grid_span is not None:
                    span = min(max(_int(grid_span.get(_w("val")), 1), 1), 64)
                vertical = cell_properties.find(_w("vMerge"))
                continued = vertical is not None and vertical.get(_w("val"), "continue") != "restart"
            content = "" if continued else self._cell(cell)
            cells.append(content.replace("\t", " "))
            cells.extend([""] * (span - 1))
        return cells + [""] * max(0, columns - len(cells))

    def table(self, table: Any) -> None:
        grid = table.find(_w("tblGrid"))
        columns = len(grid.findall(_w("gridCol"))) if grid is not None else 0
        rows = list(_rows(table))
        widest = max((len(list(_cells(row))) for row in rows), default=0)
        if max(columns, widest) <= 1:
            # A frame of one column around text (a box with the ambition, say): its paragraphs.
            for row in rows:
                for cell in _cells(row):
                    self.body(cell)
            return
        if self.in_list:
            self.blank()
            self.in_list = False
        self.tables += 1
        read: list[tuple[list[str], list[tuple[str, str]]]] = []  # cells and footnotes per row
        for row in rows:
            read.append((self._row(row, columns), list(self.pending)))
            self.pending.clear()
        agreements = any(is_table_header([cell.strip() for cell in cells]) for cells, _ in read)
        header: list[str] | None = None
        for number, (row, (cells, footnotes)) in enumerate(zip(rows, read, strict=True), 1):
            self.pending = footnotes
            if number == 1:
                properties = row.find(_w("trPr"))
                marked = properties is not None and properties.find(_w("tblHeader")) is not None
                header = cells if marked or is_table_header([cell.strip() for cell in cells]) else None
            elif header is not None and cells == header:
                self.emit_footnotes()
                continue  # the header row repeated by hand further down the table
            heading = _heading_row(cells) if agreements else None
            if heading is not None:
                # A theme or section heading drawn as a row across the agreements table: a heading.
                self.blank()
                self.emit(heading, f"tabel {self.tables}, rij {number}")
                self.blank()
            else:
                self.emit("\t".join(cells), f"tabel {self.tables}, rij {number}")
            self.emit_footnotes()
        self.blank()

    # The body -------------------------------------------------------------------------------------

    def body(self, container: Any) -> None:
        for child in _children(container):
            if child.tag == _w("p"):
                self.paragraph(child)
            elif child.tag == _w("tbl"):
                self.table(child)


_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def _heading_row(cells: list[str]) -> str | None:
    """The text of a row that is only a theme or section heading ("1.1 - Nieuwbouw") in its first cell."""
    first = _tidy(re.sub(r"<[^<>]*>", " ", cells[0])) if cells else ""
    if not first or any(cell.strip() for cell in cells[1:]) or len(first) > HEADING_MAX:
        return None
    return first if THEME_RE.match(first) or SECTION_RE.match(first) else None


def _children(element: Any) -> Iterator[Any]:
    """Block-level children in order, through content controls and custom XML wrappers."""
    for child in element:
        if child.tag in (_w("sdt"),):
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from _children(content)
        elif child.tag == _w("customXml"):
            yield from _children(child)
        elif child.tag in (_w("p"), _w("tbl")):
            yield child


def _rows(table: Any) -> Iterator[Any]:
    for child in table:
        if child.tag == _w("tr"):
            yield child
        elif child.tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent")) if child.tag == _w("sdt") else child
            if content is not None:
                yield from _rows(content)


def _cells(row: Any) -> Iterator[Any]:
    for child in row:
        if child.tag == _w("tc"):
            yield child
        elif child.tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent")) if child.tag == _w("sdt") else child
            if content is not None:
                yield from _cells(content)


def read_docx(data: bytes) -> SourceText:
    """The text of a Word file in the text format, with the place of every line."""
    document = _open(data)
    body = document.element.find(_w("body"))
    reader = _Reader(document)
    if body is not None:
        reader.body(body)
        reader.emit_footnotes()
    while reader.lines and not reader.lines[-1]:
        reader.lines.pop()
        reader.places.pop()
    if not any(line.strip() for line in reader.lines):
        raise SourceReadError("Het Word-bestand bevat geen tekst.")
    return SourceText(text="\n".join(reader.lines), kind=SourceKind.DOCX, places=tuple(reader.places))
