"""The roll-up rule is plain and documented: these cases are the rule users read."""

import datetime as dt

from woonafspraken.annual_plans.rollup import RULE, ActivityFacts, AgreementState, reference_day, roll_up

ON = dt.date(2025, 7, 1)


def act(
    title: str, status: str, planned_by: dt.date = dt.date(2025, 12, 31), timing: str = ""
) -> ActivityFacts:
    return ActivityFacts(title=title, status=status, planned_by=planned_by, timing=timing)


def test_no_activities_or_only_cancelled():
    assert roll_up([], ON).state == AgreementState.NO_ACTIVITIES
    assert roll_up([act("a", "vervallen")], ON).state == AgreementState.NO_ACTIVITIES


def test_a_delayed_activity_makes_the_agreement_behind_and_is_named():
    result = roll_up([act("Woonwagenlocatie", "vertraagd"), act("Overleg", "gereed")], ON)
    assert result.state == AgreementState.BEHIND
    assert result.behind == ("Woonwagenlocatie",)
    assert "‘Woonwagenlocatie’ vertraagd" in result.reason


def test_past_its_planned_quarter_and_not_done_is_behind():
    result = roll_up([act("Analyse", "loopt", dt.date(2025, 3, 31), "K1 2025")], ON)
    assert result.state == AgreementState.BEHIND
    assert "gepland voor K1 2025, nog niet gereed" in result.reason


def test_all_done_is_done_and_cancelled_ones_do_not_count():
    result = roll_up([act("a", "gereed"), act("b", "vervallen")], ON)
    assert result.state == AgreementState.DONE


def test_otherwise_on_track_with_the_count():
    result = roll_up([act("a", "gereed"), act("b", "loopt"), act("c", "gepland")], ON)
    assert result.state == AgreementState.ON_TRACK
    assert result.reason.startswith("1 van 3 activiteiten gereed")


def test_reference_day_is_year_end_for_past_years_and_new_year_for_future_ones():
    today = dt.date(2026, 11, 27)
    assert reference_day(2025, today) == dt.date(2025, 12, 31)
    assert reference_day(2026, today) == today
    assert reference_day(2027, today) == dt.date(2027, 1, 1)


def test_the_rule_is_written_down():
    assert any("achter" in line for line in RULE)
