"""The jaarschijf pages: who sees and does what, Dutch messages, and a constant number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans.models import Activity, AnnualPlan, Comment, ProgressUpdate
from woonafspraken.annual_plans.services import progress_record
from woonafspraken.annual_plans.tests.factories import activity, plan

pytestmark = pytest.mark.django_db


def _urls(covenant: Covenant, item: Activity) -> list[str]:
    return [
        reverse("annual_plans:index", args=[covenant.pk]),
        reverse("annual_plans:plan", args=[covenant.pk, item.plan.year]),
        reverse("annual_plans:activity", args=[covenant.pk, item.pk]),
        reverse("annual_plans:backlog", args=[covenant.pk]),
        reverse("annual_plans:calendar", args=[covenant.pk]),
        reverse("agreements:covenant", args=[covenant.pk]),
        reverse("agreements:detail", args=[covenant.pk, item.agreement.number]),
        reverse("reports:index", args=[covenant.pk]),
        reverse("reports:scoreboard_pdf", args=[covenant.pk]),  # the administrators' one A4
    ]


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200, url
    return len(context.captured_queries)


@freeze_time("2026-05-01 10:00")
def test_pages_show_the_plan_and_do_a_constant_number_of_queries(
    client: Client, kampen: Covenant, coordinator: User
):
    year = plan(kampen, 2026)
    item = activity(year, number="1.3.5", title="Taakstelling H1", quarter=1)
    client.force_login(coordinator)
    html = client.get(reverse("annual_plans:plan", args=[kampen.pk, 2026])).content.decode()
    assert "Taakstelling H1" in html and "gepland voor K1 2026, nog niet gereed" in html
    before = [_queries(client, url) for url in _urls(kampen, item)]
    for index in range(6):
        extra = activity(
            year, number=["1.3.5", "4.1.3", "1.2.4"][index % 3], title=f"Extra {index}", quarter=2
        )
        progress_record(
            activity=extra, user=coordinator, date=dt.date(2026, 4, 1), status="loopt", text="Bezig"
        )
    after = [_queries(client, url) for url in _urls(kampen, item)]
    assert after == before


@freeze_time("2026-11-27 10:00")
def test_coordinator_creates_2027_with_carry_over_and_adopts(
    client: Client, kampen: Covenant, coordinator: User
):
    current = plan(kampen, 2026)
    open_item = activity(
        current, number="1.2.4", owner="Gemeente Kampen", title="Verkenning woonwagenlocatie"
    )
    client.force_login(coordinator)
    page = client.get(reverse("annual_plans:create", args=[kampen.pk]), {"jaar": 2027}).content.decode()
    assert "Verkenning woonwagenlocatie" in page and "4.1.6" in page
    response = client.post(
        reverse("annual_plans:create", args=[kampen.pk]), {"year": 2027, "carry_over": [open_item.pk]}
    )
    assert response.status_code == 302
    created = AnnualPlan.objects.get(covenant=kampen, year=2027)
    assert created.activities.get().carried_from == open_item
    response = client.post(
        reverse("annual_plans:adopt", args=[kampen.pk, 2027]),
        {"adopted_on": "2026-11-26", "adopted_meeting": "Bestuurlijk overleg najaar 2026"},
        follow=True,
    )
    assert "is vastgesteld" in response.content.decode()
    again = client.post(
        reverse("annual_plans:adopt", args=[kampen.pk, 2027]),
        {"adopted_on": "2026-11-26", "adopted_meeting": "Nog eens"},
        follow=True,
    ).content.decode()
    assert "al vastgesteld op 26 november 2026" in again


@freeze_time("2026-11-27 10:00")
@pytest.mark.parametrize("tampered", ["-1", "9" * 30])
def test_carrying_over_an_activity_that_was_not_offered_is_refused_with_a_message(
    client: Client, kampen: Covenant, coordinator: User, tampered: str
):
    """An id that is not offered, or wider than any id (a server error on SQLite), found by fuzzing."""
    activity(plan(kampen, 2026), number="1.2.4", owner="Gemeente Kampen", title="Verkenning")
    client.force_login(coordinator)
    response = client.post(
        reverse("annual_plans:create", args=[kampen.pk]), {"year": 2027, "carry_over": [tampered]}
    )
    assert response.status_code == 200
    assert 'id="carry_over_error"' in response.content.decode()
    assert not AnnualPlan.objects.filter(covenant=kampen, year=2027).exists()


def test_reader_cannot_manage_and_gets_403(client: Client, kampen: Covenant, reader: User):
    plan(kampen, 2026)
    client.force_login(reader)
    assert client.get(reverse("annual_plans:create", args=[kampen.pk])).status_code == 403
    assert (
        client.post(reverse("annual_plans:reopen", args=[kampen.pk, 2026]), {"reason": "x"}).status_code
        == 403
    )
    html = client.get(reverse("annual_plans:plan", args=[kampen.pk, 2026])).content.decode()
    assert "Jaarschijf vaststellen" not in html and "Een activiteit toevoegen" not in html
    assert client.get(reverse("annual_plans:activity_add", args=[kampen.pk, 2026])).status_code == 403


@freeze_time("2026-06-01 10:00")
def test_editor_records_progress_with_dutch_errors(
    client: Client, kampen: Covenant, corporation_editor: User
):
    item = activity(plan(kampen, 2026), owner="deltaWonen")
    client.force_login(corporation_editor)
    url = reverse("annual_plans:progress", args=[kampen.pk, item.pk])
    bad = client.post(url, {"date": "2026-07-01", "status": "loopt", "text": "Bezig"})
    assert bad.status_code == 200 and "niet in de toekomst" in bad.content.decode()
    assert not ProgressUpdate.objects.exists()
    good = client.post(
        url, {"date": "2026-05-30", "status": "loopt", "progress_percent": "50", "text": "Helft gedaan"}
    )
    assert good.status_code == 302
    assert Activity.objects.get(pk=item.pk).progress_percent == 50


def test_tenant_comments_on_the_agreement_page(client: Client, kampen: Covenant, tenant_editor: User):
    client.force_login(tenant_editor)
    page = client.get(reverse("agreements:detail", args=[kampen.pk, "4.1.6"])).content.decode()
    assert "Uw reactie of advies" in page
    response = client.post(
        reverse("annual_plans:agreement_comment", args=[kampen.pk, "4.1.6"]),
        {"text": "Energiecoaches graag ook in Brunnepe."},
    )
    assert response.status_code == 302
    page = client.get(reverse("agreements:detail", args=[kampen.pk, "4.1.6"])).content.decode()
    assert "Energiecoaches graag ook in Brunnepe." in page and "Centrale Bewonersraad deltaWonen" in page
    assert Comment.objects.get().organisation.name == "Centrale Bewonersraad deltaWonen"
