"""How an agreement's status follows from its activities in a year: a plain rule, shown to users.

No Django here: the rule takes plain facts and returns the status with its reason, so the pages, the
reminders and the reports explain it in the same words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

PLANNED, RUNNING, DONE, DELAYED, CANCELLED = "gepland", "loopt", "gereed", "vertraagd", "vervallen"


class AgreementState(StrEnum):
    NO_ACTIVITIES = "geen_activiteiten"
    ON_TRACK = "op_schema"
    BEHIND = "achter"
    DONE = "gereed"


STATE_LABELS: dict[AgreementState, str] = {
    AgreementState.NO_ACTIVITIES: "geen activiteiten",
    AgreementState.ON_TRACK: "op schema",
    AgreementState.BEHIND: "achter",
    AgreementState.DONE: "gereed",
}

# The rule as users read it (pages, report, docs/annual_plans.md). Keep in step with ``roll_up``.
RULE: tuple[str, ...] = (
    "Een afspraak is ‘achter’ als minstens één van haar activiteiten in dat jaar vertraagd is, of als "
    "de geplande datum (of het einde van het geplande kwartaal) voorbij is terwijl de activiteit nog "
    "niet gereed is.",
    "Een afspraak is ‘gereed’ als al haar activiteiten gereed zijn; vervallen activiteiten tellen niet mee.",
    "Anders is een afspraak ‘op schema’. Zonder activiteiten (of alleen vervallen) heeft zij "
    "‘geen activiteiten’ in dat jaar.",
)


@dataclass(frozen=True)
class ActivityFacts:
    title: str
    status: str
    planned_by: dt.date
    timing: str = ""  # "K2 2025", for the reason


@dataclass(frozen=True)
class Rollup:
    state: AgreementState
    reason: str
    behind: tuple[str, ...] = ()  # titles of the activities that make it "achter"

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]


def behind_reason(activity: ActivityFacts, on: dt.date) -> str | None:
    """Why an activity is behind on ``on``, or None if it is not."""
    if activity.status == DELAYED:
        return "vertraagd"
    if activity.status in (PLANNED, RUNNING) and activity.planned_by < on:
        when = (
            activity.timing
            or f"{activity.planned_by.day}-{activity.planned_by.month}-{activity.planned_by.year}"
        )
        return f"gepland voor {when}, nog niet gereed"
    return None


def is_behind(activity: ActivityFacts, on: dt.date) -> bool:
    return behind_reason(activity, on) is not None


def roll_up(activities: Iterable[ActivityFacts], on: dt.date) -> Rollup:
    """The agreement's state on ``on`` from its activities of one year, and the reason in plain Dutch."""
    counted = [activity for activity in activities if activity.status != CANCELLED]
    if not counted:
        return Rollup(AgreementState.NO_ACTIVITIES, "Er zijn in dit jaar geen (lopende) activiteiten.")
    behind = [(activity, behind_reason(activity, on)) for activity in counted]
    late = [(activity, reason) for activity, reason in behind if reason]
    if late:
        parts = "; ".join(f"‘{activity.title}’ {reason}" for activity, reason in late)
        return Rollup(
            AgreementState.BEHIND, f"{parts[:1].upper()}{parts[1:]}.", tuple(a.title for a, _ in late)
        )
    done = sum(1 for activity in counted if activity.status == DONE)
    if done == len(counted):
        return Rollup(
            AgreementState.DONE, _count(done, "activiteit gereed", "activiteiten gereed", all_=True)
        )
    return Rollup(
        AgreementState.ON_TRACK,
        f"{done} van {len(counted)} activiteiten gereed; geen activiteit vertraagd of over de geplande datum.",
    )


def _count(n: int, one: str, many: str, *, all_: bool = False) -> str:
    if n == 1:
        return f"De enige {one}." if all_ else f"1 {one}."
    return f"Alle {n} {many}." if all_ else f"{n} {many}."


def reference_day(year: int, today: dt.date) -> dt.date:
    """The day a year's status is judged on: today during the year, 31 December once it is over."""
    return min(today, dt.date(year, 12, 31)) if today.year >= year else dt.date(year, 1, 1)


def summarise(rollups: Sequence[Rollup]) -> dict[AgreementState, int]:
    counts = dict.fromkeys(AgreementState, 0)
    for rollup in rollups:
        counts[rollup.state] += 1
    return counts
