"""What a domain app contributes to a report (monitor, jaarschijf document, dashboard), as plain values.

Apps register a ``ReportSection`` in their ``report_sections.py``; the reports app renders every section's
``ReportContent`` uniformly to PDF (WeasyPrint), Word (python-docx) and Excel (openpyxl), charts
included (SVG/PNG from the same Vega-Lite spec as the web page). Sections that have nothing for the
year return None and are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from woonafspraken.core.charts import Chart
from woonafspraken.core.registry import AnyCovenant, Registry
from woonafspraken.core.verdicts import OUTCOME_LABELS, STATUS_LABELS, Outcome, Status

ReportKind = Literal["monitor", "jaarschijf", "dashboard"]
# An agreement's status (``core.verdicts.Status``) or, for a finding inside a section, an item's outcome.
# "unknown": an item inside a section that cannot be judged (never an agreement's status).
Verdict = Literal["on_track", "behind", "attention", "done", "not_assessable", "unknown"]


@dataclass(frozen=True)
class ReportTable:
    title: str
    columns: list[str]
    rows: list[list[Any]]
    numeric_columns: frozenset[int] = frozenset()  # right-aligned, Dutch number format
    # Indexes of rows that hold fictitious example data: every format marks them ("voorbeeld") with a legend.
    demo_rows: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Finding:
    """One line for the summary page: what is on track, behind or done."""

    label: str  # "1.1.2 Versnelling woningbouw: 96,6 per jaar gepland tegen 80 afgesproken"
    verdict: Verdict
    agreement: str | None = None  # agreement number
    is_demo: bool = False  # rests on fictitious example data

    @property
    def verdict_label(self) -> str:
        """The finding's outcome in the words of ``core.verdicts`` (inside a section: an item's outcome)."""
        if self.verdict in Outcome.__members__.values():
            return str(OUTCOME_LABELS[Outcome(self.verdict)]).capitalize()
        if self.verdict == "unknown":
            return str(OUTCOME_LABELS[Outcome.NO_DATA]).capitalize()
        if self.verdict in Status.__members__.values():
            return str(STATUS_LABELS[Status(self.verdict)]).capitalize()
        return self.verdict


@dataclass(frozen=True)
class ReportContent:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[ReportTable] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    subsections: list[ReportContent] = field(default_factory=list)
    # A few charts (with their data) for the front part of the monitor: new build against the agreement,
    # the stock, waiting times. The rest of the section (``charts``, ``tables``) is its appendix.
    key_charts: list[Chart] = field(default_factory=list)


@dataclass(frozen=True)
class ReportSection:
    name: str
    order: int
    kinds: frozenset[ReportKind]
    build: Callable[[AnyCovenant, int, ReportKind], ReportContent | None]  # (covenant, year, kind)


report_sections = Registry[ReportSection](
    "Report section", key=lambda section: section.name, order=lambda section: section.order
)
register_report_section = report_sections.register


def sections_for(kind: ReportKind) -> list[ReportSection]:
    return [section for section in report_sections if kind in section.kinds]
