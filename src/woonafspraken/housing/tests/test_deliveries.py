"""Figures per organisation and reference date: the totals are those of the last date on which every
corporation delivered; a newer, partial delivery says who has not delivered yet. Exports mark examples."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.verdicts import Outcome
from woonafspraken.housing import presentation
from woonafspraken.housing.demo import fill
from woonafspraken.housing.domain import latest_complete, newer_partial
from woonafspraken.housing.models import Project
from woonafspraken.housing.selectors import (
    housing_evidence,
    lookahead,
    pipeline_table,
    stock_deliveries,
    stock_table,
)
from woonafspraken.housing.services import realised_update, stock_upload
from woonafspraken.housing.tests.test_uploads import stock_csv

pytestmark = pytest.mark.django_db

BETER_WONEN = "Beter Wonen IJsselmuiden"


@pytest.fixture
def partial(kampen: Covenant, coordinator: User) -> Covenant:
    """Example stock of 1 July 2025 for both corporations (5.587 homes), then Beter Wonen alone delivers
    1 July 2026."""
    with freeze_time("2026-09-01"):
        fill(kampen)
        stock_upload(
            covenant=kampen,
            user=coordinator,
            content=stock_csv(corporation=BETER_WONEN, date="01-07-2026"),
            filename="bw.csv",
        )
    return kampen


def test_the_totals_are_those_of_the_last_complete_reference_date(partial: Covenant):
    deliveries = stock_deliveries(partial)
    assert [(d.date, d.missing) for d in deliveries] == [
        (dt.date(2026, 7, 1), ("deltaWonen",)),
        (dt.date(2025, 7, 1), ()),
        (dt.date(2021, 7, 1), ()),
    ]
    complete = latest_complete(deliveries)
    assert complete is not None and (complete.date, complete.total) == (dt.date(2025, 7, 1), 5587)
    assert [d.date for d in newer_partial(deliveries)] == [dt.date(2026, 7, 1)]
    # The partial date holds Beter Wonen's block only, names who is missing, and has no total.
    table = stock_table(partial, dt.date(2026, 7, 1))
    assert table.missing == ("deltaWonen",)
    assert [block.heading for block in table.blocks] == [BETER_WONEN]
    assert presentation.stock_report_table(table).title.endswith("deltaWonen")
    # The five-year look-ahead of the total starts from the last complete date and is still there.
    total = lookahead(partial, until=complete.date)[-1]
    assert total.organisation_id is None and total.start_date == dt.date(2025, 7, 1)
    assert total.projected and total.rows[-1].year == 2030
    assert total.problem == ""


@freeze_time("2026-09-01")
def test_the_housing_page_after_a_partial_delivery(client: Client, reader: User, partial: Covenant):
    client.force_login(reader)
    html = client.get(reverse("housing:overview", args=[partial.pk])).content.decode()
    assert "Woningvoorraad van de corporaties per 1 juli 2025" in html  # not the partial 2026
    assert "Totaal corporaties Kampen" in html and "5.587" in html
    assert "1 juli 2026" in html and "deltaWonen" in html  # the newer date, and who has not delivered
    assert html.count("prognose") >= 5  # the look-ahead did not vanish
    chosen = client.get(
        reverse("housing:overview", args=[partial.pk]), {"peildatum": "2026-07-01"}
    ).content.decode()
    assert "Woningvoorraad van de corporaties per 1 juli 2026" not in chosen  # no claim of all corporations
    assert "?peildatum=2025-07-01" in chosen  # a link to the totals of the last complete date


def test_the_evidence_of_1_2_1_names_who_has_not_delivered(partial: Covenant):
    stock = [item for item in housing_evidence(partial, dt.date(2026, 9, 1)) if item.agreement == "1.2.1"]
    assert [(item.outcome, item.text) for item in stock] == [
        (
            Outcome.INFO,
            "Woningvoorraad per 1 juli 2025 van alle corporaties: 5.587 woningen "
            "(Beter Wonen IJsselmuiden 1.059, deltaWonen 4.528).",
        ),
        (Outcome.INFO, "Woningvoorraad per 1 juli 2026: nog niet aangeleverd door deltaWonen."),
    ]
    assert stock[0].is_demo and not stock[1].is_demo
    # Before Beter Wonen's upload (and before the example stock counts, on its reference date) only 2021.
    [earlier] = [
        item for item in housing_evidence(partial, dt.date(2025, 6, 30)) if item.agreement == "1.2.1"
    ]
    assert "1 juli 2021" in earlier.text


def test_withdrawals_keep_the_documents_sign_in_the_report(kampen: Covenant):
    table = presentation.pipeline_report_table(pipeline_table(kampen))
    sale = next(row for row in table.rows if row[0] == "Verkoop woningen")
    assert sale[1:] == ["-7", "-7", "-7", "-7", "-7", "-35"]  # as printed in Bijlage 2


def test_every_export_row_says_whether_it_is_an_example(kampen: Covenant, capsys: pytest.CaptureFixture[str]):
    fill(kampen)
    call_command("export", "stock", "--format", "json")
    stock = json.loads(capsys.readouterr().out)
    assert {row["date"]: row["is_demo"] for row in stock} == {"2021-07-01": False, "2025-07-01": True}
    call_command("export", "pipeline", "--format", "json")
    pipeline = json.loads(capsys.readouterr().out)
    assert all(isinstance(row["is_demo"], bool) for row in pipeline)
    assert all(row["is_demo"] == (row["realised"] is not None) for row in pipeline)  # only examples realised
    assert any(row["is_demo"] for row in pipeline if row["kind"] == "sale")
    call_command("export", "stock", "--format", "csv")
    assert capsys.readouterr().out.splitlines()[0].endswith(";is_demo")


@freeze_time("2026-03-01")
def test_the_pipeline_total_waits_for_every_corporation(kampen: Covenant, coordinator: User):
    beter = Organisation.objects.get(name=BETER_WONEN)
    fuite = Project.objects.get(covenant=kampen, name="Fuite")
    realised_update(
        covenant=kampen,
        user=coordinator,
        organisation=beter,
        year=2023,
        projects={fuite.pk: 25},
        withdrawals={},
    )
    table = pipeline_table(kampen)
    own, _delta, total = table.blocks
    assert own.new_build(2023).realised == 25
    assert total.new_build(2023).realised is None  # deltaWonen planned 165 homes in 2023, delivered nothing
    assert total.balance(2023).realised is None and own.balance(2023).realised is None  # sale not delivered


@freeze_time("2026-09-01")
def test_a_look_ahead_that_cannot_be_computed_says_so(
    client: Client, reader: User, partial: Covenant, coordinator: User
):
    stock_upload(
        covenant=partial, user=coordinator, content=stock_csv(date="01-07-2026"), filename="delta.csv"
    )  # now complete on 1 July 2026, whose rent limits are not all known
    total = lookahead(partial, until=dt.date(2026, 7, 1))[-1]
    assert not total.projected
    assert "Beter Wonen IJsselmuiden: " in total.problem and "deltaWonen: " in total.problem
    client.force_login(reader)
    html = client.get(reverse("housing:overview", args=[partial.pk])).content.decode()
    assert total.problem.split(": ", 1)[1].split(".")[0] in html  # the reason is on the page
