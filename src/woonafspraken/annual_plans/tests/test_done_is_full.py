"""Done and 100% are one fact: 'gereed' is accepted only at 100%, and 100% means 'gereed'. A contradiction
is refused with a message on the percentage, and nothing changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans.constants import ActivityStatus
from woonafspraken.annual_plans.forms import ProgressForm
from woonafspraken.annual_plans.models import Activity, ProgressUpdate
from woonafspraken.annual_plans.services import progress_record
from woonafspraken.annual_plans.tests.factories import activity, plan

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 5, 1)


def _record(item: Activity, user: User, status: str, percent: int | None) -> None:
    progress_record(activity=item, user=user, date=DAY, status=status, text="Stand", progress_percent=percent)


@freeze_time("2026-06-01")
@pytest.mark.parametrize(
    ("status", "percent", "code"),
    [(ActivityStatus.DONE, 80, "done_below_100"), (ActivityStatus.RUNNING, 100, "full_not_done")],
)
def test_a_contradiction_is_refused_on_the_percentage(
    kampen: Covenant, coordinator: User, status, percent, code
):
    item = activity(plan(kampen, 2026))
    with pytest.raises(ValidationError) as refused:
        _record(item, coordinator, status, percent)
    assert [error.code for error in refused.value.error_dict["progress_percent"]] == [code]
    item.refresh_from_db()
    assert (item.status, item.progress_percent, ProgressUpdate.objects.count()) == (
        ActivityStatus.PLANNED,
        0,
        0,
    )


@freeze_time("2026-06-01")
def test_done_without_a_percentage_is_100_and_leaving_done_needs_a_lower_one(
    kampen: Covenant, coordinator: User
):
    item = activity(plan(kampen, 2026))
    _record(item, coordinator, ActivityStatus.DONE, None)
    item.refresh_from_db()
    assert (item.status, item.progress_percent) == (ActivityStatus.DONE, 100)
    with pytest.raises(ValidationError) as refused:
        _record(item, coordinator, ActivityStatus.RUNNING, None)  # would leave it running at 100%
    assert "progress_percent" in refused.value.error_dict
    _record(item, coordinator, ActivityStatus.RUNNING, 90)
    item.refresh_from_db()
    assert (item.status, item.progress_percent) == (ActivityStatus.RUNNING, 90)


def test_the_form_puts_the_message_on_the_percentage_field():
    form = ProgressForm(
        data={"date": "2026-05-01", "status": "gereed", "progress_percent": "60", "text": "Klaar"}
    )
    assert not form.is_valid() and list(form.errors) == ["progress_percent"]
    assert ProgressForm(
        data={"date": "2026-05-01", "status": "gereed", "progress_percent": "100", "text": "Klaar"}
    ).is_valid()


@freeze_time("2026-06-01")
def test_the_page_refuses_done_below_100_and_keeps_the_activity(kampen: Covenant, coordinator: User):
    item = activity(plan(kampen, 2026))
    client = Client()
    client.force_login(coordinator)
    url = reverse("annual_plans:progress", args=[kampen.pk, item.pk])
    response = client.post(
        url, {"date": "2026-05-01", "status": "gereed", "progress_percent": "60", "text": "Klaar"}
    )
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    item.refresh_from_db()
    assert item.status == ActivityStatus.PLANNED
