"""The national comparison: per covenant that opted in and per theme, the agreements, their statuses and
how concrete they are written.

Statuses come from ``core.verdicts.covenant_verdicts`` (the one verdict per agreement, as on every
covenant's scoreboard); concreteness from ``national.concreteness`` (pure). Nothing here decides a status.
Queries: the covenants, the agreements with their themes and leads (three), and per covenant its verdicts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Prefetch

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.core.demo import example_mark
from woonafspraken.core.verdicts import STATUS_CSS, STATUS_LABELS, STATUS_ORDER, Status, covenant_verdicts
from woonafspraken.national.concreteness import CRITERIA, MAX_SCORE, Concreteness, Criterion, concreteness


@dataclass(frozen=True)
class AgreementScore:
    """One agreement of a covenant in the comparison."""

    covenant: Covenant
    theme: str
    number: str
    subject: str
    status: Status
    concreteness: Concreteness
    is_demo: bool  # its covenant is fictitious, or its status rests on example data

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def status_css(self) -> str:
        return STATUS_CSS[self.status]

    @property
    def evidence(self) -> tuple[tuple[str, ...], ...]:
        """The words found per criterion, in the order of ``CRITERIA`` (empty where it names none)."""
        return tuple(self.concreteness.evidence(criterion) for criterion in CRITERIA)


@dataclass(frozen=True)
class Tally:
    """A group of agreements (one covenant's, or one covenant's in one theme): counts per status and per
    score."""

    covenant: Covenant | None  # None for the total over all covenants
    agreements: int
    by_status: tuple[tuple[Status, int], ...]  # in the order of ``STATUS_ORDER``
    by_score: tuple[int, ...]  # number of agreements with score 0, 1, 2, 3
    score_total: int
    is_demo: bool

    @property
    def mean_score(self) -> float | None:
        return round(self.score_total / self.agreements, 1) if self.agreements else None

    @property
    def fully_concrete(self) -> int:
        """Agreements that name a number, a time and a trekker (score 3)."""
        return self.by_score[MAX_SCORE]

    def count(self, status: Status) -> int:
        return dict(self.by_status)[status]


@dataclass(frozen=True)
class ThemeTable:
    title: str
    rows: tuple[Tally, ...]  # one per covenant that has a theme of this title


@dataclass(frozen=True)
class Comparison:
    on: dt.date
    summary: tuple[Tally, ...]  # one per covenant, all its agreements
    themes: tuple[ThemeTable, ...]
    agreements: tuple[AgreementScore, ...]

    @property
    def is_demo(self) -> bool:
        return any(row.is_demo for row in self.summary)

    @property
    def total(self) -> Tally | None:
        """All covenants together (None when nothing opted in)."""
        return _tally(None, self.agreements) if self.agreements else None


def theme_key(title: str) -> str:
    """Themes of different covenants are the same theme when their titles are ("1. Betaalbaarheid" and
    "Betaalbaarheid" too): compared without a leading number, case or extra spaces."""
    return re.sub(r"\s+", " ", re.sub(r"^\s*\d+[.)]?\s*", "", title)).strip().casefold()


def compared_covenants() -> list[Covenant]:
    """The covenants in the comparison: those that opted in, signed ones only (a draft is not judged)."""
    return list(
        Covenant.objects.in_national_comparison().signed().order_by("municipality", "start_date", "pk")
    )


def comparison(on: dt.date, *, covenants: Sequence[Covenant] | None = None) -> Comparison:
    """The comparison on ``on`` over ``covenants`` (default: every covenant that opted in)."""
    chosen = list(covenants) if covenants is not None else compared_covenants()
    by_id = {covenant.pk: covenant for covenant in chosen}
    agreements = (
        Agreement.objects.filter(covenant__in=chosen)
        .select_related("theme")
        .prefetch_related(Prefetch("leads", queryset=Organisation.objects.only("name")))
        .order_by("covenant_id", "order", "pk")
    )
    rows: list[AgreementScore] = []
    demo_covenants: set[int] = set()
    verdicts = {covenant.pk: covenant_verdicts(covenant, on) for covenant in chosen}
    for agreement in agreements:
        covenant = by_id[agreement.covenant_id]
        verdict = verdicts[covenant.pk].get(agreement.number)
        if verdict is None:
            continue
        is_demo = covenant.is_demo or verdict.is_demo
        if is_demo:
            demo_covenants.add(covenant.pk)
        rows.append(
            AgreementScore(
                covenant=covenant,
                theme=agreement.theme.title,
                number=agreement.number,
                subject=agreement.subject,
                status=verdict.status,
                concreteness=concreteness(
                    agreement.text,
                    leads=[lead.name for lead in agreement.leads.all()],
                    due=agreement.due_raw,
                ),
                is_demo=is_demo,
            )
        )
    summary = tuple(
        _tally(covenant, [row for row in rows if row.covenant.pk == covenant.pk]) for covenant in chosen
    )
    return Comparison(on=on, summary=summary, themes=_themes(chosen, rows), agreements=tuple(rows))


def _themes(covenants: Sequence[Covenant], rows: Sequence[AgreementScore]) -> tuple[ThemeTable, ...]:
    titles: dict[str, str] = {}  # key -> the title as first seen
    grouped: dict[str, dict[int, list[AgreementScore]]] = {}
    for row in rows:
        key = theme_key(row.theme)
        titles.setdefault(key, row.theme)
        grouped.setdefault(key, {}).setdefault(row.covenant.pk, []).append(row)
    return tuple(
        ThemeTable(
            titles[key],
            tuple(
                _tally(covenant, per_covenant[covenant.pk])
                for covenant in covenants
                if covenant.pk in per_covenant
            ),
        )
        for key, per_covenant in grouped.items()
    )


def _tally(covenant: Covenant | None, rows: Iterable[AgreementScore]) -> Tally:
    items = list(rows)
    statuses = dict.fromkeys(STATUS_ORDER, 0)
    scores = [0] * (MAX_SCORE + 1)
    for row in items:
        statuses[row.status] += 1
        scores[row.concreteness.score] += 1
    return Tally(
        covenant=covenant,
        agreements=len(items),
        by_status=tuple(statuses.items()),
        by_score=tuple(scores),
        score_total=sum(row.concreteness.score for row in items),
        is_demo=any(row.is_demo for row in items),
    )


def export_rows(result: Comparison) -> list[dict[str, object]]:
    """One row per agreement for the CSV and Excel export (``national.presentation.COMPARISON_SHEET``)."""
    mark = example_mark()
    return [
        {
            "covenant": row.covenant.title,
            "municipality": row.covenant.municipality,
            "theme": row.theme,
            "number": row.number,
            "subject": row.subject,
            "status": row.status.value,
            "status_label": row.status_label,
            "score": row.concreteness.score,
            "number_evidence": "; ".join(row.concreteness.evidence(Criterion.NUMBER)),
            "time_evidence": "; ".join(row.concreteness.evidence(Criterion.TIME)),
            "lead_evidence": "; ".join(row.concreteness.evidence(Criterion.LEAD)),
            "example": mark if row.is_demo else "",
        }
        for row in result.agreements
    ]
