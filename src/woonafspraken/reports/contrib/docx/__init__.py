"""Word through python-docx: title page, a contents field, page numbers, tables, charts as PNG."""

from __future__ import annotations

import io
from collections.abc import Callable

from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from woonafspraken.core.charts import Chart, chart_png, label_colours
from woonafspraken.core.demo import example_legend, example_mark
from woonafspraken.core.formatting import format_cell, format_date, format_number
from woonafspraken.core.reporting import ReportTable
from woonafspraken.core.verdicts import RULE
from woonafspraken.reports.contrib.shared import (
    column_widths,
    marked_table,
    show_findings_in_section,
    table_cells,
)
from woonafspraken.reports.document import KeyChart, Node, Report, ThemePage
from woonafspraken.reports.formats import ReportFormat, register_format

BLUE = RGBColor(0x15, 0x42, 0x73)
GREY = RGBColor(0x4A, 0x4A, 0x4A)
TEXT_WIDTH_CM = 16.6  # A4 minus 2.2 cm margins


def _field(paragraph: Paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC ...) with a result Word shows until it updates the field."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run._r.append(begin)
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    paragraph.add_run(placeholder)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def _styles(document: DocxDocument) -> None:
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    for level, size in ((1, 16), (2, 13), (3, 11.5), (4, 10.5)):
        style = document.styles[f"Heading {level}"]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.color.rgb = BLUE
        style.font.bold = True
    title = document.styles["Title"]
    title.font.name = "Arial"
    title.font.size = Pt(28)
    title.font.color.rgb = BLUE


def _repeat_header(table: Table) -> None:
    header = table.rows[0]._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    header.append(element)
    for row in table.rows:
        properties = row._tr.get_or_add_trPr()
        cant_split = OxmlElement("w:cantSplit")
        cant_split.set(qn("w:val"), "true")
        properties.append(cant_split)


def _shade(cell: _Cell, text: str) -> None:
    """An energy label's cell in the label's colour (``core.charts.label_colours``)."""
    colours = label_colours(text)
    if colours is None:
        return
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colours[0].lstrip("#"))
    cell._tc.get_or_add_tcPr().append(shading)
    for run in cell.paragraphs[0].runs:
        run.font.color.rgb = RGBColor.from_string(colours[1].lstrip("#").upper())


def _table(
    document: DocxDocument, title: str, columns: list[str], cells: list[list[str]], numeric: set[int]
) -> None:
    caption = document.add_paragraph(style="Caption")
    caption.add_run(title).bold = True
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Light Grid Accent 1"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    look = OxmlElement("w:tblLook")  # no bold first column: only the header row stands out
    look.set(qn("w:val"), "0420")
    look.set(qn("w:firstRow"), "1")
    look.set(qn("w:firstColumn"), "0")
    table._tbl.tblPr.append(look)
    widths = [Cm(TEXT_WIDTH_CM * share / 100) for share in column_widths(columns, cells)]
    for index, column in enumerate(columns):
        cell = table.rows[0].cells[index]
        cell.text = column
        for run in cell.paragraphs[0].runs:
            run.bold = True
            run.font.size = Pt(8.5)
        if index in numeric:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in cells or [[_("No data.")] + [""] * (len(columns) - 1)]:
        row_cells = table.add_row().cells
        for index, value in enumerate(row):
            row_cells[index].text = value
            paragraph = row_cells[index].paragraphs[0]
            for run in paragraph.runs:
                run.font.size = Pt(8.5)
            if index in numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                _shade(row_cells[index], value)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice reads
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width  # the cell widths Word reads
    _repeat_header(table)
    document.add_paragraph()


def _report_table(document: DocxDocument, table: ReportTable) -> None:
    columns, _rows = marked_table(table)
    _table(document, table.title, columns, table_cells(table), set(table.numeric_columns))
    if table.demo_rows:
        document.add_paragraph(example_legend()).runs[0].font.size = Pt(8)


def _chart(document: DocxDocument, chart: Chart) -> None:
    document.add_paragraph(chart.title, style="Heading 4")
    document.add_paragraph(chart.description)
    document.add_picture(io.BytesIO(chart_png(chart, width=640, height=260)), width=Cm(16))
    for note in chart.notes:
        document.add_paragraph(note).runs[0].font.size = Pt(8)
    numeric = {index for index, column in enumerate(chart.columns) if column.kind != "text"}
    cells = [[format_cell(value) for value in row] for row in chart.table_rows()]
    title = _("Figures for: %(title)s") % {"title": chart.title}
    _table(document, title, [c.label for c in chart.columns], cells, numeric)


def _title_page(document: DocxDocument, report: Report) -> None:
    for _blank in range(5):
        document.add_paragraph()
    municipality = document.add_paragraph()
    run = municipality.add_run(report.municipality)
    run.bold, run.font.size, run.font.color.rgb = True, Pt(14), BLUE
    document.add_paragraph(report.title, style="Title")
    subtitle = document.add_paragraph()
    subtitle.add_run(report.subtitle).font.size = Pt(13)
    document.add_paragraph()
    document.add_paragraph(report.covenant_title)
    for party in report.parties:
        document.add_paragraph(party).runs[0].font.color.rgb = GREY
    for note in report.notes:
        document.add_paragraph().add_run(note).italic = True
    document.add_paragraph()
    document.add_paragraph(
        _("Prepared on %(date)s with Woonafspraken.") % {"date": format_date(report.generated_on)}
    )


def _contents(document: DocxDocument, report: Report, nodes: list[Node], with_summary: bool) -> None:
    document.add_paragraph(_("Contents"), style="Heading 1")
    paragraph = document.add_paragraph()
    front = [theme.heading for theme in report.themes] + ([_("Key figures")] if report.key_charts else [])
    lines = ([_("Summary")] if with_summary else []) + front + [n.heading for n in nodes if n.level <= 2]
    # The field result lists the headings already; Word fills in the page numbers when it updates the field.
    _field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', "\n".join(lines))
    note = document.add_paragraph()
    run = note.add_run(
        _(
            "Page numbers in the contents: right-click and choose ‘Update field’ "
            "(Word asks for this when opening)."
        )
    )
    run.font.size = Pt(8)
    run.add_break(WD_BREAK.PAGE)


def _footer(document: DocxDocument, report: Report) -> None:
    section = document.sections[0]
    section.different_first_page_header_footer = True
    footer = section.footer.paragraphs[0]
    # "page 3 of 12": the two numbers are Word fields, so the sentence is split around them.
    before, between = _("page %(page)s of %(pages)s").split("%(page)s")
    between = between.replace("%(pages)s", "")
    footer.text = f"{report.title} · {report.municipality} · {before}"
    _field(footer, "PAGE", "1")
    footer.add_run(between)
    _field(footer, "NUMPAGES", "1")
    for run in footer.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = GREY


def _update_fields_on_open(document: DocxDocument) -> None:
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _rule(document: DocxDocument) -> None:
    document.add_paragraph(" ".join(str(sentence) for sentence in RULE)).runs[0].font.size = Pt(8)


def _page_break(document: DocxDocument) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _theme_page(document: DocxDocument, theme: ThemePage) -> None:
    _page_break(document)
    document.add_paragraph(theme.heading, style="Heading 1")
    document.add_paragraph(", ".join(f"{label}: {count}" for _verdict, label, count in theme.counts()))
    for line in theme.agreements:
        item = document.add_paragraph(style="List Bullet")
        item.paragraph_format.keep_with_next = bool(line.reason)
        item.add_run(f"{line.verdict_label}: ").bold = True
        item.add_run(f"{line.number} {line.subject}").bold = True
        if line.is_demo:
            item.add_run(f" ({example_mark()})").italic = True
        if line.reason:
            reason = document.add_paragraph(line.reason)
            reason.paragraph_format.left_indent = Cm(0.63)
            reason.runs[0].font.size = Pt(9)


def _key_chart(document: DocxDocument, key: KeyChart) -> None:
    _chart(document, key.chart)
    more = document.add_paragraph(_("More figures in %(section)s.") % {"section": key.section})
    more.runs[0].font.size = Pt(8)


def _front_part(document: DocxDocument, report: Report) -> None:
    """After the counts: what needs attention, a page per theme (the rule under the last), the key charts."""
    attention = report.attention()
    if attention:
        document.add_paragraph(_("What needs attention"), style="Heading 3")
        for finding in attention:
            item = document.add_paragraph(style="List Bullet")
            item.add_run(f"{finding.verdict_label}: ").bold = True
            item.add_run(finding.label)
            if finding.is_demo:
                item.add_run(f" ({example_mark()})").italic = True
    document.add_paragraph(_("Every agreement, with its state and the reason, follows on a page per theme."))
    for theme in report.themes:
        _theme_page(document, theme)
    _rule(document)
    if report.key_charts:
        _page_break(document)
        document.add_paragraph(_("Key figures"), style="Heading 1")
        for key in report.key_charts:
            _key_chart(document, key)


def render_docx(report: Report, progress: Callable[[str], None]) -> bytes:
    document = Document()
    _styles(document)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2.2)
    nodes = list(report.nodes())
    with_summary = report.kind != "jaarschijf" and report.summary.total > 0
    _title_page(document, report)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _contents(document, report, nodes, with_summary)
    if with_summary:
        document.add_paragraph(_("Summary"), style="Heading 1")
        document.add_paragraph(
            _(
                "Every agreement once, with its state on %(day)s: one verdict from all the evidence the "
                "system holds (activities, agreed targets, prescribed meetings, open knelpunten). The rule "
                "by which they are made follows the agreements."
            )
            % {"day": format_date(report.summary.on)}
        )
        _table(
            document,
            _("Assessments"),
            [_("Assessment"), _("Count")],
            [[label, format_number(count)] for _verdict, label, count in report.summary.rows()],
            {1},
        )
        if report.themes:
            _front_part(document, report)
        else:
            for verdict, label, count in report.summary.rows():
                if count:
                    document.add_paragraph(f"{label} ({count})", style="Heading 3")
                    for finding in report.summary.findings[verdict]:
                        item = document.add_paragraph(style="List Bullet")
                        item.add_run(f"{label}: ").bold = True
                        item.add_run(finding.label)
                        if finding.is_demo:
                            item.add_run(f" ({example_mark()})").italic = True
            _rule(document)
    for node in nodes:
        content = node.content
        if node.level == 1:
            _page_break(document)
        document.add_paragraph(node.heading, style=f"Heading {min(node.level, 4)}")
        for paragraph in content.paragraphs:
            document.add_paragraph(paragraph)
        if show_findings_in_section(content):
            for finding in content.findings:
                item = document.add_paragraph(style="List Bullet")
                item.add_run(f"{finding.verdict_label}: ").bold = True
                item.add_run(finding.label)
        for chart in content.charts:
            _chart(document, chart)
        for table in content.tables:
            _report_table(document, table)
        progress(node.number)
    _footer(document, report)
    _update_fields_on_open(document)
    properties = document.core_properties
    properties.title, properties.author, properties.subject = (
        report.title,
        report.municipality,
        report.covenant_title,
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


register_format(
    ReportFormat(
        name="docx",
        label="Word",
        extension="docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        kinds=frozenset({"monitor", "jaarschijf"}),
        render=render_docx,
    )
)
