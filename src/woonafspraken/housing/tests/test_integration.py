"""What other apps get from housing: the computed series, agenda points, report sections, import messages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Covenant
from woonafspraken.core import registry
from woonafspraken.core.charts import chart_svg
from woonafspraken.core.reporting import report_sections
from woonafspraken.core.verdicts import Status, covenant_verdicts
from woonafspraken.documents.services import document_import
from woonafspraken.housing.models import Project
from woonafspraken.housing.services import realised_update

pytestmark = pytest.mark.django_db


def realise(kampen: Covenant, user: User, homes: int) -> None:
    """Every project of both corporations realised ``homes`` homes in 2022-2025."""
    for name in ("Beter Wonen IJsselmuiden", "deltaWonen"):
        organisation = Organisation.objects.get(name=name)
        first = Project.objects.filter(covenant=kampen, organisation=organisation).order_by("order").first()
        assert first is not None
        for year in range(2022, 2026):
            realised_update(
                covenant=kampen,
                user=user,
                organisation=organisation,
                year=year,
                projects={first.pk: homes},
                withdrawals={},
            )


def test_the_social_new_build_series(kampen: Covenant, coordinator: User):
    series = registry.computed_series["housing.social_new_build"]
    assert (series.label, series.unit) == ("Nieuwbouw sociale huurwoningen", "woningen")
    points = series.compute(kampen)
    planned = {(p.period, p.dimension): p.value for p in points if p.series == "planned"}
    assert planned[("2022", "")] == 77 and planned[("2023", "")] == 228
    assert planned[("2022", "Beter Wonen IJsselmuiden")] == 42 and planned[("2026", "deltaWonen")] == 20
    assert sum(value for (period, dimension), value in planned.items() if dimension == "") == 483
    assert all(p.period_start == dt.date(int(p.period), 1, 1) for p in points)
    assert not [p for p in points if p.series == "realised"]
    with freeze_time("2026-03-01"):
        realise(kampen, coordinator, 30)
    realised = {(p.period, p.dimension): p.value for p in series.compute(kampen) if p.series == "realised"}
    assert realised[("2022", "")] == 60 and realised[("2025", "deltaWonen")] == 30
    assert ("2026", "") not in realised


@freeze_time("2026-03-01")
def test_the_agenda_lists_targets_behind_schedule(kampen: Covenant, coordinator: User):
    source = registry.agenda_sources["housing"]
    assert source.heading == "Woningbouw achter op schema"
    assert (
        source.collect(kampen, None, dt.date(2026, 3, 1)) == []
    )  # the plan is on track, nothing realised yet
    realise(kampen, coordinator, 20)  # 40 a year against 80
    [point] = source.collect(kampen, None, dt.date(2026, 3, 1))
    assert point.agreement == "1.1.2"
    assert point.title == (
        "1.1.2: Gerealiseerd in 2022 t/m 2025: 160 woningen, 40 woningen per jaar tegen 80 afgesproken "
        "(160 minder dan 320)."
    )
    assert point.url.endswith("/woningen/#doelen")


@freeze_time("2026-03-01")
def test_the_report_sections(kampen: Covenant, coordinator: User):
    section = report_sections["housing"]
    assert section.kinds == frozenset({"monitor", "dashboard"}) and section.order == 20
    realise(kampen, coordinator, 20)
    monitor = section.build(kampen, 2025, "monitor")
    assert monitor is not None
    # The housing targets (with each agreement's status from core.verdicts), the stock, the pipeline.
    assert [table.title for table in monitor.tables][1:] == [
        "Woningvoorraad corporaties per 1 juli 2021",
        "Nieuwbouw en onttrekkingen per jaar (gepland / gerealiseerd)",
    ]
    stock = monitor.tables[1]
    assert stock.columns == ["Huurprijsgrens woningen", "Grens", "EGW", "MGW", "Totaal"]
    assert ["Totaal woningen", "", 2703, 2765, 5468] in stock.rows
    # No findings of its own: the summary takes every agreement's status from covenant_verdicts.
    assert monitor.findings == []
    targets = monitor.tables[0]
    texts = [row[3] for row in targets.rows]
    # On 31 December 2025 (the monitor's day) the realised figures entered on 1 March 2026 did not exist.
    assert not any(text.startswith("Gerealiseerd in") for text in texts)
    assert (
        "Planning, geen realisatie: 483 gepland over vijf jaar is 96,6 per jaar tegen 80 afgesproken."
        in texts
    )
    # New build against the agreement and the stock open the monitor (its key charts); the rest is its appendix.
    assert len(monitor.key_charts) == 2 and len(monitor.charts) == 2
    assert chart_svg(monitor.key_charts[0]).startswith("<svg")
    dashboard = section.build(kampen, 2026, "dashboard")  # the running year: judged today
    assert dashboard is not None and dashboard.findings == []
    assert (
        "Gerealiseerd in 2022 t/m 2025: 160 woningen, 40 woningen per jaar tegen 80 afgesproken "
        "(160 minder dan 320)."
    ) in [row[3] for row in dashboard.tables[0].rows]
    verdict = covenant_verdicts(kampen, dt.date(2026, 3, 1))["1.1.2"]
    assert verdict.status is Status.BEHIND
    assert [row[1] for row in dashboard.tables[0].rows if row[0] == "1.1.2"] == [verdict.label]


def test_no_report_section_without_figures(db: None):
    snippet = Path(__file__).resolve().parents[2] / "documents" / "tests" / "snippets" / "voorbeeldstad.txt"
    covenant = document_import(text=snippet.read_text(encoding="utf-8"), filename="v.txt").covenant
    assert report_sections["housing"].build(covenant, 2024, "monitor") is None
    assert registry.computed_series["housing.social_new_build"].compute(covenant) == []


def test_importing_the_document_in_the_browser_shows_what_was_read(
    client: Client, coordinator: User, kampen_text: str
):
    client.force_login(coordinator)
    changed = kampen_text.replace("Definitief concept", "Definitief", 1)
    review = client.post(
        reverse("documents:import"), {"document": SimpleUploadedFile("k.txt", changed.encode())}, follow=True
    )
    # The review step first: the form as shown, stored with "Opslaan".
    form = review.context["form"]
    data = {name: str(form[name].value() or "") for name in form.fields} | {"action": "store"}
    response = client.post(review.redirect_chain[-1][0], data, follow=True)
    html = response.content.decode()
    assert "Alle 34 gedrukte totalen kloppen." in html
    assert "Alle 42 gedrukte totalen en saldi kloppen." in html
