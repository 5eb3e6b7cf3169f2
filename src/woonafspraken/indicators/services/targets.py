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
from woonafspraken.indicators.constants import AppliesTo, TargetKind, TargetSourceKind
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
    source_kind: str = TargetSourceKind.AGREEMENT,
) -> Target:
    """Add a target with where it comes from: the agreement (quoted), a jaarschijf, or a national reference.

    Only targets from the agreement or an adopted jaarschijf judge; a reference is shown for comparison.
    """
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
    if source_kind not in TargetSourceKind.values:
        errors["source_kind"] = ValidationError(
            _("Say whether the target comes from the agreement, a jaarschijf or a national reference."),
            code="invalid",
        )
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
        source_kind=source_kind,
        source=source.strip(),
        owner=indicator.owner,
        created_by=user,
    )
    with transaction.atomic():
        save_attributed(target, user, validate_constraints=False)
    return target


def target_adopt_reference(*, target: Target, year: int, user: User) -> Target:
    """The parties adopt a national reference as their target for one jaarschijf year.

    The reference stays as it is (for comparison); a new target for ``year`` only, with the same value,
    judges from now on, and says where it comes from: "Jaarschijf <year>: overgenomen van <reference>".
    """
    indicator = target.indicator
    if not can_set_targets(user, indicator):
        raise PermissionDenied(TARGETS_ONLY)
    if target.source_kind != TargetSourceKind.REFERENCE:
        raise ValidationError(
            _("Only a national reference can be adopted; this target already judges."), code="not_reference"
        )
    if not (1990 <= year <= 2100) or not _applies_in(target, year):
        raise ValidationError(
            {
                "year": ValidationError(
                    _("This reference does not apply in %(year)s.") % {"year": year}, code="year"
                )
            }
        )
    with transaction.atomic():
        Target.objects.select_for_update().filter(pk=target.pk).first()
        already = Target.objects.filter(
            indicator=indicator,
            source_kind=TargetSourceKind.ANNUAL_PLAN,
            kind=target.kind,
            first_year=year,
            last_year=year,
        ).exists()
        if already:
            raise ValidationError(
                _("A jaarschijf target for %(year)s is already recorded for this indicator.")
                % {"year": year},
                code="exists",
            )
        adopted = Target(
            indicator=indicator,
            agreement=target.agreement,
            kind=target.kind,
            value=target.value,
            upper=target.upper,
            period=target.period,
            first_year=year,
            last_year=year,
            applies_to=target.applies_to,
            source_kind=TargetSourceKind.ANNUAL_PLAN,
            # Data, like the seeded sources (Dutch, whatever the language of the page).
            source=f"Jaarschijf {year}: overgenomen van {target.source}",
            owner=indicator.owner,
            created_by=user,
        )
        save_attributed(adopted, user, validate_constraints=False)
    return adopted


def _applies_in(target: Target, year: int) -> bool:
    first = max(value for value in (target.first_year, target.goal_year, 0) if value is not None)
    return (not first or first <= year) and (target.last_year is None or year <= target.last_year)


def target_delete(*, target: Target, user: User) -> None:
    if not can_set_targets(user, target.indicator):
        raise PermissionDenied(TARGETS_ONLY)
    with transaction.atomic():
        attribute_change(target, user)
        target.delete()
