"""The comparison as a Word redline: removed text struck through, new text underlined (real run
formatting, with a colour), per theme, with the lineage labels and the bod items answered.

Styles, fields and page breaks come from the monitor's Word format (``reports.contrib.docx``)."""

from __future__ import annotations

import datetime as dt
import io

from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from woonafspraken.core.demo import example_mark
from woonafspraken.core.formatting import format_date
from woonafspraken.core.writers import xml_safe
from woonafspraken.renewal.comparison import Comparison, Part, Row, ThemeRows, spaced
from woonafspraken.renewal.redline import Change, Segment
from woonafspraken.renewal.selectors.compare import PART_LABELS, row_label
from woonafspraken.reports.contrib.docx import (
    BLUE,
    GREY,
    _field,
    _page_break,
    _styles,
    _update_fields_on_open,
)

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
REMOVED_COLOUR = RGBColor(0xA3, 0x1C, 0x1C)
ADDED_COLOUR = RGBColor(0x0B, 0x5D, 0x2A)


def clean_text(text: str) -> str:
    """Text Word can hold: stored text may carry a pasted control character that XML refuses."""
    return str(xml_safe(text))


def _segments(paragraph: Paragraph, segments: tuple[Segment, ...], size: float | None = None) -> None:
    """Kept text plain, removed text struck through in red, added text underlined in green."""
    for segment in spaced(segments):
        run = paragraph.add_run(clean_text(segment.text))
        if size:
            run.font.size = Pt(size)
        if segment.change is Change.REMOVED:
            run.font.strike = True
            run.font.color.rgb = REMOVED_COLOUR
        elif segment.change is Change.ADDED:
            run.font.underline = True
            run.font.color.rgb = ADDED_COLOUR


def _whole(change: Change, text: str) -> tuple[Segment, ...]:
    return (Segment(change, text),) if text else ()


def _title_page(document: DocxDocument, comparison: Comparison, today: dt.date) -> None:
    for _blank in range(5):
        document.add_paragraph()
    municipality = document.add_paragraph()
    run = municipality.add_run(comparison.municipality)
    run.bold, run.font.size, run.font.color.rgb = True, Pt(14), BLUE
    document.add_paragraph(_("Comparison of the draft with the current covenant"), style="Title")
    for label, title in ((_("Draft"), comparison.new_title), (_("Current covenant"), comparison.old_title)):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(clean_text(title))
    if comparison.is_demo:
        note = document.add_paragraph().add_run(
            _("Holds made-up example data (%(mark)s), not real agreements.") % {"mark": example_mark()}
        )
        note.italic = True
    if comparison.filtered:
        document.add_paragraph().add_run(
            _("A selection: the filters of the comparison page apply.")
        ).italic = True
    document.add_paragraph()
    legend = document.add_paragraph(_("How to read it:") + " ")
    _segments(legend, _whole(Change.REMOVED, _("struck through")))
    legend.add_run(" " + _("is removed,") + " ")
    _segments(legend, _whole(Change.ADDED, _("underlined")))
    legend.add_run(" " + _("is added; the label after each number says where the agreement came from."))
    document.add_paragraph()
    document.add_paragraph(_("Prepared on %(date)s with Woonafspraken.") % {"date": format_date(today)})


def _row(document: DocxDocument, row: Row) -> None:
    heading = document.add_paragraph(style="Heading 3")
    heading.add_run(clean_text(f"{row.number} {row.subject}"))
    label = heading.add_run(clean_text(f"  ({row_label(row)})"))
    label.italic, label.bold, label.font.color.rgb = True, False, GREY
    heading.paragraph_format.keep_with_next = True
    if row.new is None:
        text: tuple[Segment, ...] = _whole(Change.REMOVED, row.old[0].text)
    elif not row.old:
        text = _whole(Change.ADDED, row.new.text)
    else:
        text = row.text
    for line in _lines(text):
        _segments(document.add_paragraph(), line)
    for part in row.parts:
        if part.part is Part.SUBJECT and (not part.changed or row.new is None or not row.old):
            continue  # the heading shows the subject
        if not part.old and not part.new:
            continue
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(0.5)
        paragraph.add_run(f"{PART_LABELS[part.part]}: ").bold = True
        segments = part.segments
        if row.new is None:
            segments = _whole(Change.REMOVED, part.old)
        elif not row.old:
            segments = _whole(Change.ADDED, part.new)
        _segments(paragraph, segments, size=9)
    for answered in row.bod:
        item = document.add_paragraph(style="List Bullet")
        item.add_run(_("Answers:") + " ").bold = True
        item.add_run(clean_text(answered.text))


def _lines(segments: tuple[Segment, ...]) -> list[tuple[Segment, ...]]:
    """The segments cut at line breaks, one Word paragraph a line (a merge joins its texts by lines)."""
    lines: list[list[Segment]] = [[]]
    for segment in segments:
        pieces = segment.text.split("\n")
        for index, piece in enumerate(pieces):
            if index:
                lines.append([])
            if piece:
                lines[-1].append(Segment(segment.change, piece))
    return [tuple(line) for line in lines if line]


def _theme(document: DocxDocument, theme: ThemeRows) -> None:
    _page_break(document)
    document.add_paragraph(f"{theme.number} – {clean_text(theme.title)}", style="Heading 1")
    if not theme.rows:
        document.add_paragraph(_("No changes in this theme."))
    for row in theme.rows:
        _row(document, row)
    if theme.new_topics:
        document.add_paragraph(_("Bod items on new topics"), style="Heading 3")
        for line in theme.new_topics:
            document.add_paragraph(clean_text(line.text), style="List Bullet")


def _footer(document: DocxDocument, comparison: Comparison) -> None:
    section = document.sections[0]
    section.different_first_page_header_footer = True
    footer = section.footer.paragraphs[0]
    footer.text = f"{_('Comparison')} · {clean_text(comparison.new_title)} · "
    _field(footer, "PAGE", "1")
    for run in footer.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = GREY


def comparison_docx(comparison: Comparison, today: dt.date) -> bytes:
    document = Document()
    _styles(document)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2.2)
    _title_page(document, comparison, today)
    for theme in comparison.themes:
        _theme(document, theme)
    if not comparison.themes:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_paragraph(_("No agreement matches these filters."))
    _footer(document, comparison)
    _update_fields_on_open(document)
    properties = document.core_properties
    properties.title = _("Comparison of the draft with the current covenant")
    properties.subject = clean_text(f"{comparison.new_title} / {comparison.old_title}")
    properties.author = comparison.municipality
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
