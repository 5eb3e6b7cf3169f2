"""The figures behind the allocation verdicts: the slaagkans (success rate) and the waiting time."""

from __future__ import annotations

import datetime as dt


def success_rate(allocations: float, active_seekers: float) -> float | None:
    """Slaagkans in percent: allocations in a period per 100 active seekers in that period.

    None when nobody was actively seeking (the rate is then undefined, not zero).
    """
    if allocations < 0 or active_seekers < 0:
        raise ValueError("Counts cannot be negative.")
    if active_seekers == 0:
        return None
    return 100.0 * allocations / active_seekers


DAYS_PER_YEAR = 365.25


def waiting_time_years(first_reaction: dt.date, lease_signed: dt.date) -> float:
    """Waiting time as afspraak 1.3.1 defines it: from the first reaction to signing the lease, in years.

    Not the registration time (inschrijfduur), which starts at registration and is years longer.
    """
    if lease_signed < first_reaction:
        raise ValueError("A lease cannot be signed before the first reaction.")
    return (lease_signed - first_reaction).days / DAYS_PER_YEAR
