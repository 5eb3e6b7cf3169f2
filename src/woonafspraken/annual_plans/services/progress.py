"""Writes of progress: an update on an activity, which takes its status, percentage and number."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import User
from woonafspraken.accounts.permissions import require
from woonafspraken.annual_plans.constants import ActivityStatus
from woonafspraken.annual_plans.models import Activity, ProgressUpdate, progress_error
from woonafspraken.annual_plans.permissions import can_edit_activity
from woonafspraken.annual_plans.services._common import author_name, closed_error, lock_plan
from woonafspraken.core.locking import lock_unchanged
from woonafspraken.core.models import save_attributed

# What the progress form writes: someone else's change to one of these refuses a stale save (ADR 0005).
PROGRESS_FIELDS = ("status", "progress_percent", "achieved_quantity")


def progress_record(
    *,
    activity: Activity,
    user: User | None,
    date: dt.date,
    status: str,
    text: str,
    progress_percent: int | None = None,
    quantity: Decimal | None = None,
    is_demo: bool = False,
    expected: str | None = None,
) -> ProgressUpdate:
    """Record progress on an activity; the activity takes the new status, percentage and number.

    ``expected``: the edit token of the activity the user saw; if someone changed its status,
    percentage or number since, nothing is saved (``StaleEditError``).
    """
    plan = activity.plan
    if user is not None:
        require(
            can_edit_activity(user, plan.covenant, activity.owners.values_list("pk", flat=True)),
            _("Only the organisation carrying it out or the coordinator can record progress."),
        )
    errors: dict[str, ValidationError] = {}
    if not text.strip():
        errors["text"] = ValidationError(_("Describe briefly what happened."), code="required")
    if status not in ActivityStatus.values:
        errors["status"] = ValidationError(_("Choose a valid status."), code="invalid_choice")
    if not is_demo and date > timezone.localdate():
        errors["date"] = ValidationError(
            _("The date of a progress update cannot lie in the future."), code="future"
        )
    if date.year < plan.year - 1:
        errors["date"] = ValidationError(
            _("An update for jaarschijf %(year)s cannot be from before %(previous)s.")
            % {"year": plan.year, "previous": plan.year - 1},
            code="too_early",
        )
    if progress_percent is not None and not 0 <= progress_percent <= 100:
        errors["progress_percent"] = ValidationError(
            _("Progress is a percentage from 0 up to and including 100."), code="out_of_range"
        )
    if status == ActivityStatus.DONE and progress_percent is None:
        progress_percent = 100
    # The activity keeps its percentage when the update gives none: the status must still agree with it.
    percent_after = activity.progress_percent if progress_percent is None else progress_percent
    if "progress_percent" not in errors and (error := progress_error(status, percent_after)):
        errors["progress_percent"] = error
    if quantity is not None and quantity < 0:
        errors["quantity"] = ValidationError(_("The number cannot be negative."), code="negative")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        plan = lock_plan(plan)
        if plan.is_closed:
            raise closed_error(plan)
        locked = lock_unchanged(activity, expected=expected, fields=PROGRESS_FIELDS)
        update = ProgressUpdate(
            activity=activity,
            date=date,
            author=user,
            author_name=author_name(user),
            status=status,
            progress_percent=progress_percent,
            text=text.strip(),
            quantity=quantity,
            is_demo=is_demo,
        )
        update.full_clean()
        update.save()
        locked.status = status
        if progress_percent is not None:
            locked.progress_percent = progress_percent
        if quantity is not None:
            locked.achieved_quantity = quantity
        if locked.last_progress_on is None or date >= locked.last_progress_on:
            locked.last_progress_on = date
        save_attributed(locked, user, exclude=["owners"])
    activity.refresh_from_db()
    return update
