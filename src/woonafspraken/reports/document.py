"""A report as plain values: the sections every app contributes (core.reporting), numbered, with a summary.

The renderers (contrib/pdf, contrib/docx, contrib/xlsx) only turn this into a file; they know nothing of
the apps. Which sections appear is decided by ``core.reporting.sections_for(kind)``.

The monitor is read by an administrator: a short front part (the summary, one page per theme with every
agreement's status and its reason, the key charts) and then the sections as appendices ("Bijlage A", with
the detailed tables). The jaarschijf document is the plan itself: its sections are its chapters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.agreements.models import Covenant
from woonafspraken.agreements.selectors import covenant_parties
from woonafspraken.core.charts import Chart
from woonafspraken.core.demo import examples_present
from woonafspraken.core.reporting import Finding, ReportContent, ReportKind, Verdict, sections_for
from woonafspraken.core.verdicts import (
    STATUS_LABELS,
    STATUS_ORDER,
    CovenantVerdicts,
    Status,
    covenant_verdicts,
    judging_day,
    one_reading,
)

Progress = Callable[[str], None]

# The summary is one row per agreement, its verdict from ``core.verdicts`` (the worst first).
VERDICTS: tuple[Verdict, ...] = tuple(status.value for status in STATUS_ORDER)


def verdict_label(verdict: str) -> str:
    """The label of an agreement status (``core.verdicts``), capitalised for headings and tiles."""
    try:
        return str(STATUS_LABELS[Status(verdict)]).capitalize()
    except ValueError:
        return verdict


def kind_title(kind: ReportKind, year: int) -> str:
    if kind == "monitor":
        return _("Performance agreements monitor %(year)s") % {"year": year}
    if kind == "jaarschijf":
        return _("Jaarschijf %(year)s") % {"year": year}
    return _("Performance agreements dashboard %(year)s") % {"year": year}


def kind_subtitle(kind: ReportKind, year: int) -> str:
    if kind == "monitor":
        return _(
            "Looking back on %(year)s, for the administrative consultation in the spring of %(next)s"
        ) % {
            "year": year,
            "next": year + 1,
        }
    if kind == "jaarschijf":
        return _(
            "Concrete activities per agreement in %(year)s, to be adopted in the administrative consultation "
            "in the autumn of %(previous)s"
        ) % {"year": year, "previous": year - 1}
    return _("The state of affairs at a glance")


@dataclass(frozen=True)
class Node:
    """A numbered (sub)section of the report, ready to render."""

    number: str  # "2.3", or in an appendix "A.3"
    level: int  # 1 for a section, 2 for its subsections, ...
    content: ReportContent
    appendix: bool = False  # the monitor's sections follow its front part as appendices

    @property
    def anchor(self) -> str:
        return "h-" + self.number.replace(".", "-")

    @property
    def heading(self) -> str:
        if self.appendix and self.level == 1:
            return _("Appendix %(letter)s – %(title)s") % {"letter": self.number, "title": self.content.title}
        return f"{self.number} {self.content.title}"


@dataclass(frozen=True)
class AgreementLine:
    """One agreement on its theme's page: number, subject, its verdict (``core.verdicts``) and the reason."""

    number: str
    subject: str
    verdict: Verdict
    reason: str
    is_demo: bool = False

    @property
    def verdict_label(self) -> str:
        return verdict_label(self.verdict)


@dataclass(frozen=True)
class ThemePage:
    number: int
    title: str
    agreements: list[AgreementLine]

    @property
    def heading(self) -> str:
        return _("Theme %(number)s – %(title)s") % {"number": self.number, "title": self.title}

    @property
    def anchor(self) -> str:
        return f"thema-{self.number}"

    def counts(self) -> list[tuple[str, str, int]]:
        """(verdict, label, count) of the statuses that occur, worst first."""
        found = [line.verdict for line in self.agreements]
        return [
            (verdict, verdict_label(verdict), found.count(verdict))
            for verdict in VERDICTS
            if verdict in found
        ]


@dataclass(frozen=True)
class KeyChart:
    """A chart of the front part, with the title of the appendix its section's details are in."""

    chart: Chart
    section: str


@dataclass(frozen=True)
class Summary:
    """Every agreement once, under its verdict on ``on`` (``core.verdicts``)."""

    on: dt.date
    counts: dict[str, int]
    findings: dict[
        str, list[Finding]
    ]  # per status, one per agreement: "1.1.2 Versnelling woningbouw: <reason>"

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def rows(self) -> list[tuple[str, str, int]]:
        return [(verdict, verdict_label(verdict), self.counts[verdict]) for verdict in VERDICTS]


@dataclass(frozen=True)
class Report:
    kind: ReportKind
    year: int
    covenant_title: str
    municipality: str
    parties: list[str]
    title: str
    subtitle: str
    generated_on: dt.date
    sections: list[ReportContent]
    summary: Summary
    contains_examples: bool = False
    notes: list[str] = field(default_factory=list)
    verdicts: CovenantVerdicts | None = None  # every agreement's verdict on ``summary.on``
    themes: list[ThemePage] = field(default_factory=list)  # the monitor's page per theme
    covenant_id: int | None = None

    @property
    def has_front_part(self) -> bool:
        """The monitor opens with the summary, a page per theme and the key charts; its sections are appendices."""
        return self.kind == "monitor"

    @property
    def key_charts(self) -> list[KeyChart]:
        if not self.has_front_part:
            return []
        return [
            KeyChart(chart, node.heading)
            for node in self.nodes()
            if node.level == 1
            for chart in node.content.key_charts
        ]

    def attention(self) -> list[Finding]:
        """The agreements that are behind or need attention, worst first: the summary names them."""
        return [*self.summary.findings.get("behind", []), *self.summary.findings.get("attention", [])]

    def nodes(self) -> Iterator[Node]:
        """Every section and subsection in reading order, numbered 1, 1.1, 1.1.1, ... (appendices A, A.1, ...)."""
        appendix = self.has_front_part

        def walk(content: ReportContent, number: str, level: int) -> Iterator[Node]:
            yield Node(number, level, content, appendix)
            for index, child in enumerate(content.subsections, start=1):
                yield from walk(child, f"{number}.{index}", level + 1)

        for index, section in enumerate(self.sections, start=1):
            yield from walk(section, chr(ord("A") + index - 1) if appendix else str(index), 1)

    def tables(self) -> Iterator[tuple[Node, int]]:
        for node in self.nodes():
            for index in range(len(node.content.tables)):
                yield node, index

    @property
    def filename_stem(self) -> str:
        slug = "".join(c if c.isalnum() else "-" for c in self.municipality.lower()).strip("-")
        return f"{self.kind}-{self.year}-{slug}"


def summarise(covenant: Covenant, verdicts: CovenantVerdicts) -> Summary:
    """One finding per agreement, under its verdict: the summary page lists every agreement exactly once."""
    subjects = dict(covenant.agreements.values_list("number", "subject"))
    findings: dict[str, list[Finding]] = {verdict: [] for verdict in VERDICTS}
    for number, verdict in verdicts.items():
        label = f"{number} {subjects.get(number, '')}".strip()
        if verdict.reason:
            label = f"{label}: {verdict.reason}"
        findings[verdict.status.value].append(
            Finding(label=label, verdict=verdict.status.value, agreement=number, is_demo=verdict.is_demo)
        )
    return Summary(
        on=verdicts.on,
        counts={verdict: len(items) for verdict, items in findings.items()},
        findings=findings,
    )


def theme_pages(covenant: Covenant, verdicts: CovenantVerdicts) -> list[ThemePage]:
    """Every theme with each of its agreements and its verdict, in the agreements' order."""
    agreements = {
        number: (subject, theme_number, theme_title)
        for number, subject, theme_number, theme_title in covenant.agreements.values_list(
            "number", "subject", "theme__number", "theme__title"
        )
    }
    pages: dict[int, ThemePage] = {}
    for number, verdict in verdicts.items():
        subject, theme_number, theme_title = agreements.get(number, ("", 0, ""))
        page = pages.setdefault(theme_number, ThemePage(theme_number, theme_title, []))
        page.agreements.append(
            AgreementLine(number, subject, verdict.status.value, verdict.reason, verdict.is_demo)
        )
    return [pages[number] for number in sorted(pages)]


def build_report(
    covenant: Covenant,
    year: int,
    kind: ReportKind,
    *,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> Report:
    """Ask every registered section for its content for (covenant, year, kind); leave out empty ones."""
    step = progress or (lambda _label: None)
    sections: list[ReportContent] = []
    generated_on = today or timezone.localdate()
    with one_reading(covenant):  # the sections and the summary share one working-out of the verdicts
        for section in sections_for(kind):
            content = section.build(covenant, year, kind)
            step(section.name)
            if content is not None:
                sections.append(content)
        verdicts = covenant_verdicts(covenant, judging_day(year, generated_on))
    examples = examples_present(covenant)
    notes = []
    if examples:
        notes.append(
            _(
                "This system holds made-up example data (marked ‘voorbeeld’). "
                "Do not use this report as a real account."
            )
        )
    return Report(
        kind=kind,
        year=year,
        covenant_title=covenant.title,
        municipality=covenant.municipality,
        parties=[party.name for party in covenant_parties(covenant)],
        title=kind_title(kind, year),
        subtitle=kind_subtitle(kind, year),
        generated_on=generated_on,
        sections=sections,
        summary=summarise(covenant, verdicts),
        contains_examples=examples,
        notes=notes,
        verdicts=verdicts,
        themes=theme_pages(covenant, verdicts) if kind == "monitor" else [],
        covenant_id=covenant.pk,
    )


def section_count(kind: ReportKind) -> int:
    return len(sections_for(kind))
