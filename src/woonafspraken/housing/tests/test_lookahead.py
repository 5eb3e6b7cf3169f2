"""The look-ahead: a case computed by hand, the assumptions per year, and what must always hold."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from woonafspraken.housing.domain import RENT_CLASSES, RentClass
from woonafspraken.housing.lookahead import (
    Limits,
    LimitsUnknownError,
    StepInput,
    project,
    resolve_assumptions,
)

QD, LOW, HIGH, BEN, ABOVE = RentClass
LIMITS = Limits(100, 200, 300, 400)


def test_a_case_computed_by_hand():
    """100 homes in each class; bands 0-100-200-300-400-500 (the open ones as wide as their neighbour).

    Rents +10 %, limits unchanged: a home crosses limit U when its rent exceeds U/1.1, i.e. the top U/11 of
    the band (width 100) moves one class up. So class k (limit 100(k+1)) sends (k+1)/11 of its homes up.
    Year 1, 100 in every class: 100 - 100/11 = 1000/11 stays in the lowest class; the middle classes lose
    (k+1)/11 and gain k/11, so hold 1000/11 too; the highest class gets 100 + 400/11 = 1500/11.
    Year 2, the same step on those counts: the four lower classes each end at 1000/11 * 10/11 = 10000/121,
    the highest at 1500/11 + 1000/11 * 4/11 = 20500/121; then demolition of 50 takes 10 % of every class,
    10 homes are liberalised from the huurtoeslaggrens class to above it and 20 new homes are added in the
    lower-cap class.
    """
    one, two = project(
        start=dict.fromkeys(RENT_CLASSES, 100),
        start_limits=LIMITS,
        steps=[
            StepInput(2022, 10, LIMITS),
            StepInput(2023, 10, LIMITS, {LOW: 20}, demolition=50, liberalisation=10),
        ],
    )
    expected_one = dict.fromkeys(RENT_CLASSES, Fraction(1000, 11)) | {ABOVE: Fraction(1500, 11)}
    for rent_class, value in expected_one.items():
        assert one.counts[rent_class] == pytest.approx(float(value))
    assert one.moved_up == pytest.approx(float(Fraction(100, 11) * (1 + 2 + 3 + 4)))
    assert one.moved_down == 0
    assert one.total == pytest.approx(500)
    moved = dict.fromkeys(RENT_CLASSES, Fraction(10000, 121)) | {ABOVE: Fraction(20500, 121)}
    expected_two = {rent_class: value * Fraction(9, 10) for rent_class, value in moved.items()}
    expected_two[BEN] -= 10
    expected_two[ABOVE] += 10
    expected_two[LOW] += 20
    for rent_class in RENT_CLASSES:
        assert two.counts[rent_class] == pytest.approx(float(expected_two[rent_class]))
    assert two.moved_up == pytest.approx(float(Fraction(10000, 121)))
    assert (two.added, two.withdrawn, two.liberalised, two.shortfall) == (20, 50, 10, 0)
    assert two.total == pytest.approx(470)


def test_limits_rising_faster_than_rents_move_homes_down():
    [result] = project(
        start=dict.fromkeys(RENT_CLASSES, 100),
        start_limits=LIMITS,
        steps=[StepInput(2022, 0, LIMITS.scaled(1.1))],
    )
    assert result.moved_up == 0 and result.moved_down > 0
    assert result.counts[QD] > 100 and result.counts[ABOVE] < 100


def test_withdrawals_beyond_the_stock_are_reported_not_made_negative():
    [result] = project(
        start={BEN: 5}, start_limits=LIMITS, steps=[StepInput(2022, 0, LIMITS, sale=3, liberalisation=10)]
    )
    assert all(value >= 0 for value in result.counts.values())
    assert result.shortfall == pytest.approx(8)


@given(
    counts=st.lists(st.integers(0, 5000), min_size=5, max_size=5),
    rent=st.floats(-5, 15),
    index=st.floats(-5, 15),
)
def test_moving_between_classes_keeps_every_home(counts: list[int], rent: float, index: float):
    [result] = project(
        start=dict(zip(RENT_CLASSES, counts, strict=True)),
        start_limits=LIMITS,
        steps=[StepInput(2022, rent, LIMITS.scaled(1 + index / 100))],
    )
    assert result.total == pytest.approx(sum(counts), abs=1e-6)
    assert min(result.counts.values()) >= 0


REFERENCE = {
    2021: {QD: Decimal("442.46"), LOW: Decimal("633.25"), HIGH: Decimal("678.66"), BEN: Decimal("752.33")},
    2022: {QD: Decimal("442.46"), LOW: Decimal("633.25"), HIGH: Decimal("678.66"), BEN: Decimal("763.47")},
    2026: {QD: Decimal("498.20"), LOW: None, HIGH: None, BEN: Decimal("932.93")},
    2025: {QD: Decimal("477.20"), LOW: Decimal("682.96"), HIGH: Decimal("731.93"), BEN: Decimal("900.07")},
}


def test_assumptions_come_from_the_user_then_the_reference_then_say_they_assume():
    start, years = resolve_assumptions(
        start_year=2021,
        horizon=3,
        limits=REFERENCE,
        rent_increases={2022: Decimal("2.3"), 2023: Decimal("2.6")},
        entered={2023: (Decimal("3.0"), Decimal("2.0"))},
    )
    assert start == Limits(442.46, 633.25, 678.66, 752.33)
    assert [(y.year, y.rent_increase_pct, y.rent_basis, y.limit_basis) for y in years] == [
        (2022, 2.3, "reference", "reference"),
        (2023, 3.0, "entered", "entered"),
        (2024, 3.0, "assumed", "assumed"),  # carries the last increase and indexation on
    ]
    assert years[1].limits == Limits(451.31, 645.92, 692.23, 778.74)  # 2022 limits + 2 %
    assert years[2].limit_indexation_pct == 2.0


def test_a_year_with_some_limits_known_indexes_only_the_unknown_ones():
    _start, [year] = resolve_assumptions(
        start_year=2025, horizon=1, limits=REFERENCE, rent_increases={2026: Decimal("4.1")}, entered={}
    )
    assert year.limit_basis == "partly_reference"
    index = ((498.20 / 477.20 - 1) + (932.93 / 900.07 - 1)) / 2
    assert year.limit_indexation_pct == pytest.approx(index * 100)
    assert year.limits.quality_discount == 498.20 and year.limits.benefit == 932.93
    assert year.limits.low_cap == pytest.approx(682.96 * (1 + index), abs=0.006)


def test_the_start_year_needs_all_its_limits():
    with pytest.raises(LimitsUnknownError):
        resolve_assumptions(start_year=2026, horizon=5, limits=REFERENCE, rent_increases={}, entered={})


def test_limits_must_rise():
    with pytest.raises(ValueError):
        Limits(300, 200, 400, 500)
