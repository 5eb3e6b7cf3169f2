"""Writes of a meeting's agenda items: add, change, remove, move, and fill from the meeting's template.

The coordinator draws up the agenda (``permissions.can_manage_meetings``, as for every meeting write).
Every change is attributed in the item's history; removing or moving an item renumbers the rest in the
same transaction, so the positions stay 1, 2, 3...
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import User
from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.models import Agreement
from woonafspraken.annual_plans.models import Activity, AnnualPlan
from woonafspraken.core.locking import lock_unchanged
from woonafspraken.core.models import attribute_change, save_attributed
from woonafspraken.meetings import permissions
from woonafspraken.meetings.agenda import agenda_suggestion
from woonafspraken.meetings.constants import AgendaOutcome
from woonafspraken.meetings.models import AgendaItem, Concern, Meeting
from woonafspraken.meetings.services.actions import _check_activity
from woonafspraken.meetings.services.common import _check_agreement

# What the edit form of an item writes (its position is changed by moving, which is no conflict).
AGENDA_ITEM_FIELDS = ("title", "agreement", "annual_plan", "activity", "concern", "notes", "outcome")
TITLE_MAX = 300


def _require_manager(user: User, meeting: Meeting) -> None:
    require(
        permissions.can_manage_meetings(user, meeting.covenant),
        _("Only the coordinator draws up the agenda."),
    )


def _clean(
    meeting: Meeting,
    *,
    title: str,
    outcome: str,
    agreement: Agreement | None,
    annual_plan: AnnualPlan | None,
    activity: Activity | None,
    concern: Concern | None,
) -> Agreement | None:
    """Refuse bad input with Dutch messages (all at once); returns the agreement, which follows from the
    activity or the knelpunt when only that is given."""
    errors: dict[str, ValidationError] = {}
    covenant = meeting.covenant
    if not title.strip():
        errors["title"] = ValidationError(_("Give the agenda item a title."), code="required")
    elif len(title.strip()) > TITLE_MAX:
        errors["title"] = ValidationError(
            _("The title is too long (at most %(max)s characters).") % {"max": TITLE_MAX}, code="max_length"
        )
    if outcome not in AgendaOutcome.values:
        errors["outcome"] = ValidationError(_("Choose a valid expected outcome."), code="invalid_choice")
    _check_agreement(covenant, agreement, errors)
    if annual_plan is not None and annual_plan.covenant_id != covenant.pk:
        errors["annual_plan"] = ValidationError(
            _("This jaarschijf does not belong to this covenant."), code="other_covenant"
        )
    agreement = _check_activity(covenant, agreement, activity, errors)
    if concern is not None:
        if concern.covenant_id != covenant.pk:
            errors["concern"] = ValidationError(
                _("This bottleneck does not belong to this covenant."), code="other_covenant"
            )
        elif agreement is None:
            agreement = concern.agreement
    if errors:
        raise ValidationError(errors)
    return agreement


def agenda_item_add(
    *,
    meeting: Meeting,
    user: User,
    title: str,
    outcome: str = AgendaOutcome.DISCUSSION,
    notes: str = "",
    agreement: Agreement | None = None,
    annual_plan: AnnualPlan | None = None,
    activity: Activity | None = None,
    concern: Concern | None = None,
    is_demo: bool = False,
) -> AgendaItem:
    """Add an item at the end of the agenda."""
    _require_manager(user, meeting)
    agreement = _clean(
        meeting,
        title=title,
        outcome=outcome,
        agreement=agreement,
        annual_plan=annual_plan,
        activity=activity,
        concern=concern,
    )
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(
            pk=meeting.pk
        )  # one position each, also when two add
        item = AgendaItem(
            meeting=locked,
            position=_next_position(locked),
            title=title.strip(),
            outcome=outcome,
            notes=notes.strip(),
            agreement=agreement,
            annual_plan=annual_plan,
            activity=activity,
            concern=concern,
            owner=meeting.owner,
            created_by=user,
            is_demo=is_demo,
        )
        save_attributed(item, user)
    return item


def agenda_item_update(
    *,
    item: AgendaItem,
    user: User,
    title: str,
    outcome: str,
    notes: str,
    agreement: Agreement | None,
    annual_plan: AnnualPlan | None,
    activity: Activity | None,
    concern: Concern | None,
    expected: str | None = None,
) -> AgendaItem:
    """Change an item; with ``expected``, not when someone changed it after the user opened it (ADR 0005)."""
    meeting = item.meeting
    _require_manager(user, meeting)
    agreement = _clean(
        meeting,
        title=title,
        outcome=outcome,
        agreement=agreement,
        annual_plan=annual_plan,
        activity=activity,
        concern=concern,
    )
    with transaction.atomic():
        locked = lock_unchanged(item, expected=expected, fields=AGENDA_ITEM_FIELDS)
        locked.title, locked.outcome, locked.notes = title.strip(), outcome, notes.strip()
        locked.agreement, locked.annual_plan = agreement, annual_plan
        locked.activity, locked.concern = activity, concern
        save_attributed(locked, user)
    return locked


def agenda_item_remove(*, item: AgendaItem, user: User) -> None:
    """Remove an item (its history keeps it, with who removed it) and close the gap."""
    meeting = item.meeting
    _require_manager(user, meeting)
    with transaction.atomic():
        locked_meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        locked = AgendaItem.objects.filter(pk=item.pk, meeting=locked_meeting).first()
        if locked is None:
            raise ValidationError(_("This agenda item has already been removed."), code="gone")
        attribute_change(locked, user)
        locked.delete()
        _renumber(locked_meeting, user)


def agenda_item_move(*, item: AgendaItem, user: User, direction: str) -> AgendaItem:
    """Move an item one place up or down (``direction`` "up" or "down"); at the top or bottom nothing
    changes."""
    meeting = item.meeting
    _require_manager(user, meeting)
    if direction not in ("up", "down"):
        raise ValidationError(_("Move an agenda item up or down."), code="invalid")
    with transaction.atomic():
        locked_meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        items = list(AgendaItem.objects.filter(meeting=locked_meeting).order_by("position", "pk"))
        index = next((i for i, other in enumerate(items) if other.pk == item.pk), None)
        if index is None:
            raise ValidationError(_("This agenda item has already been removed."), code="gone")
        target = index - 1 if direction == "up" else index + 1
        if 0 <= target < len(items):
            items[index], items[target] = items[target], items[index]
        _store_positions(items, user)
    return next(other for other in items if other.pk == item.pk)


def agenda_suggest(*, meeting: Meeting, user: User, today: dt.date | None = None) -> list[AgendaItem]:
    """Add what the meeting's template suggests (``agenda.agenda_suggestion``) at the end of the agenda,
    leaving out what is already on it: an item suggested before (the same ``key``) or one with the same
    title. Returns the items added; suggesting again adds nothing new."""
    _require_manager(user, meeting)
    suggestion = agenda_suggestion(meeting, today=today or timezone.localdate())
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        existing = list(AgendaItem.objects.filter(meeting=locked).values_list("key", "title"))
        keys = {key for key, _title in existing if key}
        titles = {_same(title) for _key, title in existing}
        position = _next_position(locked)
        added: list[AgendaItem] = []
        for suggested in suggestion.items:
            if suggested.key in keys or _same(suggested.title) in titles:
                continue
            item = AgendaItem(
                meeting=locked,
                position=position,
                key=suggested.key,
                title=suggested.title[:TITLE_MAX],
                outcome=suggested.outcome,
                notes=suggested.notes,
                agreement=suggested.agreement,
                annual_plan=suggested.annual_plan,
                activity=suggested.activity,
                concern=suggested.concern,
                owner=meeting.owner,
                created_by=user,
                is_demo=suggested.is_demo,
            )
            save_attributed(item, user)
            keys.add(suggested.key)
            titles.add(_same(suggested.title))
            added.append(item)
            position += 1
    return added


def _same(title: str) -> str:
    return " ".join(title.split()).casefold()


def _next_position(meeting: Meeting) -> int:
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(last=Max("position"))["last"]
    return (last or 0) + 1


def _renumber(meeting: Meeting, user: User) -> None:
    _store_positions(list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk")), user)


def _store_positions(items: list[AgendaItem], user: User) -> None:
    """Give ``items`` the positions 1, 2, 3... in this order; only the ones that move are saved."""
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            save_attributed(item, user, validate_unique=False)


def agenda_item_restore(*, meeting: Meeting, user: User, history_id: int) -> AgendaItem:
    """Put a removed item back at the end of the agenda, as it was when it was removed (undo)."""
    _require_manager(user, meeting)
    record = (
        AgendaItem.history.filter(history_id=history_id, meeting_id=meeting.pk, history_type="-")
        .order_by("-history_id")
        .first()
    )
    if record is None or AgendaItem.objects.filter(pk=record.id).exists():
        raise ValidationError(_("This agenda item cannot be put back: it was not removed from this agenda."))
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        item: AgendaItem = record.instance
        if item.key and AgendaItem.objects.filter(meeting=locked, key=item.key).exists():
            raise ValidationError(
                _("This agenda item is on the agenda again; it has not been put back twice.")
            )
        item.position = _next_position(locked)
        item._change_reason = _("Put back after it was removed")  # type: ignore[attr-defined]
        save_attributed(item, user)
    return item
