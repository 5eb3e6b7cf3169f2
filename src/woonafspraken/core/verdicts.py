"""One verdict per agreement and date: the rule, and the plug-in point through which apps give evidence.

This is the only place where an agreement's status is decided. Pages, reports and exports ask
``covenant_verdicts(covenant, on)`` and show what it returns; they never derive a status of their own.

Each domain app registers an ``EvidenceSource`` (in its ``panels.py``) that reports, for every agreement
of a covenant, what it knows on date ``on``: the jaarschijf's activities as they stood on that date, the
agreed targets with their figures, the housing targets, the prescribed meetings, open knelpunten and
disputes. A source uses only what was recorded on or before ``on`` and does a constant number of queries.

The rule (``decide``, pure; the same words are in ``RULE`` and in ``docs/verdicts.md``):

1. Only evidence that can judge counts: an activity of the jaarschijf, a target the parties agreed (in the
   agreement itself or in an adopted jaarschijf) with a figure for its period, a meeting the agreement
   prescribes, an open knelpunt or dispute. National references ("ter vergelijking"), plans and missing
   figures ("geen gegevens") are shown beside it but never judge.
2. The agreement takes the worst outcome of that evidence, in the order achter, aandacht nodig, op koers,
   afgerond: it is afgerond only when every judging item is finished and nothing is open or behind.
3. Without judging evidence it is "niet te beoordelen".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from woonafspraken.core.registry import AnyCovenant, Registry

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Status(StrEnum):
    """An agreement's status on a date (the codes of ``export status``)."""

    ON_TRACK = "on_track"
    ATTENTION = "attention"
    BEHIND = "behind"
    DONE = "done"
    NOT_ASSESSABLE = "not_assessable"


STATUS_LABELS = {
    Status.ON_TRACK: pgettext_lazy("agreement status", "on track"),
    Status.ATTENTION: pgettext_lazy("agreement status", "needs attention"),
    Status.BEHIND: pgettext_lazy("agreement status", "behind"),
    Status.DONE: pgettext_lazy("agreement status", "completed"),
    Status.NOT_ASSESSABLE: pgettext_lazy("agreement status", "cannot be assessed"),
}
STATUS_CSS = {
    Status.ON_TRACK: "app-verdict--on-track",
    Status.ATTENTION: "app-verdict--attention",
    Status.BEHIND: "app-verdict--behind",
    Status.DONE: "app-verdict--done",
    Status.NOT_ASSESSABLE: "app-verdict--unknown",
}
# The order of summaries and legends: the worst first.
STATUS_ORDER = (Status.BEHIND, Status.ATTENTION, Status.ON_TRACK, Status.DONE, Status.NOT_ASSESSABLE)


class Outcome(StrEnum):
    """What one piece of evidence says. The first four judge; the last two are shown but never judge."""

    BEHIND = "behind"
    ATTENTION = "attention"
    ON_TRACK = "on_track"
    DONE = "done"
    NO_DATA = "no_data"  # a standard that could judge, but has no figure for its period: "geen gegevens"
    INFO = "info"  # for comparison only: a national reference, a plan, a figure without an agreed target


JUDGING = (Outcome.BEHIND, Outcome.ATTENTION, Outcome.ON_TRACK, Outcome.DONE)
_STATUS_OF = {
    Outcome.BEHIND: Status.BEHIND,
    Outcome.ATTENTION: Status.ATTENTION,
    Outcome.ON_TRACK: Status.ON_TRACK,
    Outcome.DONE: Status.DONE,
}

OUTCOME_LABELS = {
    Outcome.BEHIND: pgettext_lazy("evidence outcome", "behind"),
    Outcome.ATTENTION: pgettext_lazy("evidence outcome", "needs attention"),
    Outcome.ON_TRACK: pgettext_lazy("evidence outcome", "on track"),
    Outcome.DONE: pgettext_lazy("evidence outcome", "completed"),
    Outcome.NO_DATA: pgettext_lazy("evidence outcome", "no data"),
    Outcome.INFO: pgettext_lazy("evidence outcome", "for comparison"),
}


class Kind(StrEnum):
    """The kinds of evidence (``reasons[].kind`` in ``export status``)."""

    ACTIVITY = "activity"  # an activity of the jaarschijf
    TARGET = "target"  # an indicator target (agreement, jaarschijf or national reference)
    HOUSING = "housing"  # a housing target (stock, new build, withdrawals)
    MEETING = "meeting"  # a meeting the agreement prescribes
    CONCERN = "concern"  # an open knelpunt or dispute
    DECISION = "decision"  # a decision the parties take every year (2.1.1 huursom)
    NONE = "none"  # nothing to judge by: why the agreement cannot be assessed


@dataclass(frozen=True)
class Evidence:
    """One fact about one agreement on a date, with where its standard comes from."""

    agreement: str  # the agreement's number, "1.1.2"
    kind: Kind
    outcome: Outcome
    text: str  # a plain Dutch sentence: "‘Woningbouwprogramma’ gepland voor K2 2025, nog niet gereed."
    source: str  # where the standard comes from: "Afspraak 1.1.2: ‘…’", "Jaarschijf 2025", "ABF (ter vergelijking)"
    url: str = ""  # the page that shows the evidence
    is_demo: bool = False  # rests on fictitious example data

    @property
    def judges(self) -> bool:
        return self.outcome in JUDGING

    @property
    def outcome_label(self) -> str:
        return str(OUTCOME_LABELS[self.outcome])


@dataclass(frozen=True)
class Verdict:
    agreement: str
    status: Status
    evidence: tuple[Evidence, ...]  # the deciding evidence first, then the rest of the judging, then the rest

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def css(self) -> str:
        return STATUS_CSS[self.status]

    @property
    def is_demo(self) -> bool:
        """The verdict rests on example data: some judging evidence is fictitious."""
        return any(item.is_demo for item in self.evidence if item.judges)

    @property
    def deciding(self) -> tuple[Evidence, ...]:
        """The evidence that gives the status (all of it when nothing judges)."""
        if self.status is Status.NOT_ASSESSABLE:
            return self.evidence
        return tuple(
            item for item in self.evidence if item.judges and _STATUS_OF[item.outcome] is self.status
        )

    @property
    def rule(self) -> tuple[str, ...]:
        return tuple(str(sentence) for sentence in RULE)

    @property
    def reason(self) -> str:
        """The first deciding sentence, for a one-line summary."""
        return self.deciding[0].text if self.deciding else ""


RULE: tuple[StrOrPromise, ...] = (
    _(
        "Only evidence that can judge counts: an activity of the jaarschijf, a target the parties agreed "
        "(in the agreement itself or in an adopted jaarschijf) with a figure for its period, a meeting the "
        "agreement prescribes, and open knelpunten or disputes. National references (‘for comparison’), "
        "plans and missing figures (‘no data’) are shown, but never judge."
    ),
    _(
        "The agreement takes the worst outcome of that evidence, in the order behind, needs attention, on "
        "track, completed: it is completed only when every judging item is finished and nothing is open "
        "or behind."
    ),
    _("Without judging evidence the agreement cannot be assessed."),
)

_RANK = {
    Outcome.BEHIND: 0,
    Outcome.ATTENTION: 1,
    Outcome.ON_TRACK: 2,
    Outcome.DONE: 3,
    Outcome.NO_DATA: 4,
    Outcome.INFO: 5,
}


def decide(agreement: str, evidence: Iterable[Evidence], *, silent: str = "") -> Verdict:
    """The rule: the worst judging outcome, or ``not_assessable`` (with ``silent`` as its reason)."""
    items = sorted(
        (item for item in evidence if item.agreement == agreement), key=lambda item: _RANK[item.outcome]
    )
    judging = [item for item in items if item.judges]
    if not judging:
        if not items:
            items = [
                Evidence(
                    agreement,
                    Kind.NONE,
                    Outcome.INFO,
                    silent
                    or str(
                        _(
                            "Nothing to judge it by on this date: no activity, agreed target with figures, prescribed meeting or open knelpunt."
                        )
                    ),
                    "",
                )
            ]
        return Verdict(agreement, Status.NOT_ASSESSABLE, tuple(items))
    return Verdict(agreement, _STATUS_OF[judging[0].outcome], tuple(items))


DRAFT_NOT_JUDGED = _("Draft, not signed yet: an agreement of a draft covenant is not judged.")


# -- the plug-in point ------------------------------------------------------------------------------
@dataclass(frozen=True)
class EvidenceSource:
    name: str
    order: int
    # (covenant, on) -> every piece of evidence this app holds on that date, for all agreements at once
    collect: Callable[[AnyCovenant, dt.date], Iterable[Evidence]]


evidence_sources = Registry[EvidenceSource](
    "Evidence source", key=lambda source: source.name, order=lambda source: source.order
)
register_evidence_source = evidence_sources.register


@dataclass(frozen=True)
class CovenantVerdicts(Mapping[str, Verdict]):
    """Every agreement's verdict on one date, in the agreements' order."""

    on: dt.date
    by_number: dict[str, Verdict] = field(default_factory=dict)

    def __getitem__(self, number: str) -> Verdict:
        return self.by_number[number]

    def __iter__(self) -> Iterator[str]:
        return iter(self.by_number)

    def __len__(self) -> int:
        return len(self.by_number)

    def counts(self) -> dict[Status, int]:
        counts = dict.fromkeys(STATUS_ORDER, 0)
        for verdict in self.by_number.values():
            counts[verdict.status] += 1
        return counts

    def summary(self) -> list[dict[str, object]]:
        """(status, label, css, count) rows in the order of ``STATUS_ORDER``, for legends and headlines."""
        counts = self.counts()
        return [
            {
                "status": status,
                "label": str(STATUS_LABELS[status]),
                "css": STATUS_CSS[status],
                "count": counts[status],
            }
            for status in STATUS_ORDER
        ]

    @property
    def is_demo(self) -> bool:
        return any(verdict.is_demo for verdict in self.by_number.values())


_MEMO = "_verdicts_memo"


def start_reading(covenant: AnyCovenant) -> None:
    """From now on ``covenant_verdicts(covenant, day)`` is worked out once per day for this covenant object,
    however many parts of a page or report ask. Only for an object that lives while nothing is written
    that a later verdict should see: the one ``web.middleware`` loads for a request."""
    if not hasattr(covenant, _MEMO):
        setattr(covenant, _MEMO, {})


@contextmanager
def one_reading(covenant: AnyCovenant) -> Iterator[None]:
    """``start_reading`` for the length of a block (one report, ``reports.document``); afterwards the
    covenant object works its verdicts out afresh again."""
    if hasattr(covenant, _MEMO):  # already reading: a report inside a request
        yield
        return
    start_reading(covenant)
    try:
        yield
    finally:
        delattr(covenant, _MEMO)


def covenant_verdicts(covenant: AnyCovenant, on: dt.date) -> CovenantVerdicts:
    """The verdict of every agreement of ``covenant`` on ``on``: one query for the agreements, and each
    evidence source's constant number (none again inside ``one_reading``)."""
    memo: dict[dt.date, CovenantVerdicts] | None = getattr(covenant, _MEMO, None)
    if memo is not None and on in memo:
        return memo[on]
    verdicts = _work_out(covenant, on)
    if memo is not None:
        memo[on] = verdicts
    return verdicts


def is_draft(covenant: AnyCovenant) -> bool:
    """A draft covenant (``agreements.CovenantStage.DRAFT``): not signed by every party, so not judged."""
    return getattr(covenant, "stage", "signed") == "draft"


def _work_out(covenant: AnyCovenant, on: dt.date) -> CovenantVerdicts:
    numbers = list(covenant.agreements.order_by("order").values_list("number", flat=True))
    if is_draft(covenant):
        # Nothing has been agreed yet: no evidence is asked for, every agreement says why.
        return CovenantVerdicts(
            on, {number: decide(number, (), silent=str(DRAFT_NOT_JUDGED)) for number in numbers}
        )
    grouped: dict[str, list[Evidence]] = {number: [] for number in numbers}
    for source in evidence_sources:
        for item in source.collect(covenant, on):
            if item.agreement in grouped:
                grouped[item.agreement].append(item)
    return CovenantVerdicts(on, {number: decide(number, grouped[number]) for number in numbers})


def monitor_day(year: int) -> dt.date:
    """The monitor of year Y is the state on 31 December Y."""
    return dt.date(year, 12, 31)


def judging_day(year: int, today: dt.date) -> dt.date:
    """The day a year is judged on: 31 December once the year is over, today during it, 1 January before."""
    if today.year > year:
        return monitor_day(year)
    if today.year == year:
        return today
    return dt.date(year, 1, 1)
