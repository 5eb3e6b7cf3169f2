"""Milestones that know: the event that fulfils a milestone ticks it off; only the truly open ones warn."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from freezegun import freeze_time

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans import selectors
from woonafspraken.annual_plans.constants import MilestoneKind
from woonafspraken.annual_plans.models import Milestone
from woonafspraken.annual_plans.reminders import reminders_due
from woonafspraken.annual_plans.services import annual_plan_adopt, annual_plan_close, milestone_update
from woonafspraken.annual_plans.tests.factories import activity, plan

pytestmark = pytest.mark.django_db


def _adopted(covenant: Covenant, year: int, on: dt.date):
    jaarschijf = plan(covenant, year)
    activity(jaarschijf)
    return annual_plan_adopt(plan=jaarschijf, user=None, adopted_on=on, meeting="Bestuurlijk overleg najaar")


@freeze_time("2026-03-01")
def test_an_adopted_and_a_closed_jaarschijf_tick_off_their_milestones_in_one_query(
    kampen: Covenant, django_assert_num_queries
):
    _adopted(kampen, 2025, dt.date(2024, 12, 10))
    annual_plan_close(plan=kampen.annual_plans.get(year=2025), user=None, closed_on=dt.date(2026, 2, 20))
    _adopted(kampen, 2026, dt.date(2025, 12, 12))
    with django_assert_num_queries(1):
        rows = {
            (row.milestone.year, row.milestone.kind): row
            for row in selectors.calendar_rows(kampen, today=dt.date(2026, 3, 1))
        }
    agreements = rows[(2025, MilestoneKind.AGREEMENTS)]
    assert (agreements.state, agreements.done_on) == ("done", dt.date(2024, 12, 10))
    assert "2025" in agreements.evidence and "10 december 2024" in agreements.evidence
    account = rows[(2025, MilestoneKind.ACCOUNT)]
    assert (account.state, account.done_on) == ("done", dt.date(2026, 2, 20))
    # No event covers the bid yet: past and not ticked, it still warns.
    assert rows[(2025, MilestoneKind.BID)].state == "overdue"
    assert rows[(2026, MilestoneKind.AGREEMENTS)].state == "done"
    assert rows[(2026, MilestoneKind.ACCOUNT)].state == "ahead"


def test_a_fulfilled_milestone_sends_no_reminder_and_is_not_the_next_one(kampen: Covenant, coordinator: User):
    coordinator.email = "coordinator@example.org"
    coordinator.save()
    with freeze_time("2025-12-01"):
        jaarschijf = plan(kampen, 2026)  # "agreements and jaarschijf 2026" falls on 15 December 2025
        activity(jaarschijf)
        due = Milestone.objects.get(covenant=kampen, year=2026, kind=MilestoneKind.AGREEMENTS)
        assert [r.key for r in reminders_due(kampen, on=dt.date(2025, 12, 1))] == [str(due.pk)]
        assert selectors.next_milestone(kampen) == due
        annual_plan_adopt(plan=jaarschijf, user=None, adopted_on=dt.date(2025, 11, 28), meeting="BO najaar")
        assert reminders_due(kampen, on=dt.date(2025, 12, 1)) == []
        assert selectors.next_milestone(kampen) != due


@freeze_time("2026-03-01")
def test_a_milestone_an_event_covers_is_not_ticked_by_hand_but_another_is(
    kampen: Covenant, coordinator: User
):
    plan(kampen, 2026)
    # The bid is covered too: the corporations' bods tick it off (renewal.plugins.bod).
    for kind in (MilestoneKind.AGREEMENTS, MilestoneKind.BID):
        covered = Milestone.objects.get(covenant=kampen, year=2026, kind=kind)
        with pytest.raises(ValidationError) as refused:
            milestone_update(milestone=covered, user=coordinator, title=covered.title,
                             due_date=covered.due_date, remind_days_before=21, done_on=dt.date(2025, 6, 1))  # fmt: skip
        assert refused.value.error_dict["done_on"][0].code == "by_event"
    other = _other_milestone(kampen)
    milestone_update(milestone=other, user=coordinator, title=other.title, due_date=other.due_date,
                     remind_days_before=21, done_on=dt.date(2025, 6, 28))  # fmt: skip
    rows = {row.milestone.pk: row for row in selectors.calendar_rows(kampen, today=dt.date(2026, 3, 1))}
    assert (rows[other.pk].state, rows[other.pk].evidence) == ("done", "")


def _other_milestone(covenant: Covenant) -> Milestone:
    return Milestone.objects.create(
        covenant=covenant, year=2026, kind=MilestoneKind.OTHER, title="Woonvisie vastgesteld",
        due_date=dt.date(2025, 9, 1),
    )  # fmt: skip


@freeze_time("2026-03-01")
def test_the_calendar_shows_the_evidence_and_offers_no_tick_for_a_covered_milestone(
    kampen: Covenant, coordinator: User, client
):
    _adopted(kampen, 2026, dt.date(2025, 12, 12))
    client.force_login(coordinator)
    page = client.get(reverse("annual_plans:calendar", args=[kampen.pk])).content.decode()
    assert "12 december 2025" in page and 'data-state="done"' in page
    agreements = Milestone.objects.get(covenant=kampen, year=2026, kind=MilestoneKind.AGREEMENTS)
    form = client.get(reverse("annual_plans:milestone", args=[kampen.pk, agreements.pk])).content.decode()
    assert 'name="done_on"' not in form and "12 december 2025" in form
    other = _other_milestone(kampen)
    assert (
        'name="done_on"'
        in client.get(reverse("annual_plans:milestone", args=[kampen.pk, other.pk])).content.decode()
    )
