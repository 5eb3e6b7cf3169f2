"""The covenant's scoreboard: per theme the agreements per verdict, what needs attention now, and the
user's own work. The verdicts come from ``core.verdicts``; the attention and work lines from the sources
the apps register (``core.registry``). A constant number of queries, whatever the number of agreements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from woonafspraken.agreements.models import Covenant
from woonafspraken.core.registry import (
    BoardGroup,
    BoardLine,
    WorkAcross,
    WorkLine,
    attention_sources,
    work_sources,
)
from woonafspraken.core.verdicts import STATUS_CSS, STATUS_LABELS, STATUS_ORDER, Status, covenant_verdicts


@dataclass(frozen=True)
class Cell:
    status: Status
    count: int
    url: str  # the filtered agreement list ("" for a zero: nothing to show)

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def css(self) -> str:
        return STATUS_CSS[self.status]


@dataclass(frozen=True)
class Row:
    """One theme (or the total): its agreements per status, in the order of ``STATUS_ORDER``."""

    title: str
    url: str
    cells: tuple[Cell, ...]

    @property
    def total(self) -> int:
        return sum(cell.count for cell in self.cells)

    @property
    def bar(self) -> list[dict[str, Any]]:
        """The stacked bar's parts: start and width in percent of the row (an SVG; the table says the
        numbers, the bar only shows them)."""
        total, start, parts = self.total, 0.0, []
        for cell in self.cells:
            if cell.count and total:
                width = 100 * cell.count / total
                parts.append({"status": cell.status.value, "x": f"{start:.2f}", "width": f"{width:.2f}"})
                start += width
        return parts


@dataclass(frozen=True)
class Scoreboard:
    on: dt.date
    themes: tuple[Row, ...]
    total: Row
    is_demo: bool
    columns: tuple[tuple[Status, str, str], ...]  # (status, label, css)


def _list_url(covenant: Covenant, **params: Any) -> str:
    return reverse("agreements:list", args=[covenant.pk]) + "?" + urlencode(params)


def scoreboard(covenant: Covenant, on: dt.date) -> Scoreboard:
    """Per theme the number of agreements per status on ``on``: two queries besides the verdicts."""
    verdicts = covenant_verdicts(covenant, on)
    themes = list(covenant.themes.order_by("number").values_list("pk", "number", "title"))
    counts: dict[int | None, dict[Status, int]] = {
        pk: dict.fromkeys(STATUS_ORDER, 0) for pk, _n, _t in themes
    }
    for number, theme_id in covenant.agreements.values_list("number", "theme_id"):
        if number in verdicts:
            counts.setdefault(theme_id, dict.fromkeys(STATUS_ORDER, 0))[verdicts[number].status] += 1

    def cells(by_status: dict[Status, int], **filters: Any) -> tuple[Cell, ...]:
        return tuple(
            Cell(status, count, _list_url(covenant, **filters, status=status.value) if count else "")
            for status, count in by_status.items()
        )

    rows = tuple(
        Row(
            f"{number} {title}",
            reverse("agreements:theme", args=[covenant.pk, number]),
            cells(counts[pk], theme=number),
        )
        for pk, number, title in themes
    )
    overall = verdicts.counts()
    return Scoreboard(
        on=on,
        themes=rows,
        total=Row("", reverse("agreements:list", args=[covenant.pk]), cells(overall)),
        is_demo=verdicts.is_demo,
        columns=tuple((status, str(STATUS_LABELS[status]), STATUS_CSS[status]) for status in STATUS_ORDER),
    )


def attention(covenant: Covenant, on: dt.date) -> list[BoardGroup]:
    """What needs attention now, from every app's attention source."""
    return [group for source in attention_sources if (group := source.collect(covenant, on)) is not None]


def my_work(covenant: Covenant, organisation: Any, on: dt.date) -> list[BoardGroup]:
    """The work of ``organisation`` (the user's), from every app's work source; none without one."""
    if organisation is None:
        return []
    return [
        group
        for source in work_sources
        if (group := source.collect(covenant, organisation, on)) is not None and group.total
    ]


# -- "mijn werk" across covenants (the start page of a user whose organisation is party to several) --------
WORK_ACROSS_LINES = 25  # lines per group on the start page; the rest are counted


@dataclass(frozen=True)
class CovenantLine:
    """A line of work labelled with its covenant."""

    covenant: Covenant
    line: BoardLine


@dataclass(frozen=True)
class WorkGroup:
    heading: str
    lines: tuple[CovenantLine, ...]  # the first ``WORK_ACROSS_LINES``
    total: int


def work_across(covenants: Sequence[Covenant], organisation: Any, on: dt.date) -> list[WorkGroup]:
    """The work of ``organisation`` in all ``covenants`` at once, per work source, each line labelled with
    its covenant. Every source's ``collect_across`` does a constant number of queries, so the start page
    does as many queries for one covenant as for three hundred. A source without one is asked per covenant
    (correct, but not constant: give every source a ``collect_across``). Draft covenants are not worked on
    yet, as on a covenant's own scoreboard; their proposals come through the covenant they succeed."""
    if organisation is None:
        return []
    working = [covenant for covenant in covenants if covenant.stage != "draft"]
    by_id = {covenant.pk: covenant for covenant in covenants}
    groups = []
    for source in work_sources:
        if source.collect_across is not None:
            found = source.collect_across(working, organisation, on) if working else None
        else:
            found = _ask_each(source.collect, working, organisation, on)
        if found is None or not found.lines:
            continue
        lines = tuple(
            CovenantLine(by_id[item.covenant_id], item.line)
            for item in found.lines
            if item.covenant_id in by_id
        )
        if lines:
            groups.append(WorkGroup(str(found.heading), lines[:WORK_ACROSS_LINES], len(lines)))
    return groups


def _ask_each(
    collect: Any, covenants: Sequence[Covenant], organisation: Any, on: dt.date
) -> WorkAcross | None:
    heading = ""
    lines: list[WorkLine] = []
    for covenant in covenants:
        group = collect(covenant, organisation, on)
        if group is not None:
            heading = str(group.heading)
            lines += [WorkLine(covenant.pk, line) for line in group.lines]
    return WorkAcross(heading, tuple(lines)) if lines else None
