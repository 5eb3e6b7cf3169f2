"""Comments on an activity or an agreement of the jaarschijf."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.annual_plans import services
from woonafspraken.annual_plans.forms import CommentForm
from woonafspraken.annual_plans.models import Activity
from woonafspraken.annual_plans.permissions import can_comment
from woonafspraken.annual_plans.views.common import _activity
from woonafspraken.core.forms import call_service


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
