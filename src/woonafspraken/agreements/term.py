"""The covenant's state on a given day (afspraak 5.6 of the Kampen covenant, in general form).

A draft (not signed by every party) is ``draft`` whatever the date. A signed covenant is ``signed``
before its start date, running until the end date; from the next day automatically extended, at most
for the agreed period and only until the day before a signed successor starts; expired after that. When
a signed successor takes over (it starts no later than the day after the covenant would have ended
anyway), the expired covenant is ``ended_by_successor`` ("beëindigd door opvolger").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class CovenantState(StrEnum):
    DRAFT = "draft"  # not signed by every party yet
    SIGNED = "signed"  # signed by every party, not started yet
    NOT_STARTED = "signed"  # the old name of SIGNED (an alias: a stored covenant is a signed one)
    RUNNING = "running"
    EXTENDED = "extended"
    EXPIRED = "expired"


@dataclass(frozen=True)
class Successor:
    start: dt.date
    signed_on: dt.date | None


@dataclass(frozen=True)
class CovenantStatus:
    on: dt.date
    state: CovenantState
    end_date: dt.date
    extended_until: dt.date | None  # the last day of the (possible) extension
    days_left: int  # days until the last day of the current state's period; 0 when expired
    ended_by_successor: bool = False  # expired because a signed successor started

    def as_dict(self) -> dict[str, str | int | bool | None]:
        return {
            "on": self.on.isoformat(),
            "state": self.state.value,
            "end_date": self.end_date.isoformat(),
            "extended_until": self.extended_until.isoformat() if self.extended_until else None,
            "days_left": self.days_left,
            "ended_by_successor": self.ended_by_successor,
        }


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    # Clamp to the month's last day (31 January + 1 month is 28/29 February).
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - unreachable


def extension_end(
    end_date: dt.date, extension_months: int | None, successor: Successor | None
) -> dt.date | None:
    """The last day the covenant can run on after its end date; None if it cannot be extended."""
    if not extension_months:
        return None
    last = add_months(end_date, extension_months)
    if successor is not None and successor.signed_on is not None:
        last = min(last, successor.start - dt.timedelta(days=1))
    return last if last > end_date else None


def covenant_status(
    *,
    start_date: dt.date,
    end_date: dt.date,
    on: dt.date,
    extension_months: int | None,
    successor: Successor | None = None,
    signed: bool = True,
) -> CovenantStatus:
    """``signed`` False: a draft, whatever the date (days_left counts to the planned start)."""
    if not signed:
        return CovenantStatus(
            on=on,
            state=CovenantState.DRAFT,
            end_date=end_date,
            extended_until=None,
            days_left=max((start_date - on).days, 0),
        )
    last_extension_day = extension_end(end_date, extension_months, successor)
    if on < start_date:
        state, days_left = CovenantState.SIGNED, (start_date - on).days
    elif on <= end_date:
        state, days_left = CovenantState.RUNNING, (end_date - on).days
    elif last_extension_day is not None and on <= last_extension_day:
        state, days_left = CovenantState.EXTENDED, (last_extension_day - on).days
    else:
        state, days_left = CovenantState.EXPIRED, 0
    return CovenantStatus(
        on=on,
        state=state,
        end_date=end_date,
        extended_until=last_extension_day
        if state in (CovenantState.EXTENDED, CovenantState.EXPIRED)
        else None,
        days_left=days_left,
        ended_by_successor=state is CovenantState.EXPIRED
        and _taken_over(end_date, extension_months, successor, on),
    )


def _taken_over(
    end_date: dt.date, extension_months: int | None, successor: Successor | None, on: dt.date
) -> bool:
    """A signed successor has started by ``on`` and began no later than the day after this covenant's
    own last day (its end date or the full extension): the successor ended it, not the calendar."""
    if successor is None or successor.signed_on is None or successor.start > on:
        return False
    own_last = add_months(end_date, extension_months) if extension_months else end_date
    return successor.start <= own_last + dt.timedelta(days=1)
