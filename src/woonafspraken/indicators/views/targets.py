"""The targets of an indicator: record one, remove one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.core.forms import call_service
from woonafspraken.indicators.forms import TargetForm
from woonafspraken.indicators.models import Indicator, Target
from woonafspraken.indicators.permissions import can_set_targets
from woonafspraken.indicators.presentation import target_text
from woonafspraken.indicators.services import target_create, target_delete


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
