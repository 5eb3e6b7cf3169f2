"""Verdicts on stored figures: derived indicators, weights, statushouders, and series from other apps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.utils.text import capfirst

from woonafspraken.agreements.models import Covenant
from woonafspraken.core import registry
from woonafspraken.core.registry import ComputedPoint, ComputedSeries, Registry
from woonafspraken.core.verdicts import OUTCOME_LABELS, Outcome
from woonafspraken.indicators.arithmetic import Period, Verdict
from woonafspraken.indicators.presentation import SOURCE_KIND_LABELS, describe, status_of
from woonafspraken.indicators.selectors import covenant_indicators, indicator_by_code

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
ON = dt.date(2026, 3, 1)


def test_slaagkans_is_calculated_per_module_from_allocations_and_active_seekers(kampen: Covenant, enter):
    enter("toewijzing.toewijzingen", "2025-K4", 45, dimension="wens")
    enter("toewijzing.actief-woningzoekenden", "2025-K4", 900, dimension="wens")
    enter("toewijzing.toewijzingen", "2025-K4", 12, dimension="spoed")  # no active seekers entered: no rate
    rates = indicator_by_code(kampen, "toewijzing.slaagkans", on=ON).rows
    assert [(row.period.key, row.dimension, row.value) for row in rates] == [("2025-K4", "wens", 5.0)]
    assert rates[0].source.startswith("Berekend")


def test_yearly_waiting_time_is_weighted_by_the_wens_allocations_against_the_benchmark(
    kampen: Covenant, enter
):
    for quarter, waiting, allocations in [(1, 2.0, 30), (2, 3.0, 10), (3, 2.5, 40), (4, 2.2, 20)]:
        enter("toewijzing.wachttijd-wens", f"2025-K{quarter}", waiting)
        enter("toewijzing.toewijzingen", f"2025-K{quarter}", allocations, dimension="wens")
        enter("toewijzing.toewijzingen", f"2025-K{quarter}", 99, dimension="spoed")  # not a weight
    figures = indicator_by_code(kampen, "toewijzing.wachttijd-wens", on=ON)
    latest = figures.evaluation.latest
    assert latest.period == Period.parse("2025") and latest.value == pytest.approx(2.34)
    assert latest.verdict == Verdict.ON_TRACK
    assert describe(figures) == "2,3 jaar in 2025 tegen het ijkpunt van 2,4 jaar (−0,1)."
    enter("toewijzing.wachttijd-wens", "2025-K4", 4.0)
    figures = indicator_by_code(kampen, "toewijzing.wachttijd-wens", on=ON)
    assert figures.evaluation.verdict == Verdict.ATTENTION  # (60+30+100+80)/100 = 2.7 > 2.4
    assert status_of(figures).verdict_label == capfirst(str(OUTCOME_LABELS[Outcome.ATTENTION]))


def test_statushouders_backlog_from_quota_and_housed_per_corporation(kampen: Covenant, enter, delta, beter):
    enter("statushouders.taakstelling", "2025-H1", 20)
    enter("statushouders.taakstelling", "2025-H2", 18)
    enter("statushouders.gehuisvest", "2025-K1", 3, organisation=delta)
    enter("statushouders.gehuisvest", "2025-K2", 9, organisation=delta)
    enter("statushouders.gehuisvest", "2025-K2", 2, organisation=beter)
    figures = indicator_by_code(kampen, "statushouders.achterstand", on=ON)
    balances = [(b.period.key, b.due, b.housed, b.carried_out) for b in figures.balances]
    assert balances == [("2025-H1", 20, 14, 6), ("2025-H2", 24, 0, 24)]
    # Nobody entered who was housed in the second half year: no data, not a backlog of 24 (issue 12).
    assert [(a.period.key, a.verdict) for a in figures.evaluation.assessments] == [
        ("2025-H1", Verdict.BEHIND),
        ("2025-H2", Verdict.NO_DATA),
    ]
    assert "gaat mee" not in describe(figures)
    assert [row.period.key for row in figures.rows] == ["2025-H1"]  # no calculated backlog without figures
    enter("statushouders.gehuisvest", "2025-K3", 0, organisation=delta)
    enter("statushouders.gehuisvest", "2025-K4", 0, organisation=delta)
    figures = indicator_by_code(kampen, "statushouders.achterstand", on=ON)
    assert figures.evaluation.latest.verdict == Verdict.BEHIND
    assert "een achterstand van 24 gaat mee" in describe(figures)


def test_labels_e_f_g_are_added_up_from_the_labels_per_corporation(kampen: Covenant, enter, delta, beter):
    for label, count in [("E", 300), ("F", 120), ("G", 40), ("A", 900)]:
        enter("duurzaamheid.energielabels", "2025", count, organisation=delta, dimension=label)
    enter("duurzaamheid.energielabels", "2025", 25, organisation=beter, dimension="G")
    rows = indicator_by_code(kampen, "duurzaamheid.labels-efg", on=ON).rows
    assert sorted((row.organisation, row.value) for row in rows) == [
        ("Beter Wonen IJsselmuiden", 25),
        ("deltaWonen", 460),
    ]
    figures = indicator_by_code(kampen, "duurzaamheid.labels-efg", on=ON)
    # "No E, F or G after 2028" is a national agreement, not Kampen's: for comparison only (issue 12).
    assert figures.evaluation.verdict == Verdict.NO_TARGET
    assert [target.source_kind for target in figures.targets] == ["reference"]
    assert "2029" in status_of(figures).comparison


def test_each_corporation_is_judged_on_the_free_allocation_share(kampen: Covenant, enter, delta, beter):
    enter("toewijzing.vrije-toewijzingsruimte", "2025", 9.5, organisation=beter)
    enter("toewijzing.vrije-toewijzingsruimte", "2025", 16.2, organisation=delta)
    figures = indicator_by_code(kampen, "toewijzing.vrije-toewijzingsruimte", on=ON)
    assert figures.evaluation.verdict == Verdict.BEHIND
    assert describe(figures) == "deltaWonen: 16,2% in 2025; het doel is hoogstens 15,0%."


def test_co2_reduction_has_no_invented_path_and_cannot_be_judged_before_2050(kampen: Covenant, enter, delta):
    # Issue 12: the ambition (80-95 % less in 2050) used to be a straight line with interim targets.
    enter("duurzaamheid.co2-reductie", "2025", 48.0, organisation=delta)
    figures = indicator_by_code(kampen, "duurzaamheid.co2-reductie", on=ON)
    assert figures.evaluation.latest is None and figures.evaluation.verdict == Verdict.NO_TARGET
    assert [target.source_kind for target in figures.targets] == ["agreement"]
    assert "2050" in describe(figures) and "48,0%" in describe(figures)


def test_the_rent_increase_is_judged_against_that_years_maximum(kampen: Covenant, enter, delta):
    enter("betaalbaarheid.huurverhoging", "2023", 3.1, organisation=delta)
    enter("betaalbaarheid.huurverhoging", "2024", 5.8, organisation=delta)  # no maximum recorded for 2024
    enter("betaalbaarheid.huurverhoging", "2025", 4.5, organisation=delta)
    figures = indicator_by_code(kampen, "betaalbaarheid.huurverhoging", on=ON)
    # The national maxima are references (2.1.1 does not state them): compared, never judged (issue 12).
    assert figures.evaluation.assessments == []
    assert [(a.period.key, a.target, a.verdict) for a in figures.comparison.assessments] == [
        ("2023", 2.6, Verdict.BEHIND),
        ("2025", 4.5, Verdict.ON_TRACK),
    ]
    reference = SOURCE_KIND_LABELS["reference"]
    assert status_of(figures).target == f"hoogstens 4,5% (2025), voor elke corporatie ({reference})"


@pytest.fixture
def computed_series() -> Iterator[Registry[ComputedSeries]]:
    """The registered computed series, as they were again after the test."""
    with registry.computed_series.temporarily() as series:
        yield series


def test_social_new_build_shows_no_data_until_the_housing_series_exists(
    kampen: Covenant, computed_series: Registry[ComputedSeries]
):
    computed_series.unregister("housing.social_new_build")
    figures = indicator_by_code(kampen, "nieuwbouw.sociale-huur", on=ON)
    assert figures.series_missing and figures.rows == []
    status = status_of(figures)
    assert status.verdict == Verdict.NO_DATA
    assert status.verdict_label == capfirst(str(OUTCOME_LABELS[Outcome.NO_DATA]))


def test_social_new_build_is_computed_from_the_registered_series(
    kampen: Covenant, computed_series: Registry[ComputedSeries]
):
    calls = []

    def compute(covenant: Covenant) -> list[ComputedPoint]:
        calls.append(covenant)
        return [
            ComputedPoint("2022", dt.date(2022, 1, 1), 43, "realised"),
            ComputedPoint("2022", dt.date(2022, 1, 1), 36, "planned"),
            ComputedPoint("2022", dt.date(2022, 1, 1), 25, "realised", "deltaWonen"),  # a part, not the total
            ComputedPoint("2023", dt.date(2023, 1, 1), 191, "realised"),
            ComputedPoint("2024", dt.date(2024, 1, 1), 20, "realised"),
            ComputedPoint("2025", dt.date(2025, 1, 1), 110, "planned"),
        ]

    series = ComputedSeries("housing.social_new_build", "Nieuwbouw sociale huur", "woningen", compute)
    computed_series.unregister("housing.social_new_build")
    computed_series.register(series)
    figures = indicator_by_code(kampen, "nieuwbouw.sociale-huur", on=ON)
    assert calls == [kampen] and not figures.series_missing
    assert [(a.period.key, a.running_total, a.target, a.verdict) for a in figures.evaluation.assessments] == [
        ("2022", 43, 80, Verdict.BEHIND),
        ("2023", 234, 160, Verdict.ON_TRACK),
        ("2024", 254, 240, Verdict.ON_TRACK),
    ]
    assert {row.series for row in figures.rows} == {"planned", "realised"}
    assert (
        describe(figures) == "254 woningen in totaal tot en met 2024; afgesproken was 240 woningen tot dan."
    )


def test_the_whole_registry_in_one_call(kampen: Covenant, enter):
    enter("betaalbaarheid.vroegsignalen", "2025", 512)
    figures = covenant_indicators(kampen, on=ON)
    assert len(figures) == 23
    signals = next(item for item in figures if item.code == "betaalbaarheid.vroegsignalen")
    assert (
        describe(signals)
        == "512 in 2025. Er is geen streefwaarde afgesproken; partijen bespreken het cijfer."
    )
