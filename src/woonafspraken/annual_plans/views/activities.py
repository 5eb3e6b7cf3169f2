"""Pages of the activities: add one, its page, change it, record progress, those that need an update."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.agreements.models import Agreement
from woonafspraken.agreements.selectors import covenant_parties
from woonafspraken.annual_plans import selectors, services
from woonafspraken.annual_plans.forms import ActivityForm, CommentForm, ProgressForm
from woonafspraken.annual_plans.permissions import can_comment, can_edit_activity, can_manage_plans
from woonafspraken.annual_plans.views.common import _activity, _may_add_activities, _plan
from woonafspraken.core.forms import call_service
from woonafspraken.core.locking import TOKEN_FIELD, Rows, edit_token


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
