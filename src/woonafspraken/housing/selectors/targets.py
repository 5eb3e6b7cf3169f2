"""New build per year, planned and realised (now or as recorded on a date), and the appendix checks."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.agreements.models import Covenant
from woonafspraken.housing.constants import FigureSource
from woonafspraken.housing.domain import demo_recorded_on
from woonafspraken.housing.models import AppendixCheck, ProjectYear, Target
from woonafspraken.housing.newbuild import NewBuildFigures, ProjectFigure, new_build_years
from woonafspraken.housing.selectors.organisations import covenant_corporations
from woonafspraken.housing.targets import TargetKind

_FIELDS = (
    "project__organisation__name",
    "project__organisation__kind",
    "project__segment",
    "year",
    "planned",
    "realised",
    "realised_is_demo",
)


def project_figures(covenant: Covenant, on: dt.date | None = None) -> list[ProjectFigure]:
    """Every project year of the covenant: as stored now, or as it was recorded at the end of ``on``.

    As of a date, each project year is its last history record of that day or before. The plan read
    from the agreements document counts as known from the covenant's start; realised figures from the day
    they were entered, fictitious example figures from ``domain.demo_recorded_on``. One query.
    """
    if on is None:
        return [
            ProjectFigure(name, kind == OrganisationKind.CORPORATION, segment, year, planned, realised, demo)
            for name, kind, segment, year, planned, realised, demo in ProjectYear.objects.filter(
                project__covenant=covenant
            ).values_list(*_FIELDS)
        ]
    records = (
        ProjectYear.history.filter(project__covenant=covenant)
        .order_by("history_id")  # the order of recording (dates may be frozen in tests)
        .values_list("id", "history_type", "history_date", "project__source", *_FIELDS)
    )
    state: dict[int, ProjectFigure | None] = {}
    for pk, change, when, source, name, kind, segment, year, planned, realised, demo in records:
        recorded = timezone.localtime(when).date()
        if source == FigureSource.DOCUMENT and realised is None:  # the plan of the appendix
            recorded = min(recorded, covenant.start_date)
        if demo and realised is not None:
            recorded = demo_recorded_on(year)
        if recorded > on:
            continue
        state[pk] = (
            None
            if change == "-"
            else ProjectFigure(
                name, kind == OrganisationKind.CORPORATION, segment, year, planned, realised, demo
            )
        )
    return [figure for figure in state.values() if figure is not None]


def new_build_figures(covenant: Covenant, *, on: dt.date | None = None) -> NewBuildFigures:
    """Plan and realisation per year of the covenant (as recorded at the end of ``on`` if given)."""
    years = list(range(covenant.start_date.year, covenant.end_date.year + 1))
    corporations = [org.name for org in covenant_corporations(covenant)]
    return new_build_years(project_figures(covenant, on), years, corporations)


def social_target_value(covenant: Covenant) -> float | None:
    """The agreed new social rental homes a year (for the target line of the charts), if any."""
    value = (
        Target.objects.filter(covenant=covenant, kind=TargetKind.SOCIAL_NEW_BUILD)
        .values_list("value", flat=True)
        .first()
    )
    return None if value is None else float(value)


def appendix_checks(covenant: Covenant) -> list[AppendixCheck]:
    return list(AppendixCheck.objects.filter(covenant=covenant))
