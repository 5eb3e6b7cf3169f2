"""Pages of the indicators: the overview by theme, per theme, per agreement, one indicator."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.agreements.models import Agreement, Covenant, Theme
from woonafspraken.indicators import arithmetic as ar
from woonafspraken.indicators.models import Indicator
from woonafspraken.indicators.permissions import can_enter_anything, can_enter_figures, can_set_targets
from woonafspraken.indicators.presentation import (
    SOURCE_KIND_LABELS,
    VERDICT_CSS,
    Status,
    agreement_verdicts,
    chart_for,
    comparison_text,
    dimension_label,
    direction_text,
    period_label,
    status_of,
    target_text,
    verdict_label,
    with_unit,
)
from woonafspraken.indicators.selectors import IndicatorFigures, covenant_indicators, observation_history


def _exports(covenant: Covenant) -> list[dict[str, str]]:
    return [
        {"label": label, "url": reverse("agreements:export", args=[covenant.pk, "indicators", fmt])}
        for fmt, label in (("xlsx", "Excel"), ("csv", "CSV"), ("json", "JSON"))
    ]


def indicator_index(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    """Every indicator's verdict at a glance, grouped by theme."""
    covenant = request.covenant
    figures = covenant_indicators(covenant)
    statuses = [status_of(item) for item in figures]
    themes = {theme.number: theme for theme in Theme.objects.filter(covenant=covenant)}
    by_theme: dict[int | None, list[Status]] = {}
    for status in statuses:
        by_theme.setdefault(status.theme, []).append(status)
    groups = []
    for number, items in sorted(by_theme.items(), key=lambda item: item[0] or 99):
        theme = themes.get(number) if number is not None else None
        caption = (
            _("Indicators of theme %(number)s – %(title)s") % {"number": theme.number, "title": theme.title}
            if theme
            else _("Other indicators")
        )
        groups.append({"theme": theme, "statuses": items, "caption": caption})
    agreements = sorted(
        {number for status in statuses for number in status.agreements},
        key=lambda number: [int(part) for part in number.split(".") if part.isdigit()],
    )
    return render(
        request,
        "indicators/index.html",
        {
            "groups": groups,
            **agreement_verdicts(covenant, statuses),
            "agreement_numbers": agreements,
            "may_enter": can_enter_anything(request.user),
            "exports": _exports(covenant),
        },
    )


def _sections(figures: list[IndicatorFigures]) -> list[dict[str, Any]]:
    return [
        {
            "figures": item,
            "status": status_of(item),
            "chart": chart_for(item),
            "targets": [
                target_text(target, item.indicator)
                + ("" if target.judges else f" ({SOURCE_KIND_LABELS[target.source_kind]})")
                for target in item.targets
            ],
            "direction": direction_text(item.indicator, agreed=bool(item.judging_targets)),
            "deliverers": [org.name for org in item.indicator.delivered_by.all()],
        }
        for item in figures
    ]


def indicator_theme(request: CovenantRequest, covenant_id: int, number: int) -> HttpResponse:
    covenant = request.covenant
    theme = get_object_or_404(Theme, covenant=covenant, number=number)
    codes = list(Indicator.objects.filter(covenant=covenant, theme=theme).values_list("code", flat=True))
    figures = covenant_indicators(covenant, codes=codes) if codes else []
    return render(
        request,
        "indicators/group.html",
        {
            "heading": _("Indicators of theme %(number)s – %(title)s")
            % {"number": theme.number, "title": theme.title},
            "theme": theme,
            "sections": _sections(figures),
            "exports": _exports(covenant),
        },
    )


def indicator_agreement(request: CovenantRequest, covenant_id: int, number: str) -> HttpResponse:
    covenant = request.covenant
    agreement = get_object_or_404(Agreement.objects.select_related("theme"), covenant=covenant, number=number)
    codes = list(agreement.indicators.values_list("code", flat=True))
    figures = covenant_indicators(covenant, codes=codes) if codes else []
    return render(
        request,
        "indicators/group.html",
        {
            "heading": _("Indicators of agreement %(number)s – %(subject)s")
            % {"number": agreement.number, "subject": agreement.subject},
            "agreement": agreement,
            "sections": _sections(figures),
            "exports": _exports(covenant),
        },
    )


def _target_cell(assessment: ar.Assessment, indicator: Indicator) -> str:
    if assessment.kind is ar.TargetKind.BACKLOG:
        return _("no backlog (%(due)s to be housed)") % {"due": with_unit(assessment.target, indicator, 0)}
    target = assessment.target
    decimals = 0 if target is None or float(target).is_integer() else max(indicator.decimals, 1)
    text = with_unit(target, indicator, decimals)
    if assessment.upper is not None:
        text = f"{text} – {with_unit(assessment.upper, indicator, decimals)}"
    return text


def _assessment_rows(item: IndicatorFigures) -> list[dict[str, Any]]:
    indicator = item.indicator
    rows = []
    for assessment in reversed(item.evaluation.assessments):
        shown = assessment.running_total if assessment.kind is ar.TargetKind.CUMULATIVE else assessment.value
        details = [
            {
                "subject": detail.subject,
                "value": with_unit(detail.value, indicator),
                "verdict": verdict_label(detail.verdict),
                "css": VERDICT_CSS.get(detail.verdict, ""),
            }
            for detail in item.evaluation.details_for(assessment.period)
        ]
        rows.append(
            {
                "period": period_label(assessment.period),
                "value": with_unit(shown, indicator),
                "target": _target_cell(assessment, indicator),
                "verdict": verdict_label(assessment.verdict),
                "css": VERDICT_CSS.get(assessment.verdict, ""),
                "complete": assessment.complete,
                "details": details if len(details) > 1 else [],
            }
        )
    return rows


def indicator_detail(request: CovenantRequest, covenant_id: int, code: str) -> HttpResponse:
    covenant = request.covenant
    found = covenant_indicators(covenant, codes=[code])
    if not found:
        raise Http404(_("This indicator does not exist."))
    item = found[0]
    indicator = item.indicator
    may_enter = indicator.is_entered and any(
        can_enter_figures(request.user, indicator, org)
        for org in (indicator.delivered_by.all() if indicator.per_organisation else [None])
    )
    figure_rows = [
        {
            "period": row.period.key,
            "organisation": row.organisation,
            "dimension": dimension_label(indicator, row.dimension),
            "series": row.series,
            "value": with_unit(row.value, indicator),
            "source": row.source,
            "entered_by": row.entered_by,
            "entered_at": row.entered_at,
            "is_demo": row.is_demo,
            "edit_query": f"?periode={row.period.key}"
            + (f"&organisatie={row.organisation}" if row.organisation else ""),
        }
        for row in reversed(item.rows)
    ]
    return render(
        request,
        "indicators/detail.html",
        {
            "item": item,
            "indicator": indicator,
            "status": status_of(item),
            "chart": chart_for(item),
            "targets": [
                {
                    "pk": target.pk,
                    "text": target_text(target, indicator),
                    "agreement": target.agreement,
                    "source": target.source,
                    "source_kind": target.source_kind,
                    "source_kind_label": SOURCE_KIND_LABELS[target.source_kind],
                    "judges": target.judges,
                }
                for target in item.targets
            ],
            "comparison": comparison_text(item),
            "adopt_year": timezone.localdate().year,
            "direction": direction_text(indicator, agreed=bool(item.judging_targets)),
            "deliverers": [org.name for org in indicator.delivered_by.all()],
            "assessments": _assessment_rows(item),
            "figure_rows": figure_rows,
            "history": observation_history(indicator) if indicator.is_entered else [],
            "may_enter": may_enter,
            "may_set_targets": can_set_targets(request.user, indicator),
            "exports": _exports(covenant),
        },
    )
