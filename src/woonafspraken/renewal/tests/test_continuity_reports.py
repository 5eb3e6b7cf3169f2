"""Vorige periode / nieuwe periode: the agreement panel and the monitor appendix of a successor."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Agreement, Covenant, CovenantStage
from woonafspraken.annual_plans.services import progress_record
from woonafspraken.annual_plans.tests.factories import activity, plan
from woonafspraken.core.reporting import sections_for
from woonafspraken.core.verdicts import covenant_verdicts
from woonafspraken.indicators.services import indicators_carry_over
from woonafspraken.renewal.continuity import last_day, monitor_section, previous_period
from woonafspraken.renewal.services.draft import covenant_draft

pytestmark = pytest.mark.django_db

TITLE = "Prestatieafspraken Kampen 2027 – 2030"


@pytest.fixture
def running(kampen: Covenant, coordinator: User) -> Covenant:
    """Kampen 2026 with 1.2.4 behind; the successor signed and running (signing itself is another part)."""
    with freeze_time("2026-06-01"):
        last = plan(kampen, 2026)
        late = activity(last, number="1.2.4", owner="Gemeente", title="Analyse woonwagens", quarter=2)
        progress_record(
            activity=late, user=coordinator, date=dt.date(2026, 5, 1), status="vertraagd", text="Wacht"
        )
    new = covenant_draft(source=kampen, title=TITLE, start=dt.date(2027, 1, 1), end=dt.date(2030, 12, 31))
    Covenant.objects.filter(pk=new.pk).update(stage=CovenantStage.SIGNED, signed_on=dt.date(2026, 12, 10))
    new.refresh_from_db()
    return new


def _login(client: Client, reader: User) -> Client:
    client.force_login(reader)  # inside the test: the session is made in the test's (frozen) time
    return client


def test_the_last_day_is_the_end_or_the_day_before_the_successor_and_never_after_today(
    kampen: Covenant, running: Covenant
):
    assert last_day(kampen, running, dt.date(2027, 3, 1)) == dt.date(2026, 12, 31)
    assert last_day(kampen, running, dt.date(2026, 12, 5)) == dt.date(2026, 12, 5)
    running.start_date = dt.date(2027, 7, 1)  # signed late: the extension ran on
    assert last_day(kampen, running, dt.date(2027, 9, 1)) == dt.date(2027, 6, 30)


@freeze_time("2027-02-01")
def test_the_panel_shows_the_old_status_from_the_one_verdict_function(
    kampen: Covenant, running: Covenant, client: Client, reader: User
):
    reader_client = _login(client, reader)
    agreement = running.agreements.get(number="1.2.4")
    period = previous_period(agreement)
    assert period is not None and period.name == "Kampen 2022–2026" and period.day == dt.date(2026, 12, 31)
    expected = covenant_verdicts(kampen, dt.date(2026, 12, 31))["1.2.4"]
    (shown,) = period.agreements
    assert shown.verdict == expected and shown.verdict.status == "behind"
    assert "Analyse woonwagens" in shown.reason

    page = reader_client.get(reverse("agreements:detail", args=[running.pk, "1.2.4"])).content.decode()
    section = page[page.index('id="previous-period-heading"') :]
    assert "Kampen 2022–2026" in section and "1.2.4" in section
    assert f'data-status="{expected.status}"' in section
    assert reverse("agreements:detail", args=[kampen.pk, "1.2.4"]) in section
    old_page = reader_client.get(reverse("agreements:detail", args=[kampen.pk, "1.2.4"])).content.decode()
    assert 'id="previous-period-heading"' not in old_page  # the old covenant has no previous period


@freeze_time("2027-02-01")
def test_a_merged_agreement_shows_each_predecessor_and_targets_to_confirm(
    kampen: Covenant, running: Covenant, client: Client, reader: User
):
    reader_client = _login(client, reader)
    merged = running.agreements.get(number="1.3.1")
    merged.predecessors.add(kampen.agreements.get(number="1.3.2"))
    Agreement.objects.filter(pk=merged.pk).update(text="1.3.1 en 1.3.2 samen.")
    merged.refresh_from_db()
    indicators_carry_over(covenant=running)  # after the negotiation: 1.3.1's benchmark is not copied
    period = previous_period(merged)
    assert period is not None
    assert [item.agreement.number for item in period.agreements] == ["1.3.1", "1.3.2"]
    assert [item.code for item in period.to_confirm] == ["toewijzing.wachttijd-wens"]
    assert period.agreements[0].figures  # the waiting-time benchmark of the previous period, with its figure
    page = reader_client.get(reverse("agreements:detail", args=[running.pk, "1.3.1"])).content.decode()
    assert reverse("indicators:detail", args=[running.pk, "toewijzing.wachttijd-wens"]) in page


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@freeze_time("2027-02-01")
def test_the_agreement_page_of_a_successor_does_a_constant_number_of_queries(
    kampen: Covenant, running: Covenant, client: Client, reader: User
):
    reader_client = _login(client, reader)
    url = reverse("agreements:detail", args=[running.pk, "1.3.1"])
    indicators_carry_over(covenant=running)
    before = _queries(reader_client, url)
    merged = running.agreements.get(number="1.3.1")
    for number in ("1.3.2", "1.3.3", "1.3.4"):
        merged.predecessors.add(kampen.agreements.get(number=number))
    assert _queries(reader_client, url) == before


@freeze_time("2027-02-01")
def test_the_monitor_appendix_lists_the_previous_status_of_each_agreement(
    kampen: Covenant, running: Covenant
):
    assert [s.name for s in sections_for("monitor")][-1] == "renewal.previous_period"  # the last appendix
    assert "renewal.previous_period" not in [s.name for s in sections_for("jaarschijf")]
    assert monitor_section(kampen, 2026, "monitor") is None  # no predecessor
    content = monitor_section(running, 2027, "monitor")
    assert content is not None and "Kampen 2022–2026" in content.title
    (table,) = content.tables
    assert len(table.rows) == running.agreements.count()
    row = next(row for row in table.rows if row[0] == "1.2.4")
    expected = covenant_verdicts(kampen, dt.date(2026, 12, 31))["1.2.4"]
    assert row[1:] == ["1.2.4", expected.label, expected.reason]
