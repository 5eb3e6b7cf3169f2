"""The look-ahead's assumptions per year: the rent increase and the indexation of the rent limits."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import User
from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.locking import Rows, ensure_unchanged
from woonafspraken.core.models import attribute_change, save_attributed
from woonafspraken.housing.models import LookAheadAssumption
from woonafspraken.housing.permissions import can_edit_assumptions


def assumption_rows(covenant: Covenant, years: Iterable[int]) -> Rows:
    """The look-ahead assumptions on the page, per year (ADR 0005)."""
    return Rows(
        LookAheadAssumption,
        {"covenant_id": covenant.pk, "year__in": sorted(years)},
        ("rent_increase", "limit_indexation"),
        describe=lambda row: str(row.year),
    )


def lookahead_assumptions_save(
    *,
    covenant: Covenant,
    user: User,
    values: Mapping[int, tuple[Decimal | None, Decimal | None]],
    expected: str | None = None,
) -> int:
    """Set the assumptions of several years at once, all or none; returns the number of years changed.

    ``expected``: the edit token of these years as the user saw them; if someone changed one since,
    nothing is saved (``StaleEditError``).
    """
    require(can_edit_assumptions(user, covenant), _("You may not change the assumptions of the outlook."))
    with transaction.atomic():
        list(
            LookAheadAssumption.objects.select_for_update(of=("self",)).filter(
                covenant=covenant, year__in=list(values)
            )
        )
        ensure_unchanged(
            assumption_rows(covenant, values),
            expected=expected,
            what=_("Look-ahead assumptions"),
        )
        return sum(
            lookahead_assumption_set(
                covenant=covenant, user=user, year=year, rent_increase=rent, limit_indexation=index
            )
            for year, (rent, index) in values.items()
        )


def lookahead_assumption_set(
    *,
    covenant: Covenant,
    user: User,
    year: int,
    rent_increase: Decimal | None,
    limit_indexation: Decimal | None,
) -> bool:
    """Set (or with two empty values: remove) the user's assumptions for one year; True when changed."""
    require(can_edit_assumptions(user, covenant), _("You may not change the assumptions of the outlook."))
    with transaction.atomic():
        row = LookAheadAssumption.objects.filter(covenant=covenant, year=year).first()
        if rent_increase is None and limit_indexation is None:
            if row is None:
                return False
            attribute_change(row, user)
            row.delete()
            return True
        if row is None:
            row = LookAheadAssumption(covenant=covenant, year=year, owner=covenant.owner, created_by=user)
        elif row.rent_increase == rent_increase and row.limit_indexation == limit_indexation:
            return False
        row.rent_increase, row.limit_indexation = rent_increase, limit_indexation
        save_attributed(row, user, validate_constraints=False)
    return True
