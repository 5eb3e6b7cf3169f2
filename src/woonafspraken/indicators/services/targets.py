"""Targets of an indicator: recorded and deleted by the coordinator, with where they come from."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Agreement
from woonafspraken.core.models import attribute_change, save_attributed
from woonafspraken.indicators.constants import AppliesTo, TargetKind
from woonafspraken.indicators.models import Indicator, Target
from woonafspraken.indicators.permissions import can_set_targets

TARGETS_ONLY = gettext_lazy("Only the coordinator of the covenant records targets.")


def target_create(
    *,
    indicator: Indicator,
    user: User,
    kind: str,
    value: Decimal,
    source: str,
    upper: Decimal | None = None,
    first_year: int | None = None,
    last_year: int | None = None,
    applies_to: str = AppliesTo.TOTAL,
    agreement: Agreement | None = None,
) -> Target:
    """Add a target (for example the maximum rent increase of a year), with where it comes from."""
    if not can_set_targets(user, indicator):
        raise PermissionDenied(TARGETS_ONLY)
    errors: dict[str, ValidationError] = {}
    if kind == TargetKind.BACKLOG and indicator.formula != "statushouder_backlog":
        errors["kind"] = ValidationError(
            _("A backlog carried along only fits the backlog of the statushouders."), code="backlog_only"
        )
    if kind == TargetKind.BAND and upper is None:
        errors["upper"] = ValidationError(_("A band needs an upper limit."), code="required")
    if upper is not None and upper < value:
        errors["upper"] = ValidationError(
            _("The upper limit must be at least as high as the value."), code="below_value"
        )
    if first_year is not None and last_year is not None and last_year < first_year:
        errors["last_year"] = ValidationError(_("The last year lies before the first year."), code="order")
    if agreement is not None and agreement.covenant_id != indicator.covenant_id:
        errors["agreement"] = ValidationError(
            _("This agreement does not belong to this covenant."), code="other_covenant"
        )
    if not source.strip():
        errors["source"] = ValidationError(_("State where the target comes from."), code="required")
    if errors:
        raise ValidationError(errors)
    target = Target(
        indicator=indicator,
        agreement=agreement,
        kind=kind,
        value=value,
        upper=upper,
        first_year=first_year,
        last_year=last_year,
        applies_to=applies_to,
        source=source.strip(),
        owner=indicator.owner,
        created_by=user,
    )
    with transaction.atomic():
        save_attributed(target, user, validate_constraints=False)
    return target


def target_delete(*, target: Target, user: User) -> None:
    if not can_set_targets(user, target.indicator):
        raise PermissionDenied(TARGETS_ONLY)
    with transaction.atomic():
        attribute_change(target, user)
        target.delete()
