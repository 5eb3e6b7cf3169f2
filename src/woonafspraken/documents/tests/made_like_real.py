"""Test documents made like the real ones: the text format written as a municipality's own Word file.

A municipality does not keep its agreements as tab-separated text; it has a Word file with headings,
real tables (the header row repeated on each page), bulleted lists, footnotes at the foot of the page
and a signature table. :func:`write_docx` writes a text in the format of the Kampen document that way
(python-docx), so the Word reader is tested on the structure Word itself holds, and
:func:`convert_to_pdf` makes the PDF from it with headless LibreOffice, as "Opslaan als PDF" would.

What the text format holds because a page break cut the original (a row whose first two cells are
empty continues the row above it) is merged back into one cell here, the way Word holds it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import docx as python_docx
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph as WordParagraph

from woonafspraken.documents.parsing.markup import (
    Block,
    Paragraph,
    append_continuation,
    parse_blocks,
)
from woonafspraken.documents.parsing.tables import (
    AMBITION_RE,
    FOOTNOTE_RE,
    HEADING_MAX,
    SECTION_RE,
    THEME_RE,
    is_table_header,
)

__all__ = ["KAMPEN_TEXT", "convert_to_pdf", "resave_docx", "write_docx"]

KAMPEN_TEXT = Path(__file__).parent.parent / "data" / "prestatieafspraken-kampen-2022-2026.txt"

FOOTNOTES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_INTRO_HEADING_RE = re.compile(r"^(?:over\s+(?:deze|dit|de)\b|inleiding\b|voorwoord\b)", re.IGNORECASE)
_APPENDIX_RE = re.compile(r"^bijlage\s+\w{1,5}\s*[:.\-–—]", re.IGNORECASE)
_SIGNED_RE = re.compile(r"^(?:aldus\s+)?(?:overeengekomen|ondertekend|getekend)\b", re.IGNORECASE)
_BULLET_RE = re.compile(r"^\s*[-–•]\s+(.*\S)\s*$")
_NUMBER_LIKE_RE = re.compile(r"^\d\S{0,14}$")
_DASHES_RE = re.compile(r"^[-–—_=]{2,}$")
_EMPHASIS_RE = re.compile(r"\*\*(.+?)\*\*|\*([^*\s](?:[^*]*[^*\s])?)\*")
_SIGNATURE_RE = re.compile(r"^(?:<p\b[^>]*>\s*)?namens\s", re.IGNORECASE)
# Column widths of the agreement table (A4 portrait, 2 cm margins: 17 cm).
_AGREEMENT_WIDTHS = (Cm(2.9), Cm(1.2), Cm(7.3), Cm(2.8), Cm(2.8))
_USABLE_WIDTH = Cm(17)
_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


@dataclass
class _Cellish:
    blocks: list[Block]
    span: int = 1


@dataclass
class _Row:
    line: int  # index in the text of the row's (first) line
    cells: list[_Cellish] = field(default_factory=list)


def _strip_unbalanced_stars(text: str) -> str:
    stripped = text.rstrip()
    if stripped.endswith("**") and stripped.count("**") % 2 == 1:
        return stripped[:-2].rstrip()
    return text


class _Writer:
    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = lines
        self.document: WordDocument = python_docx.Document()
        self.footnotes: list[tuple[int, str]] = []  # (id, text) of the footnotes written
        # Footnote lines ("¹ text") whose marker stands in an earlier line: marker -> (line, text).
        self.pending: dict[str, tuple[int, str]] = {}
        self.footnote_lines: set[int] = set()
        self.referenced: dict[str, tuple[int, str]] = {}  # marker -> (footnote line, bookmark)
        self.numbered_abstract = self._abstract_of("List Number")
        self._set_up()

    # Set-up -------------------------------------------------------------------------------

    def _set_up(self) -> None:
        section = self.document.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))
        normal = self.document.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(10)
        # No automatic hyphenation: say so, as Word writes it.
        settings = self.document.settings.element
        hyphenation = OxmlElement("w:autoHyphenation")
        hyphenation.set(qn("w:val"), "false")
        tab_stop = settings.find(qn("w:defaultTabStop"))
        if tab_stop is not None:
            tab_stop.addnext(hyphenation)
        for index, line in enumerate(self.lines):
            match = FOOTNOTE_RE.match(line.strip()) if "\t" not in line else None
            if match and any(match.group(1) in earlier for earlier in self.lines[:index]):
                self.pending[match.group(1)] = (index, match.group(2).strip())
                self.footnote_lines.add(index)

    def _abstract_of(self, style_name: str) -> str:
        style = self.document.styles[style_name].element
        num_id = style.xpath("./w:pPr/w:numPr/w:numId/@w:val")[0]
        numbering = self.document.part.numbering_part.element
        return str(numbering.xpath(f"./w:num[@w:numId='{num_id}']/w:abstractNumId/@w:val")[0])

    def _restarted_numbering(self) -> int:
        """A new w:num on the numbered list's definition that starts again at 1."""
        numbering = self.document.part.numbering_part.element
        num_id = max(int(value) for value in numbering.xpath("./w:num/@w:numId")) + 1
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{self.numbered_abstract}"/>'
                '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            )
        )
        return num_id

    # Runs ---------------------------------------------------------------------------------

    def _runs(self, paragraph: WordParagraph, text: str, line: int) -> None:
        """``*italic*`` and ``**bold**`` as runs; a footnote's marker as a real footnote reference."""
        position = 0
        for match in _EMPHASIS_RE.finditer(text):
            self._plain(paragraph, text[position : match.start()], line, bold=False, italic=False)
            if match.group(1) is not None:
                self._plain(paragraph, match.group(1), line, bold=True, italic=False)
            else:
                self._plain(paragraph, match.group(2), line, bold=False, italic=True)
            position = match.end()
        self._plain(paragraph, text[position:], line, bold=False, italic=False)

    def _plain(self, paragraph: WordParagraph, text: str, line: int, *, bold: bool, italic: bool) -> None:
        if not text:
            return
        markers = [
            marker
            for marker, (footnote_line, _) in {**self.pending, **self.referenced}.items()
            if footnote_line > line and marker in text
        ]
        if markers:
            marker = markers[0]
            before, after = text.split(marker, 1)
            self._plain(paragraph, before, line, bold=bold, italic=italic)
            if marker in self.pending:
                self._footnote_reference(paragraph, marker)
            else:
                self._note_reference(paragraph, marker)
            self._plain(paragraph, after, line, bold=bold, italic=italic)
            return
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.italic = italic or None

    def _footnote_reference(self, paragraph: WordParagraph, marker: str) -> None:
        footnote_line, text = self.pending.pop(marker)
        footnote_id = len(self.footnotes) + 1
        self.footnotes.append((footnote_id, text))
        self.referenced[marker] = (footnote_line, f"_Ref{footnote_id}")
        # Bookmarked, so a second mention can point at it as Word does (a NOTEREF field).
        paragraph._p.append(
            parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{footnote_id}" w:name="_Ref{footnote_id}"/>')
        )
        paragraph._p.append(
            parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{footnote_id}"/></w:r>'
            )
        )
        paragraph._p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{footnote_id}"/>'))

    def _note_reference(self, paragraph: WordParagraph, marker: str) -> None:
        """The same footnote mentioned again: a cross-reference to its number, in superscript."""
        _, bookmark = self.referenced[marker]
        number = marker.translate(_FROM_SUPERSCRIPT)
        paragraph._p.append(
            parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr=" NOTEREF {bookmark} \\f \\h ">'
                f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>{number}</w:t></w:r>'
                "</w:fldSimple>"
            )
        )

    def _write_footnotes_part(self) -> None:
        if not self.footnotes:
            return
        body = "".join(
            f'<w:footnote w:id="{footnote_id}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
            '<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="16"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:t xml:space="preserve"> {_escape(text)}</w:t></w:r>'
            "</w:p></w:footnote>"
            for footnote_id, text in self.footnotes
        )
        xml = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {nsdecls("w")}>'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
            'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
            'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
            f"{body}</w:footnotes>"
        )
        document_part = self.document.part
        part = Part(
            PackURI("/word/footnotes.xml"), FOOTNOTES_CONTENT_TYPE, xml.encode("utf-8"), document_part.package
        )
        document_part.relate_to(part, RT.FOOTNOTES)

    # Blocks -------------------------------------------------------------------------------

    def _paragraph(self, text: str, line: int, style: str | None = None) -> WordParagraph:
        paragraph = self.document.add_paragraph(style=style)
        self._runs(paragraph, text, line)
        return paragraph

    def _blocks(self, container: _Cell, blocks: Sequence[Block], line: int) -> None:
        """Paragraphs and real lists inside a table cell (its first, empty paragraph is used first)."""
        first = container.paragraphs[0] if container.paragraphs and not container.paragraphs[0].text else None

        def new(style: str | None) -> WordParagraph:
            nonlocal first
            if first is not None:
                paragraph, first = first, None
                if style:
                    paragraph.style = self.document.styles[style]
                return paragraph
            return container.add_paragraph(style=style)

        for block in blocks:
            if isinstance(block, Paragraph):
                self._runs(new(None), block.text, line)
                continue
            num_id = self._restarted_numbering() if block.ordered else None
            for _, item in block.items:
                paragraph = new("List Number" if block.ordered else "List Bullet")
                if num_id is not None:
                    paragraph._p.get_or_add_pPr().append(
                        parse_xml(
                            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
                        )
                    )
                self._runs(paragraph, item, line)

    # Tables -------------------------------------------------------------------------------

    def _table(self, rows: list[_Row], *, grid: bool, header: bool, widths: Sequence[Cm] | None) -> Table:
        columns = max(sum(cell.span for cell in row.cells) for row in rows)
        table = self.document.add_table(rows=len(rows), cols=columns)
        table.style = self.document.styles["Table Grid" if grid else "Normal Table"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        if widths and len(widths) == columns:
            column_widths = list(widths)
        elif columns > 2:
            # The first column holds the labels: wider than the figures after it.
            first = int(_USABLE_WIDTH * 0.3)
            column_widths = [Cm(0) + first] + [Cm(0) + (_USABLE_WIDTH - first) // (columns - 1)] * (
                columns - 1
            )
        else:
            column_widths = [Cm(0) + _USABLE_WIDTH // columns] * columns
        for row_index, row in enumerate(rows):
            word_row = table.rows[row_index]
            if header and row_index == 0:
                word_row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
            column = 0
            for cell in row.cells:
                word_cell = word_row.cells[column]
                if cell.span > 1:
                    word_cell = word_cell.merge(word_row.cells[column + cell.span - 1])
                for offset in range(cell.span):
                    table.columns[column + offset].width = column_widths[column + offset]
                word_cell.width = sum(column_widths[column : column + cell.span], Cm(0))
                self._blocks(word_cell, cell.blocks, row.line)
                if header and row_index == 0:
                    for paragraph in word_cell.paragraphs:
                        for run in paragraph.runs:
                            run.bold = True
                column += cell.span
        self.document.add_paragraph()  # Word keeps a paragraph between a table and what follows
        return table

    def _agreement_table(self, lines: list[int]) -> None:
        rows: list[_Row] = []
        texts: list[list[Block]] = []
        for index in lines:
            cells = [cell.strip() for cell in self.lines[index].split("\t")]
            cells += [""] * (5 - len(cells))
            continuation = rows and not cells[0] and not _NUMBER_LIKE_RE.match(cells[1])
            if continuation and not is_table_header(cells):
                # A page break cut this row: Word holds it as one row.
                previous = rows[-1]
                append_continuation(texts[-1], parse_blocks(cells[2] or cells[1]))
                for column in (3, 4):
                    if cells[column]:
                        old = previous.cells[column].blocks
                        joined = " ".join(block.text for block in old if isinstance(block, Paragraph))
                        previous.cells[column].blocks = parse_blocks(f"{joined} {cells[column]}".strip())
                continue
            row = _Row(index, [_Cellish(parse_blocks(cell)) for cell in cells[:5]])
            rows.append(row)
            texts.append(row.cells[2].blocks)
        self._table(rows, grid=True, header=True, widths=_AGREEMENT_WIDTHS)

    def _appendix_table(self, lines: list[int]) -> None:
        rows: list[_Row] = []
        for index in lines:
            cells = [cell.strip() for cell in self.lines[index].split("\t")]
            filled = [position for position, cell in enumerate(cells) if cell]
            row = _Row(index)
            # A heading or note across the table: one merged cell, as it was drawn.
            if filled and len(filled) <= 2 and filled[-1] <= 1 and filled[-1] < len(cells) - 1:
                merge_from = filled[-1]
                row.cells = [_Cellish(parse_blocks(cell)) for cell in cells[:merge_from]]
                row.cells.append(_Cellish(parse_blocks(cells[merge_from]), span=len(cells) - merge_from))
            else:
                row.cells = [_Cellish(parse_blocks(cell)) for cell in cells]
            rows.append(row)
        self._table(rows, grid=True, header=False, widths=None)

    def _signature_table(self, lines: list[int]) -> None:
        rows = [
            _Row(index, [_Cellish(parse_blocks(cell)) for cell in self.lines[index].split("\t")])
            for index in lines
        ]
        columns = max(len(row.cells) for row in rows)
        for row in rows:
            row.cells += [_Cellish([]) for _ in range(columns - len(row.cells))]
            for cell in row.cells:
                # Room to sign between "Namens ..." and the name, as the original has.
                if len(cell.blocks) >= 2:
                    cell.blocks = [cell.blocks[0], Paragraph(""), Paragraph(""), *cell.blocks[1:]]
        self._table(rows, grid=False, header=False, widths=None)

    # The document -------------------------------------------------------------------------

    def _table_lines(self, start: int) -> tuple[list[int], int]:
        """The tab lines of one table from ``start``; blank, marker and footnote lines between its rows
        stay with it (a footnote line is written at its marker)."""
        rows: list[int] = []
        index = start
        end = start
        while index < len(self.lines):
            line = self.lines[index]
            if "\t" in line:
                cells = [cell.strip() for cell in line.split("\t")]
                if not all(not cell or _DASHES_RE.match(cell) for cell in cells):
                    rows.append(index)
                end = index + 1
            elif line.strip() and index not in self.footnote_lines:
                break
            index += 1
        return rows, end

    def write(self) -> None:
        index = 0
        titled = False
        in_intro = False
        in_appendix = False
        while index < len(self.lines):
            line = self.lines[index]
            text = line.strip()
            if index in self.footnote_lines or not text:
                index += 1
                continue
            if "\t" in line:
                rows, index = self._table_lines(index)
                if not rows:
                    continue
                first = [cell.strip() for cell in self.lines[rows[0]].split("\t")]
                if _SIGNATURE_RE.match(first[0]):
                    self._signature_table(rows)
                elif is_table_header(first) and not in_appendix:
                    self._agreement_table(rows)
                else:
                    self._appendix_table(rows)
                continue
            index += 1
            bullet = _BULLET_RE.match(line)
            if not titled:
                self._paragraph(text, index - 1, "Title")
                titled = True
            elif bullet:
                self._paragraph(_strip_unbalanced_stars(bullet.group(1)), index - 1, "List Bullet")
            elif _APPENDIX_RE.match(text):
                in_appendix = True
                self._paragraph(text, index - 1, "Heading 1")
            elif len(text) <= HEADING_MAX and THEME_RE.match(text) and not in_appendix:
                in_intro = False
                self._paragraph(text, index - 1, "Heading 1")
            elif len(text) <= HEADING_MAX and SECTION_RE.match(text) and not in_appendix:
                self._paragraph(text, index - 1, "Heading 2")
            elif len(text) <= 80 and AMBITION_RE.match(text) and not in_appendix:
                self._paragraph(text, index - 1, "Heading 3")
            elif _INTRO_HEADING_RE.match(text) and len(text) <= 80:
                in_intro = True
                self._paragraph(text, index - 1, "Heading 1")
            elif in_intro and len(text) <= 80 and text[-1] not in ".:;,!?" and not _SIGNED_RE.match(text):
                self._paragraph(text, index - 1, "Heading 2")
            else:
                self._paragraph(_strip_unbalanced_stars(text), index - 1)
        # A footnote whose marker was not found stays a line of text, as it was.
        for marker, (_, footnote) in list(self.pending.items()):
            self._paragraph(f"{marker} {footnote}", len(self.lines))
        self._write_footnotes_part()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_docx(text: str, path: Path) -> Path:
    """Write ``text`` (the text format) as a Word file at ``path``; returns ``path``."""
    writer = _Writer(text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n"))
    writer.write()
    path.parent.mkdir(parents=True, exist_ok=True)
    writer.document.save(str(path))
    return path


def _libreoffice(source: Path, outdir: Path, target: str, suffix: str) -> Path:
    """Convert with headless LibreOffice; a private profile per call so parallel test workers do not
    wait for (or break) each other's."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed: run `bash scripts/system-deps.sh test`.")
    outdir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.gettempdir()) / f"lo-{uuid.uuid4().hex}"
    try:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(outdir),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    result = outdir / f"{source.stem}{suffix}"
    if not result.exists():
        raise RuntimeError(f"LibreOffice made no {suffix} of {source}.")
    return result


def convert_to_pdf(docx: Path, outdir: Path) -> Path:
    """The PDF of ``docx`` made by headless LibreOffice in ``outdir``, as "Export as PDF" makes it."""
    return _libreoffice(docx, outdir, "pdf", ".pdf")


def resave_docx(docx: Path, outdir: Path) -> Path:
    """``docx`` opened and saved again as .docx by LibreOffice: the same document in another program's
    XML (its own footnote ids, complex fields, numbering and table properties)."""
    if outdir.resolve() == docx.parent.resolve():
        raise ValueError("Save into another folder: LibreOffice would overwrite the original.")
    return _libreoffice(docx, outdir, "docx:MS Word 2007 XML", ".docx")
