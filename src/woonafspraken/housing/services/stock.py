"""Writes of the stock figures (per corporation, date, rent class and dwelling type), in bulk.

Shared by the appendix import, the spreadsheet upload and the demo data: each says which figures it
wants for a date, and only the rows that differ are written, each with its history record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from woonafspraken.agreements.models import Covenant
from woonafspraken.core.models import attribute_change
from woonafspraken.housing.constants import FigureSource
from woonafspraken.housing.models import StockCount
from woonafspraken.housing.services._common import AnyUser, recorded_user

# Foreign keys the callers looked up themselves; validating them again would cost a query per row.
_KNOWN_KEYS = ["covenant", "corporation", "owner", "created_by"]


@dataclass
class StockChanges:
    """Rows to create, update and delete so the stored stock equals what was delivered."""

    creates: list[StockCount] = field(default_factory=list)
    updates: list[StockCount] = field(default_factory=list)
    stale: list[StockCount] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.creates) + len(self.updates) + len(self.stale)


def stock_changes(
    changes: StockChanges,
    *,
    covenant: Covenant,
    user: AnyUser | None,
    date: dt.date,
    wanted: Mapping[tuple[int, str, str], int],
    existing: Iterable[StockCount],
    source: str,
) -> None:
    """Add to ``changes`` what makes the stored figures of ``date`` equal to ``wanted`` (nothing is written)."""
    current = {(row.corporation_id, row.rent_class, row.dwelling_type): row for row in existing}
    history_user = recorded_user(user)
    is_demo = source == FigureSource.DEMO
    for (corporation_id, rent_class, dwelling_type), count in wanted.items():
        row = current.pop((corporation_id, rent_class, dwelling_type), None)
        if row is None:
            row = StockCount(
                covenant=covenant,
                corporation_id=corporation_id,
                owner_id=corporation_id,
                created_by=history_user,
                date=date,
                rent_class=rent_class,
                dwelling_type=dwelling_type,
                count=count,
                source=source,
                is_demo=is_demo,
            )
            row.full_clean(exclude=_KNOWN_KEYS, validate_unique=False, validate_constraints=False)
            changes.creates.append(row)
        elif row.count != count or row.source != source or row.is_demo != is_demo:
            row.count, row.source, row.is_demo = count, source, is_demo
            row.full_clean(exclude=_KNOWN_KEYS, validate_unique=False, validate_constraints=False)
            changes.updates.append(row)
    changes.stale.extend(current.values())


def stock_changes_apply(changes: StockChanges, user: AnyUser | None) -> int:
    """Write the changes in a few bulk statements, each with its history record."""
    history_user = recorded_user(user)
    now = timezone.now()
    for row in changes.updates:
        row.updated_at = now
    if changes.creates:
        bulk_create_with_history(changes.creates, StockCount, default_user=history_user, batch_size=1000)
    if changes.updates:
        bulk_update_with_history(
            changes.updates,
            StockCount,
            ["count", "source", "is_demo", "updated_at"],
            default_user=history_user,
            batch_size=1000,
        )
    for row in changes.stale:
        attribute_change(row, history_user)
        row.delete()
    return changes.count


def write_stock_figures(
    covenant: Covenant,
    user: AnyUser | None,
    date: dt.date,
    wanted: Mapping[tuple[int, str, str], int],
    existing: Iterable[StockCount],
    source: str,
) -> int:
    """Make the stored figures of ``date`` equal to ``wanted``; returns the number of rows changed."""
    changes = StockChanges()
    stock_changes(
        changes, covenant=covenant, user=user, date=date, wanted=wanted, existing=existing, source=source
    )
    return stock_changes_apply(changes, user)
