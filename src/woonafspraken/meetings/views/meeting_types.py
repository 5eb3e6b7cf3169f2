"""Pages of the meeting types: the list and the coordinator's form."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from woonafspraken.core.locking import TOKEN_FIELD, Rows, edit_token
from woonafspraken.core.models import StaleEditError
from woonafspraken.meetings import permissions, services
from woonafspraken.meetings.forms import MeetingTypeForm
from woonafspraken.meetings.models import MeetingType
from woonafspraken.meetings.views.common import WINDOW_LABELS, _apply_errors, _covenant, _page, _user


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
