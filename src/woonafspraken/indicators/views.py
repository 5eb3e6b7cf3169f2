from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.agreements.models import Agreement, Covenant, Theme
from woonafspraken.core.forms import call_service
from woonafspraken.core.locking import TOKEN_FIELD, edit_token
from woonafspraken.core.tabular import TabularImportError, write_csv, write_xlsx
from woonafspraken.core.writers import CONTENT_TYPES
from woonafspraken.indicators import arithmetic as ar
from woonafspraken.indicators.constants import Unit
from woonafspraken.indicators.forms import (
    FiguresUploadForm,
    ObservationForm,
    TargetForm,
    TemplateForm,
    value_field_name,
)
from woonafspraken.indicators.models import Indicator, Observation, Target
from woonafspraken.indicators.permissions import (
    can_enter_anything,
    can_enter_figures,
    can_set_targets,
    organisations_user_may_enter_for,
)
from woonafspraken.indicators.presentation import (
    VERDICT_CSS,
    Status,
    chart_for,
    dimension_label,
    direction_text,
    period_label,
    status_of,
    target_text,
    verdict_counts,
    verdict_label,
    with_unit,
)
from woonafspraken.indicators.selectors import (
    IndicatorFigures,
    covenant_indicators,
    dimension_options,
    entry_periods,
    observation_history,
    template_rows,
)
from woonafspraken.indicators.services import (
    covenant_term_end,
    figures_sheet,
    observation_record,
    observation_rows,
    observations_import,
    target_create,
    target_delete,
)


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
            "counts": verdict_counts(statuses),
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
            "targets": [target_text(target, item.indicator) for target in item.targets],
            "direction": direction_text(item.indicator),
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
                    "text": target_text(target, indicator),
                    "agreement": target.agreement,
                    "source": target.source,
                }
                for target in item.targets
            ],
            "direction": direction_text(indicator),
            "deliverers": [org.name for org in indicator.delivered_by.all()],
            "assessments": _assessment_rows(item),
            "figure_rows": figure_rows,
            "history": observation_history(indicator) if indicator.is_entered else [],
            "may_enter": may_enter,
            "may_set_targets": can_set_targets(request.user, indicator),
            "exports": _exports(covenant),
        },
    )


def indicator_enter(request: CovenantRequest, covenant_id: int, code: str) -> HttpResponse:
    covenant = request.covenant
    indicator = get_object_or_404(
        Indicator.objects.select_related("covenant").prefetch_related("delivered_by"),
        covenant=covenant,
        code=code,
    )
    if not indicator.is_entered:
        raise PermissionDenied(_("This indicator is calculated; its figures cannot be entered."))
    organisations = (
        organisations_user_may_enter_for(request.user, indicator) if indicator.per_organisation else []
    )
    if (indicator.per_organisation and not organisations) or (
        not indicator.per_organisation and not can_enter_figures(request.user, indicator, None)
    ):
        raise PermissionDenied(_("You may not enter figures for this indicator."))
    today = timezone.localdate()
    periods = entry_periods(indicator, today=today, term_end=covenant_term_end(covenant))
    dimensions = [(value, label) for value, label in dimension_options(indicator)]
    unit_label = str(Unit(indicator.unit).label)
    initial = {
        **_initial(request, indicator, organisations, periods),
        TOKEN_FIELD: edit_token(observation_rows(indicator)),
    }
    form = ObservationForm(
        request.POST or None,
        initial=initial,
        indicator=indicator,
        periods=periods,
        organisations=organisations,
        dimensions=dimensions,
        unit_label=unit_label,
    )
    if request.method == "POST" and form.is_valid():
        result = call_service(
            form,
            observation_record,
            field_of=value_field_name,  # a service's dimension is the form's value field
            indicator=indicator,
            user=request.user,
            period=form.cleaned_data["period"],
            values=form.values(),
            organisation=form.cleaned_data.get("organisation"),
            source=form.cleaned_data["source"],
            note=form.cleaned_data["note"],
            today=today,
            expected=form.seen,
        )
        if result is not None:
            dependents = [
                code
                for code, inputs in Indicator.objects.filter(covenant=covenant).values_list("code", "inputs")
                if indicator.code in inputs.values()
            ]
            after = covenant_indicators(covenant, codes=[indicator.code, *dependents])
            status = status_of(next(item for item in after if item.code == indicator.code))
            messages.success(
                request,
                _(
                    "Saved: %(created)s new, %(updated)s changed, %(unchanged)s unchanged. Verdict now: %(verdict)s. %(sentence)s"
                )
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                    "verdict": status.verdict_label,
                    "sentence": status.sentence,
                },
            )
            for item in after:
                if item.code != indicator.code:
                    dependent = status_of(item)
                    messages.info(
                        request,
                        _("%(name)s (calculated from this): %(verdict)s. %(sentence)s")
                        % {
                            "name": dependent.name,
                            "verdict": dependent.verdict_label,
                            "sentence": dependent.sentence,
                        },
                    )
            return redirect("indicators:detail", covenant.pk, indicator.code)
    return render(
        request,
        "indicators/enter.html",
        {"indicator": indicator, "form": form},
    )


def _initial(
    request: HttpRequest, indicator: Indicator, organisations: list[Organisation], periods: list[ar.Period]
) -> dict[str, Any]:
    """Prefill the form with what is stored for the period (and organisation) asked in the URL."""
    initial: dict[str, Any] = {"source": indicator.default_source}
    keys = [period.key for period in periods]
    wanted = request.GET.get("periode")
    if wanted not in keys:
        ended = [period for period in periods if period.has_ended(timezone.localdate())]
        wanted = ended[0].key if ended else (keys[0] if keys else None)
    initial["period"] = wanted
    organisation = None
    if indicator.per_organisation and organisations:
        asked = request.GET.get("organisatie", "")
        organisation = next((org for org in organisations if org.name == asked), organisations[0])
        initial["organisation"] = organisation.pk
    if request.GET.get("periode") and wanted:
        stored = Observation.objects.filter(indicator=indicator, period=wanted, organisation=organisation)
        for observation in stored:
            initial[value_field_name(observation.dimension)] = plain(observation.value)
            initial["source"] = observation.source
            initial["note"] = observation.note
    return initial


def plain(value: Decimal) -> Decimal:
    """2.6000 -> 2.6 and 61.0000 -> 61, for a form field (without turning 100 into 1E+2)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _template_organisations(user: User, covenant: Covenant) -> list[Organisation]:
    parties = [org for org in covenant.parties.all() if org.kind != OrganisationKind.TENANT_ORGANISATION]
    if user.is_superuser or user.role in ("administrator", "coordinator"):
        return parties
    return [org for org in parties if org.pk == user.organisation_id]


def figures_import(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    """Upload a period's figures from a filled-in template; download templates per organisation and period."""
    covenant = request.covenant
    if not can_enter_anything(request.user):
        raise PermissionDenied(_("You may not enter figures."))
    user = request.user
    upload = FiguresUploadForm(request.POST or None, request.FILES or None)
    template_form = TemplateForm(
        request.GET if "periode" in request.GET else None,
        organisations=_template_organisations(user, covenant),
        initial={
            "period": ar.Period.containing(ar.PeriodKind.QUARTER, timezone.localdate()).key,
            "format": "xlsx",
        },
        prefix="sjabloon",
    )
    errors: list[str] = []
    if request.method == "POST" and upload.is_valid():
        file = upload.cleaned_data["file"]
        try:
            result = observations_import(
                covenant=covenant, user=user, content=file.read(), filename=file.name
            )
        except TabularImportError as error:
            errors = [str(item) for item in error.errors[:100]]
            if len(error.errors) > 100:
                errors.append(_("… and %(n)s more problems.") % {"n": len(error.errors) - 100})
        else:
            messages.success(
                request,
                _("%(rows)s figures read: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.")
                % {
                    "rows": result.rows,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
            return redirect("indicators:index", covenant.pk)
    return render(
        request,
        "indicators/import.html",
        {
            "upload": upload,
            "template_form": template_form,
            "errors": errors,
        },
    )


def figures_template(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    if not can_enter_anything(request.user):
        raise PermissionDenied(_("You may not enter figures."))
    user = request.user
    form = TemplateForm(request.GET, organisations=_template_organisations(user, covenant), prefix="sjabloon")
    if not form.is_valid():
        return render(
            request,
            "indicators/import.html",
            {
                "upload": FiguresUploadForm(),
                "template_form": form,
                "errors": [],
            },
        )
    organisation: Organisation = form.cleaned_data["organisation"]
    period: ar.Period = form.cleaned_data["period"]
    fmt = form.cleaned_data["format"]
    sheet = figures_sheet(
        info=[
            ("Convenant", covenant.title),
            ("Organisatie", organisation.name),
            ("Periode", period.key),
            (
                _("Please note"),
                _("Fill in the column Waarde; empty values are skipped. Do not change Code and Periode."),
            ),
        ]
    )
    rows = template_rows(covenant, organisation=organisation, period=period)
    content = write_xlsx(sheet, rows) if fmt == "xlsx" else write_csv(sheet, rows)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    safe_name = "".join(char if char.isalnum() else "-" for char in organisation.name)
    response["Content-Disposition"] = f'attachment; filename="indicatoren-{safe_name}-{period.key}.{fmt}"'
    return response


def indicator_targets(request: CovenantRequest, covenant_id: int, code: str) -> HttpResponse:
    """The coordinator records a target, for example the allowed rent increase of a year."""
    covenant = request.covenant
    indicator = get_object_or_404(
        Indicator.objects.select_related("covenant").prefetch_related("targets__agreement", "agreements"),
        covenant=covenant,
        code=code,
    )
    if not can_set_targets(request.user, indicator):
        raise PermissionDenied(_("Only the coordinator records targets."))
    form = TargetForm(request.POST or None, indicator=indicator, initial={"source": ""})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = call_service(
            form,
            target_create,
            indicator=indicator,
            user=request.user,
            kind=data["kind"],
            value=data["value"],
            upper=data.get("upper"),
            first_year=data.get("first_year"),
            last_year=data.get("last_year"),
            applies_to=data.get("applies_to") or "total",
            agreement=data.get("agreement"),
            source=data["source"],
        )
        if target is not None:
            messages.success(request, _("Target recorded."))
            return redirect("indicators:detail", covenant.pk, indicator.code)
    return render(
        request,
        "indicators/targets.html",
        {
            "indicator": indicator,
            "form": form,
            "targets": [
                {"target": target, "text": target_text(target, indicator)}
                for target in indicator.targets.all()
            ],
        },
    )


def indicator_target_delete(request: CovenantRequest, covenant_id: int, code: str, pk: int) -> HttpResponse:
    covenant = request.covenant
    target = get_object_or_404(
        Target.objects.select_related("indicator__covenant"),
        pk=pk,
        indicator__covenant=covenant,
        indicator__code=code,
    )
    if request.method != "POST":
        return redirect("indicators:targets", covenant.pk, code)
    target_delete(target=target, user=request.user)
    messages.success(request, _("Target removed; it stays in the history."))
    return redirect("indicators:targets", covenant.pk, code)
