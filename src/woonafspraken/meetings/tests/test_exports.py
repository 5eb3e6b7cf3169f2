"""`woonafspraken export cadence|calendar --year Y`, and the downloads from the web."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time
from icalendar import Calendar

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Covenant
from woonafspraken.meetings.models import MeetingType
from woonafspraken.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db
D = dt.date


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("export", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def meetings_2025(kampen: Covenant, kerngroep: MeetingType, steering: MeetingType):
    MeetingFactory(
        meeting_type=kerngroep,
        date=D(2025, 2, 3),
        start_time=dt.time(9, 30),
        end_time=dt.time(11),
        location="Stadhuis Kampen",
        held=True,
    )
    MeetingFactory(meeting_type=kerngroep, date=D(2025, 6, 2), held=True)
    MeetingFactory(meeting_type=steering, date=D(2025, 5, 20), start_time=dt.time(14), held=True)
    MeetingFactory(meeting_type=steering, date=D(2025, 11, 18), cancelled=True)
    MeetingFactory(meeting_type=kerngroep, date=D(2026, 1, 12), held=True)


@freeze_time("2026-03-01")
def test_cadence_export_as_json(meetings_2025, capsys):
    call_command("export", "cadence", "--year", "2025", "--format", "json")
    rows = json.loads(capsys.readouterr().out)
    by_type = {row["meeting_type"]: row for row in rows}
    assert set(rows[0]) == {"meeting_type", "agreement", "required", "held", "next_due"}
    assert by_type["Kerngroep"] == {
        "meeting_type": "Kerngroep",
        "agreement": "5.2",
        "required": 4,
        "held": 2,
        "next_due": None,
    }
    assert by_type["Bestuurlijk overleg"]["held"] == 1  # the cancelled autumn meeting does not count
    assert by_type["Operationeel wijkoverleg Brunnepe"]["agreement"] == "3.2.1"
    assert by_type["Locatieoverleg"]["required"] == 1


@freeze_time("2026-03-01")
def test_cadence_export_for_this_year_has_next_due_dates(meetings_2025, capsys):
    call_command("export", "cadence", "--year", "2026", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff")), delimiter=";"))
    kerngroep = next(row for row in rows if row["meeting_type"] == "Kerngroep")
    # Four a year, due by the end of the year (no longer one a quarter: issue 12).
    assert (kerngroep["held"], kerngroep["required"], kerngroep["next_due"]) == ("1", "4", "2026-12-31")


def test_cadence_export_needs_a_year(kampen):
    with pytest.raises(CommandError, match="--year"):
        run("cadence")


def test_existing_exports_still_work_without_a_year(kampen, capsys):
    call_command("export", "agreements")
    assert json.loads(capsys.readouterr().out)["covenant"]["municipality"] == "Kampen"


def test_calendar_export_parses_back_with_icalendar(meetings_2025, tmp_path: Path):
    target = tmp_path / "overleg.ics"
    call_command("export", "calendar", "--year", "2025", "-o", str(target))
    calendar = Calendar.from_ical(target.read_bytes())
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("DTSTART").isoformat())
    assert [str(e["SUMMARY"]) for e in events] == [
        "Kerngroep",
        "Bestuurlijk overleg",
        "Kerngroep",
        "Bestuurlijk overleg",
    ]
    first = events[0]
    start = first.decoded("DTSTART")
    assert (start.date(), start.hour, start.minute, str(start.tzinfo)) == (
        D(2025, 2, 3),
        9,
        30,
        "Europe/Amsterdam",
    )
    assert first.decoded("DTEND").hour == 11 and str(first["LOCATION"]) == "Stadhuis Kampen"
    assert events[2].decoded("DTSTART") == D(2025, 6, 2)  # no time: an all-day event
    assert str(events[3]["STATUS"]) == "CANCELLED"
    assert len({str(e["UID"]) for e in events}) == 4
    assert all("DTSTAMP" in e for e in events)


def test_calendar_as_json_rows(meetings_2025, capsys):
    call_command("export", "calendar", "--year", "2026", "--format", "json")
    assert json.loads(capsys.readouterr().out) == [
        {
            "meeting_type": "Kerngroep",
            "date": "2026-01-12",
            "start": None,
            "end": None,
            "location": "",
            "status": "held",
        }
    ]


def test_calendar_per_organisation_and_per_type_from_the_web(
    client: Client, reader: User, kampen: Covenant, meetings_2025, kerngroep: MeetingType
):
    client.force_login(reader)
    url = reverse("meetings:calendar", args=[kampen.pk])
    by_type = client.get(url, {"jaar": 2025, "soort": kerngroep.pk})
    assert by_type["Content-Type"].startswith("text/calendar")
    assert [str(e["SUMMARY"]) for e in Calendar.from_ical(by_type.content).walk("VEVENT")] == [
        "Kerngroep",
        "Kerngroep",
    ]
    # 1.3.5's quarterly statushouders meeting is for the gemeente and corporations; the tenants are not in it.
    statushouders = MeetingType.objects.get(covenant=kampen, key="1.3.5")
    MeetingFactory(meeting_type=statushouders, date=D(2025, 3, 3))
    tenants = Organisation.objects.get(name="Huurders Vereniging groot IJsselmuiden")
    for_tenants = client.get(url, {"jaar": 2025, "organisatie": tenants.pk})
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(for_tenants.content).walk("VEVENT")]
    assert "Huisvesting statushouders" not in summaries and summaries.count("Kerngroep") == 2
    event = Calendar.from_ical(for_tenants.content).walk("VEVENT")[0]
    assert str(event["URL"]).startswith("http://testserver/convenanten/")


def test_cadence_download_from_the_web(client: Client, reader: User, kampen: Covenant, meetings_2025):
    client.force_login(reader)
    response = client.get(reverse("meetings:cadence_export", args=[kampen.pk, "json"]), {"jaar": 2025})
    assert {row["meeting_type"] for row in json.loads(response.content)} >= {
        "Kerngroep",
        "Bestuurlijk overleg",
    }
    assert client.get(reverse("meetings:cadence_export", args=[kampen.pk, "pdf"])).status_code == 404
