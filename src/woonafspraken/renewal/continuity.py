"""Vorige periode / nieuwe periode: what a successor's agreement was in the previous covenant, and how it stood.

The old status is never worked out here: it is ``core.verdicts.covenant_verdicts`` of the predecessor on
its last day (the day before the successor starts, at the latest today), the one verdict function. This
module plugs an agreement panel ("Vorige periode") and a monitor appendix into the registries
(``register_continuity``, called from ``RenewalConfig.ready``): the apps it shows stay free of renewal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.core.formatting import format_date
from woonafspraken.core.registry import AgreementPanel, register_agreement_panel
from woonafspraken.core.reporting import (
    ReportContent,
    ReportKind,
    ReportSection,
    ReportTable,
    register_report_section,
)
from woonafspraken.core.verdicts import Evidence, Kind, Verdict, covenant_verdicts, monitor_day
from woonafspraken.indicators.continuity import TargetToConfirm, targets_to_confirm


def period_name(covenant: Covenant) -> str:
    """ "Kampen 2022–2026": the municipality and the years of the term."""
    return f"{covenant.municipality} {covenant.start_date.year}–{covenant.end_date.year}"


def last_day(predecessor: Covenant, successor: Covenant, today: dt.date) -> dt.date:
    """The day the previous period is judged on: its last day (its end, or the day before the successor
    starts when that is later, an automatic extension), and never after ``today``."""
    end = max(predecessor.end_date, successor.start_date - dt.timedelta(days=1))
    return min(end, today)


@dataclass(frozen=True)
class PreviousAgreement:
    agreement: Agreement  # the predecessor
    verdict: Verdict
    figures: tuple[Evidence, ...]  # the target evidence: the previous period's figures against its targets
    url: str

    @property
    def reason(self) -> str:
        return self.verdict.reason or (self.verdict.evidence[0].text if self.verdict.evidence else "")


@dataclass(frozen=True)
class PreviousPeriod:
    covenant: Covenant  # the predecessor
    name: str  # "Kampen 2022–2026"
    day: dt.date
    agreements: tuple[PreviousAgreement, ...]
    to_confirm: tuple[TargetToConfirm, ...]

    @property
    def day_text(self) -> str:
        return format_date(self.day)


def previous_period(agreement: Agreement, *, today: dt.date | None = None) -> PreviousPeriod | None:
    """The predecessors of ``agreement`` with their status on the previous period's last day; None without."""
    predecessors = list(agreement.predecessors.select_related("covenant").order_by("order"))
    if not predecessors:
        return None
    old = predecessors[0].covenant
    day = last_day(old, agreement.covenant, today or timezone.localdate())
    verdicts = covenant_verdicts(old, day)
    rows = tuple(
        PreviousAgreement(
            agreement=item,
            verdict=verdicts[item.number],
            figures=tuple(e for e in verdicts[item.number].evidence if e.kind is Kind.TARGET),
            url=reverse("agreements:detail", args=[old.pk, item.number]),
        )
        for item in predecessors
        if item.number in verdicts
    )
    return PreviousPeriod(
        old, period_name(old), day, rows, tuple(targets_to_confirm(agreement.covenant, agreement=agreement))
    )


def agreement_panel(request: HttpRequest, agreement: Agreement) -> dict[str, Any] | None:
    period = previous_period(agreement)
    if period is None:
        return None
    return {"period": period, "agreement": agreement}


def monitor_section(covenant: Covenant, year: int, kind: ReportKind) -> ReportContent | None:
    """Appendix "Vorige periode": per agreement of the successor, what it was and its last status then."""
    old = covenant.predecessor
    if old is None:
        return None
    day = last_day(old, covenant, min(timezone.localdate(), monitor_day(year)))
    verdicts = covenant_verdicts(old, day)
    rows: list[list[Any]] = []
    demo: set[int] = set()
    for agreement in covenant.agreements.prefetch_related("predecessors").order_by("order"):
        for before in sorted(agreement.predecessors.all(), key=lambda item: item.order):
            verdict = verdicts.get(before.number) if before.covenant_id == old.pk else None
            if verdict is None:
                continue
            if verdict.is_demo:
                demo.add(len(rows))
            rows.append([agreement.number, before.number, verdict.label, verdict.reason])
    if not rows:
        return None
    name = period_name(old)
    return ReportContent(
        title=_("Previous period (%(period)s)") % {"period": name},
        paragraphs=[
            _(
                "Each agreement of this covenant with the agreement it continues from %(title)s, and that "
                "agreement's status on %(day)s, the last day of the previous period on which it is judged "
                "(the same verdict as in that covenant's monitor)."
            )
            % {"title": old.title, "day": format_date(day)}
        ],
        tables=[
            ReportTable(
                title=_("Previous period (%(period)s)") % {"period": name},
                columns=[_("Agreement"), _("Was"), _("Status then"), _("Reason")],
                rows=rows,
                demo_rows=frozenset(demo),
            )
        ],
    )


def register_continuity() -> None:
    register_agreement_panel(
        AgreementPanel(
            name="renewal.previous_period",
            template="renewal/continuity_agreement_panel.html",
            order=5,
            context=agreement_panel,
        )
    )
    register_report_section(
        ReportSection(
            name="renewal.previous_period", order=90, kinds=frozenset({"monitor"}), build=monitor_section
        )
    )
