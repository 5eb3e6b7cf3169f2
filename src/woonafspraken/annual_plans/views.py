from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from woonafspraken.accounts.constants import Role
from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.agreements.selectors import covenant_parties
from woonafspraken.annual_plans import selectors, services
from woonafspraken.annual_plans.forms import (
    ActivityForm,
    CommentForm,
    IntervalForm,
    MilestoneForm,
    PlanAdoptForm,
    PlanCloseForm,
    PlanCreateForm,
    PlanReopenForm,
    ProgressForm,
)
from woonafspraken.annual_plans.models import Activity, AnnualPlan, Milestone
from woonafspraken.annual_plans.permissions import (
    can_comment,
    can_edit_activity,
    can_manage_plans,
    is_tenant_organisation,
)
from woonafspraken.annual_plans.rollup import RULE
from woonafspraken.core.forms import call_service
from woonafspraken.core.locking import TOKEN_FIELD, Rows, edit_token


def _plan(covenant: Covenant, year: int) -> AnnualPlan:
    plan = selectors.plan_get(covenant, year)
    if plan is None:
        raise Http404(_("There is no jaarschijf %(year)s for this covenant.") % {"year": year})
    return plan


def _require_manage(request: CovenantRequest, covenant: Covenant) -> None:
    if not can_manage_plans(request.user, covenant):
        raise PermissionDenied(_("Only the coordinator of the covenant manages the jaarschijf."))


def _may_add_activities(request: CovenantRequest, covenant: Covenant) -> bool:
    """Coordinators, and editors of a corporation or the municipality (for their own activities)."""
    user = request.user
    if can_manage_plans(user, covenant):
        return True
    organisation = getattr(user, "organisation", None)
    return getattr(user, "role", None) == Role.EDITOR and not is_tenant_organisation(organisation)


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


def activity_add(request: CovenantRequest, covenant_id: int, year: int) -> HttpResponse:
    covenant = request.covenant
    plan = _plan(covenant, year)
    if not _may_add_activities(request, covenant):
        raise PermissionDenied(
            _("Only the coordinator, or an editor for their own organisation, can add activities.")
        )
    if plan.is_closed:
        messages.error(request, _("Jaarschijf %(year)s is closed and read-only.") % {"year": year})
        return redirect("annual_plans:plan", covenant.pk, year)
    agreements = list(Agreement.objects.filter(covenant=covenant).order_by("order"))
    parties = covenant_parties(covenant)
    number = request.GET.get("afspraak")
    initial: dict[str, Any] = {}
    if number:
        initial["agreement"] = next((a.pk for a in agreements if a.number == number), None)
    user = request.user
    if user.organisation_id and not can_manage_plans(user, covenant):
        initial["owners"] = [user.organisation_id]
    form = ActivityForm(request.POST or None, agreements=agreements, parties=parties, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        activity = call_service(
            form,
            services.activity_create,
            plan=plan,
            user=user,
            agreement=data["agreement"],
            title=data["title"],
            description=data["description"],
            owners=list(data["owners"]),
            planned_quarter=data["planned_quarter"],
            planned_date=data["planned_date"],
            target_quantity=data["target_quantity"],
            target_unit=data["target_unit"],
        )
        if activity is not None:
            messages.success(request, _("Activity “%(title)s” has been added.") % {"title": activity.title})
            return redirect("annual_plans:activity", covenant.pk, activity.pk)
    return render(
        request,
        "annual_plans/activity_form.html",
        {"plan": plan, "form": form, "activity": None},
    )


def _activity(covenant: Covenant, pk: int) -> Activity:
    try:
        return selectors.activity_detail(covenant, pk)
    except Activity.DoesNotExist as error:
        raise Http404(_("This activity does not exist.")) from error


def activity_detail(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponse:
    covenant = request.covenant
    activity = _activity(covenant, pk)
    owner_ids = [owner.pk for owner in activity.owners.all()]
    today = timezone.localdate()
    return render(
        request,
        "annual_plans/activity_detail.html",
        {
            "activity": activity,
            "plan": activity.plan,
            "history": selectors.activity_history(activity),
            "comments": activity.comments.select_related("organisation").order_by("-created_at"),
            "can_edit": can_edit_activity(request.user, covenant, owner_ids) and not activity.plan.is_closed,
            "can_comment": can_comment(request.user, covenant) and not activity.plan.is_closed,
            "progress_form": ProgressForm(
                initial={
                    "date": today,
                    "status": activity.status,
                    "progress_percent": activity.progress_percent,
                    TOKEN_FIELD: edit_token(Rows.of(activity)),
                }
            ),
            "comment_form": CommentForm(auto_id="activity_comment_%s"),
            "behind_reason": selectors.activity_behind_reason(
                activity, min(today, activity.planned_by.replace(month=12, day=31))
            ),
        },
    )


def activity_edit(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponse:
    covenant = request.covenant
    activity = _activity(covenant, pk)
    if not can_edit_activity(request.user, covenant, [o.pk for o in activity.owners.all()]):
        raise PermissionDenied(
            _("Only the organisation that carries out this activity, or the coordinator, can change it.")
        )
    parties = covenant_parties(covenant)
    form = ActivityForm(
        request.POST or None,
        agreements=[activity.agreement],
        parties=parties,
        fixed_agreement=True,
        initial={
            "title": activity.title,
            "description": activity.description,
            "owners": [o.pk for o in activity.owners.all()],
            "planned_quarter": activity.planned_quarter,
            "planned_date": activity.planned_date,
            "target_quantity": activity.target_quantity,
            "target_unit": activity.target_unit,
            TOKEN_FIELD: edit_token(Rows.of(activity)),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = call_service(
            form,
            services.activity_update,
            activity=activity,
            user=request.user,
            title=data["title"],
            description=data["description"],
            owners=list(data["owners"]),
            planned_quarter=data["planned_quarter"],
            planned_date=data["planned_date"],
            target_quantity=data["target_quantity"],
            target_unit=data["target_unit"],
            expected=form.seen,
        )
        if saved is not None:
            messages.success(request, _("The activity has been saved."))
            return redirect("annual_plans:activity", covenant.pk, activity.pk)
    return render(
        request,
        "annual_plans/activity_form.html",
        {"plan": activity.plan, "form": form, "activity": activity},
    )


def activity_progress(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponse:
    covenant = request.covenant
    activity = _activity(covenant, pk)
    if not can_edit_activity(request.user, covenant, [o.pk for o in activity.owners.all()]):
        raise PermissionDenied(
            _("Only the organisation that carries out this activity, or the coordinator, can change it.")
        )
    form = ProgressForm(
        request.POST or None,
        initial={
            "date": timezone.localdate(),
            "status": activity.status,
            TOKEN_FIELD: edit_token(Rows.of(activity)),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recorded = call_service(
            form,
            services.progress_record,
            activity=activity,
            user=request.user,
            date=data["date"],
            status=data["status"],
            text=data["text"],
            progress_percent=data["progress_percent"],
            quantity=data["quantity"],
            expected=form.seen,
        )
        if recorded is not None:
            messages.success(request, _("Progress has been recorded."))
            return redirect("annual_plans:activity", covenant.pk, activity.pk)
    return render(
        request,
        "annual_plans/progress_form.html",
        {"activity": activity, "plan": activity.plan, "form": form},
    )


def _comment(
    request: CovenantRequest, covenant: Covenant, agreement: Agreement, activity: Activity | None, back: str
) -> HttpResponse:
    if not can_comment(request.user, covenant):
        raise PermissionDenied(
            _("Only the editors and coordinators of the parties can comment; readers read.")
        )
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        comment = call_service(
            form,
            services.comment_add,
            agreement=agreement,
            user=request.user,
            text=form.cleaned_data["text"],
            activity=activity,
        )
        if comment is not None:
            messages.success(request, _("Thank you: your comment has been placed."))
            return redirect(back)
    return render(
        request,
        "annual_plans/comment_form.html",
        {
            "agreement": agreement,
            "activity": activity,
            "form": form,
            "back": back,
        },
    )


def activity_comment(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponse:
    covenant = request.covenant
    activity = _activity(covenant, pk)
    back = reverse("annual_plans:activity", args=[covenant.pk, activity.pk]) + "#reacties"
    return _comment(request, covenant, activity.agreement, activity, back)


def agreement_comment(request: CovenantRequest, covenant_id: int, number: str) -> HttpResponse:
    covenant = request.covenant
    agreement = get_object_or_404(Agreement, covenant=covenant, number=number)
    back = reverse("agreements:detail", args=[covenant.pk, agreement.number]) + "#jaarschijf-reacties"
    return _comment(request, covenant, agreement, None, back)


def backlog(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    today = timezone.localdate()
    return render(
        request,
        "annual_plans/backlog.html",
        {
            "backlog": selectors.needs_update(covenant, on=today),
            "today": today,
        },
    )


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
            "milestones": selectors.milestones_of(covenant),
            "today": timezone.localdate(),
            "can_manage_plans": manage,
            "form": form,
        },
    )


def milestone_edit(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponse:
    covenant = request.covenant
    milestone = get_object_or_404(Milestone, covenant=covenant, pk=pk)
    _require_manage(request, covenant)
    form = MilestoneForm(
        request.POST or None,
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
            done_on=data["done_on"],
            expected=form.seen,
        )
        if saved is not None:
            messages.success(request, _("The milestone has been saved."))
            return redirect("annual_plans:calendar", covenant.pk)
    return render(
        request,
        "annual_plans/milestone_form.html",
        {"milestone": milestone, "form": form},
    )
