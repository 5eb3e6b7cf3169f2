"""Writes of the decisions of a meeting and the action items that follow from them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.annual_plans.models import Activity
from woonafspraken.core.locking import lock_unchanged
from woonafspraken.core.models import save_attributed
from woonafspraken.meetings import permissions
from woonafspraken.meetings.constants import ActionStatus
from woonafspraken.meetings.models import ActionItem, Decision, Meeting
from woonafspraken.meetings.services.common import _check_agreement

# What the edit form writes: someone else's change to one of these fields since the user opened the
# form refuses the save (``expected``, ADR 0005).
ACTION_STATUS_FIELDS = ("status", "done_on")


def _check_activity(
    covenant: Covenant,
    agreement: Agreement | None,
    activity: Activity | None,
    errors: dict[str, ValidationError],
) -> Agreement | None:
    """An activity must be of this covenant's jaarschijf and of the same agreement; it implies the agreement."""
    if activity is None:
        return agreement
    if activity.plan.covenant_id != covenant.pk:
        errors["activity"] = ValidationError(
            _("This activity does not belong to this covenant."), code="other_covenant"
        )
        return agreement
    if agreement is not None and activity.agreement_id != agreement.pk:
        errors["activity"] = ValidationError(
            _("This activity belongs to agreement %(activity_agreement)s, not to agreement %(agreement)s.")
            % {"activity_agreement": activity.agreement.number, "agreement": agreement.number},
            code="other_agreement",
        )
        return agreement
    return activity.agreement


def decision_record(
    *,
    meeting: Meeting,
    user: User,
    text: str,
    agreement: Agreement | None,
    activity: Activity | None = None,
    is_demo: bool = False,
) -> Decision:
    require(
        permissions.can_manage_meetings(user, meeting.covenant), _("Only the coordinator records decisions.")
    )
    errors: dict[str, ValidationError] = {}
    if not text.strip():
        errors["text"] = ValidationError(_("Describe the decision."), code="required")
    _check_agreement(meeting.covenant, agreement, errors)
    agreement = _check_activity(meeting.covenant, agreement, activity, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        decision = Decision(
            meeting=meeting,
            agreement=agreement,
            activity=activity,
            text=text.strip(),
            owner=meeting.owner,
            created_by=user,
            is_demo=is_demo,
        )
        save_attributed(decision, user)
    return decision


def action_create(
    *,
    covenant: Covenant,
    user: User,
    description: str,
    responsible: Organisation,
    agreement: Agreement | None = None,
    activity: Activity | None = None,
    meeting: Meeting | None = None,
    decision: Decision | None = None,
    assignee: str = "",
    due_date: dt.date | None = None,
    is_demo: bool = False,
) -> ActionItem:
    require(permissions.can_manage_meetings(user, covenant), _("Only the coordinator records actions."))
    errors: dict[str, ValidationError] = {}
    if not description.strip():
        errors["description"] = ValidationError(_("Describe the action."), code="required")
    if not covenant.party_links.filter(organisation=responsible).exists():
        errors["responsible"] = ValidationError(
            _("The action holder must be a party of this covenant."), code="not_a_party"
        )
    _check_agreement(covenant, agreement, errors)
    agreement = _check_activity(covenant, agreement, activity, errors)
    if meeting is not None and meeting.covenant_id != covenant.pk:
        errors["meeting"] = ValidationError(
            _("This meeting does not belong to this covenant."), code="other_covenant"
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        action = ActionItem(
            covenant=covenant,
            meeting=meeting,
            decision=decision,
            agreement=agreement,
            activity=activity,
            description=description.strip(),
            owner=responsible,
            assignee=assignee.strip(),
            due_date=due_date,
            created_by=user,
            is_demo=is_demo,
        )
        save_attributed(action, user)
    return action


def action_set_status(
    *, action: ActionItem, user: User, status: str, on: dt.date | None = None, expected: str | None = None
) -> ActionItem:
    require(
        permissions.can_update_action(user, action),
        _("Only the action holder or the coordinator can update the state of this action."),
    )
    if status not in ActionStatus.values:
        raise ValidationError({"status": ValidationError(_("Choose a valid status."), code="invalid_choice")})
    with transaction.atomic():
        locked = lock_unchanged(action, expected=expected, fields=ACTION_STATUS_FIELDS)
        locked.status = status
        locked.done_on = (on or timezone.localdate()) if status == ActionStatus.DONE else None
        save_attributed(locked, user)
    return locked
