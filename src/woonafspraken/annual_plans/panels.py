"""The yearly cycle on shared pages: covenant home, navigation, agreement page, meeting agendas."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.annual_plans import selectors
from woonafspraken.annual_plans.forms import CommentForm
from woonafspraken.annual_plans.permissions import can_comment, can_manage_plans
from woonafspraken.annual_plans.rollup import RULE
from woonafspraken.core.registry import (
    AgendaPoint,
    AgendaSource,
    AgreementPanel,
    NavItem,
    Panel,
    register_agenda_source,
    register_agreement_panel,
    register_nav,
    register_panel,
)


def home_context(request: HttpRequest, covenant: Covenant) -> dict[str, Any]:
    today = timezone.localdate()
    plans = {
        plan.year: plan for plan in selectors.plans_of(covenant).filter(year__in=[today.year, today.year + 1])
    }
    return {
        "covenant": covenant,
        "today": today,
        "this_year": today.year,
        "plan": plans.get(today.year),
        "next_plan": plans.get(today.year + 1),
        "next_year": today.year + 1,
        "milestone": selectors.next_milestone(covenant, today=today),
        "behind": len(selectors.behind_since(covenant, None, today)),
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
