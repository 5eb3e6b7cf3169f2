"""The meetings overview (the cadence per year) and its downloads: the calendar and the cadence export."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.core.writers import CONTENT_TYPES
from woonafspraken.core.writers import render as render_export
from woonafspraken.meetings import permissions
from woonafspraken.meetings.constants import MeetingStatus
from woonafspraken.meetings.exports import cadence_data, calendar_file
from woonafspraken.meetings.models import MeetingType
from woonafspraken.meetings.selectors import cadence_for_year, meeting_list
from woonafspraken.meetings.views.common import WINDOW_LABELS, _year


def index(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    today = timezone.localdate()
    year = _year(request)
    meetings = list(meeting_list(covenant))
    user = request.user
    return render(
        request,
        "meetings/index.html",
        {
            "year": year,
            "years": list(range(covenant.start_date.year, max(covenant.end_date.year + 1, today.year) + 1)),
            "today": today,
            "rows": cadence_for_year(covenant, year, today=today),
            "window_labels": WINDOW_LABELS,
            "upcoming": [
                m for m in reversed(meetings) if m.date >= today and m.status == MeetingStatus.PLANNED
            ],
            "past": [m for m in meetings if m.date < today or m.status != MeetingStatus.PLANNED][:20],
            "parties": list(Organisation.objects.filter(covenants=covenant).order_by("name")),
            "can_manage_meetings": permissions.can_manage_meetings(user, covenant),
        },
    )


def calendar_download(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
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


def cadence_download(request: CovenantRequest, covenant_id: int, fmt: str) -> HttpResponse:
    covenant = request.covenant
    if fmt not in ("json", "csv", "xlsx"):
        raise Http404(_("This export does not exist."))
    year = _year(request)
    rows = cadence_data(covenant, year)
    response = HttpResponse(render_export(rows, {"Overleg": rows}, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="overleg-{covenant.pk}-{year}.{fmt}"'
    return response
