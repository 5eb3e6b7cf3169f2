"""What the indicators tell about the agreements on a date: one piece of evidence per target.

``target_findings(covenant, on)`` judges every target of every indicator on the figures recorded on or
before ``on`` (their ``created_at``) for periods that have started by then; ``collect`` turns them into
``core.verdicts.Evidence`` for the agreement each target belongs to (registered in ``panels.py``).

- A target the parties agreed (in the agreement, or adopted in a jaarschijf) judges: the period due on
  ``on`` is the last one that has ended (and the running one, if it already has figures); its outcome
  is the arithmetic's (on track, needs attention, behind). Without a figure for that period it is "no
  data", never zero.
- A national reference never judges: it is shown beside the figure "for comparison" (INFO).
- A long-term ambition (a goal year) without an agreed interim target judges nothing before its goal year:
  its latest figure is shown (INFO) and the agreement cannot be assessed on it.
- For a target that applies to each corporation, every corporation's figure is shown and the least
  favourable one is named; a corporation without a figure makes an otherwise good result "no data".

Queries: those of ``covenant_indicators`` (a constant number), none per indicator or target.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from django.urls import reverse
from django.utils.translation import gettext as _

from woonafspraken.agreements.models import Covenant
from woonafspraken.core.verdicts import Evidence, Kind, Outcome
from woonafspraken.indicators import arithmetic as ar
from woonafspraken.indicators.constants import SourceKind
from woonafspraken.indicators.models import Target
from woonafspraken.indicators.presentation import (
    backlog_sentence,
    latest_total,
    period_label,
    target_text,
    verdict_outcome,
    with_unit,
)
from woonafspraken.indicators.selectors import FigureRow, IndicatorFigures, covenant_indicators, target_specs


@dataclass(frozen=True)
class TargetFinding:
    """One target judged on a date (shared by the evidence, the report section and the pages)."""

    target: Target
    figures: IndicatorFigures
    outcome: Outcome
    text: str
    period: ar.Period | None  # the period the outcome is about (None: nothing to judge)
    is_demo: bool
    later: bool = False  # a target that applies only from a later year

    @property
    def agreements(self) -> list[str]:
        if self.target.agreement is not None:
            return [self.target.agreement.number]
        return [agreement.number for agreement in self.figures.indicator.agreements.all()]


def target_findings(covenant: Covenant, on: dt.date) -> list[TargetFinding]:
    """Every target of the covenant's indicators, judged as the system stood on ``on``."""
    return findings_for(covenant_indicators(covenant, on=on, as_of=True), on)


def findings_for(indicators: Iterable[IndicatorFigures], on: dt.date) -> list[TargetFinding]:
    """The targets of indicators read with ``covenant_indicators(..., on=on, as_of=True)``."""
    found: list[TargetFinding] = []
    for figures in indicators:
        own = [finding for target in figures.targets if (finding := judge_target(figures, target, on))]
        # A reference of a later year (next year's maximum) is left out while another one applies now.
        now = [finding for finding in own if not finding.later]
        found.extend(finding for finding in own if not finding.later or not now)
    return found


def collect(covenant: Covenant, on: dt.date) -> Iterable[Evidence]:
    """The evidence source "targets" (``core.verdicts``): one piece of evidence per target and agreement."""
    for finding in target_findings(covenant, on):
        url = reverse("indicators:detail", args=[covenant.pk, finding.figures.indicator.code])
        for number in finding.agreements:
            yield Evidence(
                agreement=number,
                kind=Kind.TARGET,
                outcome=finding.outcome,
                text=finding.text,
                source=finding.target.source,
                url=url,
                is_demo=finding.is_demo,
            )


MakeFinding = Callable[[Outcome, str, "ar.Period | None", bool], TargetFinding]


# -- one target ------------------------------------------------------------------------------------------
def _previous(period: ar.Period) -> ar.Period:
    return ar.Period.containing(period.kind, period.start - dt.timedelta(days=1))


def judge_target(figures: IndicatorFigures, target: Target, on: dt.date) -> TargetFinding | None:
    """One target on ``on``; None for a target limited to years that no longer matter on that date."""
    indicator = figures.indicator
    spec = target_specs([target])[0]
    kind = spec.period or ar.PeriodKind(indicator.period)
    running = ar.Period.containing(kind, on)
    ended = _previous(running)
    name = indicator.name

    def finding(outcome: Outcome, text: str, period: ar.Period | None, demo: bool) -> TargetFinding:
        return TargetFinding(target, figures, outcome, text, period, demo)

    if not spec.applies(ended) and not spec.applies(running):
        first = max(year for year in (spec.first_year, spec.goal_year, 0) if year is not None)
        if first and first > running.year:
            return _not_yet(figures, target, first, finding)
        if spec.kind is not ar.TargetKind.CUMULATIVE or spec.last_year is None:
            return None  # a target of past years only (the maximum of 2022) says nothing on this date
        ended = ar.Period.containing(kind, dt.date(spec.last_year, 12, 31))  # the end of a target over years
        running = ended

    if not target.judges:
        return _for_comparison(figures, target, ended, running, finding)
    if figures.series_missing:
        text = _("%(indicator)s: no figures yet (they come from the housing figures).") % {"indicator": name}
        return finding(Outcome.NO_DATA, text, ended, False)
    if indicator.source_kind == SourceKind.EXTERNAL:
        # The housing figures judge the same phrase themselves, as they stood on the date (their history);
        # judging it here too would count one promise twice.
        text = _(
            "%(indicator)s: these figures come from the housing figures and are judged there; shown for "
            "comparison."
        ) % {"indicator": name}
        return finding(Outcome.INFO, text, None, False)

    evaluation = figures.per_target.get(target.pk) or ar.Evaluation([], [], False)
    by_period = {assessment.period: assessment for assessment in evaluation.assessments}
    due = by_period.get(ended) if spec.applies(ended) else None
    current = by_period.get(running) if running != ended and spec.applies(running) else None
    if due is None and current is None:
        period = ended if spec.applies(ended) else running
        return finding(Outcome.NO_DATA, _no_data_text(figures, period), period, False)
    if due is not None and due.verdict is ar.Verdict.NO_DATA:
        current = None  # an earlier year without a figure: the running total is unknown
    candidates = [assessment for assessment in (due, current) if assessment is not None]
    chosen = max(candidates, key=lambda assessment: ar.SEVERITY[assessment.verdict])
    details = evaluation.details_for(chosen.period)
    outcome = verdict_outcome(chosen.verdict)
    missing_subjects = _missing_subjects(figures, spec, details)
    if missing_subjects and outcome is Outcome.ON_TRACK:
        outcome = Outcome.NO_DATA
    text = _assessment_text(figures, target, chosen, details, missing_subjects)
    return finding(outcome, text, chosen.period, _demo_used(figures, spec, chosen.period))


def _not_yet(figures: IndicatorFigures, target: Target, first: int, finding: MakeFinding) -> TargetFinding:
    indicator = figures.indicator
    period, latest = latest_total(figures)
    shown = (
        _("latest figure %(value)s (%(period)s)") % {"value": latest, "period": period_label(period)}
        if period is not None
        else _("no figures yet")
    )
    demo = _demo_used(figures, None, period) if period is not None else False
    if not target.judges:
        text = _("For comparison: %(indicator)s, %(shown)s; national reference: %(target)s.") % {
            "indicator": indicator.name,
            "shown": shown,
            "target": target_text(target, indicator),
        }
    elif target.goal_year and target.goal_year >= first:
        text = _(
            "%(indicator)s: %(shown)s. The ambition is %(target)s; the parties have agreed no interim "
            "target, so it cannot be judged before %(year)s."
        ) % {
            "indicator": indicator.name,
            "shown": shown,
            "target": target_text(target, indicator),
            "year": first,
        }
    else:
        text = _("%(indicator)s: %(shown)s. The target %(target)s applies from %(year)s.") % {
            "indicator": indicator.name,
            "shown": shown,
            "target": target_text(target, indicator),
            "year": first,
        }
    return replace(finding(Outcome.INFO, text, None, demo), later=True)


def _for_comparison(
    figures: IndicatorFigures,
    target: Target,
    ended: ar.Period,
    running: ar.Period,
    finding: MakeFinding,
) -> TargetFinding:
    indicator = figures.indicator
    evaluation = figures.per_target.get(target.pk) or ar.Evaluation([], [], False)
    by_period = {assessment.period: assessment for assessment in evaluation.assessments}
    chosen = by_period.get(running) or by_period.get(ended)
    if chosen is None:
        applying = target_specs([target])[0]
        text = _(
            "For comparison: %(indicator)s, no figure for %(period)s; national reference: %(target)s."
        ) % {
            "indicator": indicator.name,
            "period": period_label(ended if applying.applies(ended) else running),
            "target": target_text(target, indicator),
        }
        return finding(Outcome.INFO, text, None, False)
    details = evaluation.details_for(chosen.period)
    values = _values(figures, chosen, details)
    text = _("For comparison: %(indicator)s %(period)s: %(values)s; national reference: %(target)s.") % {
        "indicator": indicator.name,
        "period": period_label(chosen.period),
        "values": values,
        "target": target_text(target, indicator),
    }
    spec = target_specs([target])[0]
    return finding(Outcome.INFO, text, chosen.period, _demo_used(figures, spec, chosen.period))


def _values(figures: IndicatorFigures, assessment: ar.Assessment, details: Sequence[ar.Assessment]) -> str:
    indicator = figures.indicator
    if len(details) > 1 or (details and details[0].subject):
        return ", ".join(f"{detail.subject} {with_unit(detail.value, indicator)}" for detail in details)
    return with_unit(assessment.value, indicator)


def _missing_subjects(
    figures: IndicatorFigures, spec: ar.TargetSpec, details: Sequence[ar.Assessment]
) -> list[str]:
    """The delivering organisations without a figure, for a target that applies to each of them."""
    indicator = figures.indicator
    if spec.applies_to is not ar.AppliesTo.EACH or not indicator.per_organisation or indicator.dimension:
        return []
    judged = {detail.subject for detail in details}
    return [org.name for org in indicator.delivered_by.all() if org.name not in judged]


def _worst(details: Sequence[ar.Assessment], indicator_lower_is_better: bool) -> ar.Assessment | None:
    if not details:
        return None
    severity = max(ar.SEVERITY[detail.verdict] for detail in details)
    worst = [detail for detail in details if ar.SEVERITY[detail.verdict] == severity]
    # Among equally judged corporations the one furthest from the target.
    return max(
        worst, key=lambda d: ((d.value or 0) - (d.target or 0)) * (1 if indicator_lower_is_better else -1)
    )


def _assessment_text(
    figures: IndicatorFigures,
    target: Target,
    assessment: ar.Assessment,
    details: Sequence[ar.Assessment],
    missing_subjects: Sequence[str],
) -> str:
    indicator = figures.indicator
    period = period_label(assessment.period)
    so_far = "" if assessment.complete else " " + _("(so far)")
    if assessment.verdict is ar.Verdict.NO_DATA and assessment.missing:
        return _(
            "%(indicator)s: no figure for %(missing)s, so the total since %(first)s is not known (no data)."
        ) % {
            "indicator": indicator.name,
            "missing": ", ".join(period_label(gap) for gap in assessment.missing),
            "first": assessment.missing[0].year if target.first_year is None else target.first_year,
        }
    if assessment.kind is ar.TargetKind.CUMULATIVE:
        text = _(
            "%(indicator)s: %(total)s in total up to and including %(period)s%(so_far)s, against %(due)s due "
            "by then (%(target)s)."
        ) % {
            "indicator": indicator.name,
            "total": with_unit(assessment.running_total, indicator),
            "period": period,
            "so_far": so_far,
            "due": with_unit(assessment.target, indicator, 0),
            "target": target_text(target, indicator),
        }
    elif assessment.kind is ar.TargetKind.BACKLOG:
        text = f"{indicator.name}: {backlog_sentence(assessment)}"
    else:
        text = _("%(indicator)s %(period)s%(so_far)s: %(values)s; target %(target)s.") % {
            "indicator": indicator.name,
            "period": period,
            "so_far": so_far,
            "values": _values(figures, assessment, details),
            "target": target_text(target, indicator),
        }
    if len(details) > 1 or (details and details[0].subject):
        worst = _worst(details, indicator.direction == "lower_is_better")
        if worst is not None:
            text = f"{text} " + _("Least favourable: %(subject)s (%(value)s).") % {
                "subject": worst.subject,
                "value": with_unit(worst.value, indicator),
            }
    if missing_subjects:
        text = f"{text} " + _("No figure from %(organisations)s.") % {
            "organisations": ", ".join(missing_subjects)
        }
    return text


def _no_data_text(figures: IndicatorFigures, period: ar.Period) -> str:
    latest_period, latest = latest_total(figures)
    text = _("%(indicator)s: no figure for %(period)s (no data).") % {
        "indicator": figures.indicator.name,
        "period": period_label(period),
    }
    if latest_period is not None:
        text = f"{text} " + _("Latest figure: %(value)s (%(period)s).") % {
            "value": latest,
            "period": period_label(latest_period),
        }
    return text


def _rows_within(rows: Iterable[FigureRow], period: ar.Period, first_year: int | None) -> list[FigureRow]:
    used = []
    for row in rows:
        if row.series != "realised":
            continue
        if first_year is not None:
            if first_year <= row.period.year and row.period.sort_key <= period.sort_key:
                used.append(row)
        elif (
            ar.PARTS_PER_YEAR[row.period.kind] >= ar.PARTS_PER_YEAR[period.kind]
            and row.period.within(period.kind) == period
        ):
            used.append(row)
    return used


def _demo_used(figures: IndicatorFigures, spec: ar.TargetSpec | None, period: ar.Period | None) -> bool:
    """Whether the figures behind the outcome (for a cumulative target: every year counted) are examples."""
    if period is None:
        return False
    cumulative_from = None
    if spec is not None and spec.kind is ar.TargetKind.CUMULATIVE:
        cumulative_from = spec.first_year or 0
    return any(row.is_demo for row in _rows_within(figures.rows, period, cumulative_from))
