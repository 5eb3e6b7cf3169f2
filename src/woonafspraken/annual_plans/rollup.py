"""How one activity of a jaarschijf stands on a date: a plain rule, shown to users.

No Django here: the rule takes plain facts (the activity's planned moment and its progress reports) and
returns the activity's outcome on that date with a sentence in plain Dutch. It judges activities only;
an agreement's status is decided in one place, ``core.verdicts.covenant_verdicts``, from this and all
other evidence (the outcome codes below are the values of ``core.verdicts.Outcome``).

As of a date D the activity stands as its latest progress report dated on or before D says (a report
dated later does not count, however true it is now); without one, as planned. An activity completed in
January 2026 is not done on 31 December 2025, and one planned for K4 that is not done on 31 December is
late on that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from woonafspraken.core.formatting import format_date

PLANNED, RUNNING, DONE, DELAYED, CANCELLED = "gepland", "loopt", "gereed", "vertraagd", "vervallen"


class ActivityOutcome(StrEnum):
    """The values of ``core.verdicts.Outcome`` an activity can have (INFO: cancelled, it does not judge)."""

    BEHIND = "behind"
    ON_TRACK = "on_track"
    DONE = "done"
    INFO = "info"


# The rule as users read it (pages, reports, docs/annual_plans.md). Keep in step with ``judge``.
RULE: tuple[str, ...] = (
    "Een activiteit staat op een datum zoals de laatste voortgangsmelding van op of vóór die datum zegt; "
    "zonder melding is zij gepland. Een latere melding telt niet mee: wat in januari gereed kwam, was op "
    "31 december nog niet gereed.",
    "Een activiteit is ‘achter’ als zij vertraagd is, of als haar geplande datum (of het einde van het "
    "geplande kwartaal; zonder planning 31 december) op of vóór die datum ligt terwijl zij nog niet gereed "
    "is. Een besluit dat nog niet genomen is na zijn geplande moment is ook ‘achter’.",
    "Een vervallen activiteit oordeelt niet; een activiteit die op die datum nog niet bestond ook niet.",
)


@dataclass(frozen=True)
class Report:
    """One progress report: its date, the status it gave, the percentage, and whether it is example data."""

    date: dt.date
    status: str
    percent: int | None = None
    is_demo: bool = False


@dataclass(frozen=True)
class ActivityFacts:
    title: str
    planned_by: dt.date  # the planned date, else the end of the planned quarter, else 31 December
    timing: str = ""  # "K2 2025", for the sentence
    reports: tuple[Report, ...] = ()  # in any order
    is_decision: bool = False  # a decision the parties take (2.1.1): "genomen" instead of "gereed"
    initial: str = PLANNED


@dataclass(frozen=True)
class Judgement:
    outcome: ActivityOutcome
    status: str  # the activity's status on the date (gepland, loopt, gereed, vertraagd, vervallen)
    text: str  # plain Dutch: "‘Analyse’ gepland voor K2 2025, nog niet gereed."
    report: Report | None = None  # the report the status comes from, if any

    @property
    def percent(self) -> int | None:
        return self.report.percent if self.report else None


def latest_report(reports: Iterable[Report], on: dt.date) -> Report | None:
    """The last report dated on or before ``on`` (later of two on one day: the one given last)."""
    latest: Report | None = None
    for report in reports:
        if report.date <= on and (latest is None or report.date >= latest.date):
            latest = report
    return latest


def judge(activity: ActivityFacts, on: dt.date) -> Judgement:
    """The activity's outcome on ``on`` and the sentence that says why."""
    report = latest_report(activity.reports, on)
    status = report.status if report else activity.initial
    title = f"‘{activity.title}’"
    when = activity.timing or format_date(activity.planned_by)
    if status == CANCELLED:
        since = f" op {format_date(report.date)}" if report else ""
        return Judgement(ActivityOutcome.INFO, status, f"{title} vervallen{since}; telt niet mee.", report)
    if status == DONE:
        verb = "genomen" if activity.is_decision else "gereed"
        day = f" op {format_date(report.date)}" if report else ""
        return Judgement(ActivityOutcome.DONE, status, f"{title} {verb}{day}.", report)
    not_yet = "nog niet genomen" if activity.is_decision else "nog niet gereed"
    if status == DELAYED:
        since = f" sinds {format_date(report.date)}" if report else ""
        return Judgement(
            ActivityOutcome.BEHIND, status, f"{title} vertraagd{since} (gepland voor {when}).", report
        )
    if activity.planned_by <= on:
        return Judgement(ActivityOutcome.BEHIND, status, f"{title} gepland voor {when}, {not_yet}.", report)
    if status == RUNNING:
        percent = f" ({report.percent}%)" if report and report.percent is not None else ""
        return Judgement(
            ActivityOutcome.ON_TRACK, status, f"{title} gepland voor {when}, loopt{percent}.", report
        )
    return Judgement(ActivityOutcome.ON_TRACK, status, f"{title} gepland voor {when}, {not_yet}.", report)


def behind_reason(activity: ActivityFacts, on: dt.date) -> str | None:
    """Why an activity is behind on ``on`` (the sentence without its title), or None if it is not."""
    judgement = judge(activity, on)
    if judgement.outcome is not ActivityOutcome.BEHIND:
        return None
    return judgement.text.removeprefix(f"‘{activity.title}’ ").removesuffix(".")


def judgement_day(year: int, today: dt.date) -> dt.date | None:
    """The day a jaarschijf's year is judged on: today in the running year, 31 December once it is over
    (``core.verdicts.monitor_day``), none before it begins."""
    if year < today.year:
        return dt.date(year, 12, 31)
    if year == today.year:
        return today
    return None
