"""The calendar of milestones: the list with a new milestone, change one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.annual_plans import selectors, services
from woonafspraken.annual_plans.forms import MilestoneForm
from woonafspraken.annual_plans.fulfilment import milestone_row, with_fulfilment
from woonafspraken.annual_plans.models import Milestone
from woonafspraken.annual_plans.permissions import can_manage_plans
from woonafspraken.annual_plans.views.common import _require_manage
from woonafspraken.core.forms import call_service
from woonafspraken.core.locking import TOKEN_FIELD, Rows, edit_token


def calendar(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    manage = can_manage_plans(request.user, covenant)
    form = MilestoneForm(request.POST or None, with_year=True, initial={"remind_days_before": 21})
    if request.method == "POST":
        _require_manage(request, covenant)
        if form.is_valid():
            data = form.cleaned_data
            milestone = call_service(
                form,
                services.milestone_create,
                covenant=covenant,
                user=request.user,
                year=data["year"],
                title=data["title"],
                due_date=data["due_date"],
                remind_days_before=data["remind_days_before"],
            )
            if milestone is not None:
                messages.success(request, _("The milestone has been added."))
                return redirect("annual_plans:calendar", covenant.pk)
    return render(
        request,
        "annual_plans/calendar.html",
        {
            "rows": selectors.calendar_rows(covenant, today=timezone.localdate()),
            "can_manage_plans": manage,
            "form": form,
        },
    )


def milestone_edit(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponse:
    covenant = request.covenant
    milestone = get_object_or_404(with_fulfilment(Milestone.objects.filter(covenant=covenant)), pk=pk)
    _require_manage(request, covenant)
    row = milestone_row(milestone, today=timezone.localdate())
    form = MilestoneForm(
        request.POST or None,
        by_event=row.by_event,
        initial={
            "title": milestone.title,
            "due_date": milestone.due_date,
            "remind_days_before": milestone.remind_days_before,
            "done_on": milestone.done_on,
            TOKEN_FIELD: edit_token(Rows.of(milestone)),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = call_service(
            form,
            services.milestone_update,
            milestone=milestone,
            user=request.user,
            title=data["title"],
            due_date=data["due_date"],
            remind_days_before=data["remind_days_before"],
            done_on=data.get("done_on", milestone.done_on),
            expected=form.seen,
        )
        if saved is not None:
            messages.success(request, _("The milestone has been saved."))
            return redirect("annual_plans:calendar", covenant.pk)
    return render(
        request,
        "annual_plans/milestone_form.html",
        {"milestone": milestone, "row": row, "form": form},
    )
