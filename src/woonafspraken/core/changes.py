"""What changed, for every model with ``history = HistoryRecords()`` (django-simple-history).

``history_entries`` lists who changed what, when, with the fields before and after; ``apply_revert`` puts
an object back as it was in one of its history records, as a new, attributed change. A model whose state
has rules of its own (an agreement's versions) registers its own revert handler. Who may see and revert
what is decided above the domain apps, in ``operations.history``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from woonafspraken.core.formatting import format_datetime
from woonafspraken.core.models import attribute_change
from woonafspraken.core.registry import Registry

CHANGE_LABELS = {
    "+": pgettext_lazy("history", "created"),
    "~": pgettext_lazy("history", "changed"),
    "-": pgettext_lazy("history", "deleted"),
}
# Fields that say when/how a row was stored, not what it says.
_BOOKKEEPING = {"id", "created_at", "updated_at", "order"}


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
    change: str  # created / changed / deleted
    reason: str
    changes: list[FieldChange]


@dataclass(frozen=True)
class RevertHandler:
    label: str  # the model's ``app_label.ModelName`` (``Model._meta.label``)
    revert: Callable[[models.Model, Any, Any], None]  # (object, historical record, user)


revert_handlers = Registry[RevertHandler]("Revert handler", key=lambda handler: handler.label)
register_revert_handler = revert_handlers.register


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
                change=str(CHANGE_LABELS.get(record.history_type, record.history_type)),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
        previous = record
    entries.reverse()
    return entries


def _revert_fields(obj: models.Model, record: Any, user: Any) -> None:
    old = record.instance
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in _BOOKKEEPING:
            continue
        setattr(obj, field.attname, getattr(old, field.attname))
    attribute_change(obj, user)
    obj._change_reason = _("Reverted to the state of %(moment)s") % {  # type: ignore[attr-defined]
        "moment": format_datetime(timezone.localtime(record.history_date))
    }
    obj.full_clean(validate_constraints=False)
    obj.save()


def apply_revert(obj: models.Model, record: Any, user: Any) -> None:
    """Put ``obj`` back as it was in ``record`` (its model's handler, or field by field). The caller has
    checked that ``user`` may; this runs inside the caller's transaction."""
    handler = revert_handlers.get(obj._meta.label)
    (handler.revert if handler else _revert_fields)(obj, record, user)
