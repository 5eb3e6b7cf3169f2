"""Meetings as an iCalendar file (RFC 5545) that real calendar clients subscribe to or import.

Stable UIDs (a changed meeting updates the event instead of adding one), times in Europe/Amsterdam
with the VTIMEZONE included, all-day events for meetings without a time, cancelled meetings kept with
STATUS:CANCELLED so clients remove them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

TIMEZONE = ZoneInfo("Europe/Amsterdam")
PRODID = "-//Woonafspraken//Overleg//NL"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    title: str
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    location: str
    description: str
    cancelled: bool
    url: str
    last_modified: dt.datetime


def build_calendar(name: str, events: Sequence[CalendarEvent], *, now: dt.datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", now.astimezone(dt.UTC))
        event.add("last-modified", item.last_modified.astimezone(dt.UTC))
        event.add("summary", item.title)
        if item.start_time is None:
            event.add("dtstart", item.date)
            event.add("dtend", item.date + dt.timedelta(days=1))
        else:
            start = dt.datetime.combine(item.date, item.start_time, tzinfo=TIMEZONE)
            end_time = item.end_time or (start + dt.timedelta(hours=2)).time()
            event.add("dtstart", start)
            event.add("dtend", dt.datetime.combine(item.date, end_time, tzinfo=TIMEZONE))
        if item.location:
            event.add("location", item.location)
        if item.description:
            event.add("description", item.description)
        if item.url:
            event.add("url", item.url)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    if events:  # the VTIMEZONE rules cover the years of the events, which keeps the file small
        first, last = min(e.date for e in events), max(e.date for e in events)
        calendar.add_missing_timezones(
            first_date=dt.date(first.year - 1, 1, 1), last_date=dt.date(last.year + 2, 1, 1)
        )
    content: bytes = calendar.to_ical()
    return content
