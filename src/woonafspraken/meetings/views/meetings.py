"""Pages of a meeting: schedule it, its page (decisions, actions, comments), record it, its agenda."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.forms import call_service
from woonafspraken.core.locking import TOKEN_FIELD, Rows, edit_token
from woonafspraken.meetings import permissions, services
from woonafspraken.meetings.forms import (
    ActionForm,
    ActionStatusForm,
    AgendaForm,
    CommentForm,
    DecisionForm,
    MeetingRecordForm,
    MeetingScheduleForm,
)
from woonafspraken.meetings.models import Decision, Meeting
from woonafspraken.meetings.selectors import agenda_proposal, agenda_recipients, meeting_detail
from woonafspraken.meetings.views.common import _allow, _mark_editable


def _meeting(covenant: Covenant, pk: int) -> Meeting:
    try:
        return meeting_detail(covenant, pk)
    except Meeting.DoesNotExist as error:
        raise Http404(_("This meeting does not exist.")) from error


def meeting_new(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    user = request.user
    if not permissions.can_manage_meetings(user, covenant):
        raise PermissionDenied(_("Only the coordinator schedules meetings."))
    initial = {"meeting_type": request.GET.get("soort")} if request.GET.get("soort", "").isdigit() else {}
    form = MeetingScheduleForm(request.POST or None, covenant=covenant, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = call_service(
            form,
            services.meeting_schedule,
            covenant=covenant,
            user=user,
            meeting_type=data["meeting_type"],
            date=data["date"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            location=data["location"],
        )
        if meeting is not None:
            messages.success(request, _("Meeting scheduled."))
            return redirect("meetings:meeting", covenant.pk, meeting.pk)
    return render(request, "meetings/meeting_new.html", {"form": form})


def meeting_view(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponse:
    covenant = request.covenant
    user = request.user
    meeting = _meeting(covenant, pk)
    can_manage = permissions.can_manage_meetings(user, covenant)
    actions = list(meeting.action_items.all())
    _mark_editable(user, covenant, actions)
    decision_form = DecisionForm(covenant=covenant, prefix="besluit")
    action_form = ActionForm(covenant=covenant, prefix="actie")
    comment_form = CommentForm(prefix="reactie")
    if request.method == "POST":
        which = request.POST.get("form")
        _allow(
            which,
            {
                "decision": can_manage,
                "action": can_manage,
                "comment": permissions.can_comment(user, covenant),
            },
        )
        if which == "decision":
            decision_form = DecisionForm(request.POST, covenant=covenant, prefix="besluit")
            if decision_form.is_valid():
                decision = call_service(
                    decision_form,
                    _record_decision,
                    request=request,
                    covenant=covenant,
                    meeting=meeting,
                    data=decision_form.cleaned_data,
                )
                if decision is not None:
                    return redirect("meetings:meeting", covenant.pk, meeting.pk)
        elif which == "action":
            action_form = ActionForm(request.POST, covenant=covenant, prefix="actie")
            if action_form.is_valid():
                data = action_form.cleaned_data
                action = call_service(
                    action_form, services.action_create,
                    covenant=covenant, user=user, meeting=meeting, description=data["description"],
                    responsible=data["responsible"], agreement=data["agreement"], assignee=data["assignee"],
                    due_date=data["due_date"], activity=data["activity"],
                )  # fmt: skip
                if action is not None:
                    messages.success(request, _("Action recorded."))
                    return redirect("meetings:meeting", covenant.pk, meeting.pk)
        elif which == "comment":
            comment_form = CommentForm(request.POST, prefix="reactie")
            if comment_form.is_valid():
                comment = call_service(
                    comment_form,
                    services.comment_add,
                    user=user,
                    text=comment_form.cleaned_data["text"],
                    meeting=meeting,
                )
                if comment is not None:
                    messages.success(request, _("Comment added."))
                    return redirect("meetings:meeting", covenant.pk, meeting.pk)
        else:
            raise Http404
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "actions": actions,
            "can_manage_meetings": can_manage,
            "can_comment": permissions.can_comment(user, covenant),
            "decision_form": decision_form,
            "action_form": action_form,
            "comment_form": comment_form,
            "status_form": ActionStatusForm(),
            "today": timezone.localdate(),
        },
    )


def _record_decision(
    request: CovenantRequest, covenant: Covenant, meeting: Any, data: dict[str, Any]
) -> Decision:
    user = request.user
    from_decision = services.decision_record(
        meeting=meeting, user=user, text=data["text"], agreement=data["agreement"], activity=data["activity"]
    )
    if data["action"]:
        services.action_create(
            covenant=covenant, user=user, meeting=meeting, decision=from_decision, description=data["action"],
            responsible=data["responsible"], agreement=data["agreement"], assignee=data["assignee"],
            due_date=data["due_date"], activity=data["activity"],
        )  # fmt: skip
        messages.success(request, _("Decision and action recorded."))
    else:
        messages.success(request, _("Decision recorded."))
    return from_decision


def meeting_edit(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponse:
    covenant = request.covenant
    user = request.user
    meeting = get_object_or_404(
        Meeting.objects.select_related("meeting_type").prefetch_related("attendees"), covenant=covenant, pk=pk
    )
    if not permissions.can_manage_meetings(user, covenant):
        raise PermissionDenied(_("Only the coordinator records meetings."))
    form = MeetingRecordForm(
        request.POST or None,
        covenant=covenant,
        initial={**MeetingRecordForm.initial_for(meeting), TOKEN_FIELD: edit_token(Rows.of(meeting))},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = call_service(
            form, services.meeting_update, meeting=meeting, user=user, expected=form.seen, **data
        )
        if saved is not None:
            messages.success(request, _("Meeting saved."))
            return redirect("meetings:meeting", covenant.pk, meeting.pk)
    return render(request, "meetings/meeting_edit.html", {"form": form, "meeting": meeting})


def meeting_agenda(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponse:
    covenant = request.covenant
    user = request.user
    meeting = _meeting(covenant, pk)
    if not permissions.can_manage_meetings(user, covenant):
        raise PermissionDenied(_("Only the coordinator prepares the agenda."))
    proposal = agenda_proposal(meeting)
    initial_agenda = (
        meeting.agenda if meeting.agenda and "voorstel" not in request.GET else proposal.as_text()
    )
    form = AgendaForm(
        request.POST or None,
        initial={"agenda": initial_agenda, TOKEN_FIELD: edit_token(Rows.of(meeting))},
    )
    if request.method == "POST" and form.is_valid():
        if request.POST.get("send"):
            mailing = call_service(
                form,
                services.meeting_agenda_send,
                meeting=meeting,
                user=user,
                agenda=form.cleaned_data["agenda"],
                expected=form.seen,
            )
            if mailing is not None:
                messages.success(
                    request,
                    _("Agenda sent to %(count)s recipients.") % {"count": len(mailing.recipients)},
                )
                return redirect("meetings:meeting", covenant.pk, meeting.pk)
        else:
            saved = call_service(
                form,
                services.meeting_agenda_save,
                meeting=meeting,
                user=user,
                agenda=form.cleaned_data["agenda"],
                expected=form.seen,
            )
            if saved is not None:
                messages.success(request, _("Agenda saved."))
                return redirect("meetings:meeting", covenant.pk, meeting.pk)
    return render(
        request,
        "meetings/meeting_agenda.html",
        {
            "meeting": meeting,
            "proposal": proposal,
            "form": form,
            "recipients": agenda_recipients(meeting),
        },
    )
