"""Excel through openpyxl, in the order of the PDF: the summary, the status per theme, the key charts' data,
then one sheet per table of the appendices (section tables and chart data)."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from woonafspraken.core.charts import Chart, label_colours
from woonafspraken.core.demo import example_legend, example_mark
from woonafspraken.core.formatting import format_cell, format_date
from woonafspraken.core.verdicts import RULE
from woonafspraken.reports.contrib.shared import marked_table
from woonafspraken.reports.document import Report
from woonafspraken.reports.formats import ReportFormat, register_format

HEADER_FILL = PatternFill("solid", fgColor="E6EEF7")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14, color="154273")
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# The one date style, "4 december 2026", in Dutch whatever the reader's Excel language (LCID 0413).
DATE_FORMAT = "[$-413]d mmmm yyyy"


def _sheet_name(title: str, taken: set[str]) -> str:
    base = _FORBIDDEN.sub("-", title).strip() or _("Table")
    name = base[:31]
    counter = 2
    while name.lower() in taken:
        suffix = f" ({counter})"
        name = base[: 31 - len(suffix)] + suffix
        counter += 1
    taken.add(name.lower())
    return name


def _value(value: Any) -> Any:
    """Numbers and dates stay numbers and dates in Excel; the rest becomes text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return pgettext("boolean cell", "yes") if value else pgettext("boolean cell", "no")
    if isinstance(value, int | float | Decimal | dt.date):
        return value
    return str(value)


def _write_table(sheet: Worksheet, start_row: int, columns: list[str], rows: list[list[Any]]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=start_row, column=index, value=column)
        cell.font, cell.fill = BOLD, HEADER_FILL
    for offset, row in enumerate(rows, start=1):
        for index, value in enumerate(row, start=1):
            cell = sheet.cell(row=start_row + offset, column=index, value=_value(value))
            colours = label_colours(value)
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            elif colours is not None:  # an energy label in the label's colour
                cell.fill = PatternFill("solid", fgColor=colours[0].lstrip("#").upper())
                cell.font = Font(color=colours[1].lstrip("#").upper())
            elif isinstance(value, float | Decimal) and not float(value).is_integer():
                cell.number_format = "#,##0.0#"
            elif isinstance(value, str) and len(value) > 60:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(columns, start=1):
        longest = max([len(column), *(len(format_cell(row[index - 1])) for row in rows if index <= len(row))])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(10, longest + 2), 70)
    sheet.freeze_panes = f"A{start_row + 1}"


def _mark(is_demo: bool) -> str:
    return example_mark() if is_demo else ""


def _chart_sheet(workbook: Workbook, chart: Chart, name: str, taken: set[str]) -> str:
    """A sheet with the figures behind a chart; returns its name."""
    sheet = workbook.create_sheet(_sheet_name(name, taken))
    sheet["A1"] = chart.title
    sheet["A1"].font = Font(bold=True, size=12, color="154273")
    sheet["A2"] = chart.description
    if chart.notes:
        sheet["A3"] = " ".join(chart.notes)
        sheet["A3"].font = Font(italic=True, color="7A4D00")
    _write_table(sheet, 4, [c.label for c in chart.columns], chart.table_rows())
    return str(sheet.title)


def render_xlsx(report: Report, progress: Callable[[str], None]) -> bytes:
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = _("Summary")
    taken = {summary.title.lower()}
    summary["A1"] = report.title
    summary["A1"].font = TITLE
    summary["A2"] = _("%(covenant)s · prepared on %(date)s") % {
        "covenant": report.covenant_title,
        "date": format_date(report.generated_on),
    }
    row = 3
    for note in report.notes:
        summary.cell(row=row, column=1, value=note).font = Font(italic=True, color="7A4D00")
        row += 1
    row += 1
    for index, header in enumerate([_("Assessment"), _("Count")], start=1):
        cell = summary.cell(row=row, column=index, value=header)
        cell.font, cell.fill = BOLD, HEADER_FILL
    for _verdict, label, count in report.summary.rows():
        row += 1
        summary.cell(row=row, column=1, value=label)
        summary.cell(row=row, column=2, value=count)
    row += 2
    summary.cell(row=row, column=1, value=_("State on %(day)s") % {"day": format_date(report.summary.on)})
    summary.cell(row=row, column=1).font = BOLD
    row += 1
    headers = [_("Assessment"), _("Finding"), _("Agreement"), example_mark().capitalize()]
    for index, header in enumerate(headers, start=1):
        cell = summary.cell(row=row, column=index, value=header)
        cell.font, cell.fill = BOLD, HEADER_FILL
    for verdict, label, _count in report.summary.rows():
        for finding in report.summary.findings[verdict]:
            row += 1
            summary.cell(row=row, column=1, value=label)
            summary.cell(row=row, column=2, value=finding.label).alignment = Alignment(
                wrap_text=True, vertical="top"
            )
            summary.cell(row=row, column=3, value=finding.agreement)
            summary.cell(row=row, column=4, value=example_mark() if finding.is_demo else "")
    row += 2
    summary.cell(row=row, column=1, value=" ".join(str(sentence) for sentence in RULE)).alignment = Alignment(
        wrap_text=False
    )
    summary.column_dimensions["A"].width = 24
    summary.column_dimensions["B"].width = 90
    summary.column_dimensions["C"].width = 12

    contents = workbook.create_sheet(_("Contents"), 1)
    taken.add(contents.title.lower())
    index_columns = [_("Sheet"), _("Part"), _("Table")]
    _write_table(contents, 1, index_columns, [])
    index_rows: list[list[Any]] = []
    if report.themes:
        themes = workbook.create_sheet(_sheet_name(_("Status per theme"), taken))
        themes["A1"] = _("State on %(day)s") % {"day": format_date(report.summary.on)}
        themes["A1"].font = Font(bold=True, size=12, color="154273")
        theme_rows = [
            [theme.heading, line.number, line.subject, line.verdict_label, line.reason, _mark(line.is_demo)]
            for theme in report.themes
            for line in theme.agreements
        ]
        theme_columns = [_("Theme"), _("Agreement"), _("Subject"), _("Assessment"), _("Reason")]
        _write_table(themes, 3, [*theme_columns, example_mark().capitalize()], theme_rows)
        index_rows.append([themes.title, _("Summary"), _("Status per theme")])
    for key in report.key_charts:
        name = _chart_sheet(workbook, key.chart, key.chart.title, taken)
        index_rows.append(
            [name, _("Key figures"), _("Figures for chart: %(title)s") % {"title": key.chart.title}]
        )
    for node in report.nodes():
        for table in node.content.tables:
            sheet = workbook.create_sheet(_sheet_name(f"{node.number} {table.title}", taken))
            sheet["A1"] = table.title
            sheet["A1"].font = Font(bold=True, size=12, color="154273")
            sheet["A2"] = node.heading
            if table.demo_rows:
                sheet["A3"] = example_legend()
                sheet["A3"].font = Font(italic=True, color="7A4D00")
            _write_table(sheet, 4, *marked_table(table))
            index_rows.append([sheet.title, node.heading, table.title])
        for chart in node.content.charts:
            name = _chart_sheet(workbook, chart, f"{node.number} {chart.title}", taken)
            index_rows.append(
                [name, node.heading, _("Figures for chart: %(title)s") % {"title": chart.title}]
            )
        progress(node.number)
    _write_table(contents, 1, index_columns, index_rows)
    workbook.properties.title = report.title
    workbook.properties.creator = "Woonafspraken"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


register_format(
    ReportFormat(
        name="xlsx",
        label="Excel",
        extension="xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        kinds=frozenset({"monitor", "jaarschijf"}),
        render=render_xlsx,
    )
)
