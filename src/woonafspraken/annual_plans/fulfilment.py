"""Milestones that know: the event that fulfils a milestone of the Woningwet calendar ticks it off.

A milestone is done when it was ticked by hand (``done_on``) or when the event that fulfils it
happened: jaarschijf Y adopted fulfils "agreements and jaarschijf Y" (15 December of Y-1); jaarschijf Y
closed fulfils "account of Y" (the look back in the spring of Y+1: closing the year records it). The
date is derived when the milestones are read, as one subquery per kind in the same query (no N+1),
and nothing is stored, so a reopened or corrected jaarschijf is reflected at once.

The calendar, the home panel's next milestone and the reminder mails all ask ``open_milestones`` or
``milestone_rows``: only what is truly open warns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Case, DateField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from woonafspraken.annual_plans.constants import MilestoneKind, PlanState
from woonafspraken.annual_plans.models import AnnualPlan, Milestone
from woonafspraken.core.formatting import format_date

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Fulfilment:
    """How one kind of milestone is fulfilled: the date of the event, and the evidence to show."""

    on: Callable[[], Subquery]  # the event's date for the milestone's covenant and year (OuterRef)
    evidence: Callable[[int, dt.date], str]  # (jaarschijf year, date) -> "jaarschijf 2025 vastgesteld op …"
    # What ticks it off, said while it is open: "ticked off when its jaarschijf is adopted or closed".
    pending: StrOrPromise = gettext_lazy("ticked off when its jaarschijf is adopted or closed")


def _plan_date(field: str, **conditions: object) -> Callable[[], Subquery]:
    def subquery() -> Subquery:
        plans = AnnualPlan.objects.filter(
            covenant=OuterRef("covenant"), year=OuterRef("year"), **{f"{field}__isnull": False}, **conditions
        )
        return Subquery(plans.values(field)[:1], output_field=DateField())

    return subquery


FULFILMENTS: dict[str, Fulfilment] = {
    MilestoneKind.AGREEMENTS: Fulfilment(
        on=_plan_date("adopted_on"),
        evidence=lambda year, day: (
            _("jaarschijf %(year)s adopted on %(date)s") % {"year": year, "date": format_date(day)}
        ),
    ),
    MilestoneKind.ACCOUNT: Fulfilment(
        on=_plan_date("closed_on", state=PlanState.CLOSED),
        evidence=lambda year, day: (
            _("jaarschijf %(year)s closed on %(date)s") % {"year": year, "date": format_date(day)}
        ),
    ),
    # MilestoneKind.BID (1 July) is fulfilled by the corporations' bods: the renewal app registers it
    # (``renewal.plugins.bod.register_bod``, an app above this one), dated by the last bod submitted.
}


def covered(kind: str) -> bool:
    """Whether an event ticks this kind of milestone off (then it is not ticked by hand)."""
    return kind in FULFILMENTS


def with_fulfilment(milestones: QuerySet[Milestone]) -> QuerySet[Milestone]:
    """The milestones with ``fulfilled_on``: the day the event that fulfils each happened, or None."""
    cases = [When(kind=kind, then=fulfilment.on()) for kind, fulfilment in FULFILMENTS.items()]
    return milestones.annotate(fulfilled_on=Case(*cases, default=Value(None), output_field=DateField()))


def open_milestones(milestones: QuerySet[Milestone]) -> QuerySet[Milestone]:
    """Neither ticked by hand nor fulfilled by an event: what may still warn or remind."""
    return with_fulfilment(milestones).filter(Q(done_on__isnull=True) & Q(fulfilled_on__isnull=True))


@dataclass(frozen=True)
class MilestoneRow:
    milestone: Milestone
    done_on: dt.date | None  # by hand or by the event
    evidence: str  # "jaarschijf 2025 adopted on 10 december 2024", or "" when ticked by hand or open
    state: str  # "done", "overdue" or "ahead"
    by_event: bool  # an event covers this kind: no tick by hand
    pending: str = ""  # what ticks it off (for a kind an event covers): "ticked off when …"


def milestone_row(milestone: Milestone, *, today: dt.date) -> MilestoneRow:
    """One milestone of a ``with_fulfilment`` query set, as the calendar shows it."""
    fulfilled_on: dt.date | None = getattr(milestone, "fulfilled_on", None)
    evidence = ""
    if fulfilled_on is not None:
        evidence = FULFILMENTS[milestone.kind].evidence(milestone.year, fulfilled_on)
    done_on = fulfilled_on or milestone.done_on
    state = "done" if done_on is not None else "overdue" if milestone.due_date < today else "ahead"
    fulfilment = FULFILMENTS.get(milestone.kind)
    pending = str(fulfilment.pending) if fulfilment is not None else ""
    return MilestoneRow(milestone, done_on, evidence, state, fulfilment is not None, pending)


def milestone_rows(milestones: QuerySet[Milestone], *, today: dt.date) -> list[MilestoneRow]:
    return [milestone_row(milestone, today=today) for milestone in with_fulfilment(milestones)]
