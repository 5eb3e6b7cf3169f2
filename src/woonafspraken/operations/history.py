"""History and undo for every model that keeps history, with who may see and revert it.

The mechanism (entries with diffs, revert handlers) is in ``core.changes``; this module adds the covenant
an item belongs to and the permission check, which need the domain apps.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import User
from woonafspraken.accounts.permissions import can_edit_owned, can_manage_covenant, is_administrator
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.changes import apply_revert

# Models that belong to no single covenant: a link to them says nothing about which covenant an item is of.
_NO_COVENANT = {"accounts.User", "accounts.Organisation"}


def covenant_of(obj: models.Model, *, depth: int = 3) -> Covenant | None:
    """The covenant an item belongs to, following its foreign keys (an activity through its jaarschijf,
    a target through its indicator); None for items of no single covenant (organisations, users)."""
    if isinstance(obj, Covenant):
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


def history_revert(*, obj: models.Model, history_id: int, user: User) -> None:
    """Put ``obj`` back as it was in history record ``history_id``; the revert is itself a change."""
    if not can_revert(user, obj):
        raise PermissionDenied(_("You may not revert this item."))
    record = obj.history.filter(history_id=history_id).first()  # type: ignore[attr-defined]
    if record is None:
        raise ValueError(_("This version does not belong to this item."))
    with transaction.atomic():
        apply_revert(obj, record, user)
