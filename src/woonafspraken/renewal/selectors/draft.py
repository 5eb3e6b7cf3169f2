"""Reads of the draft successor: each agreement's lineage ("was 1.3.1", "nieuw", "samengevoegd uit …",
"deel van …") and the predecessor's agreements that have no successor ("vervalt")."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from woonafspraken.agreements.models import Agreement, Covenant, CovenantStage
from woonafspraken.renewal.models import Proposal, ProposalState

__all__ = [
    "Lineage",
    "LineageKind",
    "draft_lineage",
    "dropped_predecessors",
    "open_proposal_counts",
    "draft_of",
]


class LineageKind(StrEnum):
    NEW = "new"
    WAS = "was"
    MERGED = "merged"
    PART = "part"


@dataclass(frozen=True)
class Lineage:
    kind: LineageKind
    numbers: tuple[str, ...]  # the predecessors' numbers, in reading order

    @property
    def label(self) -> str:
        if self.kind is LineageKind.NEW:
            return _("new")
        if self.kind is LineageKind.PART:
            return _("part of %(number)s") % {"number": self.numbers[0]}
        if self.kind is LineageKind.MERGED:
            return _("merged from %(first)s and %(last)s") % {
                "first": ", ".join(self.numbers[:-1]),
                "last": self.numbers[-1],
            }
        return _("was %(number)s") % {"number": self.numbers[0]}


_Through = Agreement.predecessors.through


def draft_lineage(draft: Covenant) -> dict[int, Lineage]:
    """Every agreement of ``draft`` (by pk) with its lineage (two queries)."""
    links = list(
        _Through.objects.filter(from_agreement__covenant=draft)
        .order_by("to_agreement__order")
        .values_list("from_agreement_id", "to_agreement_id", "to_agreement__number")
    )
    predecessors: dict[int, list[str]] = defaultdict(list)
    successors: dict[int, int] = defaultdict(int)
    first: dict[int, int] = {}
    for successor, predecessor, number in links:
        predecessors[successor].append(number)
        successors[predecessor] += 1
        first.setdefault(successor, predecessor)
    result: dict[int, Lineage] = {}
    for pk in draft.agreements.values_list("pk", flat=True):
        numbers = tuple(predecessors.get(pk, ()))
        if not numbers:
            result[pk] = Lineage(LineageKind.NEW, ())
        elif len(numbers) > 1:
            result[pk] = Lineage(LineageKind.MERGED, numbers)
        elif successors[first[pk]] > 1:
            result[pk] = Lineage(LineageKind.PART, numbers)
        else:
            result[pk] = Lineage(LineageKind.WAS, numbers)
    return result


def dropped_predecessors(draft: Covenant) -> QuerySet[Agreement]:
    """The predecessor's agreements that have no successor in ``draft``: they lapse ("vervalt")."""
    if draft.predecessor_id is None:
        return Agreement.objects.none()
    kept = _Through.objects.filter(from_agreement__covenant=draft).values("to_agreement_id")
    return Agreement.objects.filter(covenant_id=draft.predecessor_id).exclude(pk__in=kept).order_by("order")


def open_proposal_counts(draft: Covenant) -> dict[int, int]:
    """Open proposals per agreement of ``draft`` (one query)."""
    rows = (
        Agreement.objects.filter(covenant=draft)
        .annotate(open=Count("proposals", filter=Q(proposals__state=ProposalState.OPEN)))
        .filter(open__gt=0)
        .values_list("pk", "open")
    )
    return dict(rows)


def draft_of(covenant: Covenant) -> Covenant | None:
    """The covenant itself when it is a draft, else its newest draft successor (None: none yet)."""
    if covenant.stage == CovenantStage.DRAFT:
        return covenant
    return covenant.successors.filter(stage=CovenantStage.DRAFT).order_by("-start_date", "-pk").first()


def proposals_of(agreement: Agreement) -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(agreement=agreement)
        .select_related("owner", "decided_by", "applied_version", "created_by")
        .prefetch_related("comments__organisation", "comments__author")
        .order_by("created_at", "pk")
    )
