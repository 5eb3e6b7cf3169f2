"""The evidence source "activities" (core.verdicts): each activity as it stood on the date, in constant queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans import demo, report_sections, selectors
from woonafspraken.annual_plans.models import Activity, AnnualPlan
from woonafspraken.annual_plans.panels import activity_evidence
from woonafspraken.annual_plans.services import annual_plan_adopt, progress_record
from woonafspraken.annual_plans.services.decisions import yearly_decisions_ensure
from woonafspraken.annual_plans.tests.factories import activity, plan
from woonafspraken.core.verdicts import Kind, Outcome, covenant_verdicts, evidence_sources

pytestmark = pytest.mark.django_db

DEC31 = dt.date(2025, 12, 31)


def _of(covenant: Covenant, on: dt.date, number: str) -> list[tuple[str, str, str]]:
    return [(e.kind, e.outcome, e.text) for e in activity_evidence(covenant, on) if e.agreement == number]


def test_the_source_is_registered():
    assert evidence_sources["activities"].collect is activity_evidence


def test_completed_in_january_is_not_done_on_31_december(kampen: Covenant, coordinator: User):
    with freeze_time("2025-01-10"):
        year = plan(kampen, 2025)
        visie = activity(
            year, number="3.1.1", owner="Gemeente Kampen", title="Wijkvisie Flevowijk", quarter=4
        )
        annual_plan_adopt(plan=year, user=coordinator, adopted_on=dt.date(2025, 1, 5), meeting="BO")
    with freeze_time("2025-10-02"):
        progress_record(
            activity=visie, user=coordinator, date=dt.date(2025, 10, 1), status="loopt", text="Bezig"
        )
    with freeze_time("2026-01-20"):
        progress_record(
            activity=visie, user=coordinator, date=dt.date(2026, 1, 14), status="gereed", text="Vastgesteld"
        )
        assert Activity.objects.get(pk=visie.pk).status == "gereed"  # as it stands now
        assert _of(kampen, DEC31, "3.1.1") == [
            (Kind.ACTIVITY, Outcome.BEHIND, "‘Wijkvisie Flevowijk’ gepland voor K4 2025, nog niet gereed.")
        ]
        assert covenant_verdicts(kampen, DEC31)["3.1.1"].status == "behind"
        (item,) = [e for e in activity_evidence(kampen, DEC31) if e.agreement == "3.1.1"]
        assert item.url == reverse("annual_plans:activity", args=[kampen.pk, visie.pk])
        assert "2025" in item.source and "5 januari 2025" in item.source and not item.is_demo
        # On 15 December it was running and on track; in 2026 the 2025 jaarschijf gives no evidence.
        assert _of(kampen, dt.date(2025, 12, 15), "3.1.1")[0][1] == Outcome.ON_TRACK
        assert _of(kampen, dt.date(2026, 1, 20), "3.1.1") == []


def test_q4_open_on_31_december_is_behind(kampen: Covenant):
    with freeze_time("2025-03-01"):
        activity(plan(kampen, 2025), number="4.1.3", title="Isoleren", quarter=4)
    with freeze_time("2026-03-01"):
        assert _of(kampen, dt.date(2025, 12, 30), "4.1.3")[0][1] == Outcome.ON_TRACK
        assert _of(kampen, DEC31, "4.1.3") == [
            (Kind.ACTIVITY, Outcome.BEHIND, "‘Isoleren’ gepland voor K4 2025, nog niet gereed.")
        ]


def test_an_activity_created_after_the_date_is_not_counted(kampen: Covenant, coordinator: User):
    with freeze_time("2025-06-01"):
        year = plan(kampen, 2025)
        activity(year, number="1.3.5", title="Taakstelling H2", quarter=4)
    with freeze_time("2026-01-05"):
        activity(year, number="1.3.5", title="Achteraf toegevoegd", quarter=1)
        titles = [text for _, _, text in _of(kampen, DEC31, "1.3.5")]
        assert titles == ["‘Taakstelling H2’ gepland voor K4 2025, nog niet gereed."]
        assert [t for _, _, t in _of(kampen, dt.date(2025, 5, 31), "1.3.5")] == []  # nothing existed yet
        overview = selectors.plan_overview(kampen, 2025)
        items = {item.activity.title: item for item in overview.items}
        assert items["Achteraf toegevoegd"].judgement is None  # shown, but "added after 31 december 2025"


def test_cancelled_activities_are_shown_but_do_not_judge(kampen: Covenant, coordinator: User):
    with freeze_time("2025-02-01"):
        cancelled = activity(
            plan(kampen, 2025), number="1.2.4", owner="Gemeente Kampen", title="Locatie", quarter=1
        )
        progress_record(
            activity=cancelled, user=coordinator, date=dt.date(2025, 2, 1), status="vervallen", text="Weg"
        )
    with freeze_time("2025-06-01"):
        assert _of(kampen, dt.date(2025, 6, 1), "1.2.4") == [
            (Kind.ACTIVITY, Outcome.INFO, "‘Locatie’ vervallen op 1 februari 2025; telt niet mee.")
        ]


def test_constant_number_of_queries_for_one_or_many_activities(kampen: Covenant, coordinator: User):
    with freeze_time("2025-03-01"):
        year = plan(kampen, 2025)
        activity(year, number="1.3.5", title="Eerste", quarter=2)

        def count() -> int:
            with CaptureQueriesContext(connection) as context:
                assert activity_evidence(kampen, dt.date(2025, 3, 1))
            return len(context.captured_queries)

        one = count()
        for index in range(8):
            extra = activity(
                year, number=["1.3.5", "4.1.3", "1.2.4", "3.1.1"][index % 4], title=f"Extra {index}"
            )
            progress_record(
                activity=extra, user=coordinator, date=dt.date(2025, 2, 20), status="loopt", text="x"
            )
            progress_record(
                activity=extra, user=coordinator, date=dt.date(2025, 3, 1), status="gereed", text="y"
            )
        assert count() == one == 2


def test_the_yearly_huursom_decision_of_2_1_1(kampen: Covenant, coordinator: User):
    with freeze_time("2025-01-10"):
        year = plan(kampen, 2025)
        decision = year.activities.get(agreement__number="2.1.1")
        assert decision.kind == "besluit" and decision.title == "Besluit over de huursomstijging 2026"
        assert decision.planned_quarter is None and decision.planned_date is None  # the text names no moment
        assert "jaarlijks overeen of de huursom boven inflatie mag stijgen" in decision.description
        assert set(decision.owners.all()) == set(kampen.parties.all())  # the three parties of the overleg
        assert yearly_decisions_ensure(plan=year, user=None) == []  # once per jaarschijf
        assert not year.activities.exclude(agreement__number="2.1.1").exists()
    with freeze_time("2025-12-31"):
        assert _of(kampen, DEC31, "2.1.1") == [
            (
                Kind.DECISION,
                Outcome.BEHIND,
                "‘Besluit over de huursomstijging 2026’ gepland voor 2025, nog niet genomen.",
            )
        ]
        assert _of(kampen, dt.date(2025, 10, 1), "2.1.1")[0][1] == Outcome.ON_TRACK
    with freeze_time("2026-01-10"):
        progress_record(
            activity=decision,
            user=coordinator,
            date=dt.date(2025, 11, 24),
            status="gereed",
            text="Huursom 2026 stijgt met inflatie; geen extra stijging.",
        )
        assert _of(kampen, DEC31, "2.1.1") == [
            (
                Kind.DECISION,
                Outcome.DONE,
                "‘Besluit over de huursomstijging 2026’ genomen op 24 november 2025.",
            )
        ]
    with freeze_time("2026-11-27"):
        assert not plan(kampen, 2027).activities.exists()  # after the covenant's term: no decision asked


@freeze_time("2026-11-27 10:00")
def test_example_data_counts_on_31_december_and_is_marked(kampen: Covenant):
    demo.fill(kampen)
    evidence = activity_evidence(kampen, DEC31)
    assert evidence and all(item.is_demo for item in evidence)
    assert any(item.kind == Kind.DECISION for item in evidence)
    assert any(item.outcome == Outcome.BEHIND for item in evidence)
    report = report_sections.build_monitor(kampen, 2025)
    assert report.findings == []  # the agreements' status is the report summary's, from the verdicts
    tables = [section.tables[0] for section in report.subsections]
    activity_rows = [
        (table, i) for table in tables for i, row in enumerate(table.rows) if row[3]
    ]  # has owners
    assert activity_rows and all(
        i in table.demo_rows for table, i in activity_rows
    )  # every example row marked
    verdicts = covenant_verdicts(kampen, DEC31)
    behind = ", ".join(
        number for number, verdict in verdicts.items() if verdict.status == "behind" and number[0] == "1"
    )
    assert (
        f"({behind})" in report.subsections[0].paragraphs[0]
    )  # theme 1's agreements behind, from the verdicts


@freeze_time("2025-08-15 10:00")
def test_the_jaarschijf_page_shows_every_agreement_with_its_verdict(
    client: Client, kampen: Covenant, reader: User
):
    year = plan(kampen, 2025)
    activity(year, number="1.3.5", title="Taakstelling H1", quarter=2)
    activity(year, number="4.1.3", title="Isoleren", quarter=4)
    client.force_login(reader)
    html = client.get(reverse("annual_plans:plan", args=[kampen.pk, 2025])).content.decode()
    verdicts = covenant_verdicts(kampen, dt.date(2025, 8, 15))
    for number, verdict in verdicts.items():
        assert f'data-agreement="{number}" data-status="{verdict.status}"' in html, number
    assert verdicts["1.3.5"].status == "behind" and verdicts["4.1.3"].status == "on_track"
    assert (
        'data-outcome="behind"' in html and "‘Taakstelling H1’ gepland voor K2 2025, nog niet gereed." in html
    )
    assert "op_schema" not in html and "geen_activiteiten" not in html  # the old roll-up states are gone
    agreement_page = client.get(reverse("agreements:detail", args=[kampen.pk, "1.3.5"])).content.decode()
    assert 'data-outcome="behind"' in agreement_page and "ap-status--achter" not in agreement_page


@freeze_time("2025-08-15 10:00")
def test_the_counts_say_one_agreement_and_two_agreements(kampen: Covenant):
    year = plan(kampen, 2025)
    activity(year, number="1.3.5", title="Taakstelling H1", quarter=2)
    activity(year, number="4.1.3", title="Isoleren", quarter=4)
    activity(year, number="4.1.6", owner="Gemeente Kampen", title="Energiecoaches", quarter=4)
    with translation.override("en"):
        lines = {line.status: line.text for line in selectors.plan_overview(kampen, 2025).status_counts}
    counts = covenant_verdicts(kampen, dt.date(2025, 8, 15)).counts()
    for status, text in lines.items():
        n = counts[status]
        assert text.startswith(f"{n} agreement ") if n == 1 else text.startswith(f"{n} agreements ")


def test_no_plan_no_evidence(kampen: Covenant):
    assert not AnnualPlan.objects.filter(covenant=kampen).exists()
    assert activity_evidence(kampen, dt.date(2025, 6, 1)) == []
