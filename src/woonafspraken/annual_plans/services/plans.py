"""Writes of the jaarschijf itself: create (with carry-over), adopt, close, reopen and the update interval."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans.constants import PlanState
from woonafspraken.annual_plans.models import Activity, AnnualPlan, PlanReopening
from woonafspraken.annual_plans.permissions import can_manage_plans
from woonafspraken.annual_plans.services._common import MANAGE_ONLY, closed_error, lock_plan
from woonafspraken.annual_plans.services.activities import carry_activity
from woonafspraken.annual_plans.services.decisions import yearly_decisions_ensure
from woonafspraken.annual_plans.services.milestones import milestones_ensure
from woonafspraken.core.formatting import format_date
from woonafspraken.core.locking import Rows, ensure_unchanged
from woonafspraken.core.models import save_attributed

# What the interval form writes: someone else's change to it refuses a stale save (ADR 0005).
INTERVAL_FIELDS = ("update_interval_days",)


def _municipality(covenant: Covenant) -> Organisation:
    municipality = covenant.parties.filter(kind="gemeente").first()
    return municipality or Organisation.objects.get(pk=covenant.owner_id)


def annual_plan_create(
    *,
    covenant: Covenant,
    year: int,
    user: User | None,
    carry_over: Sequence[Activity] = (),
    is_demo: bool = False,
) -> AnnualPlan:
    """A new jaarschijf in concept, with the chosen unfinished activities of the year before carried over."""
    if user is not None:
        require(can_manage_plans(user, covenant), MANAGE_ONLY)
    first, last = covenant.start_date.year, (covenant.end_date.year + 1)
    if not first <= year <= last:
        raise ValidationError(
            {
                "year": ValidationError(
                    _(
                        "Choose a year within the term of the covenant (%(first)s up to and including %(last)s)."
                    )
                    % {"first": first, "last": last},
                    code="outside_term",
                )
            }
        )
    with transaction.atomic():
        if AnnualPlan.objects.filter(covenant=covenant, year=year).exists():
            raise ValidationError({"year": _exists_error(year)})
        plan = AnnualPlan(
            covenant=covenant, year=year, owner=_municipality(covenant), created_by=user, is_demo=is_demo
        )
        try:
            save_attributed(plan, user)
        except IntegrityError as error:  # a concurrent create of the same year
            raise ValidationError({"year": _exists_error(year)}) from error
        for order, source in enumerate(carry_over):
            carry_activity(source=source, plan=plan, user=user, order=order)
        yearly_decisions_ensure(plan=plan, user=user)
        milestones_ensure(covenant=covenant, year=year)
        milestones_ensure(covenant=covenant, year=year + 1)  # next year's bid falls in this year
    return plan


def _exists_error(year: int) -> ValidationError:
    return ValidationError(
        _("There already is a jaarschijf %(year)s for this covenant.") % {"year": year}, code="exists"
    )


def annual_plan_adopt(
    *, plan: AnnualPlan, user: User | None, adopted_on: dt.date, meeting: str
) -> AnnualPlan:
    """Adopt (vaststellen) a concept jaarschijf, recording the date and the meeting that adopted it."""
    if user is not None:  # None: the system itself (example data)
        require(can_manage_plans(user, plan.covenant), MANAGE_ONLY)
    meeting = meeting.strip()
    with transaction.atomic():
        plan = lock_plan(plan)
        if plan.state == PlanState.CLOSED:
            raise closed_error(plan)
        if plan.state == PlanState.ADOPTED:
            raise ValidationError(
                _("Jaarschijf %(year)s was already adopted on %(date)s.")
                % {"year": plan.year, "date": format_date(plan.adopted_on) if plan.adopted_on else "–"},
                code="already_adopted",
            )
        errors: dict[str, ValidationError] = {}
        if not meeting:
            errors["adopted_meeting"] = ValidationError(
                _("Fill in in which meeting the jaarschijf was adopted."), code="required"
            )
        if adopted_on > timezone.localdate():
            errors["adopted_on"] = ValidationError(
                _("The date of adoption cannot lie in the future."), code="future"
            )
        if not plan.activities.exists():
            errors["__all__"] = ValidationError(
                _("A jaarschijf without activities cannot be adopted."), code="no_activities"
            )
        if errors:
            raise ValidationError(errors)
        plan.state, plan.adopted_on, plan.adopted_meeting = PlanState.ADOPTED, adopted_on, meeting
        save_attributed(plan, user)
    return plan


def annual_plan_close(*, plan: AnnualPlan, user: User | None, closed_on: dt.date | None = None) -> AnnualPlan:
    """Close a jaarschijf after the spring review: from then on it is read-only."""
    if user is not None:  # None: the system itself (example data)
        require(can_manage_plans(user, plan.covenant), MANAGE_ONLY)
    closed_on = closed_on or timezone.localdate()
    with transaction.atomic():
        plan = lock_plan(plan)
        if plan.state == PlanState.CLOSED:
            raise ValidationError(
                _("Jaarschijf %(year)s is already closed.") % {"year": plan.year}, code="already_closed"
            )
        if plan.state == PlanState.CONCEPT:
            raise ValidationError(
                _("Jaarschijf %(year)s has not been adopted yet; adopt it first.") % {"year": plan.year},
                code="not_adopted",
            )
        if closed_on.year <= plan.year:
            raise ValidationError(
                {
                    "closed_on": ValidationError(
                        _("You close a jaarschijf after the end of the year, so on or after 1-1-%(next)s.")
                        % {"next": plan.year + 1},
                        code="too_early",
                    )
                }
            )
        plan.state, plan.closed_on = PlanState.CLOSED, closed_on
        save_attributed(plan, user)
    return plan


def annual_plan_reopen(*, plan: AnnualPlan, user: User, reason: str) -> PlanReopening:
    """Open a closed jaarschijf again for a correction; the reason is recorded and shown."""
    require(can_manage_plans(user, plan.covenant), MANAGE_ONLY)
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("Give the reason why the jaarschijf must open again."), code="required"
                )
            }
        )
    with transaction.atomic():
        plan = lock_plan(plan)
        if plan.state != PlanState.CLOSED:
            raise ValidationError(
                _("Jaarschijf %(year)s is not closed; reopening is not needed.") % {"year": plan.year},
                code="not_closed",
            )
        reopening = PlanReopening(plan=plan, reason=reason, reopened_by=user)
        reopening.full_clean()
        reopening.save()
        plan.state, plan.closed_on = PlanState.ADOPTED, None
        save_attributed(plan, user)
    return reopening


def annual_plan_set_interval(
    *, plan: AnnualPlan, user: User, update_interval_days: int, expected: str | None = None
) -> AnnualPlan:
    """``expected``: the edit token the user saw (``core.locking``); a later change refuses the save."""
    require(can_manage_plans(user, plan.covenant), MANAGE_ONLY)
    with transaction.atomic():
        plan = lock_plan(plan)
        if plan.is_closed:
            raise closed_error(plan)
        ensure_unchanged(Rows.of(plan, INTERVAL_FIELDS), expected=expected, current=plan)
        plan.update_interval_days = update_interval_days
        save_attributed(plan, user)
    return plan
