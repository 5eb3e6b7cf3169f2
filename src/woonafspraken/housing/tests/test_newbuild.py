"""Plan and realisation per year, and where targets come from (pure): a plan is never a realisation, a year
without figures is None."""

from __future__ import annotations

from woonafspraken.housing.domain import names_in_words
from woonafspraken.housing.evidence import ended_until, quote_in_text, stock_agreement
from woonafspraken.housing.newbuild import ProjectFigure, new_build_years
from woonafspraken.housing.targets import YearFigures

A, B = "Woonstichting A", "Wooncorporatie B"


def figure(
    name: str, year: int, planned: int | None, realised: int | None = None, **kw: object
) -> ProjectFigure:
    return ProjectFigure(name, True, "social_rent", year, planned, realised, **kw)  # type: ignore[arg-type]


def test_a_plan_without_realised_figures_is_never_realised():
    figures = new_build_years([figure(A, 2022, 77), figure(B, 2023, 228)], [2022, 2023], [A, B])
    assert [(y.planned, y.realised) for y in figures.social] == [(77, None), (228, None)]
    assert figures.social[0].missing == (A,) and figures.social[1].missing == (B,)
    assert not figures.any_demo


def test_a_year_counts_only_when_every_corporation_with_a_plan_delivered():
    rows = [
        figure(A, 2022, 10, 12),
        figure(B, 2022, 15),  # planned, nothing delivered: the year's total is unknown, not 12
        figure(A, 2023, 10, 8),
        figure(B, 2023, 15, 0),  # delivered: nothing was built
        figure(A, 2024, None, 5),  # built without a plan; B had nothing planned, so it owes nothing
    ]
    figures = new_build_years(rows, [2022, 2023, 2024, 2025], [A, B])
    assert figures.social == [
        YearFigures(2022, 25, None, (B,)),
        YearFigures(2023, 25, 8),
        YearFigures(2024, 0, 5),
        YearFigures(2025, 0, None),  # no figures at all: geen gegevens, never zero
    ]
    assert [y.realised for y in figures.social_by_corporation[A]] == [12, 8, 5, None]
    assert [y.realised for y in figures.social_by_corporation[B]] == [None, 0, None, None]
    assert list(figures.social_by_corporation) == [A, B]  # the covenant's order, not the alphabet


def test_example_figures_are_marked():
    rows = [figure(A, 2022, 10, 9, realised_is_demo=True), figure(B, 2022, 5, 5)]
    figures = new_build_years(rows, [2022], [A, B])
    assert figures.social[0] == YearFigures(2022, 15, 14, (), True) and figures.any_demo


def test_the_whole_municipality_only_when_others_are_recorded():
    market = ProjectFigure("Gemeente", False, "other", 2022, 100, 90)
    figures = new_build_years([figure(A, 2022, 10, 10), market], [2022], [A])
    assert figures.complete and figures.all_segments[0].realised == 100
    assert figures.realised_by_segment == {"social_rent": 10, "other": 90}
    alone = new_build_years([figure(A, 2022, 10, 10)], [2022], [A])
    assert not alone.complete and alone.all_segments[0].realised is None


def test_where_a_target_and_the_stock_agreement_come_from():
    text = (
        "Jaarlijks maken de corporaties de woningvoorraad inzichtelijk (vijf jaar vooruitblikkend). Verder."
    )
    assert stock_agreement([("1.1", "Niets."), ("1.2.1", text)]) == (
        "1.2.1",
        "Jaarlijks maken de corporaties de woningvoorraad inzichtelijk (vijf jaar vooruitblikkend).",
    )
    assert stock_agreement([("1.1", "Een vooruitblik op de huren.")]) is None
    assert quote_in_text("gemiddeld 80  woningen per jaar", "in totaal\n\ngemiddeld 80 woningen per jaar, te")
    assert not quote_in_text("30%-40%-30%", "30% goedkope woningbouw")
    assert [ended_until(2025, 12, 31), ended_until(2025, 12, 30), ended_until(2026, 1, 1)] == [
        2025,
        2024,
        2025,
    ]
    assert [names_in_words([]), names_in_words(["a"]), names_in_words(["a", "b", "c"])] == [
        "",
        "a",
        "a, b en c",
    ]
