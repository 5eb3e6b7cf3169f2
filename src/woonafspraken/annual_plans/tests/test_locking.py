"""Optimistic locking on the jaarschijf forms (ADR 0005): two people open the same form, the first
save wins, the second is refused with a Dutch message and the first person's change shown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans.constants import DEFAULT_UPDATE_INTERVAL_DAYS
from woonafspraken.annual_plans.models import Activity, AnnualPlan, Milestone, ProgressUpdate
from woonafspraken.annual_plans.services import (
    activity_update,
    annual_plan_set_interval,
    milestone_update,
    progress_record,
)
from woonafspraken.annual_plans.tests.factories import activity, organisation, plan
from woonafspraken.core.locking import Rows, edit_token
from woonafspraken.core.models import StaleEditError
from woonafspraken.core.tests.editing import CONFLICT_HEADING, NOT_SAVED, seen_token

pytestmark = pytest.mark.django_db


def _clients(*users: User) -> list[Client]:
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def _activity_form(title: str, token: str) -> dict[str, object]:
    return {
        "title": title,
        "description": "",
        "owners": [organisation("deltaWonen").pk],
        "planned_quarter": "2",
        "edit_token": token,
    }


@freeze_time("2026-06-01 10:00")
def test_activity_edit_second_save_is_refused_with_the_first_change_shown(
    kampen: Covenant, coordinator: User, corporation_editor: User
):
    item = activity(plan(kampen, 2026), owner="deltaWonen", title="Taakstelling")
    first, second = _clients(coordinator, corporation_editor)
    url = reverse("annual_plans:activity_edit", args=[kampen.pk, item.pk])
    token_first, token_second = seen_token(first.get(url)), seen_token(second.get(url))

    assert first.post(url, _activity_form("Titel van de coördinator", token_first)).status_code == 302
    response = second.post(url, _activity_form("Titel van de corporatie", token_second))

    page = response.content.decode()
    assert response.status_code == 200
    assert CONFLICT_HEADING in page and NOT_SAVED in page
    assert f"gewijzigd door {coordinator.get_full_name()} (Gemeente Kampen)" in page
    assert "<del>Taakstelling</del>" in page and "<ins>Titel van de coördinator</ins>" in page
    assert 'value="Titel van de corporatie"' in page  # the second user's own input is kept
    assert Activity.objects.get(pk=item.pk).title == "Titel van de coördinator"

    again = second.post(url, _activity_form("Titel van de corporatie", seen_token(page)))
    assert again.status_code == 302
    assert Activity.objects.get(pk=item.pk).title == "Titel van de corporatie"


@freeze_time("2026-06-01 10:00")
def test_progress_on_top_of_someone_elses_status_is_refused(
    kampen: Covenant, coordinator: User, corporation_editor: User
):
    item = activity(plan(kampen, 2026), owner="deltaWonen")
    first, second = _clients(coordinator, corporation_editor)
    detail = reverse("annual_plans:activity", args=[kampen.pk, item.pk])
    url = reverse("annual_plans:progress", args=[kampen.pk, item.pk])
    token_first, token_second = seen_token(first.get(detail)), seen_token(second.get(url))
    report = {"date": "2026-05-30", "status": "loopt", "progress_percent": "40", "text": "Bezig"}

    assert first.post(url, {**report, "edit_token": token_first}).status_code == 302
    response = second.post(
        url,
        {
            **report,
            "status": "gereed",
            "progress_percent": "100",
            "text": "Klaar volgens ons",
            "edit_token": token_second,
        },
    )

    page = response.content.decode()
    assert response.status_code == 200 and CONFLICT_HEADING in page
    assert "<ins>40</ins>" in page and "Klaar volgens ons" in page
    assert Activity.objects.get(pk=item.pk).status == "loopt"
    assert ProgressUpdate.objects.count() == 1


@freeze_time("2026-06-01 10:00")
def test_a_title_change_does_not_block_a_progress_report(
    kampen: Covenant, coordinator: User, corporation_editor: User
):
    """Only the fields a form writes count: progress does not overwrite a title."""
    item = activity(plan(kampen, 2026), owner="deltaWonen")
    seen = edit_token(Rows.of(item))
    activity_update(
        activity=item, user=coordinator, title="Nieuwe titel", owners=[organisation("deltaWonen")]
    )
    progress_record(
        activity=item,
        user=corporation_editor,
        date=dt.date(2026, 5, 30),
        status="loopt",
        text="Bezig",
        expected=seen,
    )
    assert Activity.objects.get(pk=item.pk).status == "loopt"


@freeze_time("2026-06-01 10:00")
def test_milestone_edit_second_save_is_refused(kampen: Covenant, coordinator: User):
    plan(kampen, 2026)
    milestone = Milestone.objects.filter(covenant=kampen, year=2026).first()
    assert milestone is not None
    other = User.objects.create_user("tweede", organisation=coordinator.organisation, role="coordinator")
    first, second = _clients(coordinator, other)
    url = reverse("annual_plans:milestone", args=[kampen.pk, milestone.pk])
    token_first, token_second = seen_token(first.get(url)), seen_token(second.get(url))
    form = {"title": milestone.title, "due_date": "2026-10-01", "remind_days_before": "21"}

    assert first.post(url, {**form, "edit_token": token_first}).status_code == 302
    response = second.post(url, {**form, "due_date": "2026-09-15", "edit_token": token_second})

    page = response.content.decode()
    assert CONFLICT_HEADING in page and "<ins>1 oktober 2026</ins>" in page
    assert 'value="2026-09-15"' in page
    assert Milestone.objects.get(pk=milestone.pk).due_date == dt.date(2026, 10, 1)


@freeze_time("2026-06-01 10:00")
def test_plan_interval_second_save_is_refused(kampen: Covenant, coordinator: User):
    year = plan(kampen, 2026)
    activity(year)
    other = User.objects.create_user("tweede", organisation=coordinator.organisation, role="coordinator")
    first, second = _clients(coordinator, other)
    page_url = reverse("annual_plans:plan", args=[kampen.pk, 2026])
    url = reverse("annual_plans:interval", args=[kampen.pk, 2026])
    token_first, token_second = seen_token(first.get(page_url)), seen_token(second.get(page_url))

    assert first.post(url, {"update_interval_days": "30", "edit_token": token_first}).status_code == 302
    response = second.post(url, {"update_interval_days": "60", "edit_token": token_second})

    page = response.content.decode()
    assert response.status_code == 200 and CONFLICT_HEADING in page
    assert "<ins>30</ins>" in page and 'value="60"' in page
    assert AnnualPlan.objects.get(pk=year.pk).update_interval_days == 30


def test_services_without_expected_keep_working_and_with_a_stale_token_refuse(
    kampen: Covenant, coordinator: User
):
    year = plan(kampen, 2026)
    seen = edit_token(Rows.of(year))
    annual_plan_set_interval(plan=year, user=coordinator, update_interval_days=30)  # console: no token
    with pytest.raises(StaleEditError) as caught:
        annual_plan_set_interval(plan=year, user=coordinator, update_interval_days=45, expected=seen)
    error = caught.value
    assert [(f.field, f.old, f.new) for change in error.changes for f in change.fields] == [
        ("update_interval_days", str(DEFAULT_UPDATE_INTERVAL_DAYS), "30")
    ]
    assert error.token == edit_token(Rows.of(year))
    annual_plan_set_interval(plan=year, user=coordinator, update_interval_days=45, expected=error.token)
    assert AnnualPlan.objects.get(pk=year.pk).update_interval_days == 45


def test_milestone_service_refuses_a_stale_token(kampen: Covenant, coordinator: User):
    plan(kampen, 2026)
    milestone = Milestone.objects.filter(covenant=kampen, year=2026).first()
    assert milestone is not None
    seen = edit_token(Rows.of(milestone))
    values = {"title": "Bod", "remind_days_before": 14, "done_on": None}
    milestone_update(milestone=milestone, user=coordinator, due_date=dt.date(2026, 7, 1), **values)
    with pytest.raises(StaleEditError, match="gewijzigd door"):
        milestone_update(
            milestone=milestone, user=coordinator, due_date=dt.date(2026, 8, 1), expected=seen, **values
        )
    assert Milestone.objects.get(pk=milestone.pk).due_date == dt.date(2026, 7, 1)
