from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Covenant
from woonafspraken.agreements.views import covenant_context
from woonafspraken.core.locking import TOKEN_FIELD, Rows, edit_token, edit_tokens
from woonafspraken.core.models import StaleEditError
from woonafspraken.core.writers import CONTENT_TYPES
from woonafspraken.core.writers import render as render_export
from woonafspraken.meetings import permissions, services
from woonafspraken.meetings.constants import (
    CORPORATION_WORK_KINDS,
    MUNICIPALITY_WORK_KINDS,
    ActionStatus,
    MeetingStatus,
    Window,
)
from woonafspraken.meetings.exports import cadence_data, calendar_file
from woonafspraken.meetings.forms import (
    ActionForm,
    ActionStatusForm,
    AdviceForm,
    AdviceRequestForm,
    AdviceResponseForm,
    AgendaForm,
    CommentForm,
    ConcernForm,
    ConcernStepForm,
    DecisionForm,
    DocumentForm,
    MeetingRecordForm,
    MeetingScheduleForm,
    MeetingTypeForm,
    WorkForm,
)
from woonafspraken.meetings.models import (
    ActionItem,
    AdviceRequest,
    Concern,
    ConcernStep,
    Meeting,
    MeetingType,
    SharedDocument,
    Work,
)
from woonafspraken.meetings.selectors import (
    agenda_proposal,
    cadence_for_year,
    couplings,
    meeting_detail,
    meeting_list,
)

WINDOW_LABELS = dict(Window.choices)


def _covenant(covenant_id: int) -> Covenant:
    return get_object_or_404(Covenant, pk=covenant_id)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _apply_errors(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            for message in field_errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _year(request: HttpRequest) -> int:
    value = request.GET.get("jaar", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return timezone.localdate().year


def _page(request: HttpRequest, covenant: Covenant, template: str, **context: Any) -> HttpResponse:
    return render(request, f"meetings/{template}", {**covenant_context(request, covenant), **context})


# -- overview and meeting types -------------------------------------------------------------------------


def index(request: HttpRequest, covenant_id: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    today = timezone.localdate()
    year = _year(request)
    meetings = list(meeting_list(covenant))
    user = _user(request)
    return _page(
        request,
        covenant,
        "index.html",
        year=year,
        years=list(range(covenant.start_date.year, max(covenant.end_date.year + 1, today.year) + 1)),
        today=today,
        rows=cadence_for_year(covenant, year, today=today),
        window_labels=WINDOW_LABELS,
        upcoming=[m for m in reversed(meetings) if m.date >= today and m.status == MeetingStatus.PLANNED],
        past=[m for m in meetings if m.date < today or m.status != MeetingStatus.PLANNED][:20],
        parties=list(Organisation.objects.filter(covenants=covenant).order_by("name")),
        can_manage_meetings=permissions.can_manage_meetings(user, covenant),
    )


def type_list(request: HttpRequest, covenant_id: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    types = (
        MeetingType.objects.filter(covenant=covenant)
        .select_related("agreement")
        .prefetch_related("participants")
    )
    return _page(
        request,
        covenant,
        "type_list.html",
        types=types.order_by("-is_active", "agreement__order", "name"),
        window_labels=WINDOW_LABELS,
        can_manage_meetings=permissions.can_manage_meetings(_user(request), covenant),
    )


def type_edit(request: HttpRequest, covenant_id: int, pk: int | None = None) -> HttpResponse:
    covenant = _covenant(covenant_id)
    user = _user(request)
    if not permissions.can_manage_meetings(user, covenant):
        raise PermissionDenied(_("Only the coordinator manages meeting types."))
    meeting_type = get_object_or_404(MeetingType, covenant=covenant, pk=pk) if pk else None
    initial = (
        {**MeetingTypeForm.initial_for(meeting_type), TOKEN_FIELD: edit_token(Rows.of(meeting_type))}
        if meeting_type
        else {"is_active": True}
    )
    form = MeetingTypeForm(request.POST or None, covenant=covenant, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.meeting_type_save(
                covenant=covenant,
                user=user,
                meeting_type=meeting_type,
                name=data["name"],
                agreement=data["agreement"],
                participants=data["participants"],
                min_per_year=data["min_per_year"],
                windows=data["windows"],
                standing_items=data["standing_items"].splitlines(),
                wijk=data["wijk"],
                is_steering=data["is_steering"],
                is_active=data["is_active"],
                expected=form.seen,
            )
        except StaleEditError as error:
            form.show_conflict(error)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Meeting type “%(name)s” saved.") % {"name": saved.name})
            return redirect("meetings:types", covenant.pk)
    return _page(request, covenant, "type_form.html", form=form, meeting_type=meeting_type)


def _meeting(covenant: Covenant, pk: int) -> Meeting:
    try:
        return meeting_detail(covenant, pk)
    except Meeting.DoesNotExist as error:
        raise Http404(_("This meeting does not exist.")) from error


# -- meetings -------------------------------------------------------------------------------------------


def meeting_new(request: HttpRequest, covenant_id: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    user = _user(request)
    if not permissions.can_manage_meetings(user, covenant):
        raise PermissionDenied(_("Only the coordinator schedules meetings."))
    initial = {"meeting_type": request.GET.get("soort")} if request.GET.get("soort", "").isdigit() else {}
    form = MeetingScheduleForm(request.POST or None, covenant=covenant, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_schedule(
                covenant=covenant,
                user=user,
                meeting_type=data["meeting_type"],
                date=data["date"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                location=data["location"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Meeting scheduled."))
            return redirect("meetings:meeting", covenant.pk, meeting.pk)
    return _page(request, covenant, "meeting_new.html", form=form)


def _require(allowed: bool) -> None:
    """Refuse a form the user may not use before reading what was filled in (403, nothing stored)."""
    if not allowed:
        raise PermissionDenied(_("You may not do this here; nothing has been stored."))


def _allow(which: str | None, allowed: dict[str, bool]) -> None:
    """On a page with several forms: refuse the one posted (``which``) if the user may not use it."""
    _require(allowed.get(which or "", True))


def meeting_view(request: HttpRequest, covenant_id: int, pk: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    user = _user(request)
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
        try:
            if which == "decision":
                decision_form = DecisionForm(request.POST, covenant=covenant, prefix="besluit")
                if decision_form.is_valid():
                    _record_decision(request, covenant, meeting, decision_form.cleaned_data)
                    return redirect("meetings:meeting", covenant.pk, meeting.pk)
            elif which == "action":
                action_form = ActionForm(request.POST, covenant=covenant, prefix="actie")
                if action_form.is_valid():
                    data = action_form.cleaned_data
                    services.action_create(
                        covenant=covenant, user=user, meeting=meeting, description=data["description"],
                        responsible=data["responsible"], agreement=data["agreement"], assignee=data["assignee"],
                        due_date=data["due_date"], activity=data["activity"],
                    )  # fmt: skip
                    messages.success(request, _("Action recorded."))
                    return redirect("meetings:meeting", covenant.pk, meeting.pk)
            elif which == "comment":
                comment_form = CommentForm(request.POST, prefix="reactie")
                if comment_form.is_valid():
                    services.comment_add(user=user, text=comment_form.cleaned_data["text"], meeting=meeting)
                    messages.success(request, _("Comment added."))
                    return redirect("meetings:meeting", covenant.pk, meeting.pk)
            else:
                raise Http404
        except ValidationError as error:
            target = {"decision": decision_form, "action": action_form}.get(which or "", comment_form)
            _apply_errors(target, error)
    return _page(
        request,
        covenant,
        "meeting_detail.html",
        meeting=meeting,
        actions=actions,
        can_manage_meetings=can_manage,
        can_comment=permissions.can_comment(user, covenant),
        decision_form=decision_form,
        action_form=action_form,
        comment_form=comment_form,
        status_form=ActionStatusForm(),
        today=timezone.localdate(),
    )


def _record_decision(request: HttpRequest, covenant: Covenant, meeting: Any, data: dict[str, Any]) -> None:
    user = _user(request)
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


def meeting_edit(request: HttpRequest, covenant_id: int, pk: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    user = _user(request)
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
        try:
            services.meeting_update(meeting=meeting, user=user, expected=form.seen, **data)
        except StaleEditError as error:
            form.show_conflict(error)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Meeting saved."))
            return redirect("meetings:meeting", covenant.pk, meeting.pk)
    return _page(request, covenant, "meeting_edit.html", form=form, meeting=meeting)


def meeting_agenda(request: HttpRequest, covenant_id: int, pk: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    user = _user(request)
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
        try:
            if request.POST.get("send"):
                mailing = services.meeting_agenda_send(
                    meeting=meeting, user=user, agenda=form.cleaned_data["agenda"], expected=form.seen
                )
                messages.success(
                    request,
                    _("Agenda sent to %(count)s recipients.") % {"count": len(mailing.recipients)},
                )
            else:
                services.meeting_agenda_save(
                    meeting=meeting, user=user, agenda=form.cleaned_data["agenda"], expected=form.seen
                )
                messages.success(request, _("Agenda saved."))
        except StaleEditError as error:
            form.show_conflict(error)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            return redirect("meetings:meeting", covenant.pk, meeting.pk)
    return _page(
        request, covenant, "meeting_agenda.html", meeting=meeting, proposal=proposal, form=form,
        recipients=services.agenda_recipients(meeting),
    )  # fmt: skip


# -- action items -----------------------------------------------------------------------------------------


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


def _mark_editable(user: User, covenant: Covenant, actions: list[ActionItem]) -> None:
    """Which actions the user may update, each with the edit token of its status form."""
    editable = permissions.editable_actions(user, covenant, actions)
    may_manage = permissions.can_manage_meetings(user, covenant)
    tokens = edit_tokens([a for a in actions if a.pk in editable or may_manage])
    for action in actions:
        action.editable = action.pk in editable  # type: ignore[attr-defined]
        action.edit_token = tokens.get(action.pk, "")  # type: ignore[attr-defined]


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


# -- knelpunten --------------------------------------------------------------------------------------------


def concern_list(request: HttpRequest, covenant_id: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    concerns = Concern.objects.filter(covenant=covenant).select_related("owner", "agreement")
    return _page(
        request, covenant, "concern_list.html",
        open_concerns=list(concerns.open().order_by("raised_on")),
        closed_concerns=list(concerns.exclude(pk__in=concerns.open()).order_by("-closed_on")[:20]),
        can_raise=permissions.can_raise_concern(_user(request), covenant),
    )  # fmt: skip


def concern_new(request: HttpRequest, covenant_id: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    user = _user(request)
    if not permissions.can_raise_concern(user, covenant):
        raise PermissionDenied(_("Only a party to this covenant can raise a bottleneck."))
    initial: dict[str, int] = {}
    if request.GET.get("afspraak"):
        agreement = covenant.agreements.filter(number=request.GET["afspraak"]).first()
        initial = {"agreement": agreement.pk} if agreement else {}
    form = ConcernForm(request.POST or None, covenant=covenant, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            concern = services.concern_raise(
                covenant=covenant, user=user, kind=data["kind"], agreement=data["agreement"], title=data["title"],
                description=data["description"],
            )  # fmt: skip
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Bottleneck raised."))
            return redirect("meetings:concern", covenant.pk, concern.pk)
    return _page(request, covenant, "concern_new.html", form=form)


def concern_view(request: HttpRequest, covenant_id: int, pk: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    user = _user(request)
    concern = get_object_or_404(
        Concern.objects.select_related("owner", "agreement", "covenant").prefetch_related(
            Prefetch(
                "steps", queryset=ConcernStep.objects.select_related("meeting__meeting_type", "recorded_by")
            ),
            "comments__organisation",
            "comments__author",
        ),
        covenant=covenant,
        pk=pk,
    )
    token = edit_token(*services.concern_rows(concern))
    step_form = ConcernStepForm(
        covenant=covenant, prefix="stap", initial={"date": timezone.localdate(), TOKEN_FIELD: token}
    )
    comment_form = CommentForm(prefix="reactie")
    if request.method == "POST":
        which = request.POST.get("form")
        may_record = permissions.can_record_concern_step(user, concern)
        _allow(
            which,
            {"step": may_record, "withdraw": may_record, "comment": permissions.can_comment(user, covenant)},
        )
        try:
            if which == "step":
                step_form = ConcernStepForm(request.POST, covenant=covenant, prefix="stap")
                if step_form.is_valid():
                    services.concern_record_step(
                        concern=concern, user=user, expected=step_form.seen, **step_form.cleaned_data
                    )
                    messages.success(request, _("Discussion recorded."))
                    return redirect("meetings:concern", covenant.pk, concern.pk)
            elif which == "comment":
                comment_form = CommentForm(request.POST, prefix="reactie")
                if comment_form.is_valid():
                    services.comment_add(user=user, text=comment_form.cleaned_data["text"], concern=concern)
                    messages.success(request, _("Comment added."))
                    return redirect("meetings:concern", covenant.pk, concern.pk)
            elif which == "withdraw":
                services.concern_withdraw(
                    concern=concern, user=user, expected=request.POST.get(TOKEN_FIELD) or None
                )
                messages.success(request, _("Bottleneck withdrawn."))
                return redirect("meetings:concern", covenant.pk, concern.pk)
            else:
                raise Http404
        except StaleEditError as error:
            if which != "step":  # the page below shows the discussions recorded since
                messages.error(request, error.message)
                return redirect("meetings:concern", covenant.pk, concern.pk)
            step_form.show_conflict(error)
            concern.refresh_from_db()
        except ValidationError as error:
            _apply_errors(step_form if which == "step" else comment_form, error)
    return _page(
        request, covenant, "concern_detail.html", concern=concern, step_form=step_form, comment_form=comment_form,
        edit_token=token,
        can_record=permissions.can_record_concern_step(user, concern),
        can_comment=permissions.can_comment(user, covenant),
        is_open=concern.stage in ("raised", "official", "steering"),
    )  # fmt: skip


# -- works --------------------------------------------------------------------------------------------------


def work_list(request: HttpRequest, covenant_id: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    user = _user(request)
    works = list(
        Work.objects.filter(covenant=covenant).select_related("owner").order_by("start_date", "title")
    )
    editable = permissions.editable_works(user, covenant, works)
    for work in works:
        work.editable = work.pk in editable  # type: ignore[attr-defined]
    return _page(
        request, covenant, "work_list.html", works=works, couplings=couplings(covenant),
        can_register=permissions.can_register_work(user, covenant),
    )  # fmt: skip


def _work_kinds(user: User) -> tuple[str, ...]:
    kind = permissions.work_kinds_allowed(user)
    if kind == "corporatie":
        return tuple(CORPORATION_WORK_KINDS)
    if kind == "gemeente":
        return tuple(MUNICIPALITY_WORK_KINDS)
    return ()


def work_edit(request: HttpRequest, covenant_id: int, pk: int | None = None) -> HttpResponse:
    covenant = _covenant(covenant_id)
    user = _user(request)
    work = (
        get_object_or_404(Work.objects.select_related("covenant"), covenant=covenant, pk=pk) if pk else None
    )
    allowed = permissions.can_edit_work(user, work) if work else permissions.can_register_work(user, covenant)
    if not allowed:
        raise PermissionDenied(_("Only the party carrying out the work registers and changes it."))
    initial: dict[str, Any] = {}
    if work:
        initial = {
            "kind": work.kind, "title": work.title, "wijk": work.wijk, "streets": ", ".join(work.streets),
            "start_date": work.start_date, "end_date": work.end_date, "description": work.description,
        }  # fmt: skip
        initial[TOKEN_FIELD] = edit_token(Rows.of(work))
    form = WorkForm(request.POST or None, initial=initial, kinds=_work_kinds(user) or None)
    if request.method == "POST" and request.POST.get("delete") and work:
        try:
            services.work_delete(work=work, user=user, expected=request.POST.get(TOKEN_FIELD) or None)
        except StaleEditError as error:
            form = WorkForm(initial=initial, kinds=_work_kinds(user) or None)
            form.show_conflict(error)
            return _page(request, covenant, "work_form.html", form=form, work=work)
        messages.success(request, _("Work removed."))
        return redirect("meetings:works", covenant.pk)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "streets": form.street_list()}
        try:
            if work:
                services.work_update(work=work, user=user, expected=form.seen, **data)
            else:
                services.work_register(covenant=covenant, user=user, **data)
        except StaleEditError as error:
            form.show_conflict(error)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Work saved."))
            return redirect("meetings:works", covenant.pk)
    return _page(request, covenant, "work_form.html", form=form, work=work)


# -- tenant advice -------------------------------------------------------------------------------------------


def advice_list(request: HttpRequest, covenant_id: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    requests = AdviceRequest.objects.filter(covenant=covenant).select_related(
        "owner", "tenant_organisation", "agreement"
    )
    return _page(
        request, covenant, "advice_list.html", requests=list(requests), today=timezone.localdate(),
        can_request=permissions.can_request_advice(_user(request), covenant),
    )  # fmt: skip


def advice_new(request: HttpRequest, covenant_id: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    user = _user(request)
    if not permissions.can_request_advice(user, covenant):
        raise PermissionDenied(_("Only a corporation or the municipality requests advice."))
    form = AdviceRequestForm(request.POST or None, covenant=covenant)
    if request.method == "POST" and form.is_valid():
        try:
            advice = services.advice_request(covenant=covenant, user=user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Advice requested."))
            return redirect("meetings:advice", covenant.pk, advice.pk)
    return _page(request, covenant, "advice_new.html", form=form)


def advice_view(request: HttpRequest, covenant_id: int, pk: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    user = _user(request)
    advice = get_object_or_404(
        AdviceRequest.objects.select_related(
            "owner", "tenant_organisation", "agreement", "advice_by", "covenant"
        ),
        covenant=covenant,
        pk=pk,
    )
    token = edit_token(Rows.of(advice))
    advice_form = AdviceForm(prefix="advies", initial={"advice": advice.advice, TOKEN_FIELD: token})
    response_form = AdviceResponseForm(prefix="reactie", initial={TOKEN_FIELD: token})
    if request.method == "POST":
        _allow(
            request.POST.get("form"),
            {
                "advice": permissions.can_give_advice(user, advice),
                "response": permissions.can_respond_to_advice(user, advice),
            },
        )
        try:
            if request.POST.get("form") == "advice":
                advice_form = AdviceForm(request.POST, prefix="advies")
                if advice_form.is_valid():
                    services.advice_give(
                        request=advice,
                        user=user,
                        advice=advice_form.cleaned_data["advice"],
                        expected=advice_form.seen,
                    )
                    messages.success(request, _("Advice recorded."))
                    return redirect("meetings:advice", covenant.pk, advice.pk)
            elif request.POST.get("form") == "response":
                response_form = AdviceResponseForm(request.POST, prefix="reactie")
                if response_form.is_valid():
                    services.advice_respond(
                        request=advice,
                        user=user,
                        response=response_form.cleaned_data["response"],
                        expected=response_form.seen,
                    )
                    messages.success(request, _("Response recorded."))
                    return redirect("meetings:advice", covenant.pk, advice.pk)
            else:
                raise Http404
        except StaleEditError as error:
            (advice_form if request.POST.get("form") == "advice" else response_form).show_conflict(error)
            advice.refresh_from_db()
        except ValidationError as error:
            _apply_errors(advice_form if request.POST.get("form") == "advice" else response_form, error)
    return _page(
        request, covenant, "advice_detail.html", advice=advice, advice_form=advice_form,
        response_form=response_form, today=timezone.localdate(),
        can_advise=permissions.can_give_advice(user, advice) and not advice.response,
        can_respond=permissions.can_respond_to_advice(user, advice) and bool(advice.advice),
    )  # fmt: skip


# -- shared documents -----------------------------------------------------------------------------------------


def document_list(request: HttpRequest, covenant_id: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    user = _user(request)
    documents = list(
        SharedDocument.objects.filter(covenant=covenant)
        .select_related("owner", "meeting__meeting_type")
        .prefetch_related("agreements")
    )
    removable = permissions.removable_documents(user, covenant, documents)
    for document in documents:
        document.removable = document.pk in removable  # type: ignore[attr-defined]
    return _page(
        request, covenant, "document_list.html", documents=documents,
        can_share=permissions.can_share_document(user, covenant),
    )  # fmt: skip


def document_new(request: HttpRequest, covenant_id: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    user = _user(request)
    if not permissions.can_share_document(user, covenant):
        raise PermissionDenied(_("Only staff of a party share documents."))
    initial = {"meeting": request.GET["overleg"]} if request.GET.get("overleg", "").isdigit() else {}
    form = DocumentForm(request.POST or None, request.FILES or None, covenant=covenant, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.document_share(
                covenant=covenant, user=user, upload=data["file"], title=data["title"], kind=data["kind"],
                description=data["description"], agreements=data["agreements"], meeting=data["meeting"],
            )  # fmt: skip
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Document shared."))
            return redirect("meetings:documents", covenant.pk)
    return _page(request, covenant, "document_new.html", form=form)


def document_download(request: HttpRequest, covenant_id: int, pk: int) -> FileResponse:
    document = get_object_or_404(SharedDocument, covenant_id=covenant_id, pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The file is no longer stored.")) from error
    return FileResponse(handle, as_attachment=True, filename=document.filename)


@require_POST
def document_remove(request: HttpRequest, covenant_id: int, pk: int) -> HttpResponse:
    document = get_object_or_404(
        SharedDocument.objects.select_related("covenant"), covenant_id=covenant_id, pk=pk
    )
    services.document_remove(document=document, user=_user(request))
    messages.success(request, _("Document removed."))
    return redirect("meetings:documents", covenant_id)


# -- downloads -------------------------------------------------------------------------------------------------


def calendar_download(request: HttpRequest, covenant_id: int) -> HttpResponse:
    covenant = _covenant(covenant_id)
    year = _year(request)
    organisation = meeting_type = None
    if request.GET.get("organisatie", "").isdigit():
        organisation = get_object_or_404(Organisation, pk=request.GET["organisatie"], covenants=covenant)
    if request.GET.get("soort", "").isdigit():
        meeting_type = get_object_or_404(MeetingType, pk=request.GET["soort"], covenant=covenant)
    content = calendar_file(
        covenant,
        year,
        organisation=organisation,
        meeting_type=meeting_type,
        base_url=request.build_absolute_uri("/")[:-1],
    )
    scope = (
        f"-soort{meeting_type.pk}"
        if meeting_type
        else f"-organisatie{organisation.pk}"
        if organisation
        else ""
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="overleg-{covenant.pk}-{year}{scope}.ics"'
    return response


def cadence_download(request: HttpRequest, covenant_id: int, fmt: str) -> HttpResponse:
    covenant = _covenant(covenant_id)
    if fmt not in ("json", "csv", "xlsx"):
        raise Http404(_("This export does not exist."))
    year = _year(request)
    rows = cadence_data(covenant, year)
    response = HttpResponse(render_export(rows, {"Overleg": rows}, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="overleg-{covenant.pk}-{year}.{fmt}"'
    return response
