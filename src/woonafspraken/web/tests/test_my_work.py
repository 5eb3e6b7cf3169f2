"""A corporation's user sees every covenant their organisation is party to, with one "mijn werk" across
them, each line labelled with its covenant, in as many queries for three covenants as for one."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from woonafspraken.accounts.constants import OrganisationKind, Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.tests.factories import OrganisationFactory, UserFactory
from woonafspraken.agreements.models import Covenant
from woonafspraken.agreements.scoreboard import my_work, work_across
from woonafspraken.agreements.tests.factories import CovenantFactory
from woonafspraken.annual_plans.services import activity_create, annual_plan_create
from woonafspraken.meetings.models import ActionItem

pytestmark = pytest.mark.django_db
LATER = "2025-09-01 10:00"


@pytest.fixture
def corporation() -> Organisation:
    return OrganisationFactory(name="Woonstichting Overal", kind=OrganisationKind.CORPORATION)


@pytest.fixture
def worker(corporation: Organisation) -> User:
    return UserFactory(organisation=corporation, role=Role.EDITOR, username="overal-editor")


def covenant_with_work(corporation: Organisation, town: str) -> Covenant:
    """A small covenant the corporation is party to, with an open action and an activity of its own that
    has not been updated since January."""
    covenant = CovenantFactory(small=True, municipality=town, parties=[corporation])
    agreement = covenant.agreements.order_by("order").first()
    ActionItem.objects.create(
        covenant=covenant, owner=corporation, agreement=agreement, description=f"Notitie {town}"
    )
    with freeze_time("2025-01-10"):
        plan = annual_plan_create(covenant=covenant, year=2025, user=None)
        activity_create(
            plan=plan, user=None, agreement=agreement, title=f"Bouwen in {town}", owners=[corporation]
        )
    return covenant


def _page(client: Client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse("web:my_work"))
    assert response.status_code == 200
    return response.content.decode(), len(context.captured_queries)


@freeze_time(LATER)
def test_one_mijn_werk_across_the_covenants_of_the_organisation(
    kampen: Covenant, corporation: Organisation, worker: User
):
    towns = ["Aastad", "Beedorp", "Ceestad"]
    covenants = [covenant_with_work(corporation, town) for town in towns]
    other = CovenantFactory(small=True, municipality="Elders")  # the corporation is no party to it
    client = Client()
    client.force_login(worker)
    html, _queries = _page(client)
    listed = re.findall(r'<tr class="utrecht-table__row" data-covenant="(\d+)"', html)
    assert listed == [str(covenant.pk) for covenant in covenants]  # exactly its covenants
    assert str(other.pk) not in listed and str(kampen.pk) not in listed
    for town in towns:
        assert f"Notitie {town}" in html and f"Bouwen in {town}" in html
    # Every line says its covenant.
    lines = re.findall(r'<li data-covenant="(\d+)"><span class="app-tag"[^>]*>([^<]+)</span>', html)
    by_pk = {str(covenant.pk): covenant.municipality for covenant in covenants}
    assert len(lines) == 6 and all(by_pk[pk] == town for pk, town in lines)
    assert client.get(reverse("agreements:covenant", args=[other.pk])).status_code == 403
    # With several covenants the start page is this overview, not one covenant.
    assert client.get(reverse("web:dashboard")).status_code == 200


@freeze_time(LATER)
def test_the_work_lines_are_the_same_as_on_each_covenant_scoreboard(corporation: Organisation):
    covenants = [covenant_with_work(corporation, town) for town in ("Aastad", "Beedorp")]
    on = dt.date(2025, 9, 1)
    groups = work_across(covenants, corporation, on)
    per_covenant = [my_work(covenant, corporation, on) for covenant in covenants]
    assert [group.heading for group in groups] == [str(group.heading) for group in per_covenant[0]]
    assert [group.total for group in groups] == [
        sum(board[index].total for board in per_covenant) for index in range(len(groups))
    ]
    assert [group.total for group in groups] == [2, 2]
    assert {line.covenant.pk for group in groups for line in group.lines} == {c.pk for c in covenants}
    assert {line.line.text for group in groups for line in group.lines} == {
        line.text for board in per_covenant for group in board for line in group.lines
    }
    assert work_across(covenants, None, dt.date(2025, 9, 1)) == []


@freeze_time(LATER)
def test_mijn_werk_does_as_many_queries_for_three_covenants_as_for_one(
    corporation: Organisation, worker: User
):
    client = Client()
    client.force_login(worker)
    covenant_with_work(corporation, "Aastad")
    html_one, one = _page(client)
    assert "Notitie Aastad" in html_one
    covenant_with_work(corporation, "Beedorp")
    covenant_with_work(corporation, "Ceestad")
    html_three, three = _page(client)
    assert "Notitie Ceestad" in html_three
    assert three == one
