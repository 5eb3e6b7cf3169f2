"""Pages of the meeting types: the list and the coordinator's form."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.core.forms import call_service
from woonafspraken.core.locking import TOKEN_FIELD, Rows, edit_token
from woonafspraken.meetings import permissions, services
from woonafspraken.meetings.forms import MeetingTypeForm
from woonafspraken.meetings.models import MeetingType
from woonafspraken.meetings.views.common import WINDOW_LABELS


def type_list(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    types = (
        MeetingType.objects.filter(covenant=covenant)
        .select_related("agreement")
        .prefetch_related("participants")
    )
    return render(
        request,
        "meetings/type_list.html",
        {
            "types": types.order_by("-is_active", "agreement__order", "name"),
            "window_labels": WINDOW_LABELS,
            "can_manage_meetings": permissions.can_manage_meetings(request.user, covenant),
        },
    )


def type_edit(request: CovenantRequest, covenant_id: int, pk: int | None = None) -> HttpResponse:
    covenant = request.covenant
    user = request.user
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
        saved = call_service(
            form,
            services.meeting_type_save,
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
        if saved is not None:
            messages.success(request, _("Meeting type “%(name)s” saved.") % {"name": saved.name})
            return redirect("meetings:types", covenant.pk)
    return render(request, "meetings/type_form.html", {"form": form, "meeting_type": meeting_type})
