"""The housing section of the spring monitor and the dashboard: tables, charts and target verdicts."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from woonafspraken.agreements.models import Covenant
from woonafspraken.core.charts import Chart
from woonafspraken.core.formatting import format_number
from woonafspraken.core.reporting import (
    Finding,
    ReportContent,
    ReportKind,
    ReportSection,
    ReportTable,
    register_report_section,
)
from woonafspraken.housing import presentation, selectors
from woonafspraken.housing.targets import TargetKind


def build(covenant: Covenant, year: int, kind: ReportKind) -> ReportContent | None:
    """What the figures say at the end of ``year``: stock, plan against realisation, verdicts."""
    figures = selectors.new_build_figures(covenant)
    targets = selectors.target_views(covenant, today=dt.date(year + 1, 1, 1), figures=figures)
    dates = [date for date in selectors.stock_dates(covenant) if date.year <= year]
    pipeline = selectors.pipeline_table(covenant)
    if not targets and not dates and not pipeline.blocks:
        return None
    findings = [
        Finding(label=line.text, verdict=line.verdict, agreement=line.agreement)
        for view in targets
        for line in view.lines
    ]
    social = next((view for view in targets if view.target.kind == TargetKind.SOCIAL_NEW_BUILD), None)
    target = float(social.target.value) if social else None
    charts: list[Chart] = []
    tables: list[ReportTable] = []
    paragraphs: list[str] = []
    planned = sum(item.planned for item in figures.social)
    if planned:
        paragraphs.append(
            _("In %(first)s-%(last)s the corporations together planned %(planned)s new social rented homes.")
            % {
                "first": figures.social[0].year,
                "last": figures.social[-1].year,
                "planned": format_number(planned),
            }
        )
        charts.append(
            presentation.new_build_chart(figures.social, target, title=_("New social rented homes per year"))
        )
    if figures.any_demo:
        paragraphs.append(_("Note: realised numbers marked 'voorbeeld' are made-up example figures."))
    if kind == "monitor":
        if planned:
            charts.append(presentation.cumulative_chart(figures.social, target))
        if dates:
            stock = selectors.stock_table(covenant, dates[0])
            tables.append(presentation.stock_report_table(stock))
            if stock.blocks:
                charts.append(presentation.stock_chart(stock, stock.blocks[-1]))
        if pipeline.blocks:
            tables.append(presentation.pipeline_report_table(pipeline))
        views = [view for view in selectors.lookahead(covenant) if view.rows]
        if views:
            charts.append(presentation.lookahead_chart(views[-1]))
    return ReportContent(
        title=_("Housing stock and new build"),
        paragraphs=paragraphs,
        tables=tables,
        charts=charts,
        findings=findings,
    )


register_report_section(
    ReportSection(name="housing", order=20, kinds=frozenset({"monitor", "dashboard"}), build=build)
)
