"""The checks a figure passes before it is stored: its period lies in the term, its value fits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from woonafspraken.agreements.models import Covenant
from woonafspraken.core.formatting import format_date
from woonafspraken.indicators.arithmetic import Period, PeriodError, PeriodKind
from woonafspraken.indicators.constants import DIMENSION_VALUES
from woonafspraken.indicators.models import Indicator, Observation

PERIOD_NAMES = {
    PeriodKind.QUARTER: gettext_lazy("quarter"),
    PeriodKind.HALF_YEAR: gettext_lazy("half year"),
    PeriodKind.YEAR: gettext_lazy("year"),
}


def covenant_term_end(covenant: Covenant) -> dt.date:
    """The last day figures can be about: the end date, plus the automatic extension if there is one."""
    months = covenant.automatic_extension_months or 0
    end = covenant.end_date
    month_index = end.month - 1 + months
    year, month = end.year + month_index // 12, month_index % 12 + 1
    day = min(end.day, _days_in_month(year, month))
    return dt.date(year, month, day)


def _days_in_month(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def check_period(indicator: Indicator, raw: object, *, today: dt.date) -> Period:
    """The period of a figure, or ValueError with a Dutch message."""
    period = Period.parse(raw)
    kind = PeriodKind(indicator.period)
    if period.kind is not kind:
        example = {PeriodKind.QUARTER: "2025-K1", PeriodKind.HALF_YEAR: "2025-H1", PeriodKind.YEAR: "2025"}[
            kind
        ]
        raise PeriodError(
            _(
                "'%(indicator)s' goes per %(kind)s; '%(period)s' is a %(given)s (write for example %(example)s)."
            )
            % {
                "indicator": indicator.name,
                "kind": PERIOD_NAMES[kind],
                "period": period.key,
                "given": PERIOD_NAMES[period.kind],
                "example": example,
            }
        )
    covenant = indicator.covenant
    if period.end < covenant.start_date or period.start > covenant_term_end(covenant):
        raise PeriodError(
            _("%(period)s lies outside the term of the covenant (%(start)s up to and including %(end)s).")
            % {
                "period": period.key,
                "start": format_date(covenant.start_date),
                "end": format_date(covenant_term_end(covenant)),
            }
        )
    latest_start = today + dt.timedelta(days=366) if indicator.allow_future else today
    if period.start > latest_start:
        raise PeriodError(
            _("%(period)s has not begun yet; figures are about a period that is running or over.")
            % {"period": period.key}
        )
    return period


def check_value(indicator: Indicator, value: Decimal) -> None:
    if not -_LARGEST <= value <= _LARGEST:
        raise ValueError(
            _("%(value)s is too large; a figure has at most %(digits)s digits before the decimal comma.")
            % {"value": _dutch(value), "digits": _WHOLE}
        )
    if value != value.quantize(_SMALLEST):
        raise ValueError(
            _("%(value)s has too many digits after the decimal comma; %(places)s fit.")
            % {"value": _dutch(value), "places": _PLACES}
        )
    if indicator.minimum is not None and value < indicator.minimum:
        raise ValueError(
            _("%(value)s is lower than the lowest possible %(minimum)s.")
            % {"value": _dutch(value), "minimum": _dutch(indicator.minimum)}
        )
    if indicator.maximum is not None and value > indicator.maximum:
        raise ValueError(
            _("%(value)s is higher than the highest possible %(maximum)s.")
            % {"value": _dutch(value), "maximum": _dutch(indicator.maximum)}
        )
    if indicator.decimals == 0 and value != value.to_integral_value():
        raise ValueError(
            _("%(value)s is not a whole number; '%(indicator)s' counts whole numbers.")
            % {"value": _dutch(value), "indicator": indicator.name}
        )


# What the value column holds (max_digits, decimal_places); larger or finer figures are typing errors.
_VALUE_FIELD = Observation._meta.get_field("value")
_PLACES = _VALUE_FIELD.decimal_places
_WHOLE = _VALUE_FIELD.max_digits - _PLACES
_SMALLEST = Decimal(1).scaleb(-_PLACES)
_LARGEST = Decimal(10) ** _WHOLE - _SMALLEST


def _dutch(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def dimension_values(indicator: Indicator) -> list[tuple[str, str]]:
    """(value, label) pairs of the indicator's dimension, or one ('', '') for an undivided figure."""
    return DIMENSION_VALUES.get(indicator.dimension, [("", "")])
