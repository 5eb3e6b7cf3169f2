"""Pages of the action items: the list, a new action, a status update."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.forms import call_service
from woonafspraken.meetings import permissions, services
from woonafspraken.meetings.constants import ActionStatus
from woonafspraken.meetings.forms import ActionForm, ActionStatusForm
from woonafspraken.meetings.models import ActionItem
from woonafspraken.meetings.views.common import _form_errors, _mark_editable, _require


def action_list(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    user = request.user
    actions = list(
        ActionItem.objects.filter(covenant=covenant)
        .select_related("owner", "agreement", "meeting__meeting_type")
        .order_by("status", "due_date", "pk")
    )
    show_all = request.GET.get("alle") == "1"
    shown = (
        actions
        if show_all
        else [a for a in actions if a.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)]
    )
    _mark_editable(user, covenant, shown)
    return render(
        request,
        "meetings/action_list.html",
        {
            "actions": shown,
            "show_all": show_all,
            "status_form": ActionStatusForm(),
            "today": timezone.localdate(),
            "can_manage_meetings": permissions.can_manage_meetings(user, covenant),
            "action_form": ActionForm(covenant=covenant, prefix="actie"),
        },
    )


@require_POST
def action_status(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponse:
    covenant = request.covenant
    action = get_object_or_404(ActionItem.objects.select_related("covenant"), covenant=covenant, pk=pk)
    _require(permissions.can_update_action(request.user, action))
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        saved = call_service(
            form,
            services.action_set_status,
            action=action,
            user=request.user,
            status=form.cleaned_data["status"],
            expected=form.seen,
        )
        if form.conflict is not None:
            action.refresh_from_db()
            return render(
                request,
                "meetings/action_status.html",
                {"action": action, "form": form, "back": _back(request, covenant)},
            )
        if saved is None:
            messages.error(request, _form_errors(form))
        else:
            messages.success(request, _("Action updated."))
    else:
        messages.error(request, _("Choose a valid status."))
    return redirect(_back(request, covenant))


def _back(request: HttpRequest, covenant: Covenant) -> str:
    """Where the status form came from: a page of this site, else the action list."""
    back = request.POST.get("next", "")
    # A path, not a word: redirect() would take "abc" for a view name and fail with a server error.
    if back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return back
    return reverse("meetings:actions", args=[covenant.pk])


@require_POST
def action_new(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    _require(permissions.can_manage_meetings(request.user, covenant))
    form = ActionForm(request.POST, covenant=covenant, prefix="actie")
    if form.is_valid():
        data = form.cleaned_data
        action = call_service(
            form, services.action_create,
            covenant=covenant, user=request.user, description=data["description"],
            responsible=data["responsible"], agreement=data["agreement"], assignee=data["assignee"],
            due_date=data["due_date"], activity=data["activity"],
        )  # fmt: skip
        if action is not None:
            messages.success(request, _("Action recorded."))
            return redirect("meetings:actions", covenant.pk)
    messages.error(request, _form_errors(form))
    return redirect("meetings:actions", covenant.pk)
