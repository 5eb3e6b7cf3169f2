"""The verdict arithmetic on hand-made quarters: every target kind, the slaagkans and the waiting time."""

from __future__ import annotations

import datetime as dt

import pytest

from woonafspraken.indicators.arithmetic import (
    AppliesTo,
    Combine,
    Direction,
    IndicatorSpec,
    Observed,
    Period,
    PeriodError,
    PeriodKind,
    Rolled,
    RollUp,
    TargetKind,
    TargetSpec,
    Verdict,
    assess_backlog,
    assess_cumulative,
    assess_period,
    evaluate,
    periods_between,
    roll_up,
    statushouder_balances,
    success_rate,
    target_for,
    waiting_time_years,
    weighted_mean,
    worst,
)

Q = PeriodKind.QUARTER
H = PeriodKind.HALF_YEAR
Y = PeriodKind.YEAR
LATE = dt.date(2030, 1, 1)


def q(key: str) -> Period:
    return Period.parse(key)


# -- periods -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("2024", "2024"),
        (2024, "2024"),
        (2024.0, "2024"),
        ("2024-K1", "2024-K1"),
        ("2024-q3", "2024-K3"),
        ("2024 K4", "2024-K4"),
        ("2024K2", "2024-K2"),
        ("2024-H2", "2024-H2"),
        ("2024-HJ1", "2024-H1"),
    ],
)
def test_periods_are_read_in_the_ways_people_write_them(text, key):
    assert Period.parse(text).key == key


@pytest.mark.parametrize("text", ["", "24-K1", "2024-K5", "2024-H3", "K1", "kwartaal 1", None, "1850"])
def test_a_bad_period_gets_a_dutch_message(text):
    with pytest.raises(PeriodError, match="periode|jaar"):
        Period.parse(text)


def test_period_bounds_and_nesting():
    quarter = q("2024-K3")
    assert (quarter.start, quarter.end) == (dt.date(2024, 7, 1), dt.date(2024, 9, 30))
    assert quarter.within(H) == q("2024-H2")
    assert quarter.within(Y) == q("2024")
    assert q("2024-H1").parts(Q) == [q("2024-K1"), q("2024-K2")]
    assert q("2024-K4").next() == q("2025-K1")
    assert [p.key for p in periods_between(q("2023-H2"), q("2024-H2"))] == ["2023-H2", "2024-H1", "2024-H2"]
    assert Period.containing(H, dt.date(2025, 7, 1)) == q("2025-H2")
    with pytest.raises(ValueError):
        q("2024").within(Q)


# -- slaagkans and waiting time ------------------------------------------------------------------------
def test_slaagkans_is_allocations_per_hundred_active_seekers():
    assert success_rate(45, 900) == pytest.approx(5.0)
    assert success_rate(0, 120) == 0.0
    assert success_rate(3, 0) is None  # nobody seeking: undefined, not zero
    with pytest.raises(ValueError):
        success_rate(-1, 10)


def test_waiting_time_runs_from_first_reaction_to_the_signed_lease():
    # 1 March 2022 to 1 August 2024: 884 days = 2.42 years (not the registration time, years longer).
    assert waiting_time_years(dt.date(2022, 3, 1), dt.date(2024, 8, 1)) == pytest.approx(884 / 365.25)
    with pytest.raises(ValueError):
        waiting_time_years(dt.date(2024, 8, 1), dt.date(2024, 3, 1))


def test_yearly_waiting_time_weighs_quarters_by_their_allocations():
    quarters = {q("2025-K1"): 2.0, q("2025-K2"): 3.0, q("2025-K3"): 2.5, q("2025-K4"): 2.2}
    allocations = {q("2025-K1"): 30, q("2025-K2"): 10, q("2025-K3"): 40, q("2025-K4"): 20}
    year = roll_up(quarters, Y, RollUp.WEIGHTED_MEAN, allocations)[q("2025")]
    expected = (2.0 * 30 + 3.0 * 10 + 2.5 * 40 + 2.2 * 20) / 100
    assert year.value == pytest.approx(expected) == pytest.approx(2.34)
    assert year.complete
    # Without the allocations of one quarter the plain mean is used (documented fallback).
    partial = roll_up(quarters, Y, RollUp.WEIGHTED_MEAN, {q("2025-K1"): 30})[q("2025")]
    assert partial.value == pytest.approx((2.0 + 3.0 + 2.5 + 2.2) / 4)
    assert weighted_mean([(1.0, 0), (2.0, 0)]) is None


def test_roll_up_sum_last_and_mean_keep_track_of_missing_quarters():
    values = {q("2024-K1"): 5.0, q("2024-K2"): 7.0, q("2024-K4"): 9.0}
    assert roll_up(values, Y, RollUp.SUM)[q("2024")] == Rolled(q("2024"), 21.0, 3, 4)
    assert roll_up(values, Y, RollUp.LAST)[q("2024")].value == 9.0
    assert roll_up(values, Y, RollUp.MEAN)[q("2024")].value == pytest.approx(7.0)
    halves = roll_up(values, H, RollUp.SUM)
    assert halves[q("2024-H1")].complete and not halves[q("2024-H2")].complete
    assert roll_up({q("2024"): 3.0}, Y, RollUp.SUM)[q("2024")].complete


# -- per period, benchmark, band -------------------------------------------------------------------------
def per_year(value: float, **kwargs) -> TargetSpec:
    return TargetSpec(TargetKind.PER_PERIOD, value, **kwargs)


def test_per_period_target_higher_and_lower_is_better():
    at_least_95 = per_year(95)
    assert (
        assess_period(
            Direction.HIGHER_IS_BETTER, at_least_95, Rolled(q("2024"), 96.2), how=RollUp.LAST, on=LATE
        ).verdict
        == Verdict.ON_TRACK
    )
    assert (
        assess_period(
            Direction.HIGHER_IS_BETTER, at_least_95, Rolled(q("2024"), 94.9), how=RollUp.LAST, on=LATE
        ).verdict
        == Verdict.BEHIND
    )
    at_most_15 = per_year(15)
    assert (
        assess_period(
            Direction.LOWER_IS_BETTER, at_most_15, Rolled(q("2024"), 15.0), how=RollUp.LAST, on=LATE
        ).verdict
        == Verdict.ON_TRACK
    )
    assert (
        assess_period(
            Direction.LOWER_IS_BETTER, at_most_15, Rolled(q("2024"), 15.1), how=RollUp.LAST, on=LATE
        ).verdict
        == Verdict.BEHIND
    )


def test_per_period_target_on_an_unfinished_year_is_prorated_and_only_needs_attention():
    target = per_year(80)
    half_way = Rolled(q("2025"), 38.0, parts=2, expected_parts=4)
    assessment = assess_period(
        Direction.HIGHER_IS_BETTER, target, half_way, how=RollUp.SUM, on=dt.date(2025, 7, 15)
    )
    assert assessment.target == 40.0
    assert assessment.verdict == Verdict.ATTENTION and not assessment.complete
    enough = Rolled(q("2025"), 41.0, parts=2, expected_parts=4)
    assert (
        assess_period(
            Direction.HIGHER_IS_BETTER, target, enough, how=RollUp.SUM, on=dt.date(2025, 7, 15)
        ).verdict
        == Verdict.ON_TRACK
    )


def test_benchmark_difference_is_for_discussion_not_a_broken_promise():
    benchmark = TargetSpec(TargetKind.BENCHMARK, 2.4)
    above = assess_period(
        Direction.LOWER_IS_BETTER, benchmark, Rolled(q("2024"), 2.9), how=RollUp.MEAN, on=LATE
    )
    assert above.verdict == Verdict.ATTENTION
    assert above.difference == pytest.approx(0.5)
    below = assess_period(
        Direction.LOWER_IS_BETTER, benchmark, Rolled(q("2024"), 2.1), how=RollUp.MEAN, on=LATE
    )
    assert below.verdict == Verdict.ON_TRACK


def test_band_inside_below_and_above():
    band = TargetSpec(TargetKind.BAND, 80, upper=95)

    def judge(value: float, on: dt.date = dt.date(2051, 1, 1)) -> Verdict:
        return assess_period(Direction.BAND, band, Rolled(q("2050"), value), how=RollUp.LAST, on=on).verdict

    assert judge(80) == judge(87.5) == judge(95) == Verdict.ON_TRACK
    assert judge(79.9) == Verdict.BEHIND
    assert judge(79.9, on=dt.date(2050, 6, 1)) == Verdict.ATTENTION  # the year is not over yet
    assert judge(96) == Verdict.ATTENTION


def test_a_long_term_ambition_applies_in_its_goal_year_only_without_an_invented_path():
    # Issue 12: the CO2 ambition (80-95 % less in 2050 than 1990) used to become a straight line from 1990
    # with interim "targets" (40-47.5 % in 2020). No interim target was agreed, so none is judged.
    co2 = TargetSpec(TargetKind.BAND, 80, upper=95, baseline_year=1990, goal_year=2050)
    assert not co2.applies(q("2020")) and not co2.applies(q("2049"))
    assert co2.applies(q("2050")) and co2.bounds(q("2050")) == (80, 95)
    assert co2.bounds(q("2020")) == (80, 95)  # never interpolated
    assert target_for([co2], q("2025")) is None


def test_a_band_in_a_direction_is_reached_at_its_lower_edge():
    band = TargetSpec(TargetKind.BAND, 80, upper=95)
    more = assess_period(Direction.HIGHER_IS_BETTER, band, Rolled(q("2050"), 97), how=RollUp.LAST, on=LATE)
    assert more.verdict == Verdict.ON_TRACK  # more reduction than the ambition is no problem


# -- cumulative ---------------------------------------------------------------------------------------
def test_cumulative_target_keeps_a_running_total_against_the_pace():
    target = TargetSpec(TargetKind.CUMULATIVE, 80, first_year=2022)
    years = {
        q("2022"): Rolled(q("2022"), 43),
        q("2023"): Rolled(q("2023"), 191),
        q("2024"): Rolled(q("2024"), 20),
    }
    result = assess_cumulative(Direction.HIGHER_IS_BETTER, target, years, on=LATE)
    assert [(a.period.key, a.running_total, a.target, a.verdict) for a in result] == [
        ("2022", 43, 80, Verdict.BEHIND),
        ("2023", 234, 160, Verdict.ON_TRACK),
        ("2024", 254, 240, Verdict.ON_TRACK),
    ]


def test_cumulative_target_with_a_missing_year_is_no_data_not_zero():
    # Issue 12: a year without a figure used to count as zero homes (2024: 200 against 240, "behind").
    target = TargetSpec(TargetKind.CUMULATIVE, 80, first_year=2022)
    years = {q("2022"): Rolled(q("2022"), 100), q("2024"): Rolled(q("2024"), 100)}
    result = assess_cumulative(Direction.HIGHER_IS_BETTER, target, years, on=LATE)
    assert [(a.period.key, a.running_total, a.target, a.verdict) for a in result] == [
        ("2022", 100, 80, Verdict.ON_TRACK),
        ("2024", None, None, Verdict.NO_DATA),
    ]
    assert result[-1].missing == (q("2023"),)
    years[q("2023")] = Rolled(q("2023"), 10)  # the gap filled: judged again
    result = assess_cumulative(Direction.HIGHER_IS_BETTER, target, years, on=LATE)
    assert [(a.period.key, a.running_total, a.verdict) for a in result][-1] == ("2024", 210, Verdict.BEHIND)


def test_cumulative_target_with_the_first_year_missing_judges_nothing_after_it():
    target = TargetSpec(TargetKind.CUMULATIVE, 80, first_year=2022)
    years = {q("2023"): Rolled(q("2023"), 300)}
    result = assess_cumulative(Direction.HIGHER_IS_BETTER, target, years, on=LATE)
    assert [(a.period.key, a.verdict, a.missing) for a in result] == [("2023", Verdict.NO_DATA, (q("2022"),))]


# -- statushouders ------------------------------------------------------------------------------------
def test_statushouders_backlog_is_carried_into_the_next_half_year():
    quota = {q("2024-H1"): 20.0, q("2024-H2"): 24.0, q("2025-H1"): 18.0}
    housed = {
        q("2024-K1"): 6.0,
        q("2024-K2"): 9.0,  # 15 of 20: backlog 5
        q("2024-K3"): 14.0,
        q("2024-K4"): 19.0,  # 33 of 24 + 5 = 29: lead of 4
        q("2025-K1"): 7.0,
    }
    balances = statushouder_balances(quota, housed)
    assert [(b.period.key, b.quota, b.carried_in, b.due, b.housed, b.carried_out) for b in balances] == [
        ("2024-H1", 20, 0, 20, 15, 5),
        ("2024-H2", 24, 5, 29, 33, -4),
        ("2025-H1", 18, -4, 14, 7, 7),
    ]
    assert balances[2].quarters_reported == 1
    on = dt.date(2025, 4, 15)  # K1 of 2025-H1 is over, K2 runs
    verdicts = [assess_backlog(b, on=on) for b in balances]
    assert [v.verdict for v in verdicts] == [Verdict.BEHIND, Verdict.ON_TRACK, Verdict.ON_TRACK]
    # 7 housed, half of the 14 due after one quarter: just on track; 6 would need attention.
    assert verdicts[2].complete is False


def test_statushouders_during_the_half_year_needs_attention_when_behind_the_pace():
    balances = statushouder_balances({q("2025-H1"): 20.0}, {q("2025-K1"): 4.0})
    assert assess_backlog(balances[0], on=dt.date(2025, 4, 2)).verdict == Verdict.ATTENTION
    assert assess_backlog(balances[0], on=dt.date(2025, 2, 1)).verdict == Verdict.ON_TRACK  # nothing due yet
    # After the half year without a figure for K2: unknown, not "nobody housed" (issue 12).
    assert assess_backlog(balances[0], on=dt.date(2025, 7, 1)).verdict == Verdict.NO_DATA
    reported = statushouder_balances({q("2025-H1"): 20.0}, {q("2025-K1"): 4.0, q("2025-K2"): 0.0})
    assert assess_backlog(reported[0], on=dt.date(2025, 7, 1)).verdict == Verdict.BEHIND


def test_statushouders_half_year_without_quota_between_two_quotas_counts_as_zero():
    quota = {q("2024-H1"): 10.0, q("2025-H1"): 10.0}
    balances = statushouder_balances(quota, {q("2024-K2"): 4.0, q("2024-K3"): 3.0})
    assert [(b.period.key, b.carried_in, b.carried_out) for b in balances] == [
        ("2024-H1", 0, 6),
        ("2024-H2", 6, 3),
        ("2025-H1", 3, 13),
    ]
    with pytest.raises(ValueError):
        statushouder_balances({q("2024"): 10.0}, {})


# -- whole indicators ---------------------------------------------------------------------------------
def test_evaluate_each_corporation_on_its_own_and_report_the_worst():
    spec = IndicatorSpec(Direction.LOWER_IS_BETTER, Y, RollUp.LAST, Combine.NONE)
    points = [
        Observed(q("2024"), 12.0, "Beter Wonen"),
        Observed(q("2024"), 16.5, "deltaWonen"),
        Observed(q("2025"), 11.0, "Beter Wonen"),
        Observed(q("2025"), 14.0, "deltaWonen"),
    ]
    result = evaluate(spec, points, [per_year(15, applies_to=AppliesTo.EACH)], on=LATE)
    assert [(a.period.key, a.verdict, a.subject) for a in result.assessments] == [
        ("2024", Verdict.BEHIND, "deltaWonen"),
        ("2025", Verdict.ON_TRACK, "Beter Wonen"),
    ]
    assert {(d.subject, d.verdict) for d in result.details_for(q("2024"))} == {
        ("Beter Wonen", Verdict.ON_TRACK),
        ("deltaWonen", Verdict.BEHIND),
    }
    assert result.verdict == Verdict.ON_TRACK


def test_evaluate_sums_corporations_into_the_total_and_rolls_quarters_into_years():
    spec = IndicatorSpec(Direction.HIGHER_IS_BETTER, Q, RollUp.SUM, Combine.SUM)
    points = [Observed(q(f"2025-K{i}"), 10.0, org) for i in (1, 2, 3, 4) for org in ("A", "B")]
    target = TargetSpec(TargetKind.PER_PERIOD, 80, period=Y)
    result = evaluate(spec, points, [target], on=LATE)
    assert [(a.period.key, a.value, a.verdict) for a in result.assessments] == [
        ("2025", 80, Verdict.ON_TRACK)
    ]


def test_a_yearly_maximum_that_changes_every_year():
    spec = IndicatorSpec(Direction.LOWER_IS_BETTER, Y, RollUp.LAST, Combine.NONE)
    each = AppliesTo.EACH
    targets = [
        per_year(2.3, first_year=2022, last_year=2022, applies_to=each),
        per_year(4.5, first_year=2025, last_year=2025, applies_to=each),
    ]
    points = [Observed(q("2022"), 2.5, "A"), Observed(q("2024"), 5.0, "A"), Observed(q("2025"), 4.4, "A")]
    result = evaluate(spec, points, targets, on=LATE)
    # 2024 has no maximum recorded: it is not judged.
    assert [(a.period.key, a.target, a.verdict) for a in result.assessments] == [
        ("2022", 2.3, Verdict.BEHIND),
        ("2025", 4.5, Verdict.ON_TRACK),
    ]


def test_evaluate_without_target_or_data():
    spec = IndicatorSpec(Direction.HIGHER_IS_BETTER, Q)
    assert evaluate(spec, [], [], on=LATE).verdict == Verdict.NO_DATA
    assert evaluate(spec, [Observed(q("2024-K1"), 3)], [], on=LATE).verdict == Verdict.NO_TARGET


def test_future_periods_are_not_judged_and_off_target_since():
    spec = IndicatorSpec(Direction.LOWER_IS_BETTER, Y, RollUp.MEAN)
    points = [
        Observed(q(str(year)), value) for year, value in [(2022, 2.2), (2023, 2.6), (2024, 2.8), (2025, 2.0)]
    ]
    result = evaluate(spec, points, [TargetSpec(TargetKind.BENCHMARK, 2.4)], on=dt.date(2024, 6, 1))
    assert [a.period.key for a in result.assessments] == ["2022", "2023", "2024"]
    assert result.off_target_since() == q("2023")
    assert worst([Verdict.ON_TRACK, Verdict.BEHIND, Verdict.ATTENTION]) == Verdict.BEHIND


def test_evaluate_backlog_uses_the_balances():
    balances = statushouder_balances({q("2025-H1"): 20.0}, {q("2025-K1"): 4.0, q("2025-K2"): 16.0})
    spec = IndicatorSpec(Direction.LOWER_IS_BETTER, H)
    result = evaluate(spec, [], [TargetSpec(TargetKind.BACKLOG, 0)], on=LATE, balances=balances)
    assert result.verdict == Verdict.ON_TRACK and result.latest.value == 0
