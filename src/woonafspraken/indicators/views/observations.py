"""Enter an indicator's figures for a period (and organisation)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.core.forms import call_service
from woonafspraken.core.locking import TOKEN_FIELD, edit_token
from woonafspraken.indicators import arithmetic as ar
from woonafspraken.indicators.constants import Unit
from woonafspraken.indicators.forms import ObservationForm, value_field_name
from woonafspraken.indicators.models import Indicator, Observation
from woonafspraken.indicators.permissions import can_enter_figures, organisations_user_may_enter_for
from woonafspraken.indicators.presentation import status_of
from woonafspraken.indicators.selectors import covenant_indicators, dimension_options, entry_periods
from woonafspraken.indicators.services import covenant_term_end, observation_record, observation_rows


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
