"""Entering figures (observations) on the page: one period at a time, all values or none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.core.locking import Rows, ensure_unchanged
from woonafspraken.core.models import save_attributed
from woonafspraken.indicators.arithmetic import Period
from woonafspraken.indicators.models import Indicator, Observation
from woonafspraken.indicators.permissions import can_enter_figures
from woonafspraken.indicators.services.checks import check_period, check_value, dimension_values


@dataclass(frozen=True)
class RecordResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __add__(self, other: RecordResult) -> RecordResult:
        return RecordResult(
            self.created + other.created, self.updated + other.updated, self.unchanged + other.unchanged
        )


def observation_rows(indicator: Indicator, **filters: Any) -> Rows:
    """The figures of an indicator the entry form may overwrite (ADR 0005); ``filters`` narrow them
    (period, organisation_id, dimension__in)."""
    return Rows(
        Observation,
        {"indicator_id": indicator.pk, **filters},
        ("value", "source", "note"),
        describe=_describe_observation,
    )


def _describe_observation(observation: Observation) -> str:
    parts = [observation.period, str(observation.organisation or ""), observation.dimension]
    return f"{observation.indicator.name} ({', '.join(part for part in parts if part)})"


def observation_record(
    *,
    indicator: Indicator,
    user: User,
    period: str | Period,
    values: Mapping[str, Decimal | None],
    organisation: Organisation | None = None,
    source: str = "",
    note: str = "",
    today: dt.date | None = None,
    expected: str | None = None,
) -> RecordResult:
    """Enter the figures of one period: one value per dimension value ('' when undivided).

    A value of None leaves what is stored as it is. Everything is checked first; then all values are
    stored in one transaction, or none. ``expected``: the edit token of the indicator's figures as the
    user saw them; if someone entered one of these figures since, nothing is saved (``StaleEditError``).
    """
    day = today or timezone.localdate()
    if not indicator.is_entered:
        raise ValidationError(
            _("'%(indicator)s' is calculated and cannot be entered.") % {"indicator": indicator.name},
            code="calculated",
        )
    if not can_enter_figures(user, indicator, organisation):
        raise PermissionDenied(_permission_message(indicator, organisation))
    errors: dict[str, list[str]] = {}
    try:
        checked_period = check_period(
            indicator, period.key if isinstance(period, Period) else period, today=day
        )
    except ValueError as error:
        errors.setdefault("period", []).append(str(error))
    if indicator.per_organisation and organisation is None:
        errors.setdefault("organisation", []).append(_("Choose the organisation the figure is about."))
    if not indicator.per_organisation and organisation is not None:
        errors.setdefault("organisation", []).append(
            _("This figure is about all organisations together, not about one.")
        )
    allowed = {value for value, _label in dimension_values(indicator)}
    given = {dimension: value for dimension, value in values.items() if value is not None}
    for dimension, value in given.items():
        if dimension not in allowed:
            errors.setdefault("__all__", []).append(
                _("'%(dimension)s' is not a part of '%(indicator)s'.")
                % {"dimension": dimension, "indicator": indicator.name}
            )
            continue
        try:
            check_value(indicator, value)
        except ValueError as error:
            errors.setdefault(dimension or "value", []).append(str(error))
    if not given:
        errors.setdefault("__all__", []).append(_("Fill in at least one value."))
    if errors:
        raise ValidationError(errors)
    result = RecordResult()
    with transaction.atomic():
        if expected:
            scope = {
                "period": checked_period.key,
                "organisation_id": organisation.pk if organisation else None,
                "dimension__in": sorted(given),
            }
            list(Observation.objects.select_for_update(of=("self",)).filter(indicator=indicator, **scope))
            ensure_unchanged(
                observation_rows(indicator, **scope),
                expected=expected,
                what=_("Figures of %(indicator)s for %(period)s")
                % {"indicator": indicator.name, "period": checked_period.key},
            )
        for dimension, value in given.items():
            result += _store(
                indicator=indicator,
                user=user,
                period=checked_period,
                organisation=organisation,
                dimension=dimension,
                value=value,
                source=source.strip() or indicator.default_source or "Ingevoerd",
                note=note.strip(),
            )
    return result


def _permission_message(indicator: Indicator, organisation: Organisation | None) -> str:
    if organisation is not None:
        return _("You may not enter figures of %(organisation)s for '%(indicator)s'.") % {
            "organisation": organisation.name,
            "indicator": indicator.name,
        }
    return _("You may not enter figures for '%(indicator)s'.") % {"indicator": indicator.name}


ObservationKey = tuple[int, str, int | None, str]  # indicator, period, organisation, dimension

# The related rows were just read by the caller, so full_clean need not query them again per figure.
# Uniqueness was checked under a row lock just before; the database constraints guard races.
_KNOWN_RELATIONS = ["indicator", "organisation", "entered_by", "owner", "created_by"]


def _store(
    *,
    indicator: Indicator,
    user: User | None,
    period: Period,
    organisation: Organisation | None,
    dimension: str,
    value: Decimal,
    source: str,
    note: str,
    stored: Mapping[ObservationKey, Observation] | None = None,
) -> RecordResult:
    """Create or update one figure. ``stored``: the figures already read (and locked) by the caller."""
    key = (indicator.pk, period.key, organisation.pk if organisation else None, dimension)
    if stored is not None:
        existing = stored.get(key)
    else:
        existing = (
            Observation.objects.select_for_update(of=("self",))
            .filter(indicator=indicator, period=period.key, organisation=organisation, dimension=dimension)
            .first()
        )
    if existing is not None:
        if (
            existing.value == value
            and existing.source == source
            and existing.note == note
            and not existing.is_demo
        ):
            return RecordResult(unchanged=1)
        existing.value = value
        existing.source = source
        existing.note = note
        existing.entered_by = user
        existing.is_demo = False  # a real figure replaces an example
        save_attributed(
            existing, user, exclude=_KNOWN_RELATIONS, validate_unique=False, validate_constraints=False
        )
        return RecordResult(updated=1)
    owner = organisation or (user.organisation if user is not None else None) or indicator.owner
    observation = Observation(
        indicator=indicator,
        period=period.key,
        period_start=period.start,
        organisation=organisation,
        dimension=dimension,
        value=value,
        source=source,
        note=note,
        entered_by=user,
        owner=owner,
        created_by=user,
    )
    save_attributed(
        observation, user, exclude=_KNOWN_RELATIONS, validate_unique=False, validate_constraints=False
    )
    return RecordResult(created=1)
