"""Reminder mails to owners and about milestones; idempotent per day."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from freezegun import freeze_time

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans.models import Milestone, ReminderLog
from woonafspraken.annual_plans.services import annual_plan_adopt, progress_record
from woonafspraken.annual_plans.tests.factories import activity, plan

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_owners_without_recent_progress_are_mailed_once_a_day(
    kampen: Covenant, coordinator: User, corporation_editor: User
):
    coordinator.email = "coordinator@example.org"
    coordinator.save()
    with freeze_time("2026-01-10"):
        year = plan(kampen, 2026)
        stale = activity(year, owner="deltaWonen", title="Taakstelling H1", quarter=2)
        fresh = activity(year, owner="Beter Wonen IJsselmuiden", title="Zonnepanelen")
        annual_plan_adopt(plan=year, user=coordinator, adopted_on=dt.date(2026, 1, 5), meeting="BO")
    with freeze_time("2026-05-20"):
        progress_record(
            activity=fresh, user=coordinator, date=dt.date(2026, 5, 1), status="loopt", text="Bezig"
        )
        call_command("send_reminders", "--base-url", "https://woonafspraken.example")
        call_command("send_reminders")  # the same day again: nothing new
    owner_mails = [m for m in mail.outbox if m.to == ["delta@example.org"]]
    assert len(owner_mails) == 1
    assert "Taakstelling H1" in owner_mails[0].body and "Zonnepanelen" not in owner_mails[0].body
    assert "https://woonafspraken.example/convenanten/" in owner_mails[0].body
    assert ReminderLog.objects.filter(kind="activities").count() == 1
    assert stale.pk
    with freeze_time("2026-05-21"):
        call_command("send_reminders")
    assert len([m for m in mail.outbox if m.to == ["delta@example.org"]]) == 2  # a new day, a new reminder


def test_near_milestones_go_to_coordinators_and_corporation_staff(
    kampen: Covenant, coordinator: User, corporation_editor
):
    coordinator.email = "coordinator@example.org"
    coordinator.save()
    with freeze_time("2026-06-15"):
        plan(kampen, 2026)  # creates the calendar around 2026 and 2027
        call_command("send_reminders")
    bid = Milestone.objects.get(covenant=kampen, year=2027, kind="bod")
    assert bid.due_date == dt.date(2026, 7, 1)
    subjects = {(m.to[0], m.subject) for m in mail.outbox if "Herinnering" in m.subject}
    assert (
        "coordinator@example.org",
        "Herinnering: Bod (activiteitenoverzicht) van de corporaties voor 2027 (1 juli 2026)",
    ) in subjects
    assert any(to == "delta@example.org" and "Bod" in subject for to, subject in subjects)
    mail.outbox.clear()
    bid.done_on = dt.date(2026, 6, 15)
    bid.save()
    with freeze_time("2026-06-16"):
        call_command("send_reminders")
    assert not [m for m in mail.outbox if "Bod" in m.subject]
