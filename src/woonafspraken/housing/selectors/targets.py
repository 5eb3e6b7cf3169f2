"""The covenant's new-build targets with their verdicts on the stored pipeline, and the appendix checks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils.translation import gettext as _

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.formatting import format_number
from woonafspraken.housing.constants import Segment
from woonafspraken.housing.models import AppendixCheck, ProjectYear, Target
from woonafspraken.housing.presentation import NewBuildFigures, TargetView
from woonafspraken.housing.targets import (
    PER_YEAR_KINDS,
    TARGET_LABELS,
    ShareFigures,
    TargetKind,
    VerdictLine,
    YearFigures,
    plan_verdict,
    realised_verdict,
    share_verdict,
    total_plan_verdict,
)


def new_build_figures(covenant: Covenant) -> NewBuildFigures:
    years = list(range(covenant.start_date.year, covenant.end_date.year + 1))
    planned: dict[tuple[str, int], int] = defaultdict(int)
    realised: dict[tuple[str, int], int] = {}
    by_segment: dict[str, int] = defaultdict(int)
    all_planned: dict[int, int] = defaultdict(int)
    complete = False
    any_demo = False
    rows = ProjectYear.objects.filter(project__covenant=covenant).values_list(
        "project__organisation__name",
        "project__organisation__kind",
        "project__segment",
        "year",
        "planned",
        "realised",
        "realised_is_demo",
    )
    for name, kind, segment, year, planned_homes, realised_homes, is_demo in rows:
        if segment != Segment.SOCIAL_RENT or kind != OrganisationKind.CORPORATION:
            complete = True
        if year in years:
            by_segment[segment] += planned_homes or 0
            all_planned[year] += planned_homes or 0
        if segment != Segment.SOCIAL_RENT or kind != OrganisationKind.CORPORATION:
            continue
        planned[(name, year)] += planned_homes or 0
        if realised_homes is not None:
            realised[(name, year)] = realised.get((name, year), 0) + realised_homes
            any_demo |= is_demo
    corporations = sorted({name for name, _year in planned} | {name for name, _year in realised})
    by_corporation = {
        name: [YearFigures(year, planned.get((name, year), 0), realised.get((name, year))) for year in years]
        for name in corporations
    }
    social = [
        YearFigures(
            year,
            sum(planned.get((name, year), 0) for name in corporations),
            sum(realised[(name, year)] for name in corporations if (name, year) in realised)
            if any((name, year) in realised for name in corporations)
            else None,
        )
        for year in years
    ]
    all_segments = [YearFigures(year, all_planned.get(year, 0), None) for year in years]
    return NewBuildFigures(social, all_segments, by_corporation, dict(by_segment), complete, any_demo)


def target_views(
    covenant: Covenant, *, today: dt.date, figures: NewBuildFigures | None = None
) -> list[TargetView]:
    """Every stored target of the covenant with its verdicts on the stored pipeline."""
    figures = new_build_figures(covenant) if figures is None else figures
    targets = list(Target.objects.filter(covenant=covenant).select_related("agreement"))
    kind_order = list(TargetKind)
    targets.sort(key=lambda target: kind_order.index(TargetKind(target.kind)))
    social = figures.by_segment.get(Segment.SOCIAL_RENT, 0)
    cheap_owner = figures.by_segment.get(Segment.CHEAP_OWNER_OCCUPIED, 0)
    middle = figures.by_segment.get(Segment.MIDDLE_RENT, 0)
    other = figures.by_segment.get(Segment.OTHER, 0)
    whole = social + cheap_owner + middle + other
    shares = {
        TargetKind.CHEAP_SHARE: ShareFigures(social + cheap_owner, whole),
        TargetKind.SOCIAL_SHARE_OF_CHEAP: ShareFigures(social, social + cheap_owner),
        TargetKind.MIDDLE_SHARE: ShareFigures(middle, whole),
        TargetKind.EXPENSIVE_SHARE: ShareFigures(other, whole),
        TargetKind.SOCIAL_SHARE_AREA: ShareFigures(social, whole),
    }
    views: list[TargetView] = []
    for target in targets:
        kind = TargetKind(target.kind)
        number = target.agreement.number
        label = TARGET_LABELS[kind]
        years = [y for y in figures.social if target.start_year <= y.year <= target.end_year]
        lines: tuple[VerdictLine, ...]
        if kind is TargetKind.SOCIAL_NEW_BUILD:
            lines = (
                plan_verdict(target_per_year=target.value, years=years, agreement=number),
                realised_verdict(
                    target_per_year=target.value, years=years, agreement=number, until_year=today.year - 1
                ),
            )
        elif kind is TargetKind.TOTAL_NEW_BUILD:
            lines = (
                total_plan_verdict(
                    target_per_year=target.value,
                    years=[y for y in figures.all_segments if target.start_year <= y.year <= target.end_year],
                    agreement=number,
                    complete=figures.complete,
                ),
            )
        else:
            lines = (
                share_verdict(
                    target_percent=target.value,
                    figures=shares[kind],
                    agreement=number,
                    label=label.lower(),
                    complete=figures.complete,
                ),
            )
        value_text = (
            _("on average %(value)s a year") % {"value": format_number(target.value, 1, trim=True)}
            if kind in PER_YEAR_KINDS
            else f"{format_number(target.value, 1, trim=True)}%"
        )
        views.append(TargetView(target, label, value_text, lines))
    return views


def appendix_checks(covenant: Covenant) -> list[AppendixCheck]:
    return list(AppendixCheck.objects.filter(covenant=covenant))
