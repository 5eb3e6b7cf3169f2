"""Writes of the yearly decisions (2.1.1 huursom): every new jaarschijf holds the one its agreements ask for."""

from __future__ import annotations

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Agreement
from woonafspraken.annual_plans.constants import ActivityKind
from woonafspraken.annual_plans.models import Activity, AnnualPlan
from woonafspraken.annual_plans.yearly_decisions import yearly_decision
from woonafspraken.core.models import save_attributed


def yearly_decisions_ensure(*, plan: AnnualPlan, user: User | None) -> list[Activity]:
    """Add to ``plan`` the yearly decision of each agreement whose text asks for one (idempotent).

    Called by ``annual_plan_create`` inside its transaction (its permission check covers this). The
    decision is owned by all parties; it is planned for the year, since the text names no moment.
    """
    covenant = plan.covenant
    if plan.year > covenant.end_date.year:
        return []  # after the covenant's term its agreements ask nothing more
    parties = sorted(
        covenant.parties.all(), key=lambda org: (org.kind != OrganisationKind.MUNICIPALITY, org.name)
    )
    if not parties:
        return []
    created = []
    for agreement in Agreement.objects.filter(covenant=covenant).order_by("order"):
        decision = yearly_decision(agreement.text)
        if decision is None:
            continue
        title = decision.title(plan.year)
        if plan.activities.filter(agreement=agreement, kind=ActivityKind.DECISION, title=title).exists():
            continue
        activity = Activity(
            plan=plan,
            agreement=agreement,
            kind=ActivityKind.DECISION,
            title=title,
            description=decision.description(agreement.number),
            owner=parties[0],
            created_by=user,
            order=plan.activities.filter(agreement=agreement).count(),
            is_demo=plan.is_demo,
        )
        save_attributed(activity, user, exclude=["owners"])
        activity.owners.set(parties)
        created.append(activity)
    return created
