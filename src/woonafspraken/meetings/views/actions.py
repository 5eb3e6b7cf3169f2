"""Pages of the action items: the list, a new action, a status update."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from woonafspraken.agreements.models import Covenant
from woonafspraken.core.models import StaleEditError
from woonafspraken.meetings import permissions, services
from woonafspraken.meetings.constants import ActionStatus
from woonafspraken.meetings.forms import ActionForm, ActionStatusForm
from woonafspraken.meetings.models import ActionItem
from woonafspraken.meetings.views.common import _covenant, _mark_editable, _page, _require, _user


def action_list(request: HttpRequest, covenant_id: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    user = _user(request)
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
    return _page(
        request, covenant, "action_list.html", actions=shown, show_all=show_all, status_form=ActionStatusForm(),
        today=timezone.localdate(), can_manage_meetings=permissions.can_manage_meetings(user, covenant),
        action_form=ActionForm(covenant=covenant, prefix="actie"),
    )  # fmt: skip


@require_POST
def action_status(request: HttpRequest, covenant_id: int, pk: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    action = get_object_or_404(ActionItem.objects.select_related("covenant"), covenant=covenant, pk=pk)
    _require(permissions.can_update_action(_user(request), action))
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        try:
            services.action_set_status(
                action=action, user=_user(request), status=form.cleaned_data["status"], expected=form.seen
            )
        except StaleEditError as error:
            form.show_conflict(error)
            action.refresh_from_db()
            return _page(
                request,
                covenant,
                "action_status.html",
                action=action,
                form=form,
                back=_back(request, covenant),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
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
def action_new(request: HttpRequest, covenant_id: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    _require(permissions.can_manage_meetings(_user(request), covenant))
    form = ActionForm(request.POST, covenant=covenant, prefix="actie")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.action_create(
                covenant=covenant, user=_user(request), description=data["description"],
                responsible=data["responsible"], agreement=data["agreement"], assignee=data["assignee"],
                due_date=data["due_date"], activity=data["activity"],
            )  # fmt: skip
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Action recorded."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("meetings:actions", covenant.pk)
