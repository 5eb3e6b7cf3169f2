"""How the bod plugs into shared places: the 1 July milestone (fulfilled by the bods), the covenant menu
and the "mijn werk" lines. Called once from ``RenewalConfig.ready`` (``register_bod``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.agreements.models import Covenant, CovenantParty
from woonafspraken.annual_plans.constants import MilestoneKind
from woonafspraken.annual_plans.fulfilment import FULFILMENTS, Fulfilment
from woonafspraken.annual_plans.models import Milestone
from woonafspraken.core.formatting import format_date
from woonafspraken.core.registry import (
    BOARD_LINES,
    BoardGroup,
    BoardLine,
    NavItem,
    WorkAcross,
    WorkLine,
    WorkSource,
    register_nav,
    register_work_source,
)
from woonafspraken.renewal.models import Bod, BodState

# The bod for year Y is due by 1 July of Y-1 (Woningwet), unless the covenant's calendar says otherwise.
BOD_DUE = (7, 1)


def last_bod_submitted() -> Subquery:
    """For a milestone (OuterRef covenant, year): the day the last corporation party to the covenant
    submitted its bod for that year, or NULL while one of them has not."""
    submitted_by_party = Bod.objects.filter(
        covenant=OuterRef("covenant"),
        corporation=OuterRef("organisation"),
        year=OuterRef(OuterRef("year")),
        state=BodState.SUBMITTED,
    )
    without_bod = CovenantParty.objects.filter(
        covenant=OuterRef("covenant"), organisation__kind=OrganisationKind.CORPORATION
    ).exclude(Exists(submitted_by_party))
    last = (
        Bod.objects.filter(covenant=OuterRef("covenant"), year=OuterRef("year"), state=BodState.SUBMITTED)
        .filter(~Exists(without_bod))
        .order_by("-submitted_on")
        .values("submitted_on")[:1]
    )
    return Subquery(last)


def bod_evidence(year: int, day: dt.date) -> str:
    return gettext("bod of every corporation submitted, the last on %(date)s") % {"date": format_date(day)}


def bod_due_date(covenant: Covenant, year: int) -> dt.date:
    """When the bod for ``year`` is due: the covenant's BID milestone, else 1 July of the year before."""
    milestone = Milestone.objects.filter(covenant=covenant, year=year, kind=MilestoneKind.BID).first()
    return milestone.due_date if milestone is not None else dt.date(year - 1, *BOD_DUE)


def bod_to_bring_out(covenant: Covenant, organisation: Any, on: dt.date) -> BoardGroup | None:
    """A corporation's bod for next year, while it is not submitted and 1 July has not passed."""
    return _on_the_board(covenant, bods_to_bring_out_across([covenant], organisation, on))


def bods_to_respond_to(covenant: Covenant, organisation: Any, on: dt.date) -> BoardGroup | None:
    """A tenant organisation's work: submitted bods of the corporation it represents, without its response."""
    return _on_the_board(covenant, bods_to_respond_to_across([covenant], organisation, on))


def _on_the_board(covenant: Covenant, work: WorkAcross | None) -> BoardGroup | None:
    """One covenant's lines of a work source as its scoreboard shows them: the first few, the number."""
    if work is None:
        return None
    return BoardGroup(
        heading=work.heading,
        lines=tuple(item.line for item in work.lines[:BOARD_LINES]),
        total=len(work.lines),
        all_url=reverse("renewal:bod_list", args=[covenant.pk]),
    )


def bods_to_bring_out_across(
    covenants: Sequence[Covenant], organisation: Any, on: dt.date
) -> WorkAcross | None:
    """The bod for next year each covenant still waits for from this corporation (not submitted, 1 July
    not passed: the covenant's BID milestone, else 1 July of the year before): two queries."""
    if organisation.kind != OrganisationKind.CORPORATION:
        return None
    year = on.year + 1
    ids = [covenant.pk for covenant in covenants]
    due_on = dict(
        Milestone.objects.filter(covenant_id__in=ids, year=year, kind=MilestoneKind.BID)
        .order_by("pk")
        .values_list("covenant_id", "due_date")
    )
    bods = {
        bod.covenant_id: bod
        for bod in Bod.objects.filter(covenant_id__in=ids, corporation=organisation, year=year).order_by(
            "-pk"
        )
    }
    lines = []
    for covenant_id in ids:
        due = due_on.get(covenant_id) or dt.date(year - 1, *BOD_DUE)
        bod = bods.get(covenant_id)
        if on > due or (bod is not None and bod.state == BodState.SUBMITTED):
            continue
        url = (
            reverse("renewal:bod", args=[covenant_id, bod.pk])
            if bod is not None
            else reverse("renewal:bod_new", args=[covenant_id]) + f"?jaar={year}"
        )
        line = BoardLine(
            text=gettext("Bod %(year)s") % {"year": year},
            url=url,
            detail=gettext("to bring out by %(date)s") % {"date": format_date(due)},
        )
        lines.append(WorkLine(covenant_id, line))
    return WorkAcross(heading=gettext_lazy("Bod to bring out"), lines=tuple(lines))


def bods_to_respond_to_across(
    covenants: Sequence[Covenant], organisation: Any, on: dt.date
) -> WorkAcross | None:
    """Submitted bods of the corporation this tenant organisation represents, without its response, in
    every covenant: one query."""
    if (
        organisation.kind != OrganisationKind.TENANT_ORGANISATION
        or organisation.represents_tenants_of_id is None
    ):
        return None
    bods = (
        Bod.objects.filter(
            covenant__in=covenants,
            corporation_id=organisation.represents_tenants_of_id,
            state=BodState.SUBMITTED,
        )
        .exclude(responses__tenant_organisation=organisation)
        .select_related("corporation")
        .order_by("covenant_id", "-year")
    )
    return WorkAcross(
        heading=gettext_lazy("Bods to respond to"),
        lines=tuple(
            WorkLine(
                bod.covenant_id,
                BoardLine(
                    text=gettext("Bod %(year)s of %(corporation)s")
                    % {"year": bod.year, "corporation": bod.corporation},
                    url=reverse("renewal:bod", args=[bod.covenant_id, bod.pk]),
                    detail=gettext("submitted on %(date)s: your response")
                    % {"date": format_date(bod.submitted_on)},  # type: ignore[arg-type]
                ),
            )
            for bod in bods
        ),
    )


def register_bod() -> None:
    FULFILMENTS[MilestoneKind.BID] = Fulfilment(
        on=last_bod_submitted,
        evidence=bod_evidence,
        pending=gettext_lazy("ticked off when every corporation has submitted its bod"),
    )
    register_nav(NavItem(label=cast(str, gettext_lazy("Bod")), url_name="renewal:bod_list", order=50))
    register_work_source(
        WorkSource(
            name="renewal.bod_due",
            order=15,
            collect=bod_to_bring_out,
            collect_across=bods_to_bring_out_across,
        )
    )
    register_work_source(
        WorkSource(
            name="renewal.bod_response",
            order=25,
            collect=bods_to_respond_to,
            collect_across=bods_to_respond_to_across,
        )
    )
