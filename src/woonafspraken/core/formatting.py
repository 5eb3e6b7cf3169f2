"""Dutch notation for numbers and dates: the one formatter of each, for pages, reports and messages.

Pure (no Django), so the pure calculation modules can use it too.

Rounding: half up, on the number as it is written (a float is read through its shortest decimal form,
``Decimal(str(value))``), the way a Dutch reader rounds by hand: 2,5 → 3, 0,125 → 0,13 and 2,675 → 2,68
(binary floating point would give 2, 0,12 and 2,67).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

__all__ = ["MONTH_NAMES", "format_cell", "format_date", "format_datetime", "format_number", "is_number"]

MONTH_NAMES: tuple[str, ...] = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def format_number(value: float | int | Decimal, decimals: int = 0, *, trim: bool = False) -> str:
    """1234.5 -> '1.234,5' with ``decimals`` digits after the comma, rounded half up.

    ``trim``: show no more decimals than the value needs (at most ``decimals``): 2.40 -> '2,4', 80.0 -> '80'.
    """
    exact = Decimal(str(value))
    if not exact.is_finite():
        return "–"
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if trim and decimals:
        rounded = (
            rounded.normalize() if rounded != rounded.to_integral_value() else rounded.quantize(Decimal(1))
        )
    if rounded.is_zero():
        rounded = abs(rounded)  # -0,0 reads as a mistake
    text = f"{rounded:,f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_date(day: dt.date) -> str:
    """The one way the system writes a date: '4 december 2026' (pages, reports, messages, Excel)."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def format_datetime(moment: dt.datetime) -> str:
    """A moment as '4 december 2026 om 14:05', in the time zone ``moment`` carries (localise first)."""
    return f"{format_date(moment.date())} om {moment:%H:%M}"


def format_cell(value: Any) -> str:
    """How a table value reads in a report: a dash for nothing, ja/nee, numbers as they need, dates."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if is_number(value):
        return format_number(value, 2, trim=True)
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return format_date(value)
    return str(value)
