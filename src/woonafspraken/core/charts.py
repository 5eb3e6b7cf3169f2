"""One Vega-Lite spec per chart, shown in the browser (vega-embed) and rendered to SVG for PDF/Word.

Every chart carries the rows behind it, so pages and reports show the same data as an accessible table.
The spec is built here without data; ``full_spec`` adds the rows, so the web and the reports use the
very same spec.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any

import vl_convert

from woonafspraken.core.demo import example_legend, example_mark
from woonafspraken.core.formatting import MONTH_NAMES

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
# Dutch number and date formats for the charts (d3-format / d3-time-format locales).
FORMAT_LOCALE = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]}
TIME_FORMAT_LOCALE = {
    "dateTime": "%a %e %B %Y %X",
    "date": "%-d %B %Y",  # 4 december 2026, as core.formatting.format_date
    "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
    "shortDays": ["zo", "ma", "di", "wo", "do", "vr", "za"],
    "months": list(MONTH_NAMES),
    "shortMonths": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
}
# Colours with at least 3:1 contrast against white (WCAG 1.4.11 non-text contrast).
PALETTE = ["#154273", "#a4001f", "#00775a", "#7a4d00", "#5a3d8a", "#4a4a4a"]


@dataclass(frozen=True)
class Column:
    field: str
    label: str  # Dutch column header of the data table
    kind: str = "text"  # "text", "integer", "decimal", "percent"


@dataclass(frozen=True)
class Chart:
    """A chart and the table behind it. ``spec`` is Vega-Lite without ``data``."""

    slug: str  # unique on a page; used for element ids
    title: str
    description: str  # one or two sentences that say what the chart shows (also the SVG's alt text)
    spec: dict[str, Any]
    rows: list[dict[str, Any]]
    columns: list[Column]
    notes: list[str] = field(default_factory=list)

    def full_spec(self, *, width: int | str = "container", height: int = 260) -> dict[str, Any]:
        spec = copy.deepcopy(self.spec)
        spec.setdefault("$schema", SCHEMA)
        spec["data"] = {"values": self.rows}
        spec.setdefault("width", width)
        spec.setdefault("height", height)
        config = spec.setdefault("config", {})
        config.setdefault("range", {}).setdefault("category", PALETTE)
        config.setdefault("font", "sans-serif")
        config.setdefault("axis", {}).update({"labelFontSize": 12, "titleFontSize": 12})
        config.setdefault("legend", {}).update({"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"})
        return spec

    def spec_json(self) -> str:
        return json.dumps(self.full_spec(), ensure_ascii=False)

    def table_rows(self) -> list[list[Any]]:
        return [[row.get(column.field) for column in self.columns] for row in self.rows]


def mark_examples(chart: Chart, flags: list[bool]) -> Chart:
    """The chart with its example rows marked: a last table column ("voorbeeld") and a legend note.

    ``flags`` says per row of ``chart.rows`` whether it holds example data; without any, the chart is
    returned as it is. The drawing is unchanged; the table behind it (page, PDF, Word, Excel) shows the mark.
    """
    if not any(flags):
        return chart
    mark = example_mark()
    rows = [{**row, DEMO_FIELD: mark if flag else ""} for row, flag in zip(chart.rows, flags, strict=True)]
    return dataclasses.replace(
        chart,
        rows=rows,
        columns=[*chart.columns, Column(DEMO_FIELD, mark.capitalize())],
        notes=[*chart.notes, example_legend()],
    )


DEMO_FIELD = "voorbeeld"


def chart_svg(chart: Chart, *, width: int = 640, height: int = 280) -> str:
    """Render the chart to SVG offline (vl-convert bundles Vega); used by PDF and Word reports."""
    return str(
        vl_convert.vegalite_to_svg(
            chart.full_spec(width=width, height=height),
            format_locale=FORMAT_LOCALE,
            time_format_locale=TIME_FORMAT_LOCALE,
        )
    )


def chart_png(chart: Chart, *, width: int = 640, height: int = 280, scale: float = 2) -> bytes:
    """PNG for Word documents (python-docx cannot embed SVG)."""
    return bytes(
        vl_convert.vegalite_to_png(
            chart.full_spec(width=width, height=height),
            scale=scale,
            format_locale=FORMAT_LOCALE,
            time_format_locale=TIME_FORMAT_LOCALE,
        )
    )


def line_chart(
    *,
    slug: str,
    title: str,
    description: str,
    rows: list[dict[str, Any]],
    x: Column,
    y: Column,
    series: Column | None = None,
    target_field: str | None = None,
    y_title: str | None = None,
) -> Chart:
    """A time series, optionally per series and with a dashed target line."""
    encoding: dict[str, Any] = {
        "x": {"field": x.field, "type": "ordinal", "title": x.label, "axis": {"labelAngle": 0}},
        "y": {"field": y.field, "type": "quantitative", "title": y_title or y.label},
    }
    if series:
        encoding["color"] = {"field": series.field, "type": "nominal", "title": series.label}
    layers: list[dict[str, Any]] = [{"mark": {"type": "line", "point": True}, "encoding": encoding}]
    columns = [x, *([series] if series else []), y]
    if target_field:
        layers.append(
            {
                "mark": {"type": "line", "strokeDash": [6, 4], "color": "#a4001f"},
                "encoding": {
                    "x": encoding["x"],
                    "y": {"field": target_field, "type": "quantitative"},
                },
            }
        )
        columns.append(Column(target_field, "Doel", y.kind))
    return Chart(slug, title, description, {"layer": layers}, rows, columns)


def bar_chart(
    *,
    slug: str,
    title: str,
    description: str,
    rows: list[dict[str, Any]],
    x: Column,
    y: Column,
    series: Column | None = None,
    stacked: bool = True,
    target_field: str | None = None,
) -> Chart:
    """Bars per category, optionally stacked or grouped per series, with an optional target rule."""
    encoding: dict[str, Any] = {
        "x": {"field": x.field, "type": "ordinal", "title": x.label, "axis": {"labelAngle": 0}},
        "y": {
            "field": y.field,
            "type": "quantitative",
            "title": y.label,
            "stack": "zero" if stacked else None,
        },
    }
    if series:
        encoding["color"] = {"field": series.field, "type": "nominal", "title": series.label}
        if not stacked:
            encoding["xOffset"] = {"field": series.field}
    layers: list[dict[str, Any]] = [{"mark": "bar", "encoding": encoding}]
    columns = [x, *([series] if series else []), y]
    if target_field:
        layers.append(
            {
                "mark": {"type": "rule", "strokeDash": [6, 4], "color": "#a4001f", "size": 2},
                "encoding": {"y": {"aggregate": "max", "field": target_field, "type": "quantitative"}},
            }
        )
        columns.append(Column(target_field, "Doel", y.kind))
    return Chart(slug, title, description, {"layer": layers}, rows, columns)
