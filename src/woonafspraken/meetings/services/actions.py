"""Writes of the decisions of a meeting and the action items that follow from them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

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
    covenant: Covenant, agreement: Agreement | None, activity: Activity | None, errors: dict[str, str]
) -> Agreement | None:
    """An activity must be of this covenant's jaarschijf and of the same agreement; it implies the agreement."""
    if activity is None:
        return agreement
    if activity.plan.covenant_id != covenant.pk:
        errors["activity"] = "Deze activiteit hoort niet bij dit convenant."
        return agreement
    if agreement is not None and activity.agreement_id != agreement.pk:
        errors["activity"] = (
            f"Deze activiteit hoort bij afspraak {activity.agreement.number}, niet bij afspraak {agreement.number}."
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
        permissions.can_manage_meetings(user, meeting.covenant), "Alleen de coördinator legt besluiten vast."
    )
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = "Beschrijf het besluit."
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
    require(permissions.can_manage_meetings(user, covenant), "Alleen de coördinator legt acties vast.")
    errors: dict[str, str] = {}
    if not description.strip():
        errors["description"] = "Beschrijf de actie."
    if not covenant.party_links.filter(organisation=responsible).exists():
        errors["responsible"] = "De actiehouder moet een partij van dit convenant zijn."
    _check_agreement(covenant, agreement, errors)
    agreement = _check_activity(covenant, agreement, activity, errors)
    if meeting is not None and meeting.covenant_id != covenant.pk:
        errors["meeting"] = "Dit overleg hoort niet bij dit convenant."
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
        "Alleen de actiehouder of de coördinator kan de stand van deze actie bijwerken.",
    )
    if status not in ActionStatus.values:
        raise ValidationError({"status": "Kies een geldige status."})
    with transaction.atomic():
        locked = lock_unchanged(action, expected=expected, fields=ACTION_STATUS_FIELDS)
        locked.status = status
        locked.done_on = (on or timezone.localdate()) if status == ActionStatus.DONE else None
        save_attributed(locked, user)
    return locked
