"""One Vega-Lite spec per chart, shown in the browser (vega-embed) and rendered to SVG for PDF/Word.

Every chart carries the rows behind it, so pages and reports show the same data as an accessible table.
The spec is built here without data; ``full_spec`` adds the rows, so the web and the reports use the
very same spec.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re
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

# The energy label's own colours, as on the EU label: dark green (A++++ ... A) through light green, yellow and
# orange to red (G). The one mapping for every chart and table that shows energy labels.
ENERGY_LABEL_COLOURS: dict[str, str] = {
    "A++++": "#004d25",
    "A+++": "#005f2d",
    "A++": "#007035",
    "A+": "#00823e",
    "A": "#009a49",
    "B": "#52b848",
    "C": "#bdd62e",
    "D": "#fff200",
    "E": "#fdb913",
    "F": "#f37021",
    "G": "#e30613",
}
DARK_TEXT, LIGHT_TEXT = "#1a1a1a", "#ffffff"


def _luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def label_colours(value: object) -> tuple[str, str] | None:
    """Background and text colour for an energy label ("B"), or None for anything else. The text colour is
    the one of dark and white that contrasts most: dark on the light greens, yellow and orange."""
    background = ENERGY_LABEL_COLOURS.get(str(value).strip()) if isinstance(value, str) else None
    if background is None:
        return None
    text = max((DARK_TEXT, LIGHT_TEXT), key=lambda colour: contrast_ratio(colour, background))
    return background, text


def _energy_label_scale(rows: list[dict[str, Any]], field_name: str) -> dict[str, Any] | None:
    """A colour scale in the label colours when every series of the chart is an energy label."""
    values = {str(row.get(field_name)) for row in rows}
    if not values or not values <= ENERGY_LABEL_COLOURS.keys():
        return None
    domain = [label for label in ENERGY_LABEL_COLOURS if label in values]
    return {"domain": domain, "range": [ENERGY_LABEL_COLOURS[label] for label in domain]}


WRAP_AFTER = 10  # category labels longer than this are slanted

# Periods of a year as the indicators key them: "2022-K1" (quarter), "2022-H2" (half year).
PART_OF_YEAR = re.compile(r"^(\d{4})-[KH]\d$")


def _x_axis(rows: list[dict[str, Any]], x: Column) -> dict[str, Any]:
    """The x encoding. Quarters and half years get a tick each but only their year as a label, written
    under the year's first period: "2022-K12022-K2..." side by side would overlap."""
    encoding: dict[str, Any] = {
        "field": x.field,
        "type": "ordinal",
        "title": x.label,
        "axis": {"labelAngle": 0, "labelOverlap": "greedy", "labelSeparation": 6},
    }
    values = [str(row.get(x.field)) for row in rows]
    matches = [PART_OF_YEAR.match(value) for value in values]
    if not values or not all(matches):
        if any(len(value) > WRAP_AFTER for value in values):  # slanted, long labels stay apart
            encoding["axis"].update(
                {"labelAngle": -30, "labelAlign": "right", "labelBaseline": "top", "labelOverlap": False}
            )
        return encoding
    firsts: dict[str, str] = {}
    for value in sorted(set(values)):
        firsts.setdefault(value[:4], value)
    encoding["sort"] = "ascending"
    encoding["axis"] = {
        "labelAngle": 0,
        "labelAlign": "left",
        "labelOverlap": False,  # the years never overlap; hiding one would hide a year
        "labelExpr": "indexof(" + json.dumps(sorted(firsts.values())) + ", datum.value) >= 0"
        " ? slice(datum.value, 0, 4) : ''",
        "ticks": True,
        "tickSize": 5,
    }
    return encoding


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


# The font of the PDF and Word reports: the chart is measured and drawn in the same font, so its labels,
# measured by vl-convert, do not run into each other when WeasyPrint draws them.
REPORT_FONT = "Liberation Sans"


def _report_spec(chart: Chart, width: int, height: int) -> dict[str, Any]:
    spec = chart.full_spec(width=width, height=height)
    spec["config"]["font"] = REPORT_FONT
    return spec


def chart_svg(chart: Chart, *, width: int = 640, height: int = 280) -> str:
    """Render the chart to SVG offline (vl-convert bundles Vega); used by PDF and Word reports."""
    return str(
        vl_convert.vegalite_to_svg(
            _report_spec(chart, width, height),
            format_locale=FORMAT_LOCALE,
            time_format_locale=TIME_FORMAT_LOCALE,
        )
    )


def chart_png(chart: Chart, *, width: int = 640, height: int = 280, scale: float = 2) -> bytes:
    """PNG for Word documents (python-docx cannot embed SVG)."""
    return bytes(
        vl_convert.vegalite_to_png(
            _report_spec(chart, width, height),
            scale=scale,
            format_locale=FORMAT_LOCALE,
            time_format_locale=TIME_FORMAT_LOCALE,
        )
    )


def _axis_title(title: str, width: int = 30) -> str | list[str]:
    """A long axis title on two lines: Vega cuts a title off at the length of its axis."""
    if len(title) <= width or " " not in title:
        return title
    middle = len(title) // 2
    spaces = [index for index, char in enumerate(title) if char == " "]
    cut = min(spaces, key=lambda index: abs(index - middle))
    return [title[:cut], title[cut + 1 :]]


def _colour(rows: list[dict[str, Any]], series: Column) -> dict[str, Any]:
    colour: dict[str, Any] = {"field": series.field, "type": "nominal", "title": series.label}
    scale = _energy_label_scale(rows, series.field)
    if scale is not None:
        colour["scale"] = scale
    return colour


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
        "x": _x_axis(rows, x),
        "y": {"field": y.field, "type": "quantitative", "title": _axis_title(y_title or y.label)},
    }
    if series:
        encoding["color"] = _colour(rows, series)
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
        "x": _x_axis(rows, x),
        "y": {
            "field": y.field,
            "type": "quantitative",
            "title": _axis_title(y.label),
            "stack": "zero" if stacked else None,
        },
    }
    mark: dict[str, Any] = {"type": "bar"}
    if series:
        encoding["color"] = _colour(rows, series)
        if "scale" in encoding["color"]:  # label colours: a thin edge keeps yellow next to white visible
            mark.update({"stroke": DARK_TEXT, "strokeWidth": 0.5})
        if not stacked:
            encoding["xOffset"] = {"field": series.field}
    layers: list[dict[str, Any]] = [{"mark": mark, "encoding": encoding}]
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
