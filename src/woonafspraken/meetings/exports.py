"""`woonafspraken export cadence|calendar --year Y`: the meetings held against what the agreements ask."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.registry import Export, register_export
from woonafspraken.meetings.agenda import agenda_lines
from woonafspraken.meetings.constants import MeetingStatus
from woonafspraken.meetings.ical import CalendarEvent, build_calendar
from woonafspraken.meetings.models import Meeting, MeetingType
from woonafspraken.meetings.selectors import cadence_export_rows, calendar_meetings


def cadence_data(covenant: Covenant, year: int) -> list[dict[str, Any]]:
    return cadence_export_rows(covenant, year, today=timezone.localdate())


def _this_year(covenant: Covenant) -> list[dict[str, Any]]:
    return cadence_data(covenant, timezone.localdate().year)


register_export(
    Export(
        name="cadence",
        description=gettext_lazy("Meetings: held against required per kind of meeting in a year"),
        as_data=_this_year,
        as_tables=lambda covenant: {"Overleg": _this_year(covenant)},
        needs_year=True,
        as_data_for_year=cadence_data,
        as_tables_for_year=lambda covenant, year: {"Overleg": cadence_data(covenant, year)},
    )
)


def _event(meeting: Meeting, base_url: str) -> CalendarEvent:
    agenda = agenda_lines(list(meeting.agenda_items.all()), meeting.agenda)
    return CalendarEvent(
        uid=f"overleg-{meeting.pk}@woonafspraken",
        title=meeting.meeting_type.name,
        date=meeting.date,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        location=meeting.location,
        description=_("Agenda:") + f"\n{agenda}" if agenda else "",
        cancelled=meeting.status == MeetingStatus.CANCELLED,
        url=base_url + reverse("meetings:meeting", args=[meeting.covenant_id, meeting.pk])
        if base_url
        else "",
        last_modified=meeting.updated_at,
    )


def calendar_file(
    covenant: Covenant,
    year: int,
    *,
    organisation: Organisation | None = None,
    meeting_type: MeetingType | None = None,
    base_url: str = "",
) -> bytes:
    """The meetings of a year as .ics: all of them, one organisation's or one type's."""
    meetings = calendar_meetings(covenant, year, organisation=organisation, meeting_type=meeting_type)
    scope = meeting_type.name if meeting_type else organisation.name if organisation else covenant.title
    return build_calendar(
        _("Meetings %(scope)s %(year)s") % {"scope": scope, "year": year},
        [_event(m, base_url) for m in meetings],
        now=dt.datetime.now(dt.UTC),
    )


def _calendar_rows(covenant: Covenant, year: int) -> list[dict[str, Any]]:
    return [
        {
            "meeting_type": m.meeting_type.name,
            "date": m.date.isoformat(),
            "start": m.start_time.strftime("%H:%M") if m.start_time else None,
            "end": m.end_time.strftime("%H:%M") if m.end_time else None,
            "location": m.location,
            "status": m.status,
        }
        for m in calendar_meetings(covenant, year)
    ]


register_export(
    Export(
        name="calendar",
        description=gettext_lazy("Meetings as a calendar (iCalendar) for a year"),
        as_data=lambda covenant: _calendar_rows(covenant, timezone.localdate().year),
        as_tables=lambda covenant: {"Agenda": _calendar_rows(covenant, timezone.localdate().year)},
        needs_year=True,
        as_data_for_year=_calendar_rows,
        as_tables_for_year=lambda covenant, year: {"Agenda": _calendar_rows(covenant, year)},
        file_format="ics",
        as_file_for_year=lambda covenant, year: calendar_file(
            covenant, year, base_url=getattr(settings, "SITE_URL", "")
        ),
    )
)
