"""The housing section of the spring monitor and the dashboard: tables, charts and what the figures say.

The section states no agreement status of its own: the summary of a report takes every agreement's
status from ``core.verdicts.covenant_verdicts``; the table of housing targets here shows that status
beside what each target's figures say (worded with ``OUTCOME_LABELS``).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.agreements.models import Covenant
from woonafspraken.core.charts import Chart
from woonafspraken.core.formatting import format_date, format_number
from woonafspraken.core.reporting import (
    ReportContent,
    ReportKind,
    ReportSection,
    ReportTable,
    register_report_section,
)
from woonafspraken.core.verdicts import monitor_day
from woonafspraken.housing import presentation, selectors
from woonafspraken.housing.domain import latest_complete, newer_partial
from woonafspraken.housing.evidence import ended_until
from woonafspraken.housing.selectors.evidence import HousingVerdict


def judged_on(year: int, kind: ReportKind) -> dt.date:
    """The monitor of a year is the state on 31 December; the dashboard of the running year is today."""
    return monitor_day(year) if kind == "monitor" else min(monitor_day(year), timezone.localdate())


def targets_table(agreements: list[HousingVerdict], on: dt.date) -> ReportTable:
    rows: list[list[object]] = []
    demo_rows: set[int] = set()
    for agreement in agreements:
        for index, item in enumerate(agreement.items):
            if item.is_demo:
                demo_rows.add(len(rows))
            rows.append(
                [
                    agreement.number if index == 0 else "",
                    agreement.verdict.label if index == 0 else "",
                    item.outcome_label,
                    item.text,
                    item.source,
                ]
            )
    return ReportTable(
        title=_("Housing targets on %(date)s") % {"date": format_date(on)},
        columns=[
            _("Agreement"),
            _("Status of the agreement"),
            _("Figures"),
            _("What the figures say"),
            _("Source"),
        ],
        rows=rows,
        demo_rows=frozenset(demo_rows),
    )


def build(covenant: Covenant, year: int, kind: ReportKind) -> ReportContent | None:
    """What the figures say at the end of ``year`` (the dashboard: today): targets, stock, plan and realisation."""
    on = judged_on(year, kind)
    figures = selectors.new_build_figures(covenant, on=on)
    agreements = selectors.housing_agreements(covenant, on)
    deliveries = [delivery for delivery in selectors.stock_deliveries(covenant, on=on) if delivery.date <= on]
    pipeline = selectors.pipeline_table(covenant)
    if not agreements and not deliveries and not pipeline.blocks:
        return None
    target = selectors.social_target_value(covenant)
    until_year = ended_until(on.year, on.month, on.day)
    charts: list[Chart] = []
    key_charts: list[Chart] = []
    tables: list[ReportTable] = []
    paragraphs: list[str] = []
    if agreements:
        tables.append(targets_table(agreements, on))
    planned = sum(item.planned for item in figures.social)
    if planned:
        paragraphs.append(
            _(
                "In %(first)s-%(last)s the corporations together planned %(planned)s new social rented homes "
                "(a plan, not a realisation)."
            )
            % {
                "first": figures.social[0].year,
                "last": figures.social[-1].year,
                "planned": format_number(planned),
            }
        )
        # New build against the agreement is a key chart: the monitor shows it in its front part.
        (key_charts if kind == "monitor" else charts).append(
            presentation.new_build_chart(
                figures.social, target, title=_("New social rented homes per year"), until_year=until_year
            )
        )
    if figures.any_demo:
        paragraphs.append(_("Note: realised numbers marked 'voorbeeld' are made-up example figures."))
    if kind == "monitor":
        if planned:
            charts.append(presentation.cumulative_chart(figures.social, target))
        complete = latest_complete(deliveries)
        for delivery in newer_partial(deliveries):
            paragraphs.append(
                _("Stock on %(date)s: not yet delivered by %(names)s.")
                % {"date": format_date(delivery.date), "names": delivery.missing_text}
            )
        shown = complete or (deliveries[0] if deliveries else None)
        if shown is not None:
            stock = selectors.stock_table(covenant, shown.date)
            tables.append(presentation.stock_report_table(stock))
            if stock.blocks:
                key_charts.append(presentation.stock_chart(stock, stock.blocks[-1]))
        if pipeline.blocks:
            tables.append(presentation.pipeline_report_table(pipeline))
        views = [
            view
            for view in selectors.lookahead(covenant, until=complete.date if complete else None)
            if view.rows
        ]
        if views:
            charts.append(presentation.lookahead_chart(views[-1]))
            if views[-1].problem:
                paragraphs.append(views[-1].problem)
    return ReportContent(
        title=_("Housing stock and new build"),
        paragraphs=paragraphs,
        tables=tables,
        charts=charts,
        key_charts=key_charts,
    )


register_report_section(
    ReportSection(name="housing", order=20, kinds=frozenset({"monitor", "dashboard"}), build=build)
)
