import datetime as dt

import pytest

from woonafspraken.agreements.term import CovenantState, Successor, add_months, covenant_status

START, END = dt.date(2022, 1, 1), dt.date(2026, 12, 31)


def status(on: dt.date, successor: Successor | None = None, months: int | None = 12):
    return covenant_status(
        start_date=START, end_date=END, on=on, extension_months=months, successor=successor
    )


def test_running_before_the_end_date_counts_the_days_left():
    result = status(dt.date(2026, 11, 27))
    assert result.as_dict() == {
        "on": "2026-11-27",
        "state": "running",
        "end_date": "2026-12-31",
        "extended_until": None,
        "days_left": 34,
        "ended_by_successor": False,
    }


def test_on_the_end_date_it_still_runs():
    assert status(END).state is CovenantState.RUNNING
    assert status(END).days_left == 0


def test_extended_by_at_most_one_year_after_the_end_date():
    result = status(dt.date(2027, 3, 1))
    assert result.state is CovenantState.EXTENDED
    assert result.extended_until == dt.date(2027, 12, 31)
    assert result.days_left == 305


def test_expired_after_the_extension():
    result = status(dt.date(2028, 1, 2))
    assert result.state is CovenantState.EXPIRED
    assert result.extended_until == dt.date(2027, 12, 31)
    assert result.days_left == 0


def test_last_day_of_the_extension_is_still_extended():
    assert status(dt.date(2027, 12, 31)).state is CovenantState.EXTENDED
    assert status(dt.date(2028, 1, 1)).state is CovenantState.EXPIRED


def test_a_successor_signed_before_the_end_date_prevents_the_extension():
    successor = Successor(start=dt.date(2027, 1, 1), signed_on=dt.date(2026, 12, 1))
    result = status(dt.date(2027, 1, 2), successor)
    assert result.state is CovenantState.EXPIRED
    assert result.extended_until is None


def test_the_extension_ends_when_a_successor_starts():
    successor = Successor(start=dt.date(2027, 7, 1), signed_on=dt.date(2027, 5, 15))
    assert status(dt.date(2027, 6, 30), successor).state is CovenantState.EXTENDED
    assert status(dt.date(2027, 6, 30), successor).extended_until == dt.date(2027, 6, 30)
    assert status(dt.date(2027, 7, 1), successor).state is CovenantState.EXPIRED


def test_an_unsigned_successor_does_not_stop_the_extension():
    successor = Successor(start=dt.date(2027, 7, 1), signed_on=None)
    assert status(dt.date(2027, 8, 1), successor).state is CovenantState.EXTENDED


def test_without_an_extension_clause_it_expires_the_day_after_the_end():
    assert status(dt.date(2027, 1, 1), months=None).state is CovenantState.EXPIRED


def test_before_the_start_a_signed_covenant_is_signed():
    result = status(dt.date(2021, 12, 1))
    assert result.state is CovenantState.SIGNED
    assert result.as_dict()["state"] == "signed"
    assert result.days_left == 31


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 12, 31), 12, dt.date(2027, 12, 31)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2023, 1, 31), 1, dt.date(2023, 2, 28)),
        (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(day, months, expected):
    assert add_months(day, months) == expected
