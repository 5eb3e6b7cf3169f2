"""Reads along the agreements' lineage into the next covenant: where did agreement X of the old covenant go?

The lineage itself is ``Agreement.predecessors`` (a copied, rewritten or renumbered agreement has one
predecessor, a merged one several, the parts of a split share theirs). The carry-over of unfinished
activities (``annual_plans``) and of indicators (``indicators``) both ask it, so it lives here, below them.
"""

from __future__ import annotations

from collections.abc import Iterable

from woonafspraken.agreements.models import Agreement, Covenant


def _normal(text: str) -> str:
    return " ".join(text.split())


def successors_in(covenant: Covenant, predecessor_ids: Iterable[int]) -> dict[int, list[Agreement]]:
    """Per agreement of the old covenant (by id): its successors in ``covenant``, in their order.

    An id without successors is absent (the agreement was dropped). One query.
    """
    ids = set(predecessor_ids)
    found: dict[int, list[Agreement]] = {}
    if not ids:
        return found
    links = (
        Agreement.predecessors.through.objects.filter(
            from_agreement__covenant=covenant, to_agreement_id__in=ids
        )
        .select_related("from_agreement")
        .order_by("from_agreement__order", "from_agreement_id")
    )
    for link in links:
        found.setdefault(link.to_agreement_id, []).append(link.from_agreement)
    return found


def text_unchanged(successor: Agreement, predecessors: Iterable[Agreement]) -> bool:
    """The successor says the same as its one predecessor (spacing aside); a merged one never does."""
    old = list(predecessors)
    return len(old) == 1 and _normal(old[0].text) == _normal(successor.text)
