"""How indicators read for people: plain verdicts, targets in words, Dutch numbers, and the charts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from woonafspraken.agreements.models import Covenant
from woonafspraken.core.charts import Chart, Column, bar_chart, line_chart, mark_examples
from woonafspraken.core.formatting import format_number
from woonafspraken.core.verdicts import (
    OUTCOME_LABELS,
    STATUS_CSS,
    STATUS_LABELS,
    STATUS_ORDER,
    Outcome,
    covenant_verdicts,
)
from woonafspraken.indicators import arithmetic as ar
from woonafspraken.indicators.constants import (
    DIMENSION_VALUES,
    Combine,
    Direction,
    TargetKind,
    TargetSourceKind,
    Unit,
)
from woonafspraken.indicators.models import Indicator, Target
from woonafspraken.indicators.selectors import IndicatorFigures

# An indicator's own verdict is worded as a piece of evidence (core.verdicts.OUTCOME_LABELS), never as an
# agreement's status; "no target" is not an outcome: nothing is judged.
VERDICT_OUTCOMES = {
    ar.Verdict.ON_TRACK: Outcome.ON_TRACK,
    ar.Verdict.ATTENTION: Outcome.ATTENTION,
    ar.Verdict.BEHIND: Outcome.BEHIND,
    ar.Verdict.NO_DATA: Outcome.NO_DATA,
}
NO_TARGET_LABEL = pgettext_lazy("indicator verdict", "No target")
VERDICT_CSS = {
    ar.Verdict.ON_TRACK: "app-verdict--on-track",
    ar.Verdict.ATTENTION: "app-verdict--attention",
    ar.Verdict.BEHIND: "app-verdict--behind",
}
SOURCE_KIND_LABELS: dict[str, str | Promise] = {
    TargetSourceKind.AGREEMENT: pgettext_lazy("target source", "agreement"),
    TargetSourceKind.ANNUAL_PLAN: pgettext_lazy("target source", "jaarschijf"),
    TargetSourceKind.REFERENCE: pgettext_lazy("target source", "for comparison"),
}


def verdict_label(verdict: ar.Verdict) -> str:
    outcome = VERDICT_OUTCOMES.get(verdict)
    return capfirst(str(OUTCOME_LABELS[outcome])) if outcome is not None else str(NO_TARGET_LABEL)


def verdict_outcome(verdict: ar.Verdict) -> Outcome:
    """The indicator's verdict as a piece of evidence: without a target nothing is judged (INFO)."""
    return VERDICT_OUTCOMES.get(verdict, Outcome.INFO)


def period_label(period: ar.Period) -> str:
    if period.kind is ar.PeriodKind.QUARTER:
        return _("quarter %(n)s of %(year)s") % {"n": period.index, "year": period.year}
    if period.kind is ar.PeriodKind.HALF_YEAR:
        return _("half year %(n)s of %(year)s") % {"n": period.index, "year": period.year}
    return str(period.year)


def period_phrase(period: ar.Period) -> str:
    """'in the 4th quarter of 2025' for sentences."""
    if period.kind is ar.PeriodKind.QUARTER:
        return _("in quarter %(n)s of %(year)s") % {"n": period.index, "year": period.year}
    if period.kind is ar.PeriodKind.HALF_YEAR:
        return _("in half year %(n)s of %(year)s") % {"n": period.index, "year": period.year}
    return _("in %(year)s") % {"year": period.year}


def number(value: float | None, decimals: int) -> str:
    if value is None:
        return "–"
    return format_number(value, decimals)


def with_unit(value: float | None, indicator: Indicator, decimals: int | None = None) -> str:
    """A value in the indicator's unit, in Dutch notation: '15,0%', '2,4 jaar', '80 woningen'."""
    shown = number(value, indicator.decimals if decimals is None else decimals)
    if value is None:
        return shown
    unit = indicator.unit
    if unit == Unit.PERCENT:
        return f"{shown}%"
    if unit == Unit.YEARS:
        return _("%(value)s years") % {"value": shown}
    if unit == Unit.HOMES:
        return _("%(value)s homes") % {"value": shown}
    if unit == Unit.PERSONS:
        return _("%(value)s persons") % {"value": shown}
    if unit == Unit.KWH_PER_M2:
        return f"{shown} kWh/m²"
    return shown


def dimension_label(indicator: Indicator, value: str) -> str:
    return dict(DIMENSION_VALUES.get(indicator.dimension, [])).get(value, value)


def target_text(target: Target, indicator: Indicator) -> str:
    """The target in words: 'at most 15% (each corporation)', 'benchmark 2.4 years', ..."""
    value = float(target.value)
    shown = with_unit(value, indicator, _decimals(value))
    kind = target.kind
    if kind == TargetKind.BENCHMARK:
        text = _("benchmark %(value)s") % {"value": shown}
    elif kind == TargetKind.CUMULATIVE:
        text = _("on average %(value)s per %(period)s, counted together from %(year)s") % {
            "value": shown,
            "period": _period_word(target.period or indicator.period),
            "year": target.first_year or indicator.covenant.start_date.year,
        }
    elif kind == TargetKind.BAND:
        upper = with_unit(float(target.upper or 0), indicator, _decimals(float(target.upper or 0)))
        if target.goal_year and target.baseline_year:
            text = _("%(lower)s to %(upper)s in %(goal)s compared with %(baseline)s") % {
                "lower": shown,
                "upper": upper,
                "goal": target.goal_year,
                "baseline": target.baseline_year,
            }
        elif target.goal_year:
            text = _("%(lower)s to %(upper)s in %(goal)s") % {
                "lower": shown,
                "upper": upper,
                "goal": target.goal_year,
            }
        else:
            text = _("between %(lower)s and %(upper)s") % {"lower": shown, "upper": upper}
    elif kind == TargetKind.BACKLOG:
        text = _("no backlog at the end of the half year; a backlog is carried into the next half year")
    elif indicator.direction == Direction.LOWER_IS_BETTER:
        text = _("at most %(value)s") % {"value": shown}
    else:
        text = _("at least %(value)s") % {"value": shown}
    years = _years_text(target)
    if years:
        text = f"{text} ({years})"
    if target.applies_to == "each":
        text = _("%(text)s, for each corporation") % {"text": text}
    return text


def _decimals(value: float) -> int:
    return 0 if float(value).is_integer() else 1


def _period_word(kind: str) -> str:
    return {"quarter": _("quarter"), "half_year": _("half year"), "year": _("year")}[kind]


def _years_text(target: Target) -> str:
    if target.kind == TargetKind.CUMULATIVE:
        return ""
    if target.first_year and target.last_year:
        if target.first_year == target.last_year:
            return str(target.first_year)
        return f"{target.first_year}–{target.last_year}"
    if target.first_year:
        return _("from %(year)s") % {"year": target.first_year}
    return ""


def direction_text(indicator: Indicator, *, agreed: bool = True) -> str:
    """Which way is better. Only a target the parties agreed sets a direction: without one, none is shown
    (the registry's direction of such a figure is not in the document, so it is not presented as agreed)."""
    if not agreed:
        return _("none agreed (no target)")
    return {
        Direction.HIGHER_IS_BETTER: _("higher is better"),
        Direction.LOWER_IS_BETTER: _("lower is better"),
        Direction.BAND: _("within a band"),
    }[Direction(indicator.direction)]


def describe(figures: IndicatorFigures) -> str:
    """The latest verdict in one plain sentence."""
    indicator = figures.indicator
    evaluation = figures.evaluation
    latest = evaluation.latest
    if figures.series_missing or not evaluation.has_data:
        return _("No data yet.")
    if latest is None:
        last_period, last_text = latest_total(figures)
        if last_period is None:
            return _("No data yet.")
        judging = figures.judging_targets
        goals = sorted(
            {
                target.goal_year
                for target in judging
                if target.goal_year and target.goal_year > last_period.year
            }
        )
        if goals:
            return _(
                "%(value)s %(period)s. The ambition is for %(goal)s; no interim target has been agreed, so "
                "it cannot be judged before then."
            ) % {"value": last_text, "period": period_phrase(last_period), "goal": goals[0]}
        if judging:
            return _("%(value)s %(period)s. The target does not apply to this period yet.") % {
                "value": last_text,
                "period": period_phrase(last_period),
            }
        if figures.reference_targets:
            return _(
                "%(value)s %(period)s. No target was agreed; a national reference is shown for comparison."
            ) % {"value": last_text, "period": period_phrase(last_period)}
        return _("%(value)s %(period)s. No target was agreed; the figure is discussed.") % {
            "value": last_text,
            "period": period_phrase(last_period),
        }
    when = period_phrase(latest.period)
    so_far = "" if latest.complete else " " + _("(so far)")
    who = f"{latest.subject}: " if latest.subject else ""
    if latest.kind is ar.TargetKind.BACKLOG:
        return backlog_sentence(latest)
    if latest.kind is ar.TargetKind.CUMULATIVE:
        return _("%(total)s in total up to and including %(period)s%(so_far)s; %(due)s were due by then.") % {
            "total": with_unit(latest.running_total, indicator),
            "period": period_label(latest.period),
            "so_far": so_far,
            "due": with_unit(latest.target, indicator, 0),
        }
    value = with_unit(latest.value, indicator)
    target_shown = with_unit(latest.target, indicator, max(indicator.decimals, _decimals(latest.target or 0)))
    if latest.kind is ar.TargetKind.BENCHMARK:
        difference = latest.difference or 0
        return _(
            "%(who)s%(value)s %(period)s%(so_far)s against the benchmark of %(target)s (%(sign)s%(diff)s)."
        ) % {
            "who": who,
            "value": value,
            "period": when,
            "so_far": so_far,
            "target": target_shown,
            "sign": "+" if difference > 0 else "−" if difference < 0 else "±",
            "diff": number(abs(difference), max(indicator.decimals, 1)),
        }
    if latest.kind is ar.TargetKind.BAND:
        return _("%(who)s%(value)s %(period)s%(so_far)s; the band is %(target)s to %(upper)s.") % {
            "who": who,
            "value": value,
            "period": when,
            "so_far": so_far,
            "target": target_shown,
            "upper": with_unit(latest.upper, indicator),
        }
    limit = _("at most") if indicator.direction == Direction.LOWER_IS_BETTER else _("at least")
    return _("%(who)s%(value)s %(period)s%(so_far)s; the target is %(limit)s %(target)s.") % {
        "who": who,
        "value": value,
        "period": when,
        "so_far": so_far,
        "limit": limit,
        "target": target_shown,
    }


def backlog_sentence(latest: ar.Assessment) -> str:
    """The statushouders task of one half year in a sentence: how many housed, how many were to be housed
    and why (the quota, plus a backlog or minus a lead carried over), and what goes into the next half year.

    Never "23 of 10 housed": the numbers are named for what they are.
    """
    when = period_phrase(latest.period)
    housed = latest.running_total or 0
    due = latest.target or 0
    quota = latest.pace if latest.pace is not None else due
    carried_in = due - quota
    if carried_in > 0:
        origin = _("the quota of %(quota)s plus a backlog of %(n)s from the previous half year") % {
            "quota": number(quota, 0),
            "n": number(carried_in, 0),
        }
    elif carried_in < 0:
        origin = _("the quota of %(quota)s minus a lead of %(n)s from the previous half year") % {
            "quota": number(quota, 0),
            "n": number(-carried_in, 0),
        }
    else:
        origin = _("the quota") + f" {number(quota, 0)}"
    if latest.verdict is ar.Verdict.NO_DATA:
        return _(
            "No complete figures of statushouders housed %(period)s; %(due)s were to be housed (%(origin)s)."
        ) % {"period": when, "due": number(due, 0), "origin": origin}
    if not latest.complete:
        return _("%(housed)s housed so far %(period)s; %(due)s are to be housed (%(origin)s).") % {
            "housed": number(housed, 0),
            "due": number(due, 0),
            "period": when,
            "origin": origin,
        }
    carried = latest.value or 0
    if carried > 0:
        rest = _("a backlog of %(n)s goes into the next half year.") % {"n": number(carried, 0)}
    elif carried < 0:
        rest = _("a lead of %(n)s goes into the next half year.") % {"n": number(-carried, 0)}
    else:
        rest = _("no backlog.")
    return _("%(housed)s housed %(period)s; %(due)s were to be housed (%(origin)s); %(rest)s") % {
        "housed": number(housed, 0),
        "due": number(due, 0),
        "period": when,
        "origin": origin,
        "rest": rest,
    }


def latest_total(figures: IndicatorFigures) -> tuple[ar.Period | None, str]:
    """The newest figure of an indicator without a verdict: the total, or each subject's figure."""
    indicator = figures.indicator
    points = [ar.Observed(row.period, row.value, row.organisation, row.dimension) for row in figures.realised]
    if not points:
        return None, "–"
    spec = ar.IndicatorSpec(
        ar.Direction(indicator.direction),
        ar.PeriodKind(indicator.period),
        combine=ar.Combine(indicator.combine),
    )
    totals = ar.total_series(spec, points)
    if totals:
        period = ar.sorted_periods(totals)[-1]
        return period, with_unit(totals[period], indicator)
    period = ar.sorted_periods({point.period for point in points})[-1]
    parts = [
        f"{dimension_label(indicator, point.dimension) if point.dimension else point.organisation} "
        f"{with_unit(point.value, indicator)}"
        for point in points
        if point.period == period
    ]
    return period, " · ".join(parts)


def _target_applying(figures: IndicatorFigures, period: ar.Period | None) -> Target | None:
    if not figures.targets:
        return None
    if period is not None:
        for target in reversed(figures.targets):
            first, last = target.first_year, target.last_year
            if (first is None or first <= period.year) and (last is None or period.year <= last):
                return target
    return figures.targets[-1]


def _references_text(figures: IndicatorFigures) -> str:
    """The national references in a table cell, marked as such; "–" without any."""
    references = figures.reference_targets
    if not references:
        return "–"
    latest = figures.comparison.latest if figures.comparison else None
    holder = IndicatorFigures(figures.indicator, figures.rows, figures.evaluation, references)
    applying = _target_applying(holder, latest.period if latest else None)
    if applying is None:
        return "–"
    return f"{target_text(applying, figures.indicator)} ({SOURCE_KIND_LABELS[TargetSourceKind.REFERENCE]})"


def comparison_text(figures: IndicatorFigures) -> str:
    """The figures beside the national reference that applies to their newest period ("for comparison")."""
    evaluation = figures.comparison
    if evaluation is None or not figures.reference_targets:
        return ""
    indicator = figures.indicator
    latest = evaluation.latest
    if latest is None:
        texts = "; ".join(target_text(target, indicator) for target in figures.reference_targets)
        return _("For comparison (national reference, not agreed in the covenant): %(targets)s.") % {
            "targets": texts
        }
    applying = _target_applying(
        IndicatorFigures(indicator, figures.rows, evaluation, figures.reference_targets), latest.period
    )
    details = evaluation.details_for(latest.period)
    if details:
        values = ", ".join(f"{detail.subject} {with_unit(detail.value, indicator)}" for detail in details)
    else:
        values = with_unit(latest.value, indicator)
    return _(
        "For comparison (national reference, not agreed in the covenant): %(target)s; %(values)s %(period)s."
    ) % {
        "target": target_text(applying, indicator) if applying else "–",
        "values": values,
        "period": period_phrase(latest.period),
    }


@dataclass(frozen=True)
class Status:
    """One line of an overview: an indicator, its latest figure and its verdict."""

    code: str
    name: str
    url: str
    theme: int | None
    agreements: list[str]
    period: str
    value: str
    target: str
    verdict: ar.Verdict
    verdict_label: str
    verdict_css: str
    sentence: str
    is_demo: bool
    computed: bool
    comparison: str = ""


def status_of(figures: IndicatorFigures) -> Status:
    indicator = figures.indicator
    latest = figures.evaluation.latest
    verdict = ar.Verdict.NO_DATA if figures.series_missing else figures.evaluation.verdict
    if latest is not None:
        period = period_label(latest.period)
        shown = latest.running_total if latest.kind is ar.TargetKind.CUMULATIVE else latest.value
        value = with_unit(shown, indicator)
        if latest.subject:
            value = f"{value} ({latest.subject})"
    else:
        last_period, value = latest_total(figures)
        period = period_label(last_period) if last_period else "–"
    judging = IndicatorFigures(indicator, figures.rows, figures.evaluation, figures.judging_targets)
    applying = _target_applying(judging, latest.period if latest else None)
    return Status(
        code=indicator.code,
        name=indicator.name,
        url=reverse("indicators:detail", args=[indicator.covenant_id, indicator.code]),
        theme=indicator.theme.number if indicator.theme else None,
        agreements=[agreement.number for agreement in indicator.agreements.all()],
        period=period,
        value=value,
        target=target_text(applying, indicator) if applying else _references_text(figures),
        verdict=verdict,
        verdict_label=(
            pgettext("indicator verdict", "Not judged")  # an agreed target that does not apply yet (CO2 2050)
            if verdict is ar.Verdict.NO_TARGET and figures.judging_targets
            else verdict_label(verdict)
        ),
        verdict_css=VERDICT_CSS.get(verdict, ""),
        sentence=describe(figures),
        is_demo=figures.latest_is_demo,
        computed=not indicator.is_entered,
        comparison=comparison_text(figures),
    )


def agreement_verdicts(
    covenant: Covenant, statuses: list[Status], on: dt.date | None = None
) -> dict[str, Any]:
    """The status of every agreement these indicators belong to, from ``core.verdicts`` (never our own).

    ``verdicts``: (number, Verdict) in the agreements' order; ``verdict_summary``: the counts per status.
    """
    numbers = {number for status in statuses for number in status.agreements}
    every = covenant_verdicts(covenant, on or timezone.localdate())
    verdicts = [(number, every[number]) for number in every if number in numbers]
    counts: dict[str, int] = defaultdict(int)
    for _number, verdict in verdicts:
        counts[verdict.status] += 1
    summary = [
        {"label": str(STATUS_LABELS[status]), "css": STATUS_CSS[status], "count": counts[status]}
        for status in STATUS_ORDER
        if counts[status]
    ]
    return {"verdicts": verdicts, "verdict_summary": summary, "verdicts_on": every.on}


# -- charts ------------------------------------------------------------------------------------------
def chart_for(
    figures: IndicatorFigures, *, up_to_year: int | None = None, slug_prefix: str = ""
) -> Chart | None:
    """The indicator's time series with its target line; None without figures."""
    indicator = figures.indicator
    rows = [row for row in figures.rows if up_to_year is None or row.period.year <= up_to_year]
    if not rows:
        return None
    target_by_period = _target_per_period(figures)
    series_of = _series_function(figures)
    sums: dict[tuple[str, str], float] = defaultdict(float)
    order: list[tuple[str, str]] = []
    examples: set[tuple[str, str]] = set()
    for row in rows:
        key = (row.period.key, series_of(row))
        if key not in sums:
            order.append(key)
        sums[key] += row.value
        if row.is_demo:
            examples.add(key)
    unit_label = _unit_axis(indicator)
    data = []
    for period_key, series in order:
        item: dict[str, Any] = {
            "periode": period_key,
            "reeks": series,
            "waarde": round(sums[(period_key, series)], max(indicator.decimals, 1)),
        }
        if target_by_period:
            item["doel"] = target_by_period.get(period_key)
        data.append(item)
    value_kind = "decimal" if indicator.decimals else "integer"
    # "Lower is better" only where an agreed target says so, not as a direction of our own.
    lower = indicator.direction == Direction.LOWER_IS_BETTER and bool(figures.judging_targets)
    lower_text = _("lower is better")
    y_title = f"{unit_label} – {lower_text}" if lower else unit_label
    description = indicator.definition.split(". ")[0].rstrip(".") + "."
    if lower:
        lower_sentence = _("Lower is better.")
        description = f"{description} {lower_sentence}"
    if target_by_period:
        dashed = _("The dashed line is the target.")
        description = f"{description} {dashed}"
    has_series = (
        len({series for _period, series in order}) > 1
        or indicator.per_organisation
        or bool(indicator.dimension)
        or indicator.source_kind == "external"  # planned and realised: a plan never reads as realised
    )
    stacked = indicator.combine == Combine.SUM and bool(indicator.dimension or indicator.per_organisation)
    slug = f"{slug_prefix}{indicator.code.replace('.', '-')}"
    x = Column("periode", pgettext("indicators", "Period"))
    series_column = Column("reeks", _series_label(indicator)) if has_series else None
    target_field = "doel" if target_by_period else None
    y = Column("waarde", unit_label, value_kind)
    flags = [key in examples for key in order]
    if stacked:
        return mark_examples(
            bar_chart(
                slug=slug,
                title=indicator.name,
                description=description,
                rows=data,
                x=x,
                y=y,
                series=series_column,
                target_field=target_field,
            ),
            flags,
        )
    return mark_examples(
        line_chart(
            slug=slug,
            title=indicator.name,
            description=description,
            rows=data,
            x=x,
            y=y,
            series=series_column,
            target_field=target_field,
            y_title=y_title,
        ),
        flags,
    )


def _unit_axis(indicator: Indicator) -> str:
    return f"{indicator.name} ({Unit(indicator.unit).label})"


def _series_label(indicator: Indicator) -> str:
    if indicator.dimension == "allocation_module":
        return _("Module")
    if indicator.dimension == "energy_label":
        return _("Energy label")
    if indicator.source_kind == "external":
        return _("Series")
    return _("Organisation")


def _series_function(figures: IndicatorFigures) -> Any:
    indicator = figures.indicator
    if indicator.source_kind == "external":
        names = {"planned": _("planned"), "realised": _("realised")}
        return lambda row: names.get(row.series, row.series)
    if indicator.dimension:
        return lambda row: dimension_label(indicator, row.dimension)
    if indicator.per_organisation:
        return lambda row: row.organisation
    return lambda row: indicator.name


def _target_per_period(figures: IndicatorFigures) -> dict[str, float]:
    """The target line: what applies in each period of the chart (the pace for cumulative targets)."""
    specs = [
        ar.TargetSpec(
            kind=ar.TargetKind(target.kind),
            value=float(target.value),
            upper=None if target.upper is None else float(target.upper),
            first_year=target.first_year,
            last_year=target.last_year,
            baseline_year=target.baseline_year,
            goal_year=target.goal_year,
        )
        for target in figures.judging_targets  # a national reference is no target line
    ]
    if not specs:
        return {}
    result: dict[str, float] = {}
    for row in figures.rows:
        spec = ar.target_for(specs, row.period)
        if spec is None:
            continue
        if spec.kind is ar.TargetKind.BACKLOG:
            result[row.period.key] = spec.value
        else:
            result[row.period.key] = round(spec.bounds(row.period)[0], 2)
    return result
