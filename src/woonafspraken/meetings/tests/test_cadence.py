"""The cadence rules: seasons, quarters, a month every year, minimum counts, year and term boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from woonafspraken.meetings.cadence import CadenceRule, SlotState, evaluate, year_slots

D = dt.date


def states(status):
    return [slot.state for slot in status.slots]


def test_spring_and_autumn_each_need_a_meeting():
    rule = CadenceRule(min_per_year=2, windows=("spring", "autumn"))
    two_in_spring = evaluate(rule, year=2024, held=[D(2024, 4, 1), D(2024, 5, 1)], today=D(2025, 1, 10))
    assert two_in_spring.held == 2 and two_in_spring.required == 2
    assert states(two_in_spring) == [SlotState.HELD, SlotState.MISSED]
    assert two_in_spring.overdue and not two_in_spring.met
    both = evaluate(rule, year=2024, held=[D(2024, 6, 30), D(2024, 12, 1)], today=D(2025, 1, 10))
    assert both.met and not both.overdue


def test_autumn_runs_to_the_end_of_the_year_and_spring_through_june():
    rule = CadenceRule(min_per_year=2, windows=("spring", "autumn"))
    status = evaluate(rule, year=2024, held=[D(2024, 6, 20), D(2024, 12, 12)], today=D(2024, 12, 31))
    assert status.met
    assert [slot.deadline for slot in status.slots] == [D(2024, 6, 30), D(2024, 12, 31)]


def test_every_quarter_needs_its_own_meeting():
    rule = CadenceRule(min_per_year=4, windows=("q1", "q2", "q3", "q4"))
    status = evaluate(
        rule,
        year=2023,
        held=[D(2023, 1, 5), D(2023, 2, 5), D(2023, 3, 5), D(2023, 8, 1)],
        today=D(2023, 12, 31),
    )
    assert status.held == 4
    assert states(status) == [SlotState.HELD, SlotState.MISSED, SlotState.HELD, SlotState.OPEN]
    assert status.missed == 1
    assert status.next_due == D(2023, 12, 31)


def test_four_a_year_without_moments_counts_over_the_whole_year():
    """ "Minimaal vier maal per jaar" is four in the year, not one a quarter (issue 12)."""
    rule = CadenceRule(min_per_year=4)
    assert [deadline for _, _, deadline in year_slots(rule, 2024)] == [D(2024, 12, 31)] * 4
    # Nothing in the first half: nothing missed yet, the year runs on.
    status = evaluate(rule, year=2024, held=[], today=D(2024, 7, 1))
    assert status.missed == 0 and not status.overdue and status.next_due == D(2024, 12, 31)
    # Four in the second half make the year; the old even spread called the first quarter missed.
    four = evaluate(rule, year=2024, held=[D(2024, m, 1) for m in (7, 9, 10, 12)], today=D(2025, 1, 2))
    assert four.met and four.missed == 0
    # Three by the end of the year: one missed.
    three = evaluate(rule, year=2024, held=[D(2024, m, 1) for m in (2, 5, 9)], today=D(2025, 1, 2))
    assert three.missed == 1 and three.overdue


def test_a_month_every_year_rolls_over_to_next_january_once_held():
    rule = CadenceRule(min_per_year=1, windows=("m1",))
    held = evaluate(rule, year=2024, held=[D(2024, 1, 20)], today=D(2024, 3, 1))
    assert held.met and held.next_due == D(2025, 1, 31)
    missed = evaluate(rule, year=2024, held=[D(2024, 2, 2)], today=D(2024, 3, 1))
    assert missed.overdue and missed.held == 1  # held, but not in January
    assert missed.next_due == D(2025, 1, 31)


def test_year_boundaries_a_meeting_counts_for_its_own_calendar_year():
    rule = CadenceRule(min_per_year=1)
    new_year_eve = evaluate(rule, year=2023, held=[D(2023, 12, 31), D(2024, 1, 1)], today=D(2024, 2, 1))
    assert new_year_eve.held == 1 and new_year_eve.met
    next_year = evaluate(rule, year=2024, held=[D(2023, 12, 31), D(2024, 1, 1)], today=D(2024, 2, 1))
    assert next_year.held == 1 and next_year.met


def test_next_due_skips_what_next_year_already_held():
    rule = CadenceRule(min_per_year=2, windows=("spring", "autumn"))
    status = evaluate(
        rule, year=2024, held=[D(2024, 4, 1), D(2024, 10, 1), D(2025, 3, 10)], today=D(2024, 12, 31)
    )
    assert status.next_due == D(2025, 12, 31)


def test_past_years_have_no_next_due():
    rule = CadenceRule(min_per_year=4)
    assert evaluate(rule, year=2022, held=[], today=D(2024, 1, 1)).next_due is None


def test_planned_meetings_fill_slots_but_do_not_count_as_held():
    rule = CadenceRule(min_per_year=2, windows=("spring", "autumn"))
    status = evaluate(rule, year=2026, held=[D(2026, 5, 1)], planned=[D(2026, 11, 20)], today=D(2026, 9, 1))
    assert status.held == 1 and status.planned == 1
    assert states(status) == [SlotState.HELD, SlotState.PLANNED]
    assert status.next_due == D(2026, 12, 31)


def test_the_covenant_term_limits_what_is_required():
    rule = CadenceRule(min_per_year=4)
    # A year half inside the term asks for half the count, due by its end.
    starts_in_july = evaluate(rule, year=2022, held=[], today=D(2022, 7, 1), active_from=D(2022, 7, 1))
    assert starts_in_july.required == 2
    assert {(slot.start, slot.deadline) for slot in starts_in_july.slots} == {
        (D(2022, 7, 1), D(2022, 12, 31))
    }
    ends_in_march = year_slots(rule, 2027, active_until=D(2027, 3, 31))
    assert ends_in_march == [("", D(2027, 1, 1), D(2027, 3, 31))]  # 4 x 3/12, rounded up
    after_the_end = evaluate(rule, year=2028, held=[], today=D(2028, 1, 1), active_until=D(2027, 12, 31))
    assert after_the_end.required == 0 and after_the_end.next_due is None
    # In the covenant's last year nothing is due after it: no next due date in the following year.
    last = evaluate(rule, year=2027, held=[D(2027, m, 1) for m in (1, 4, 7, 10)], today=D(2027, 11, 1),
                    active_until=D(2027, 12, 31))  # fmt: skip
    assert last.met and last.next_due is None


def test_extra_meetings_beside_windows_are_due_by_the_end_of_the_year():
    rule = CadenceRule(min_per_year=3, windows=("spring",))
    status = evaluate(rule, year=2024, held=[D(2024, 1, 10), D(2024, 4, 10)], today=D(2024, 8, 1))
    assert status.required == 3
    assert sorted(slot.state for slot in status.slots) == sorted(
        [SlotState.HELD, SlotState.HELD, SlotState.OPEN]
    )
    # The January meeting cannot fill the spring window: it fills one of the "any time" slots.
    spring = next(slot for slot in status.slots if slot.window == "spring")
    assert spring.meeting_on == D(2024, 4, 10)


def test_on_demand_meetings_are_never_due():
    status = evaluate(CadenceRule(), year=2024, held=[D(2024, 3, 1)], today=D(2024, 6, 1))
    assert status.required == 0 and status.held == 1 and status.next_due is None and not status.overdue


def test_a_rule_rejects_unknown_periods():
    with pytest.raises(ValueError, match="unknown windows"):
        CadenceRule(min_per_year=1, windows=("lente",))
