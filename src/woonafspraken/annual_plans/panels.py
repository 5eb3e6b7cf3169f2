"""The yearly cycle on shared pages: covenant home, navigation, agreement page, meeting agendas."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.annual_plans import selectors
from woonafspraken.annual_plans.forms import CommentForm
from woonafspraken.annual_plans.models import Activity, AnnualPlan
from woonafspraken.annual_plans.permissions import can_comment, can_manage_plans
from woonafspraken.annual_plans.rollup import RULE, ActivityOutcome
from woonafspraken.core.formatting import format_date
from woonafspraken.core.registry import (
    BOARD_LINES,
    AgendaPoint,
    AgendaSource,
    AgreementPanel,
    AttentionSource,
    BoardGroup,
    BoardLine,
    NavItem,
    Panel,
    WorkAcross,
    WorkLine,
    WorkSource,
    register_agenda_source,
    register_agreement_panel,
    register_attention_source,
    register_nav,
    register_panel,
    register_work_source,
)
from woonafspraken.core.verdicts import (
    Evidence,
    EvidenceSource,
    Kind,
    Outcome,
    register_evidence_source,
)


def _source(plan: AnnualPlan, on: dt.date) -> str:
    """Where an activity's standard comes from: the jaarschijf, adopted by the parties on a date or not yet."""
    if plan.adopted_on is not None and plan.adopted_on <= on:
        return gettext("Jaarschijf %(year)s, adopted on %(date)s") % {
            "year": plan.year,
            "date": format_date(plan.adopted_on),
        }
    return gettext("Jaarschijf %(year)s (draft, not adopted)") % {"year": plan.year}


def activity_evidence(covenant: Covenant, on: dt.date) -> list[Evidence]:
    """Evidence source "activities": every activity of jaarschijf ``on.year`` that existed on ``on``, as
    it stood that day (``rollup.judge``). Two queries, whatever the number of activities."""
    evidence = []
    for item in selectors.judged_activities(covenant, on):
        activity, judgement = item.activity, item.judgement
        assert judgement is not None  # judged_activities judges every activity it returns
        evidence.append(
            Evidence(
                agreement=activity.agreement.number,
                kind=Kind.DECISION if activity.is_decision else Kind.ACTIVITY,
                outcome=Outcome(judgement.outcome.value),
                text=judgement.text,
                source=_source(activity.plan, on),
                url=reverse("annual_plans:activity", args=[covenant.pk, activity.pk]),
                is_demo=item.is_demo,
            )
        )
    return evidence


def home_context(request: HttpRequest, covenant: Covenant) -> dict[str, Any]:
    today = timezone.localdate()
    plans = {
        plan.year: plan for plan in selectors.plans_of(covenant).filter(year__in=[today.year, today.year + 1])
    }
    behind = sum(
        1
        for item in selectors.judged_activities(covenant, today)
        if item.judgement is not None and item.judgement.outcome is ActivityOutcome.BEHIND
    )
    return {
        "covenant": covenant,
        "today": today,
        "this_year": today.year,
        "plan": plans.get(today.year),
        "next_plan": plans.get(today.year + 1),
        "next_year": today.year + 1,
        "milestone": selectors.next_milestone(covenant, today=today),
        "behind": behind,
        "to_update": selectors.needs_update_count(covenant, on=today),
    }


def agreement_context(request: HttpRequest, agreement: Agreement) -> dict[str, Any]:
    covenant = agreement.covenant
    today = timezone.localdate()
    years = selectors.agreement_years(agreement, today=today)
    return {
        "covenant": covenant,
        "agreement": agreement,
        "years": years,
        "comments": selectors.agreement_comments(agreement),
        "can_comment": can_comment(request.user, covenant),
        "can_manage_plans": can_manage_plans(request.user, covenant),
        "comment_form": CommentForm(auto_id="jaarschijf_comment_%s"),
        "rule": RULE,
        "today": today,
        "mentions_jaarschijf": selectors.mentions_jaarschijf(agreement.text),
        "current_plan": selectors.plan_get(covenant, today.year),
    }


def behind_points(covenant: Covenant, since: dt.date | None, until: dt.date) -> list[AgendaPoint]:
    points = []
    for activity, reason in selectors.behind_since(covenant, since, until):
        owners = ", ".join(owner.name for owner in activity.owners.all())
        points.append(
            AgendaPoint(
                title=f"{activity.agreement.number} {activity.title}",
                detail=gettext("Jaarschijf %(year)s: %(reason)s (%(owners)s).")
                % {"year": activity.plan.year, "reason": reason, "owners": owners},
                url=reverse("annual_plans:activity", args=[covenant.pk, activity.pk]),
                agreement=activity.agreement.number,
            )
        )
    return points


register_nav(NavItem(label=cast(str, _("Jaarschijf")), url_name="annual_plans:index", order=30))
register_panel(
    Panel(name="annual_plans", template="annual_plans/_panel_home.html", order=20, context=home_context)
)
register_agreement_panel(
    AgreementPanel(
        name="annual_plans",
        template="annual_plans/_panel_agreement.html",
        order=10,
        context=agreement_context,
    )
)
register_agenda_source(
    AgendaSource(
        name="annual_plans.behind",
        heading=gettext_lazy("Activities that are behind"),
        order=10,
        collect=behind_points,
    )
)
register_evidence_source(EvidenceSource(name="activities", order=10, collect=activity_evidence))


# -- the scoreboard (agreements.scoreboard) -------------------------------------------------------------
def overdue_activities(covenant: Covenant, on: dt.date) -> BoardGroup | None:
    """Activities of this year's jaarschijf that are behind on ``on`` (their moment passed, not done),
    as ``rollup.judge`` says: two queries."""
    if selectors.plan_get(covenant, on.year) is None:
        return None  # no jaarschijf this year: nothing to be behind on
    behind = [
        item
        for item in selectors.judged_activities(covenant, on)
        if item.judgement is not None and item.judgement.outcome is ActivityOutcome.BEHIND
    ]
    return BoardGroup(
        heading=gettext_lazy("Activities behind"),
        lines=tuple(
            BoardLine(
                text=f"{item.activity.agreement.number} {item.activity.title}",
                url=reverse("annual_plans:activity", args=[covenant.pk, item.activity.pk]),
                detail=item.judgement.text if item.judgement else "",
                is_demo=item.is_demo,
            )
            for item in behind[:BOARD_LINES]
        ),
        total=len(behind),
        all_url=reverse("annual_plans:plan", args=[covenant.pk, on.year]),
        empty=gettext_lazy("No activity of this year's jaarschijf is behind."),
    )


def next_deadline(covenant: Covenant, on: dt.date) -> BoardGroup:
    """The next date of the Woningwet calendar that is not done yet (one query)."""
    milestone = selectors.next_milestone(covenant, today=on)
    lines: tuple[BoardLine, ...] = ()
    if milestone is not None:
        lines = (
            BoardLine(
                text=milestone.title,
                url=reverse("annual_plans:calendar", args=[covenant.pk]),
                detail=format_date(milestone.due_date),
            ),
        )
    return BoardGroup(
        heading=gettext_lazy("Next Woningwet milestone"),
        lines=lines,
        total=len(lines),
        all_url=reverse("annual_plans:calendar", args=[covenant.pk]),
        empty=gettext_lazy("No coming deadline in the calendar."),
        counted=False,
    )


def _activities_to_update(covenants: Sequence[Covenant], organisation: Any, on: dt.date) -> list[Activity]:
    """The organisation's open activities without a recent update in these covenants: two queries."""
    return list(
        Activity.objects.filter(plan__covenant__in=covenants, owners=organisation)
        .needs_update(on=on)
        .select_related("plan", "agreement")
        .order_by("plan__covenant_id", "plan__year", "agreement__order", "order")
    )


def _activity_line(activity: Activity) -> BoardLine:
    return BoardLine(
        text=f"{activity.agreement.number} {activity.title}",
        url=reverse("annual_plans:progress", args=[activity.plan.covenant_id, activity.pk]),
        detail=gettext("last update %(date)s") % {"date": format_date(activity.last_progress_on)}
        if activity.last_progress_on
        else gettext("never updated"),
        is_demo=activity.is_demo,
    )


ACTIVITIES_TO_UPDATE = gettext_lazy("Activities to update")


def activities_to_update(covenant: Covenant, organisation: Any, on: dt.date) -> BoardGroup:
    """The organisation's open activities without a recent update (the "bij te werken" list): two queries."""
    activities = _activities_to_update([covenant], organisation, on)
    return BoardGroup(
        heading=ACTIVITIES_TO_UPDATE,
        lines=tuple(_activity_line(activity) for activity in activities[:BOARD_LINES]),
        total=len(activities),
        all_url=reverse("annual_plans:backlog", args=[covenant.pk]),
    )


def activities_to_update_across(covenants: Sequence[Covenant], organisation: Any, on: dt.date) -> WorkAcross:
    """The same list over several covenants at once (the start page's "mijn werk"): two queries."""
    return WorkAcross(
        heading=ACTIVITIES_TO_UPDATE,
        lines=tuple(
            WorkLine(activity.plan.covenant_id, _activity_line(activity))
            for activity in _activities_to_update(covenants, organisation, on)
        ),
    )


register_attention_source(AttentionSource(name="annual_plans.behind", order=20, collect=overdue_activities))
register_attention_source(AttentionSource(name="annual_plans.deadline", order=40, collect=next_deadline))
register_work_source(
    WorkSource(
        name="annual_plans.to_update",
        order=10,
        collect=activities_to_update,
        collect_across=activities_to_update_across,
    )
)
