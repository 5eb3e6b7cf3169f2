"""A report as plain values: the sections every app contributes (core.reporting), numbered, with a summary.

The renderers (contrib/pdf, contrib/docx, contrib/xlsx) only turn this into a file; they know nothing of
the apps. Which sections appear is decided by ``core.reporting.sections_for(kind)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.utils import timezone

from woonafspraken.agreements.models import Covenant
from woonafspraken.agreements.selectors import covenant_parties
from woonafspraken.core.demo import examples_present
from woonafspraken.core.reporting import Finding, ReportContent, ReportKind, Verdict, sections_for

Progress = Callable[[str], None]

VERDICTS: tuple[Verdict, ...] = ("on_track", "behind", "attention", "done", "unknown")
VERDICT_LABELS: dict[str, str] = {
    "on_track": "Op schema",
    "behind": "Achter",
    "attention": "Aandacht nodig",
    "done": "Gereed",
    "unknown": "Nog niet te beoordelen",
}
KIND_TITLES: dict[str, str] = {
    "monitor": "Monitor prestatieafspraken {year}",
    "jaarschijf": "Jaarschijf {year}",
    "dashboard": "Dashboard prestatieafspraken {year}",
}
KIND_SUBTITLES: dict[str, str] = {
    "monitor": "Terugblik op {year}, voor het bestuurlijk overleg in het voorjaar van {next}",
    "jaarschijf": "Concrete activiteiten per afspraak in {year}, ter vaststelling in het bestuurlijk overleg najaar {previous}",
    "dashboard": "De stand van zaken in één oogopslag",
}


@dataclass(frozen=True)
class Node:
    """A numbered (sub)section of the report, ready to render."""

    number: str  # "2.3"
    level: int  # 1 for a section, 2 for its subsections, ...
    content: ReportContent

    @property
    def anchor(self) -> str:
        return "h-" + self.number.replace(".", "-")

    @property
    def heading(self) -> str:
        return f"{self.number} {self.content.title}"


@dataclass(frozen=True)
class Summary:
    counts: dict[str, int]
    findings: dict[str, list[Finding]]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def rows(self) -> list[tuple[str, str, int]]:
        return [(verdict, VERDICT_LABELS[verdict], self.counts[verdict]) for verdict in VERDICTS]


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

    def nodes(self) -> Iterator[Node]:
        """Every section and subsection in reading order, numbered 1, 1.1, 1.1.1, ..."""

        def walk(content: ReportContent, number: str, level: int) -> Iterator[Node]:
            yield Node(number, level, content)
            for index, child in enumerate(content.subsections, start=1):
                yield from walk(child, f"{number}.{index}", level + 1)

        for index, section in enumerate(self.sections, start=1):
            yield from walk(section, str(index), 1)

    def tables(self) -> Iterator[tuple[Node, int]]:
        for node in self.nodes():
            for index in range(len(node.content.tables)):
                yield node, index

    @property
    def filename_stem(self) -> str:
        slug = "".join(c if c.isalnum() else "-" for c in self.municipality.lower()).strip("-")
        return f"{self.kind}-{self.year}-{slug}"


def summarise(sections: list[ReportContent]) -> Summary:
    findings: dict[str, list[Finding]] = {verdict: [] for verdict in VERDICTS}

    def collect(content: ReportContent) -> None:
        for finding in content.findings:
            findings.setdefault(finding.verdict, []).append(finding)
        for child in content.subsections:
            collect(child)

    for section in sections:
        collect(section)
    return Summary(counts={verdict: len(items) for verdict, items in findings.items()}, findings=findings)


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
    for section in sections_for(kind):
        content = section.build(covenant, year, kind)
        step(section.name)
        if content is not None:
            sections.append(content)
    examples = examples_present(covenant)
    notes = []
    if examples:
        notes.append(
            "Dit systeem bevat verzonnen voorbeeldgegevens (gemarkeerd als ‘voorbeeld’). "
            "Gebruik dit rapport niet als echte verantwoording."
        )
    return Report(
        kind=kind,
        year=year,
        covenant_title=covenant.title,
        municipality=covenant.municipality,
        parties=[party.name for party in covenant_parties(covenant)],
        title=KIND_TITLES[kind].format(year=year),
        subtitle=KIND_SUBTITLES[kind].format(year=year, next=year + 1, previous=year - 1),
        generated_on=today or timezone.localdate(),
        sections=sections,
        summary=summarise(sections),
        contains_examples=examples,
        notes=notes,
    )


def section_count(kind: ReportKind) -> int:
    return len(sections_for(kind))
