"""Pages of a meeting: schedule it, its page (decisions, actions, comments), record it, its agenda."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.forms import call_service
from woonafspraken.core.locking import TOKEN_FIELD, Rows, edit_token
from woonafspraken.meetings import permissions, services
from woonafspraken.meetings.agenda import agenda_recipients, agenda_suggestion
from woonafspraken.meetings.forms import (
    ActionForm,
    ActionStatusForm,
    AgendaItemForm,
    CommentForm,
    DecisionForm,
    MeetingRecordForm,
    MeetingScheduleForm,
)
from woonafspraken.meetings.models import AgendaItem, Decision, Meeting
from woonafspraken.meetings.selectors import meeting_detail
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
    """The agenda of a meeting: its template's suggestion, the items (add, change, remove, move) and
    sending it, with the recipients shown before the click. One form per POST (``form``)."""
    covenant = request.covenant
    user = request.user
    meeting = _meeting(covenant, pk)
    if not permissions.can_manage_meetings(user, covenant):
        raise PermissionDenied(_("Only the coordinator prepares the agenda."))
    items = list(meeting.agenda_items.all())
    editing = _item(items, request.GET.get("wijzig"))
    item_form = _item_form(covenant, editing)
    if request.method == "POST":
        which = request.POST.get("form") or "add"  # the main form of the page
        here = reverse("meetings:meeting_agenda", args=[covenant.pk, meeting.pk])
        if which == "suggest":
            added = _run(request, services.agenda_suggest, meeting=meeting, user=user)
            if added is not None:
                if added:
                    messages.success(
                        request,
                        ngettext(
                            "%(count)s agenda item added from the template.",
                            "%(count)s agenda items added from the template.",
                            len(added),
                        )
                        % {"count": len(added)},
                    )
                else:
                    messages.info(request, _("Everything the template suggests is already on the agenda."))
            return redirect(here)
        if which in ("move", "remove"):
            item = _item(items, request.POST.get("item"))
            if item is None:
                messages.error(request, _("This agenda item does not exist (any more); nothing changed."))
            elif which == "move":
                moved = _run(
                    request,
                    services.agenda_item_move,
                    item=item,
                    user=user,
                    direction=request.POST.get("richting", ""),
                )
                if moved is not None:
                    messages.success(request, _("Agenda item moved."))
            elif _run(request, services.agenda_item_remove, item=item, user=user) is not None:
                messages.success(
                    request,
                    _("Agenda item ‘%(title)s’ removed; you can put it back under ‘Removed agenda items’.")
                    % {"title": item.title},
                )
            return redirect(here)
        if which == "restore":
            history_id = request.POST.get("history_id", "")
            restored = _run(
                request,
                services.agenda_item_restore,
                meeting=meeting,
                user=user,
                history_id=int(history_id) if history_id.isdigit() else 0,
            )
            if restored is not None:
                messages.success(request, _("Agenda item ‘%(title)s’ put back.") % {"title": restored.title})
            return redirect(here)
        if which == "send":
            mailing = _run(request, services.meeting_agenda_send, meeting=meeting, user=user)
            if mailing is not None:
                messages.success(
                    request,
                    ngettext(
                        "Agenda sent to %(count)s recipient.",
                        "Agenda sent to %(count)s recipients.",
                        len(mailing.recipients),
                    )
                    % {"count": len(mailing.recipients)},
                )
                return redirect("meetings:meeting", covenant.pk, meeting.pk)
            return redirect(here)
        if which not in ("add", "edit"):
            raise Http404
        editing = _item(items, request.POST.get("item")) if which == "edit" else None
        if which == "edit" and editing is None:
            messages.error(request, _("This agenda item does not exist (any more); nothing changed."))
            return redirect(here)
        item_form = _item_form(covenant, editing, data=request.POST)
        if item_form.is_valid():
            data = item_form.cleaned_data
            fields = {name: data[name] for name in services.AGENDA_ITEM_FIELDS}
            if editing is None:
                saved = call_service(
                    item_form, services.agenda_item_add, meeting=meeting, user=user, **fields
                )
            else:
                saved = call_service(
                    item_form,
                    services.agenda_item_update,
                    item=editing,
                    user=user,
                    expected=item_form.seen,
                    **fields,
                )
            if saved is not None:
                messages.success(request, _("Agenda item saved.") if editing else _("Agenda item added."))
                return redirect(f"{here}#agenda-item-{saved.pk}")
    suggestion = agenda_suggestion(meeting, today=timezone.localdate())
    keys = {item.key for item in items if item.key}
    titles = {" ".join(item.title.split()).casefold() for item in items}
    recipients = agenda_recipients(meeting)
    removed = (
        AgendaItem.history.filter(meeting_id=meeting.pk, history_type="-")
        .exclude(id__in=[item.pk for item in items])
        .select_related("history_user")
    )
    return render(
        request,
        "meetings/meeting_agenda.html",
        {
            "meeting": meeting,
            "items": items,
            "suggestion": suggestion,
            "on_agenda": {
                s.key
                for s in suggestion.items
                if s.key in keys or " ".join(s.title.split()).casefold() in titles
            },
            "item_form": item_form,
            "removed": list({r.id: r for r in removed.order_by("history_id")}.values())[::-1][:10],
            "editing": editing,
            "recipients": recipients,
            "can_send": bool(recipients) and bool(items or meeting.agenda.strip()),
        },
    )


def _item(items: list[AgendaItem], value: str | None) -> AgendaItem | None:
    """The agenda item of this meeting with the id ``value`` (from the page), or None."""
    return next((item for item in items if str(item.pk) == (value or "").strip()), None)


def _item_form(covenant: Covenant, item: AgendaItem | None, data: Any = None) -> AgendaItemForm:
    if item is None:
        return AgendaItemForm(data, covenant=covenant, prefix="punt")
    initial = {**AgendaItemForm.initial_for(item), TOKEN_FIELD: edit_token(Rows.of(item))}
    return AgendaItemForm(data, covenant=covenant, prefix="punt", initial=initial)


def _run(request: CovenantRequest, service: Any, **kwargs: Any) -> Any:
    """A write without a form (suggest, move, remove, send): its refusal as a message; None when refused."""
    try:
        result = service(**kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    return True if result is None else result
