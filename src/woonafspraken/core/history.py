"""History and undo for every model with ``history = HistoricalRecords()`` (django-simple-history).

``history_entries`` lists who changed what, when, with the fields before and after. ``history_revert``
puts an object back as it was in one of its history records, as a new, attributed change. A model
whose state has rules of its own (an agreement's versions) registers its own revert handler.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import User
from woonafspraken.accounts.permissions import can_edit_owned, can_manage_covenant, is_administrator
from woonafspraken.core.models import attribute_change

CHANGE_LABELS = {"+": "aangemaakt", "~": "gewijzigd", "-": "verwijderd"}
# Fields that say when/how a row was stored, not what it says.
_BOOKKEEPING = {"id", "created_at", "updated_at", "order"}
# Models that belong to no single covenant: a link to them says nothing about which covenant an item is of.
_NO_COVENANT = {"accounts.User", "accounts.Organisation"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: Any
    new: Any


@dataclass(frozen=True)
class HistoryEntry:
    history_id: int
    when: dt.datetime
    who: str
    change: str  # aangemaakt / gewijzigd / verwijderd
    reason: str
    changes: list[FieldChange]


RevertHandler = Callable[[models.Model, Any, User], None]  # (object, historical record, user)
revert_handlers: dict[str, RevertHandler] = {}


def register_revert_handler(label: str, handler: RevertHandler) -> None:
    """``label`` is the model's ``app_label.ModelName`` (``Model._meta.label``)."""
    revert_handlers[label] = handler


def history_model(label: str) -> type[models.Model] | None:
    """The model for ``app_label.modelname`` if it keeps history, else None."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    return (
        model
        if hasattr(model, "history") and not model._meta.label.split(".")[1].startswith("Historical")
        else None
    )


def covenant_of(obj: models.Model, *, depth: int = 3) -> Any:
    """The covenant an item belongs to, following its foreign keys (an activity through its jaarschijf,
    a target through its indicator); None for items of no single covenant (organisations, users)."""
    if obj._meta.label == "agreements.Covenant":
        return obj
    if depth == 0:
        return None
    for field in obj._meta.concrete_fields:
        target = field.related_model
        if not field.many_to_one or not isinstance(target, type) or target._meta.label in _NO_COVENANT:
            continue
        related = getattr(obj, field.name, None)
        covenant = covenant_of(related, depth=depth - 1) if related is not None else None
        if covenant is not None:
            return covenant
    return None


def can_revert(user: User, obj: models.Model) -> bool:
    covenant = covenant_of(obj)
    if covenant is None:
        return is_administrator(user)
    if hasattr(obj, "owners"):  # carried out by several parties (a jaarschijf activity): any of them
        owner_ids = obj.owners.exclude(kind=OrganisationKind.TENANT_ORGANISATION).values_list("pk", flat=True)
        return can_manage_covenant(user, covenant) or any(
            can_edit_owned(user, _Owner(owner_id), covenant) for owner_id in owner_ids
        )
    if hasattr(obj, "owner_id"):
        return can_edit_owned(user, obj, covenant)
    return can_manage_covenant(user, covenant)


@dataclass
class _Owner:
    owner_id: int


def _label(model: type[models.Model], name: str) -> str:
    try:
        field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001  (a field that no longer exists keeps its name)
        return name
    return str(getattr(field, "verbose_name", name))


def history_entries(obj: models.Model) -> list[HistoryEntry]:
    records = list(obj.history.select_related("history_user").order_by("history_date", "history_id"))  # type: ignore[attr-defined]
    entries: list[HistoryEntry] = []
    previous = None
    for record in records:
        changes: list[FieldChange] = []
        if previous is not None:
            delta = record.diff_against(previous)
            changes = [
                FieldChange(c.field, _label(type(obj), c.field), c.old, c.new)
                for c in delta.changes
                if c.field not in _BOOKKEEPING
            ]
        user = record.history_user
        entries.append(
            HistoryEntry(
                history_id=record.history_id,
                when=record.history_date,
                who=(user.get_full_name() or user.username) if user else _("system (import or command)"),
                change=CHANGE_LABELS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
        previous = record
    entries.reverse()
    return entries


def _generic_revert(obj: models.Model, record: Any, user: User) -> None:
    old = record.instance
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in _BOOKKEEPING:
            continue
        setattr(obj, field.attname, getattr(old, field.attname))
    attribute_change(obj, user)
    obj._change_reason = _("Reverted to the state of %(moment)s") % {  # type: ignore[attr-defined]
        "moment": f"{record.history_date:%d-%m-%Y %H:%M}"
    }
    obj.full_clean(validate_constraints=False)
    obj.save()


def history_revert(*, obj: models.Model, history_id: int, user: User) -> None:
    """Put ``obj`` back as it was in history record ``history_id``; the revert is itself a change."""
    if not can_revert(user, obj):
        raise PermissionDenied(_("You may not revert this item."))
    record = obj.history.filter(history_id=history_id).first()  # type: ignore[attr-defined]
    if record is None:
        raise ValueError(_("This version does not belong to this item."))
    handler = revert_handlers.get(obj._meta.label, _generic_revert)
    with transaction.atomic():
        handler(obj, record, user)
