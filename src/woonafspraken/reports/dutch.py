"""Dutch notation for reports: numbers (1.234,5), dates (27 november 2026), table cells. No Django."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def number(value: float | int | Decimal, decimals: int | None = None) -> str:
    """1234.5 -> '1.234,5'; whole numbers without decimals unless asked."""
    if decimals is None:
        as_float = float(value)
        decimals = 0 if as_float.is_integer() else (1 if round(as_float, 1) == round(as_float, 2) else 2)
    formatted = f"{float(value):,.{decimals}f}"
    return formatted.replace(",", "\0").replace(".", ",").replace("\0", ".")


def date_long(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def date_short(day: dt.date) -> str:
    return f"{day.day:02d}-{day.month:02d}-{day.year}"


def is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def cell(value: Any) -> str:
    """How a table value reads in a report."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if is_number(value):
        return number(value)
    if isinstance(value, dt.datetime):
        return f"{date_short(value.date())} {value:%H:%M}"
    if isinstance(value, dt.date):
        return date_short(value)
    return str(value)
