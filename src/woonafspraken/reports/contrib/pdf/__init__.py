"""PDF through WeasyPrint from an HTML template: title page, contents, page numbers, charts as SVG."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from django.template.loader import render_to_string
from weasyprint import HTML  # type: ignore[import-untyped]

from woonafspraken.agreements.models import Covenant
from woonafspraken.core.charts import Chart, chart_svg, label_colours
from woonafspraken.core.demo import example_legend, example_mark
from woonafspraken.core.formatting import format_cell, format_date
from woonafspraken.core.reporting import ReportTable
from woonafspraken.core.verdicts import RULE
from woonafspraken.reports.contrib.shared import (
    column_widths,
    marked_table,
    show_findings_in_section,
    table_cells,
)
from woonafspraken.reports.document import Report
from woonafspraken.reports.formats import ReportFormat, register_format
from woonafspraken.reports.scoreboard import scoreboard_pdf


def _chart(chart: Chart, *, width: int = 640, height: int = 260) -> dict[str, Any]:
    svg = chart_svg(chart, width=width, height=height)
    return {
        "chart": chart,
        "src": "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii"),
        "columns": [(column.label, column.kind != "text") for column in chart.columns],
        # (text, numeric, inline style): an energy label's cell in the label's colour
        "rows": [
            [
                (format_cell(value), column.kind != "text", _label_style(value))
                for value, column in zip(row, chart.columns, strict=True)
            ]
            for row in chart.table_rows()
        ],
    }


def _label_style(value: object) -> str:
    colours = label_colours(value)
    return f"background:{colours[0]};color:{colours[1]}" if colours else ""


def _table(table: ReportTable) -> dict[str, Any]:
    columns, _rows = marked_table(table)
    cells = table_cells(table)
    return {
        "table": table,
        "columns": columns,
        "cells": cells,
        "numeric": table.numeric_columns,
        "widths": column_widths(columns, cells),
        "legend": example_legend() if table.demo_rows else "",
    }


def context(
    report: Report, progress: Callable[[str], None], *, chart_size: tuple[int, int] = (640, 260)
) -> dict[str, Any]:
    nodes = []
    for node in report.nodes():
        content = node.content
        nodes.append(
            {
                "node": node,
                "heading_level": min(node.level + 1, 6),
                "tables": [_table(table) for table in content.tables],
                "charts": [
                    _chart(chart, width=chart_size[0], height=chart_size[1]) for chart in content.charts
                ],
                "findings": list(content.findings) if show_findings_in_section(content) else [],
            }
        )
        progress(node.number)
    summary = [
        {"verdict": verdict, "label": label, "count": count, "findings": report.summary.findings[verdict]}
        for verdict, label, count in report.summary.rows()
    ]
    return {
        "report": report,
        "generated": format_date(report.generated_on),
        "nodes": nodes,
        "themes": report.themes,
        "key_charts": [
            {**_chart(key.chart, width=400, height=170), "section": key.section} for key in report.key_charts
        ],
        "attention": report.attention(),
        "summary": summary,
        "summary_day": format_date(report.summary.on),
        "rule": [str(sentence) for sentence in RULE],
        "demo_mark": example_mark(),
        "show_summary": report.kind != "jaarschijf" and report.summary.total > 0,
    }


def html_to_pdf(html: str) -> bytes:
    return bytes(HTML(string=html).write_pdf())


def render_dashboard(report: Report, progress: Callable[[str], None]) -> bytes:
    """The dashboard is the bestuurder's one page: the covenant's scoreboard on the report's day."""
    assert report.covenant_id is not None, "build_report sets the covenant"
    covenant = Covenant.objects.get(pk=report.covenant_id)
    progress("scoreboard")
    return scoreboard_pdf(covenant, report.summary.on)


def render_pdf(report: Report, progress: Callable[[str], None]) -> bytes:
    if report.kind == "dashboard":
        return render_dashboard(report, progress)
    return html_to_pdf(render_to_string("reports/pdf/report.html", context(report, progress)))


register_format(
    ReportFormat(
        name="pdf",
        label="PDF",
        extension="pdf",
        content_type="application/pdf",
        kinds=frozenset({"monitor", "jaarschijf", "dashboard"}),
        render=render_pdf,
    )
)
