"""How the draft successor plugs into shared places: the covenant menu and the "mijn werk" lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from woonafspraken.agreements.models import Covenant, CovenantStage
from woonafspraken.core.changes import RevertHandler, register_revert_handler
from woonafspraken.core.registry import (
    BOARD_LINES,
    BoardGroup,
    BoardLine,
    NavItem,
    WorkAcross,
    WorkLine,
    WorkSource,
    register_nav,
    register_work_source,
)
from woonafspraken.renewal.models import Proposal, ProposalState
from woonafspraken.renewal.services.negotiation import proposal_outcome_undo


def _drafts(covenant: Covenant) -> list[int]:
    """The covenant itself when it is a draft, else its draft successors (their work shows on its board)."""
    if covenant.stage == CovenantStage.DRAFT:
        return [covenant.pk]
    return list(covenant.successors.filter(stage=CovenantStage.DRAFT).values_list("pk", flat=True))


def proposals_awaiting_outcome(covenant: Covenant, organisation: Any, on: dt.date) -> BoardGroup | None:
    """For the coordinating organisation (the covenant's owner): open proposals on its draft (one query)."""
    if organisation is None or organisation.pk != covenant.owner_id:
        return None
    drafts = _drafts(covenant)
    if not drafts:
        return None
    proposals = list(
        Proposal.objects.filter(agreement__covenant_id__in=drafts, state=ProposalState.OPEN)
        .select_related("agreement", "owner")
        .order_by("created_at", "pk")
    )
    return BoardGroup(
        heading=gettext_lazy("Proposals awaiting an outcome"),
        lines=tuple(
            BoardLine(
                text=f"{proposal.agreement.number} {proposal.agreement.subject}",
                url=reverse(
                    "renewal:draft_agreement",
                    args=[proposal.agreement.covenant_id, proposal.agreement.number],
                ),
                detail=gettext("proposal of %(party)s") % {"party": proposal.owner.name},
            )
            for proposal in proposals[:BOARD_LINES]
        ),
        total=len(proposals),
        all_url=reverse("renewal:draft", args=[drafts[0]]),
        empty=gettext_lazy("No proposal awaits an outcome."),
    )


def proposals_awaiting_outcome_across(
    covenants: Sequence[Covenant], organisation: Any, on: dt.date
) -> WorkAcross | None:
    """``proposals_awaiting_outcome`` over several covenants at once: two queries. A line belongs to the
    listed covenant it came from (the draft itself, or the covenant whose draft successor it is on)."""
    owned = [
        covenant.pk
        for covenant in covenants
        if organisation is not None and covenant.owner_id == organisation.pk
    ]
    if not owned:
        return None
    drafts = dict(
        Covenant.objects.filter(stage=CovenantStage.DRAFT)
        .filter(Q(pk__in=owned) | Q(predecessor_id__in=owned))
        .values_list("pk", "predecessor_id")
    )
    listed = set(owned)
    proposals = (
        Proposal.objects.filter(agreement__covenant_id__in=list(drafts), state=ProposalState.OPEN)
        .select_related("agreement", "owner")
        .order_by("created_at", "pk")
    )
    return WorkAcross(
        heading=gettext_lazy("Proposals awaiting an outcome"),
        lines=tuple(
            WorkLine(
                _listed_covenant(proposal.agreement.covenant_id, listed, drafts),
                BoardLine(
                    text=f"{proposal.agreement.number} {proposal.agreement.subject}",
                    url=reverse(
                        "renewal:draft_agreement",
                        args=[proposal.agreement.covenant_id, proposal.agreement.number],
                    ),
                    detail=gettext("proposal of %(party)s") % {"party": proposal.owner.name},
                ),
            )
            for proposal in proposals
        ),
    )


def _listed_covenant(draft_id: int, listed: set[int], predecessors: dict[int, int]) -> int:
    """The listed covenant a draft's proposal belongs to: the draft itself, else the one it succeeds."""
    if draft_id in listed:
        return draft_id
    return predecessors[draft_id] or draft_id


def _revert_proposal(obj: Any, record: Any, user: Any) -> None:
    assert isinstance(obj, Proposal)
    proposal_outcome_undo(obj, record, user)


def register_draft() -> None:
    register_revert_handler(RevertHandler("renewal.Proposal", _revert_proposal))
    register_nav(
        NavItem(label=cast(str, gettext_lazy("Draft successor")), url_name="renewal:draft", order=90)
    )
    register_work_source(
        WorkSource(
            name="renewal.proposals",
            order=25,
            collect=proposals_awaiting_outcome,
            collect_across=proposals_awaiting_outcome_across,
        )
    )
