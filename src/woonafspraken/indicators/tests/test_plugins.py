"""What the indicators give other apps: demo figures, agenda points, report sections and the registrations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.text import capfirst

from woonafspraken.agreements.models import Covenant
from woonafspraken.core import registry
from woonafspraken.core.charts import chart_svg
from woonafspraken.core.demo import fillers
from woonafspraken.core.reporting import report_sections, sections_for
from woonafspraken.core.verdicts import OUTCOME_LABELS, Outcome
from woonafspraken.indicators.demo import DEMO_SOURCE, indicators_demo_fill, indicators_demo_present
from woonafspraken.indicators.models import Indicator, Observation
from woonafspraken.indicators.panels import off_target
from woonafspraken.indicators.presentation import SOURCE_KIND_LABELS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def test_everything_is_registered_where_the_contracts_say():
    assert registry.panels["indicators"].template == "indicators/_home_panel.html"
    assert registry.nav_items["indicators:index"].label == "Indicatoren"
    assert "indicators" in registry.agreement_panels
    assert registry.agenda_sources["indicators"].heading == "Indicatoren die het doel niet halen"
    assert registry.import_hooks["indicators"].order == 20
    assert registry.exports["indicators"].needs_year is False
    assert fillers["indicators"].present is indicators_demo_present
    section = report_sections["indicators"]
    assert (section.order, section.kinds) == (30, frozenset({"monitor", "dashboard"}))
    assert section in sections_for("monitor") and section in sections_for("dashboard")
    assert section not in sections_for("jaarschijf")


def test_demo_figures_are_flagged_complete_and_never_replace_real_ones(kampen: Covenant, enter, delta):
    enter("toewijzing.passend", "2024", 96.6, organisation=delta)
    assert not indicators_demo_present(kampen)
    written = indicators_demo_fill(kampen)
    assert written > 300 and indicators_demo_present(kampen)
    demo = Observation.objects.filter(is_demo=True)
    assert demo.count() == written and set(demo.values_list("source", flat=True)) == {DEMO_SOURCE}
    years = {period[:4] for period in demo.values_list("period", flat=True)}
    assert years == {"2022", "2023", "2024", "2025"}
    real = Observation.objects.get(indicator__code="toewijzing.passend", period="2024", organisation=delta)
    assert (real.value, real.is_demo) == (Decimal("96.6"), False)
    assert indicators_demo_fill(kampen) == 0  # again: nothing new
    calculated = Observation.objects.filter(indicator__source_kind__in=["derived", "external"])
    assert not calculated.exists()


def test_a_real_figure_replaces_an_example(kampen: Covenant, enter):
    indicators_demo_fill(kampen)
    enter("betaalbaarheid.vroegsignalen", "2025", 377)
    figure = Observation.objects.get(indicator__code="betaalbaarheid.vroegsignalen", period="2025")
    assert (figure.value, figure.is_demo, figure.source) == (377, False, "Testbron")


def test_demo_figures_show_as_examples(client: Client, reader, kampen: Covenant):
    indicators_demo_fill(kampen)
    client.force_login(reader)
    html = client.get(reverse("indicators:index", args=[kampen.pk])).content.decode()
    assert "voorbeeld" in html and "Voorbeeldgegevens" in html  # the tag and the site-wide banner
    detail = client.get(
        reverse("indicators:detail", args=[kampen.pk, "statushouders.achterstand"])
    ).content.decode()
    assert "Taakstelling en achterstand per halfjaar" in detail


def test_agenda_points_for_indicators_off_target_and_since_when(kampen: Covenant, enter, delta):
    enter("toewijzing.vrije-toewijzingsruimte", "2023", 16.0, organisation=delta)
    enter("toewijzing.vrije-toewijzingsruimte", "2024", 17.0, organisation=delta)
    enter("toewijzing.passend", "2024", 97.0, organisation=delta)
    points = off_target(kampen, since=dt.date(2024, 11, 1), until=dt.date(2025, 2, 1))
    assert [point.title for point in points] == [f"Aandeel vrij toegewezen: {OUTCOME_LABELS[Outcome.BEHIND]}"]
    point = points[0]
    assert point.agreement == "1.3.3"
    assert point.url == reverse("indicators:detail", args=[kampen.pk, "toewijzing.vrije-toewijzingsruimte"])
    assert point.detail.startswith("Haalt het doel niet sinds 2023. deltaWonen: 17,0% in 2024;")
    assert "Nieuw sinds" not in point.detail
    # Before 2024 ended, 2024 was not over: judged as it stood then, and new since a meeting in 2022.
    early = off_target(kampen, since=dt.date(2022, 6, 1), until=dt.date(2024, 1, 15))
    assert early[0].title == f"Aandeel vrij toegewezen: {OUTCOME_LABELS[Outcome.ATTENTION]}"
    assert early[0].detail.startswith("Nieuw sinds het vorige overleg. Haalt het doel niet sinds 2023.")
    enter("toewijzing.vrije-toewijzingsruimte", "2025", 11.0, organisation=delta)
    assert off_target(kampen, since=None, until=dt.date(2026, 2, 1)) == []


def test_report_section_shows_the_year_as_it_stood_on_31_december_with_sources_and_example_marks(
    kampen: Covenant,
):
    indicators_demo_fill(kampen)  # example figures count as delivered a month after their period
    build = report_sections["indicators"].build
    monitor = build(kampen, 2024, "monitor")
    assert monitor is not None and monitor.title == "Indicatoren"
    assert [section.title for section in monitor.subsections] == [
        "Thema 1 – Voldoende sociale huurwoningen",
        "Thema 2 – Woonlasten die voor mensen betaalbaar zijn",
        "Thema 4 – Duurzame wijken en woningen",
    ]
    theme1 = monitor.subsections[0]
    figures, targets = theme1.tables
    assert figures.columns == ["Indicator", "Afspraken", "Waarde", "Doel", "Oordeel"]
    waiting = next(row for row in figures.rows if row[0] == "Wachttijd wensmodule")
    # On 31 December 2024 the fourth quarter had not been delivered yet: the third is the newest figure.
    assert waiting[1] == "1.3.1" and "2024" in waiting[2] and "4e" not in waiting[2]
    assert waiting[3] == "ijkpunt 2,4 jaar"
    # Every row with an example figure is marked (issue 12), the rows without figures are not.
    assert figures.demo_rows == {i for i, row in enumerate(figures.rows) if row[2] != "–"}
    assert figures.demo_rows and targets.demo_rows
    assert theme1.charts and all(chart.slug.startswith("rapport-2024-") for chart in theme1.charts)
    assert all(row["periode"][:4] <= "2024" for chart in theme1.charts for row in chart.rows)
    assert chart_svg(theme1.charts[0]).startswith("<svg")
    # No findings: an agreement's status comes from core.verdicts, not from this section.
    assert monitor.findings == [] and all(section.findings == [] for section in monitor.subsections)
    by_indicator = {row[1]: row for row in targets.rows}
    passend = by_indicator["Aandeel passend toegewezen"]
    assert passend[2] == str(SOURCE_KIND_LABELS["reference"])
    assert passend[3] == capfirst(str(OUTCOME_LABELS[Outcome.INFO]))  # for comparison, never judged
    free = by_indicator["Aandeel vrij toegewezen"]
    assert free[0] == "1.3.3" and free[2] == str(SOURCE_KIND_LABELS["agreement"])
    assert free[3] == capfirst(str(OUTCOME_LABELS[Outcome.ON_TRACK]))  # 2023, the last year delivered
    assert "deltaWonen" in free[4] and "Beter Wonen IJsselmuiden" in free[4]  # each corporation
    assert "31 december 2024" in monitor.paragraphs[0]
    dashboard = build(kampen, 2026, "dashboard")  # the running year: judged today (10 March 2026)
    assert dashboard is not None and not any(section.charts for section in dashboard.subsections)
    assert "10 maart 2026" in dashboard.paragraphs[0]
    december = build(kampen, 2025, "monitor")
    assert december is not None and "0 indicatoren" not in december.paragraphs[0]


def test_report_section_leaves_out_a_covenant_without_indicators(kampen: Covenant):
    Indicator.objects.filter(covenant=kampen).delete()
    assert report_sections["indicators"].build(kampen, 2025, "monitor") is None
