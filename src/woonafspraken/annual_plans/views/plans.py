"""Pages of a jaarschijf: the list, a new one, its page and its adopt, close, reopen and update-period forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans import selectors, services
from woonafspraken.annual_plans.forms import (
    IntervalForm,
    PlanAdoptForm,
    PlanCloseForm,
    PlanCreateForm,
    PlanReopenForm,
)
from woonafspraken.annual_plans.models import AnnualPlan
from woonafspraken.annual_plans.permissions import can_manage_plans
from woonafspraken.annual_plans.rollup import RULE
from woonafspraken.annual_plans.views.common import _may_add_activities, _plan, _require_manage
from woonafspraken.core.forms import call_service
from woonafspraken.core.locking import TOKEN_FIELD, Rows, edit_token


def plan_index(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    today = timezone.localdate()
    plans = selectors.plans_with_counts(covenant)
    years = {plan.year for plan in plans}
    suggested = next((y for y in range(today.year + 1, today.year - 6, -1) if y not in years), today.year + 1)
    return render(
        request,
        "annual_plans/plan_index.html",
        {
            "plans": plans,
            "suggested_year": suggested,
            "can_manage_plans": can_manage_plans(request.user, covenant),
            "next_milestone": selectors.next_milestone(covenant, today=today),
            "backlog_count": selectors.needs_update_count(covenant, on=today),
        },
    )


def plan_create(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    _require_manage(request, covenant)
    raw_year = request.POST.get("year") or request.GET.get("jaar") or str(timezone.localdate().year + 1)
    try:
        year = int(raw_year)
    except ValueError:
        year = timezone.localdate().year + 1
    proposal = selectors.plan_proposal(covenant, year)
    form = PlanCreateForm(
        request.POST or None,
        candidates=proposal.carry_over,
        destinations=proposal.destinations,
        also_for=proposal.also_for,
        initial={"year": year, "carry_over": [a.pk for a in proposal.carry_over]},
    )
    if request.method == "POST" and form.is_valid():
        plan = call_service(
            form,
            services.annual_plan_create,
            covenant=covenant,
            year=form.cleaned_data["year"],
            user=request.user,
            carry_over=list(form.cleaned_data["carry_over"]),
        )
        if plan is not None:
            messages.success(
                request, _("Jaarschijf %(year)s has been created as a draft.") % {"year": plan.year}
            )
            return redirect("annual_plans:plan", covenant.pk, plan.year)
    return render(
        request,
        "annual_plans/plan_create.html",
        {"form": form, "proposal": proposal, "year": year},
    )


def plan_detail(request: CovenantRequest, covenant_id: int, year: int) -> HttpResponse:
    covenant = request.covenant
    return _plan_page(request, covenant, _plan(covenant, year))


def _plan_page(
    request: CovenantRequest, covenant: Covenant, plan: AnnualPlan, interval_form: IntervalForm | None = None
) -> HttpResponse:
    overview = selectors.plan_overview(covenant, plan.year, plan=plan, with_comments=False)
    manage = can_manage_plans(request.user, covenant)
    today = timezone.localdate()
    if interval_form is None:
        interval_form = IntervalForm(
            initial={
                "update_interval_days": plan.update_interval_days,
                TOKEN_FIELD: edit_token(Rows.of(plan)) if manage and not plan.is_closed else "",
            }
        )
    return render(
        request,
        "annual_plans/plan_detail.html",
        {
            "plan": plan,
            "overview": overview,
            "rule": RULE,
            "can_manage_plans": manage,
            "can_add": _may_add_activities(request, covenant) and not plan.is_closed,
            "adopt_form": PlanAdoptForm(initial={"adopted_on": today}),
            "close_form": PlanCloseForm(initial={"closed_on": today}),
            "reopen_form": PlanReopenForm(),
            "interval_form": interval_form,
            "reopenings": plan.reopenings.select_related("reopened_by"),
        },
    )


def _plan_action(
    request: CovenantRequest, covenant_id: int, year: int, form_class: type[Form], action: Any, done: str
) -> HttpResponse:
    covenant = request.covenant
    plan = _plan(covenant, year)
    _require_manage(request, covenant)
    form = form_class(request.POST)
    if form.is_valid() and call_service(form, action, plan=plan, data=form.cleaned_data) is not None:
        messages.success(request, done % {"year": year})
    else:
        _errors_to_messages(request, form)
    return redirect("annual_plans:plan", covenant.pk, year)


def _errors_to_messages(request: CovenantRequest, form: Form) -> None:
    """A form on the jaarschijf page that sends the user back there: its refusals as messages."""
    for field_errors in form.errors.values():
        for field_error in field_errors:
            messages.error(request, str(field_error))


@require_POST
def plan_adopt(request: CovenantRequest, covenant_id: int, year: int) -> HttpResponse:
    return _plan_action(
        request,
        covenant_id,
        year,
        PlanAdoptForm,
        lambda *, plan, data: services.annual_plan_adopt(
            plan=plan, user=request.user, adopted_on=data["adopted_on"], meeting=data["adopted_meeting"]
        ),
        _("Jaarschijf %(year)s has been adopted."),
    )


@require_POST
def plan_close(request: CovenantRequest, covenant_id: int, year: int) -> HttpResponse:
    return _plan_action(
        request,
        covenant_id,
        year,
        PlanCloseForm,
        lambda *, plan, data: services.annual_plan_close(
            plan=plan, user=request.user, closed_on=data["closed_on"]
        ),
        _("Jaarschijf %(year)s has been closed; it is now read-only."),
    )


@require_POST
def plan_reopen(request: CovenantRequest, covenant_id: int, year: int) -> HttpResponse:
    return _plan_action(
        request,
        covenant_id,
        year,
        PlanReopenForm,
        lambda *, plan, data: services.annual_plan_reopen(
            plan=plan, user=request.user, reason=data["reason"]
        ),
        _("Jaarschijf %(year)s has been reopened; the reason is recorded."),
    )


@require_POST
def plan_interval(request: CovenantRequest, covenant_id: int, year: int) -> HttpResponse:
    covenant = request.covenant
    plan = _plan(covenant, year)
    _require_manage(request, covenant)
    form = IntervalForm(request.POST)
    if not form.is_valid():
        _errors_to_messages(request, form)
        return redirect("annual_plans:plan", covenant.pk, year)
    saved = call_service(
        form,
        services.annual_plan_set_interval,
        plan=plan,
        user=request.user,
        update_interval_days=form.cleaned_data["update_interval_days"],
        expected=form.seen,
    )
    if form.conflict is not None:
        plan.refresh_from_db()
        return _plan_page(request, covenant, plan, interval_form=form)
    if saved is None:
        _errors_to_messages(request, form)
    else:
        messages.success(
            request, _("The update period of jaarschijf %(year)s has been saved.") % {"year": year}
        )
    return redirect("annual_plans:plan", covenant.pk, year)
