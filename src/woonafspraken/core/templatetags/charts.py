"""`{% chart some_chart %}`: the chart (vega-embed) with its data as an accessible table beside it."""

from __future__ import annotations

from typing import Any

from django import template

from woonafspraken.core.charts import Chart

register = template.Library()


@register.inclusion_tag("core/chart.html")
def chart(chart: Chart, heading_level: int = 3) -> dict[str, Any]:
    return {"chart": chart, "heading_level": heading_level, "spec_id": f"chart-spec-{chart.slug}"}
