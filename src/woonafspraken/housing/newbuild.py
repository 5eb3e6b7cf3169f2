"""New build per year, planned and realised, from the project figures (pure: no Django).

A year's realised figure is known only when every organisation with homes planned that year delivered a
realised figure for it; otherwise it is None ("geen gegevens") and the year says who has not delivered.
A year is never counted as zero for lack of figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from woonafspraken.housing.targets import YearFigures


# -- plan and realisation per year ---------------------------------------------------------------------
@dataclass(frozen=True)
class ProjectFigure:
    """One project's homes in one year, as plain values."""

    organisation: str
    is_corporation: bool
    segment: str  # Segment value
    year: int
    planned: int | None
    realised: int | None
    realised_is_demo: bool = False


SOCIAL_RENT = "social_rent"


@dataclass(frozen=True)
class NewBuildFigures:
    """New build per year of the covenant: social rent by the corporations, and all segments.

    A year's realised figure is known only when every organisation with homes planned that year has
    delivered a realised figure for it; otherwise it is None ("geen gegevens") and ``missing`` names
    who has not delivered. A year is never counted as zero for lack of figures.
    """

    social: list[YearFigures]
    all_segments: list[YearFigures]  # every recorded project (realised only when ``complete``)
    social_by_corporation: dict[str, list[YearFigures]]  # in the covenant's order
    by_segment: dict[str, int]  # planned homes per segment over the covenant's years
    complete: bool  # whether projects other than the corporations' social rent are recorded
    any_demo: bool
    realised_by_segment: dict[str, int] | None = None  # over the years known for all segments


def _year_figures(
    rows: Sequence[ProjectFigure], year: int, members: Sequence[str]
) -> tuple[YearFigures, dict[str, YearFigures]]:
    """The year for the group ``members`` (organisations in order) and for each member."""
    per_member: dict[str, YearFigures] = {}
    for name in members:
        own = [row for row in rows if row.organisation == name]
        figures = [row.realised for row in own if row.realised is not None]
        per_member[name] = YearFigures(
            year,
            sum(row.planned or 0 for row in own),
            sum(figures) if figures else None,
            (),
            any(row.realised_is_demo for row in own if row.realised is not None),
        )
    due = [name for name in members if per_member[name].planned]
    missing = tuple(name for name in due if per_member[name].realised is None)
    delivered = [item for item in per_member.values() if item.realised is not None]
    known = bool(delivered) and not missing
    return (
        YearFigures(
            year,
            sum(item.planned for item in per_member.values()),
            sum(item.realised or 0 for item in delivered) if known else None,
            missing,
            known and any(item.is_demo for item in delivered),
        ),
        per_member,
    )


def new_build_years(
    rows: Sequence[ProjectFigure], years: Sequence[int], corporations: Sequence[str]
) -> NewBuildFigures:
    """Plan and realisation per year from the project figures (``corporations``: names in order)."""
    complete = any(not (row.is_corporation and row.segment == SOCIAL_RENT) for row in rows)
    social_rows = [row for row in rows if row.is_corporation and row.segment == SOCIAL_RENT]
    names = [name for name in corporations if any(row.organisation == name for row in social_rows)]
    names += sorted({row.organisation for row in social_rows} - set(names))
    organisations = list(dict.fromkeys([*names, *sorted({row.organisation for row in rows})]))
    social: list[YearFigures] = []
    all_segments: list[YearFigures] = []
    by_corporation: dict[str, list[YearFigures]] = {name: [] for name in names}
    by_segment: dict[str, int] = {}
    realised_by_segment: dict[str, int] = {}
    for year in years:
        in_year = [row for row in rows if row.year == year]
        total, per_corporation = _year_figures([r for r in in_year if r in social_rows], year, names)
        social.append(total)
        for name in names:
            by_corporation[name].append(per_corporation[name])
        everything, _per_organisation = _year_figures(in_year, year, organisations)
        all_segments.append(everything if complete else YearFigures(year, everything.planned, None))
        for row in in_year:
            by_segment[row.segment] = by_segment.get(row.segment, 0) + (row.planned or 0)
            if complete and everything.realised is not None and row.realised is not None:
                realised_by_segment[row.segment] = realised_by_segment.get(row.segment, 0) + row.realised
    return NewBuildFigures(
        social,
        all_segments,
        by_corporation,
        by_segment,
        complete,
        any(row.realised_is_demo and row.realised is not None for row in social_rows),
        realised_by_segment if complete else None,
    )
