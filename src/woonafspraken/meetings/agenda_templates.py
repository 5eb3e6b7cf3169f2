"""Which agenda template a meeting gets: plain Python, no Django (tested on hand-made cases).

Afspraak 5.1 holds the bestuurlijk overleg "in het voorjaar en het najaar": "In het voorjaarsoverleg wordt
tevens terug gekeken op de in het voorgaande jaar behaalde prestaties. Het najaarsoverleg is ook gericht op
het maken van de jaarschijf voor het volgende jaar." The Woningwet calendar asks for next year's jaarschijf
by 15 December (``annual_plans.constants.WONINGWET_DEFAULTS``).

The rule:
1. A seasonal meeting is a bestuurlijk overleg (``is_steering``, the type escalated knelpunten go to) or a
   type whose periods are both spring and autumn (as 5.1 reads).
2. A seasonal meeting dated in the first half of the year (January–June) gets the **spring** template:
   looking back on the year before (its monitor, the agreements behind or needing attention on 31 December,
   the results of its jaarschijf). One dated in the second half (July–December) gets the **autumn**
   template: adopting next year's jaarschijf before 15 December, the corporations' bid and the proposals to
   change agreements, the agreements behind and the open knelpunten.
3. Every other meeting gets the **default** template: its standing items and what became due or fell behind
   since the last meeting of its type.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum

SEASONAL_WINDOWS = frozenset({"spring", "autumn"})  # meetings.constants.Window values


class Template(StrEnum):
    SPRING = "spring"
    AUTUMN = "autumn"
    DEFAULT = "default"


def is_seasonal(*, is_steering: bool, windows: Iterable[str]) -> bool:
    return is_steering or set(windows) >= SEASONAL_WINDOWS


def template_for(*, is_steering: bool, windows: Iterable[str], day: dt.date) -> Template:
    """The template of a meeting of this kind on ``day`` (the rule in the module's docstring)."""
    if not is_seasonal(is_steering=is_steering, windows=windows):
        return Template.DEFAULT
    return Template.SPRING if day.month <= 6 else Template.AUTUMN
