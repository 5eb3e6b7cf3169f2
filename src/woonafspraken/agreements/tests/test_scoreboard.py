"""The covenant's scoreboard (its start page): counts per theme and status, the attention and work sources,
a constant number of queries, the one-A4 PDF, and the agreement list as a working table."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.agreements.panels import agreements_behind
from woonafspraken.agreements.scoreboard import attention, my_work, scoreboard
from woonafspraken.annual_plans.constants import MilestoneKind
from woonafspraken.annual_plans.models import AnnualPlan, Milestone
from woonafspraken.annual_plans.panels import activities_to_update, next_deadline, overdue_activities
from woonafspraken.annual_plans.tests.factories import activity, plan
from woonafspraken.core.registry import BOARD_LINES
from woonafspraken.core.verdicts import Status, covenant_verdicts
from woonafspraken.meetings.constants import ConcernStage
from woonafspraken.meetings.models import ActionItem, AdviceAnswer, AdviceRequest, Concern, MeetingType
from woonafspraken.meetings.panels import (
    advice_to_give_or_answer,
    escalated_concerns,
    next_meeting,
    open_actions,
)
from woonafspraken.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 27)
TOTAL_ROW = re.compile(r'<td[^>]*data-status="([a-z_]+)" data-count="(\d+)"')


def _org(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def _behind(kampen: Covenant, numbers: list[str], *, owner: str = "deltaWonen") -> None:
    """Activities of jaarschijf 2026 planned for K1 and not done: each makes its agreement "achter"."""
    year = plan(kampen, 2026)
    for index, number in enumerate(numbers):
        activity(year, number=number, owner=owner, title=f"Overdue {index}", quarter=1)


def _concern(
    kampen: Covenant,
    number: str,
    *,
    stage: str = ConcernStage.STEERING,
    title: str = "Wachttijd",
    closed_on: dt.date | None = None,
) -> Concern:
    return Concern.objects.create(
        covenant=kampen,
        agreement=Agreement.objects.get(covenant=kampen, number=number),
        title=title,
        description="Te lang.",
        raised_on=dt.date(2026, 9, 1),
        stage=stage,
        closed_on=closed_on,
        owner=_org("Centrale Bewonersraad deltaWonen"),
    )


@freeze_time("2026-11-27 10:00")
def test_the_counts_per_theme_add_up_to_the_verdicts_and_link_to_the_filtered_list(kampen: Covenant):
    _behind(kampen, ["1.3.5", "4.1.3"])
    board = scoreboard(kampen, TODAY)
    verdicts = covenant_verdicts(kampen, TODAY)
    assert [row.title.split()[0] for row in board.themes] == ["1", "2", "3", "4", "5"]
    assert {cell.status: cell.count for cell in board.total.cells} == verdicts.counts()
    assert board.total.total == kampen.agreements.count()
    for status in Status:
        assert (
            sum(cell.count for row in board.themes for cell in row.cells if cell.status is status)
            == (verdicts.counts()[status])
        )
    theme_1 = board.themes[0]
    behind = next(cell for cell in theme_1.cells if cell.status is Status.BEHIND)
    assert behind.count == 1 and behind.url.endswith("?theme=1&status=behind")
    zero = next(cell for cell in board.themes[1].cells if cell.status is Status.BEHIND)
    assert zero.count == 0 and zero.url == ""  # a zero is a plain 0, no link
    assert sum(float(part["width"]) for part in theme_1.bar) == pytest.approx(100, abs=0.05)


@freeze_time("2026-11-27 10:00")
def test_the_attention_sources_say_what_is_behind_escalated_and_next(kampen: Covenant):
    _behind(kampen, ["1.3.5", "4.1.3", "1.2.4", "1.1.2"])
    _concern(kampen, "1.3.1", title="Wachttijd wensmodule")
    _concern(kampen, "1.3.2", stage=ConcernStage.RAISED, title="Nog niet geëscaleerd")
    Milestone.objects.create(
        covenant=kampen,
        year=2027,
        kind=MilestoneKind.OTHER,
        title="Jaarschijf 2027 vastgesteld",
        due_date=dt.date(2026, 11, 28),
    )
    meeting_type = MeetingType.objects.filter(covenant=kampen).first()
    assert meeting_type is not None
    MeetingFactory(meeting_type=meeting_type, date=dt.date(2026, 12, 3))
    MeetingFactory(meeting_type=meeting_type, date=dt.date(2027, 2, 3))

    behind = agreements_behind(kampen, TODAY)
    assert behind.total == 4 and len(behind.lines) == BOARD_LINES
    assert behind.lines[0].text.startswith("1.1.2 ") and "Overdue 3" in behind.lines[0].detail
    assert behind.all_url.endswith("?status=behind")
    overdue = overdue_activities(kampen, TODAY)
    assert overdue is not None and overdue.total == 4 and "nog niet gereed" in overdue.lines[0].detail
    escalated = escalated_concerns(kampen, TODAY)
    assert (escalated.total, escalated.lines[0].text) == (1, "1.3.1 Wachttijd wensmodule")
    deadline = next_deadline(kampen, TODAY)
    assert (deadline.lines[0].text, deadline.lines[0].detail) == (
        "Jaarschijf 2027 vastgesteld",
        "28 november 2026",
    )
    meeting = next_meeting(kampen, TODAY)
    assert meeting.lines[0].detail == "3 december 2026" and not meeting.counted
    # The registry puts them in order; a covenant without a jaarschijf this year leaves that group out.
    assert [group.total for group in attention(kampen, TODAY)][:3] == [4, 4, 1]
    assert overdue_activities(kampen, dt.date(2027, 3, 1)) is None


@freeze_time("2026-11-27 10:00")
def test_my_work_is_the_organisations_own(kampen: Covenant):
    with freeze_time("2026-03-01"):  # made long ago and never updated: to update
        _behind(kampen, ["1.3.5", "4.1.3"], owner="deltaWonen")
    delta, tenants, gemeente = (
        _org("deltaWonen"),
        _org("Centrale Bewonersraad deltaWonen"),
        _org("Gemeente Kampen"),
    )
    asked = AdviceRequest.objects.create(
        covenant=kampen,
        owner=delta,
        tenant_organisation=tenants,
        subject="Huurverhoging 2027",
        question="Uw advies?",
        requested_on=dt.date(2026, 11, 1),
        due_date=dt.date(2026, 12, 1),
    )
    AdviceRequest.objects.create(
        covenant=kampen,
        owner=delta,
        tenant_organisation=tenants,
        subject="Al beantwoord",
        question="?",
        requested_on=dt.date(2026, 1, 1),
        due_date=dt.date(2026, 2, 1),
        advice="Ja",
        response="Dank",
    )
    ActionItem.objects.create(
        covenant=kampen, owner=gemeente, description="Notitie doorstroming", due_date=dt.date(2026, 12, 1)
    )
    ActionItem.objects.create(
        covenant=kampen, owner=gemeente, description="Klaar", status="done", done_on=TODAY
    )

    assert activities_to_update(kampen, delta, TODAY).total == 2
    assert activities_to_update(kampen, gemeente, TODAY).total == 0
    to_give = advice_to_give_or_answer(kampen, tenants, TODAY)
    assert [line.text for line in to_give.lines] == ["Huurverhoging 2027"]
    assert advice_to_give_or_answer(kampen, delta, TODAY).total == 0  # no advice in yet: nothing to answer
    asked.advice, asked.advice_on = "Akkoord", TODAY
    asked.save()
    assert advice_to_give_or_answer(kampen, delta, TODAY).total == 1  # now the corporation answers
    assert advice_to_give_or_answer(kampen, tenants, TODAY).total == 0
    # Advice on the tenant organisation's own initiative waits for each addressee's answer.
    unasked = AdviceRequest.objects.create(
        covenant=kampen,
        owner=tenants,
        tenant_organisation=tenants,
        initiative="own",
        subject="Advies over woningtoewijzing",
        advice="Meer ruimte voor doorstromers",
        advice_on=TODAY,
        requested_on=TODAY,
    )
    unasked.addressees.set([delta, gemeente])
    assert [line.text for line in advice_to_give_or_answer(kampen, gemeente, TODAY).lines] == [
        "Advies over woningtoewijzing"
    ]
    assert advice_to_give_or_answer(kampen, delta, TODAY).total == 2
    AdviceAnswer.objects.create(advice=unasked, organisation=gemeente, text="Dank", answered_on=TODAY)
    assert advice_to_give_or_answer(kampen, gemeente, TODAY).total == 0  # answered: off its list
    assert advice_to_give_or_answer(kampen, delta, TODAY).total == 2  # deltaWonen has still to answer
    assert advice_to_give_or_answer(kampen, tenants, TODAY).total == 0  # the giver has nothing to do
    actions = open_actions(kampen, gemeente, TODAY)
    assert (actions.total, actions.lines[0].text) == (1, "Notitie doorstroming")
    assert "1 december 2026" in actions.lines[0].detail
    # Groups with nothing in them are left out; no organisation, no work.
    assert [group.total for group in my_work(kampen, gemeente, TODAY)] == [1]
    assert my_work(kampen, None, TODAY) == []


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200, url
    return len(context.captured_queries)


@freeze_time("2026-11-27 10:00")
def test_the_scoreboard_does_a_constant_number_of_queries(
    client: Client, kampen: Covenant, corporation_editor: User
):
    _behind(kampen, ["1.3.5"])
    _concern(kampen, "1.3.1")
    client.force_login(corporation_editor)
    url = reverse("agreements:covenant", args=[kampen.pk])
    list_url = reverse("agreements:list", args=[kampen.pk]) + "?sort=status&concern=on"
    before = [_queries(client, url), _queries(client, list_url)]
    year = AnnualPlan.objects.get(covenant=kampen, year=2026)
    for index, number in enumerate(["4.1.3", "1.2.4", "1.1.2", "1.3.2", "1.3.3", "5.1"]):
        activity(year, number=number, title=f"More {index}", quarter=1)
        _concern(kampen, number, title=f"Knelpunt {index}")
        ActionItem.objects.create(
            covenant=kampen, owner=corporation_editor.organisation, description=f"Actie {index}"
        )
    assert [_queries(client, url), _queries(client, list_url)] == before


@freeze_time("2026-11-27 10:00")
def test_the_page_shows_the_table_the_lists_and_an_honest_signing_line(
    client: Client, kampen: Covenant, reader: User
):
    _behind(kampen, ["1.3.5"])
    client.force_login(reader)
    html = client.get(reverse("agreements:covenant", args=[kampen.pk])).content.decode()
    counts = {status: int(count) for status, count in TOTAL_ROW.findall(html)}
    assert counts == {status.value: n for status, n in covenant_verdicts(kampen, TODAY).counts().items()}
    assert f'href="{reverse("agreements:list", args=[kampen.pk])}?theme=1&amp;status=behind"' in html
    assert "<caption" in html and 'role="region"' in html
    assert reverse("reports:scoreboard_pdf", args=[kampen.pk]) in html
    # The Kampen document gives a year but no day of signing: shown as it stands, not as a date.
    assert "“Overeengekomen te Kampen op 2021”" in html
    # The rest of the old start page is still there, folded.
    assert html.count("<details") >= 3 and "J.P. van der Sluis" in html
    # The old dashboard leads here.
    response = client.get(reverse("reports:dashboard", args=[kampen.pk]))
    assert response.status_code == 302 and response["Location"] == reverse(
        "agreements:covenant", args=[kampen.pk]
    )


@freeze_time("2026-11-27 10:00")
def test_the_scoreboard_pdf_is_one_a4_even_when_much_needs_attention(
    client: Client, kampen: Covenant, reader: User, tmp_path: Path
):
    numbers = list(kampen.agreements.order_by("order").values_list("number", flat=True))[:30]
    _behind(kampen, numbers)
    for number in numbers[:8]:
        _concern(kampen, number, title="Een knelpunt met een lange titel " * 4)
    client.force_login(reader)
    response = client.get(reverse("reports:scoreboard_pdf", args=[kampen.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "scorebord.pdf"
    path.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE), info
    assert "A4" in info
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "27 november 2026" in text and kampen.title in text


@freeze_time("2026-11-27 10:00")
def test_the_list_filters_on_open_knelpunten_sorts_and_counts(client: Client, kampen: Covenant, reader: User):
    _behind(kampen, ["4.1.3"])
    _concern(kampen, "1.3.1")
    _concern(kampen, "2.1.1", stage=ConcernStage.RESOLVED, closed_on=TODAY)
    client.force_login(reader)
    url = reverse("agreements:list", args=[kampen.pk])
    total = kampen.agreements.count()
    html = client.get(url, {"concern": "on"}).content.decode()
    assert re.findall(r'href="[^"]+/afspraken/([\d.]+)/">\1<', html) == ["1.3.1"]
    assert 'data-result-count="1"' in html and f'data-total="{total}"' in html
    by_status = client.get(url, {"sort": "status"}).content.decode()
    numbers = re.findall(r'href="[^"]+/afspraken/([\d.]+)/">\1<', by_status)
    assert numbers[0] == "4.1.3" and len(numbers) == total
    rank = {
        status: index
        for index, status in enumerate(["behind", "attention", "on_track", "done", "not_assessable"])
    }
    verdicts = covenant_verdicts(kampen, TODAY)
    assert [rank[verdicts[n].status] for n in numbers] == sorted(rank[verdicts[n].status] for n in numbers)
    by_theme = re.findall(
        r'href="[^"]+/afspraken/([\d.]+)/">\1<', client.get(url, {"sort": "theme"}).content.decode()
    )
    assert [n.split(".")[0] for n in by_theme] == sorted(n.split(".")[0] for n in by_theme)
    by_lead = re.findall(
        r'href="[^"]+/afspraken/([\d.]+)/">\1<', client.get(url, {"sort": "lead"}).content.decode()
    )
    agreements = Agreement.objects.filter(covenant=kampen).prefetch_related("leads")
    first_lead = {a.number: min((org.name for org in a.leads.all()), default="~") for a in agreements}
    assert [first_lead[n] for n in by_lead] == sorted(first_lead[n] for n in by_lead)
    by_number = re.findall(r'href="[^"]+/afspraken/([\d.]+)/">\1<', client.get(url).content.decode())
    assert by_number == list(agreements.order_by("order").values_list("number", flat=True))
