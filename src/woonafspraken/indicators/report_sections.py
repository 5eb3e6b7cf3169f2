"""The indicators in the spring monitor and the dashboard: per theme a table, charts and verdicts for the year."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.agreements.models import Covenant
from woonafspraken.core.reporting import (
    Finding,
    ReportContent,
    ReportKind,
    ReportSection,
    ReportTable,
    register_report_section,
)
from woonafspraken.indicators import arithmetic as ar
from woonafspraken.indicators.presentation import (
    REPORT_VERDICTS,
    chart_for,
    describe,
    period_label,
    target_text,
    verdict_label,
    with_unit,
)
from woonafspraken.indicators.selectors import IndicatorFigures, covenant_indicators


def _judged_on(year: int) -> dt.date:
    """The report looks at the year as it stood at its end, or today while the year runs."""
    return min(dt.date(year + 1, 1, 1), timezone.localdate())


def _assessment_in(item: IndicatorFigures, year: int) -> ar.Assessment | None:
    found = [a for a in item.evaluation.assessments if a.period.year == year]
    return found[-1] if found else None


def _row(item: IndicatorFigures, year: int) -> list[object]:
    indicator = item.indicator
    assessment = _assessment_in(item, year)
    targets = (
        "; ".join(target_text(target, indicator) for target in item.targets if _applies(target, year)) or "–"
    )
    if assessment is None:
        values = [row for row in item.realised if row.period.year == year]
        shown = "–"
        if values:
            last = values[-1]
            shown = with_unit(
                sum(r.value for r in values if r.period == last.period)
                if indicator.combine == "sum"
                else last.value,
                indicator,
            )
            shown = f"{shown} ({last.period.key})"
        verdict = verdict_label(ar.Verdict.NO_DATA if not values else ar.Verdict.NO_TARGET)
        return [
            indicator.name,
            ", ".join(a.number for a in indicator.agreements.all()),
            shown,
            targets,
            verdict,
        ]
    value = assessment.running_total if assessment.kind is ar.TargetKind.CUMULATIVE else assessment.value
    text = with_unit(value, indicator)
    if assessment.subject:
        text = f"{text} ({assessment.subject})"
    if not assessment.complete:
        so_far = _("so far")
        text = f"{text}, {so_far}"
    return [
        indicator.name,
        ", ".join(a.number for a in indicator.agreements.all()),
        f"{text} – {period_label(assessment.period)}",
        targets,
        verdict_label(assessment.verdict),
    ]


def _applies(target: object, year: int) -> bool:
    first = getattr(target, "first_year", None)
    last = getattr(target, "last_year", None)
    return (first is None or first <= year) and (last is None or year <= last)


def build(covenant: Covenant, year: int, kind: ReportKind) -> ReportContent | None:
    figures = covenant_indicators(covenant, on=_judged_on(year))
    if not figures:
        return None
    groups: dict[int, list[IndicatorFigures]] = {}
    titles: dict[int, str] = {}
    for item in figures:
        number = item.indicator.theme.number if item.indicator.theme else 0
        groups.setdefault(number, []).append(item)
        titles[number] = item.indicator.theme.title if item.indicator.theme else _("Other indicators")
    columns = [_("Indicator"), _("Agreements"), _("Value"), _("Target"), _("Verdict")]
    subsections = []
    findings = []
    for number in sorted(groups):
        items = groups[number]
        table = ReportTable(
            title=_("Indicators of theme %(number)s – %(title)s")
            % {"number": number, "title": titles[number]},
            columns=columns,
            rows=[_row(item, year) for item in items],
        )
        theme_findings = []
        for item in items:
            assessment = _assessment_in(item, year)
            if assessment is None or not item.targets:
                continue
            agreements = [a.number for a in item.indicator.agreements.all()]
            theme_findings.append(
                Finding(
                    label=f"{', '.join(agreements)} {item.indicator.name}: {describe_for_year(item, assessment)}",
                    verdict=REPORT_VERDICTS[assessment.verdict],
                    agreement=agreements[0] if agreements else None,
                )
            )
        charts = []
        if kind == "monitor":
            for item in items:
                chart = chart_for(item, up_to_year=year, slug_prefix=f"rapport-{year}-")
                if chart is not None:
                    charts.append(chart)
        findings.extend(theme_findings)
        subsections.append(
            ReportContent(
                title=_("Theme %(number)s – %(title)s") % {"number": number, "title": titles[number]},
                tables=[table],
                charts=charts,
                findings=theme_findings,
            )
        )
    counts = {
        verdict: sum(1 for f in findings if f.verdict == verdict)
        for verdict in ("on_track", "attention", "behind")
    }
    summary = _(
        "Of the %(total)s indicators with a target and figures for %(year)s, %(on_track)s are on track, "
        "%(attention)s need attention and %(behind)s are behind."
    ) % {"total": len(findings), "year": year, **counts}
    # The findings sit in the theme subsections only: reports collect them from every level.
    return ReportContent(title=_("Indicators"), paragraphs=[summary], subsections=subsections)


def describe_for_year(item: IndicatorFigures, assessment: ar.Assessment) -> str:
    """The verdict sentence as it stood for this year (not the newest period)."""
    evaluation = ar.Evaluation(
        [a for a in item.evaluation.assessments if a.period.sort_key <= assessment.period.sort_key],
        item.evaluation.details,
        True,
    )
    return describe(
        IndicatorFigures(
            item.indicator, item.rows, evaluation, item.targets, item.balances, item.series_missing
        )
    )


register_report_section(
    ReportSection(name="indicators", order=30, kinds=frozenset({"monitor", "dashboard"}), build=build)
)
