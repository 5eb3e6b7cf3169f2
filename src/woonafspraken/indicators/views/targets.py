"""The targets of an indicator: record one, remove one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.core.forms import call_service
from woonafspraken.indicators.forms import AdoptReferenceForm, TargetForm
from woonafspraken.indicators.models import Indicator, Target
from woonafspraken.indicators.permissions import can_set_targets
from woonafspraken.indicators.presentation import SOURCE_KIND_LABELS, target_text
from woonafspraken.indicators.services import target_adopt_reference, target_create, target_delete


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
    adopting = request.method == "POST" and "reference" in request.POST
    adopt = AdoptReferenceForm(request.POST if adopting else None)
    if adopting and adopt.is_valid():
        reference = get_object_or_404(Target, pk=adopt.cleaned_data["reference"], indicator=indicator)
        adopted = call_service(
            adopt,
            target_adopt_reference,
            target=reference,
            year=adopt.cleaned_data["year"],
            user=request.user,
        )
        if adopted is not None:
            messages.success(
                request, _("The reference is now the target of the jaarschijf; it judges from now on.")
            )
            return redirect("indicators:detail", covenant.pk, indicator.code)
    form = TargetForm(None if adopting else request.POST or None, indicator=indicator, initial={"source": ""})
    if request.method == "POST" and not adopting and form.is_valid():
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
            source_kind=data["source_kind"],
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
            "adopt": adopt,
            "targets": [
                {
                    "target": target,
                    "text": target_text(target, indicator),
                    "source_kind": SOURCE_KIND_LABELS[target.source_kind],
                }
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
