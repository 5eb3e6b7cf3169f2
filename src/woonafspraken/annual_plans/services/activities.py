"""Writes of activities: add, change, and carry an unfinished one over to the next jaarschijf."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.models import Agreement
from woonafspraken.agreements.succession import successors_in
from woonafspraken.annual_plans.constants import OPEN_STATUSES, ActivityStatus
from woonafspraken.annual_plans.models import Activity, AnnualPlan
from woonafspraken.annual_plans.permissions import can_edit_activity, can_manage_plans
from woonafspraken.annual_plans.selectors import carry_source
from woonafspraken.annual_plans.services._common import closed_error, lock_plan
from woonafspraken.core.locking import lock_unchanged
from woonafspraken.core.models import save_attributed

# What the edit form writes: someone else's change to one of these fields refuses a stale save (ADR 0005).
ACTIVITY_FIELDS = (
    "title",
    "description",
    "owners",
    "planned_quarter",
    "planned_date",
    "target_quantity",
    "target_unit",
)


def carry_activity(*, source: Activity, plan: AnnualPlan, user: User | None, order: int) -> Activity:
    """A copy of the unfinished ``source`` in ``plan``, the jaarschijf after its own (``annual_plan_create``).

    For the first jaarschijf of a successor covenant ``source`` comes from the predecessor's last
    jaarschijf (``selectors.carry_source``) and goes to the successor of its agreement: the first part of
    a split one; an agreement without successor (dropped) takes nothing along. Owners that are no party
    of the new covenant stay behind (none left: the plan's owner, the municipality).
    """
    source = Activity.objects.select_related("plan", "agreement").get(pk=source.pk)
    expected, from_predecessor = carry_source(plan.covenant, plan.year)
    if expected is None or source.plan_id != expected.pk:
        raise ValidationError(
            _("‘%(title)s’ does not belong to jaarschijf %(year)s of this covenant.")
            % {"title": source.title, "year": plan.year - 1},
            code="other_plan",
        )
    if source.status not in OPEN_STATUSES:
        raise ValidationError(
            _("‘%(title)s’ is %(status)s and does not go along to %(year)s.")
            % {"title": source.title, "status": source.status, "year": plan.year},
            code="not_open",
        )
    if Activity.objects.filter(carried_from=source).exists():
        raise ValidationError(
            _("‘%(title)s’ has already been carried over to a next year.") % {"title": source.title},
            code="already_carried",
        )
    agreement_id = source.agreement_id
    owners = list(source.owners.all())
    if from_predecessor:
        parts = successors_in(plan.covenant, [source.agreement_id]).get(source.agreement_id)
        if not parts:
            raise ValidationError(
                _("‘%(title)s’ lapses with agreement %(number)s, which the new covenant no longer has.")
                % {"title": source.title, "number": source.agreement.number},
                code="lapsed",
            )
        agreement_id = parts[0].pk
        parties = set(plan.covenant.parties.values_list("pk", flat=True))
        owners = [owner for owner in owners if owner.pk in parties] or [plan.owner]
    owner_id = source.owner_id
    if from_predecessor and owner_id not in {owner.pk for owner in owners}:
        owner_id = owners[0].pk
    activity = Activity(
        plan=plan,
        agreement_id=agreement_id,
        title=source.title,
        kind=source.kind,
        description=source.description,
        owner_id=owner_id,
        created_by=user,
        planned_quarter=None,
        planned_date=None,
        target_quantity=source.target_quantity,
        target_unit=source.target_unit,
        status=ActivityStatus.RUNNING if source.progress_percent else ActivityStatus.PLANNED,
        progress_percent=source.progress_percent,
        achieved_quantity=source.achieved_quantity,
        last_progress_on=source.last_progress_on,
        carried_from=source,
        order=order,
        is_demo=plan.is_demo or source.is_demo,
    )
    save_attributed(activity, user, exclude=["owners"])
    activity.owners.set(owners)
    return activity


def _check_activity_fields(
    *,
    plan: AnnualPlan,
    agreement: Agreement,
    title: str,
    owners: Sequence[Organisation],
    planned_quarter: int | None,
    planned_date: dt.date | None,
) -> None:
    errors: dict[str, ValidationError] = {}
    if agreement.covenant_id != plan.covenant_id:
        errors["agreement"] = ValidationError(
            _("This agreement does not belong to the covenant of this jaarschijf."), code="other_covenant"
        )
    if not title.strip():
        errors["title"] = ValidationError(_("Give the activity a title."), code="required")
    if not owners:
        errors["owners"] = ValidationError(
            _("Choose at least one organisation that carries out the activity."), code="required"
        )
    party_ids = set(plan.covenant.party_links.values_list("organisation_id", flat=True))
    if any(owner.pk not in party_ids for owner in owners):
        errors["owners"] = ValidationError(
            _("Only parties to the covenant can carry out an activity."), code="not_party"
        )
    if planned_date and planned_date.year != plan.year:
        errors["planned_date"] = ValidationError(
            _("The planned date must lie in %(year)s.") % {"year": plan.year}, code="other_year"
        )
    if planned_date and planned_quarter and (planned_date.month - 1) // 3 + 1 != planned_quarter:
        errors["planned_quarter"] = ValidationError(
            _("The quarter does not match the planned date; choose one or the other."), code="mismatch"
        )
    if errors:
        raise ValidationError(errors)


def activity_create(
    *,
    plan: AnnualPlan,
    user: User | None,
    agreement: Agreement,
    title: str,
    owners: Sequence[Organisation],
    description: str = "",
    planned_quarter: int | None = None,
    planned_date: dt.date | None = None,
    target_quantity: Decimal | None = None,
    target_unit: str = "",
    is_demo: bool = False,
) -> Activity:
    owners = list(owners)
    if user is not None:
        require(
            can_edit_activity(user, plan.covenant, [owner.pk for owner in owners]),
            _("You can only add activities that your own organisation carries out."),
        )
    with transaction.atomic():
        plan = lock_plan(plan)
        if plan.is_closed:
            raise closed_error(plan)
        _check_activity_fields(
            plan=plan,
            agreement=agreement,
            title=title,
            owners=owners,
            planned_quarter=planned_quarter,
            planned_date=planned_date,
        )
        order = plan.activities.filter(agreement=agreement).count()
        activity = Activity(
            plan=plan,
            agreement=agreement,
            title=title.strip(),
            description=description.strip(),
            owner=owners[0],
            created_by=user,
            planned_quarter=planned_quarter,
            planned_date=planned_date,
            target_quantity=target_quantity,
            target_unit=target_unit.strip(),
            order=order,
            is_demo=is_demo,
        )
        save_attributed(activity, user, exclude=["owners"])
        activity.owners.set(owners)
    return activity


def activity_update(
    *,
    activity: Activity,
    user: User,
    title: str,
    owners: Sequence[Organisation],
    description: str = "",
    planned_quarter: int | None = None,
    planned_date: dt.date | None = None,
    target_quantity: Decimal | None = None,
    target_unit: str = "",
    expected: str | None = None,
) -> Activity:
    """Change an activity. ``expected``: the edit token of the activity as the user saw it; if someone
    changed one of these fields since, nothing is saved (``StaleEditError``)."""
    owners = list(owners)
    covenant = activity.plan.covenant
    current_owner_ids = list(activity.owners.values_list("pk", flat=True))
    require(
        can_edit_activity(user, covenant, current_owner_ids),
        _("You can only change activities that your own organisation carries out."),
    )
    if not can_manage_plans(user, covenant) and user.organisation_id not in {owner.pk for owner in owners}:
        raise ValidationError(
            {
                "owners": ValidationError(
                    _("Your own organisation must remain one of those carrying it out."),
                    code="own_organisation",
                )
            }
        )
    with transaction.atomic():
        plan = lock_plan(activity.plan)
        if plan.is_closed:
            raise closed_error(plan)
        _check_activity_fields(
            plan=plan,
            agreement=activity.agreement,
            title=title,
            owners=owners,
            planned_quarter=planned_quarter,
            planned_date=planned_date,
        )
        activity = lock_unchanged(activity, expected=expected, fields=ACTIVITY_FIELDS)
        activity.title, activity.description = title.strip(), description.strip()
        activity.owner = owners[0]
        activity.planned_quarter, activity.planned_date = planned_quarter, planned_date
        activity.target_quantity, activity.target_unit = target_quantity, target_unit.strip()
        save_attributed(activity, user, exclude=["owners"])
        activity.owners.set(owners)
    return activity
