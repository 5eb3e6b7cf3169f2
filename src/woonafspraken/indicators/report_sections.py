"""The indicators in the spring monitor and the dashboard: per theme the figures and the targets on the date.

The monitor of year Y shows the state on 31 December Y (``core.verdicts.monitor_day``), the dashboard of
the running year the state today: only figures recorded by then count. Every target is shown with where it
comes from and what it says on that date (the same evidence the agreements' verdicts use); a national
reference is "for comparison". An agreement's status is not stated here: the report's summary takes it from
``core.verdicts.covenant_verdicts``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from woonafspraken.agreements.models import Covenant
from woonafspraken.core.charts import Chart
from woonafspraken.core.formatting import format_date
from woonafspraken.core.reporting import (
    ReportContent,
    ReportKind,
    ReportSection,
    ReportTable,
    register_report_section,
)
from woonafspraken.core.verdicts import JUDGING, OUTCOME_LABELS, Outcome, monitor_day
from woonafspraken.indicators.evidence import TargetFinding, findings_for
from woonafspraken.indicators.presentation import (
    SOURCE_KIND_LABELS,
    chart_for,
    latest_total,
    period_label,
    target_text,
)
from woonafspraken.indicators.selectors import IndicatorFigures, covenant_indicators


def judged_on(year: int) -> dt.date:
    """The report looks at the year as it stood at its end, or today while the year runs."""
    return min(monitor_day(year), timezone.localdate())


def _latest(item: IndicatorFigures, year: int) -> tuple[str, bool]:
    """The newest realised figure up to the year (the total, or each organisation's), and whether it is an
    example. The figures were read as the system held them on the report's date."""
    rows = [row for row in item.realised if row.period.year <= year]
    if not rows:
        return "–", False
    period, shown = latest_total(
        IndicatorFigures(
            item.indicator, rows, item.evaluation, item.targets, item.balances, item.series_missing
        )
    )
    if period is None:
        return "–", False
    demo = any(row.is_demo for row in rows if row.period == period)
    return f"{shown} ({period_label(period)})", demo


def _outcome_label(finding: TargetFinding) -> str:
    if finding.outcome is Outcome.INFO and finding.target.judges:
        return pgettext("indicator verdict", "Not judged")  # an agreed target that cannot judge on this date
    return capfirst(str(OUTCOME_LABELS[finding.outcome]))


def _outcome_cell(findings: list[TargetFinding]) -> str:
    judging = [finding.outcome for finding in findings if finding.outcome in JUDGING]
    if judging:
        order = {outcome: rank for rank, outcome in enumerate(JUDGING)}
        return capfirst(str(OUTCOME_LABELS[min(judging, key=order.__getitem__)]))
    if any(finding.outcome is Outcome.NO_DATA for finding in findings):
        return capfirst(str(OUTCOME_LABELS[Outcome.NO_DATA]))
    if findings and all(not finding.target.judges for finding in findings):
        return capfirst(str(OUTCOME_LABELS[Outcome.INFO]))
    return pgettext("indicator verdict", "Not judged")


def _summary(findings: list[TargetFinding], on: dt.date) -> str:
    agreed = [finding for finding in findings if finding.target.judges]
    references = [finding for finding in findings if not finding.target.judges]
    counts = Counter(finding.outcome for finding in agreed)
    parts = [
        f"{counts[outcome]} {OUTCOME_LABELS[outcome]}"
        for outcome in (*JUDGING, Outcome.NO_DATA)
        if counts[outcome]
    ]
    not_judged = counts[Outcome.INFO]
    text = ngettext(
        "On %(date)s the indicators have %(count)s target agreed in the covenant or a jaarschijf",
        "On %(date)s the indicators have %(count)s targets agreed in the covenant or a jaarschijf",
        len(agreed),
    ) % {"date": format_date(on), "count": len(agreed)}
    if parts:
        text = f"{text}: {', '.join(parts)}"
    text = f"{text}."
    if not_judged:
        text += " " + ngettext(
            "%(count)s of them cannot be judged on this date (a long-term ambition without an interim target, "
            "or figures that cannot be read as they stood then).",
            "%(count)s of them cannot be judged on this date (a long-term ambition without an interim target, "
            "or figures that cannot be read as they stood then).",
            not_judged,
        ) % {"count": not_judged}
    if references:
        text += " " + ngettext(
            "%(count)s national reference is shown for comparison; it does not judge.",
            "%(count)s national references are shown for comparison; they do not judge.",
            len(references),
        ) % {"count": len(references)}
    return text


def build(covenant: Covenant, year: int, kind: ReportKind) -> ReportContent | None:
    on = judged_on(year)
    figures = covenant_indicators(covenant, on=on, as_of=True)
    if not figures:
        return None
    findings = findings_for(figures, on)
    by_indicator: dict[int, list[TargetFinding]] = {}
    for finding in findings:
        by_indicator.setdefault(finding.figures.indicator.pk, []).append(finding)
    groups: dict[int, list[IndicatorFigures]] = {}
    titles: dict[int, str] = {}
    for item in figures:
        number = item.indicator.theme.number if item.indicator.theme else 0
        groups.setdefault(number, []).append(item)
        titles[number] = item.indicator.theme.title if item.indicator.theme else _("Other indicators")
    key = _key_indicators(figures, by_indicator) if kind == "monitor" else set()
    key_charts: list[Chart] = []
    columns = [_("Indicator"), _("Agreements"), _("Value"), _("Target"), _("Verdict")]
    target_columns = [_("Agreement"), _("Indicator"), _("Comes from"), _("Outcome"), _("Explanation")]
    subsections = []
    for number in sorted(groups):
        items = groups[number]
        rows: list[list[object]] = []
        demo_rows: set[int] = set()
        target_rows: list[list[object]] = []
        target_demo: set[int] = set()
        for item in items:
            indicator = item.indicator
            own = by_indicator.get(indicator.pk, [])
            value, demo = _latest(item, year)
            targets = "; ".join(
                target_text(target, indicator)
                + ("" if target.judges else f" ({SOURCE_KIND_LABELS[target.source_kind]})")
                for target in item.targets
                if _applies(target, year)
            )
            if demo:
                demo_rows.add(len(rows))
            rows.append(
                [
                    indicator.name,
                    ", ".join(a.number for a in indicator.agreements.all()),
                    value,
                    targets or "–",
                    _outcome_cell(own) if item.targets else pgettext("indicator verdict", "No target"),
                ]
            )
            for finding in own:
                if finding.is_demo:
                    target_demo.add(len(target_rows))
                target_rows.append(
                    [
                        ", ".join(finding.agreements),
                        indicator.name,
                        str(SOURCE_KIND_LABELS[finding.target.source_kind]),
                        _outcome_label(finding),
                        finding.text,
                    ]
                )
        tables = [
            ReportTable(
                title=_("Indicators of theme %(number)s – %(title)s")
                % {"number": number, "title": titles[number]},
                columns=columns,
                rows=rows,
                demo_rows=frozenset(demo_rows),
            )
        ]
        if target_rows:
            tables.append(
                ReportTable(
                    title=_("Targets of theme %(number)s on %(date)s")
                    % {"number": number, "date": format_date(on)},
                    columns=target_columns,
                    rows=target_rows,
                    demo_rows=frozenset(target_demo),
                )
            )
        charts: list[Chart] = []
        if kind == "monitor":
            for item in items:
                chart = chart_for(item, up_to_year=year, slug_prefix=f"rapport-{year}-")
                if chart is not None:
                    (key_charts if item.indicator.pk in key else charts).append(chart)
        subsections.append(
            ReportContent(
                title=_("Theme %(number)s – %(title)s") % {"number": number, "title": titles[number]},
                tables=tables,
                charts=charts,
            )
        )
    return ReportContent(
        title=_("Indicators"),
        paragraphs=[_summary(findings, on)],
        subsections=subsections,
        key_charts=key_charts,
    )


KEY_CHARTS = 1  # the front part of the monitor stays short: one chart of allocation or waiting time


def _key_indicators(
    figures: list[IndicatorFigures], by_indicator: dict[int, list[TargetFinding]]
) -> set[int]:
    """The indicators whose agreed target is behind or needs attention (the worst first, at most ``KEY_CHARTS``): their
    charts go to the front part of the monitor."""
    order = {outcome: rank for rank, outcome in enumerate(JUDGING)}
    worst: list[tuple[int, int]] = []
    for position, item in enumerate(figures):
        outcomes = [
            finding.outcome
            for finding in by_indicator.get(item.indicator.pk, [])
            if finding.target.judges and finding.outcome in (Outcome.BEHIND, Outcome.ATTENTION)
        ]
        if outcomes:
            worst.append((min(order[outcome] for outcome in outcomes) * 1000 + position, item.indicator.pk))
    return {pk for _rank, pk in sorted(worst)[:KEY_CHARTS]}


def _applies(target: object, year: int) -> bool:
    first = getattr(target, "first_year", None)
    last = getattr(target, "last_year", None)
    return (first is None or first <= year) and (last is None or year <= last)


register_report_section(
    ReportSection(name="indicators", order=30, kinds=frozenset({"monitor", "dashboard"}), build=build)
)
