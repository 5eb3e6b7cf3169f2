"""An indicator across two covenants: its previous period, and the targets still to confirm.

The indicator of the predecessor with the same code is the same figure in the previous period: its
observations stay there and are shown as "vorige periode". A target of the predecessor whose agreement
changed is not copied (``services.carry_over``): until the coordinator records a target for the new
agreement, it is listed here as "doel te bevestigen", and nothing is judged on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.agreements.succession import successors_in, text_unchanged
from woonafspraken.indicators.constants import TargetSourceKind
from woonafspraken.indicators.models import Indicator
from woonafspraken.indicators.presentation import target_text


@dataclass(frozen=True)
class TargetToConfirm:
    code: str
    name: str
    agreement: str  # the new agreement's number
    previous_agreement: str  # the old agreement's number
    text: str  # "Doel te bevestigen: ..." in one sentence


def targets_to_confirm(successor: Covenant, *, agreement: Agreement | None = None) -> list[TargetToConfirm]:
    """The agreed targets of the predecessor that the successor has not confirmed from its new text.

    ``agreement``: only those of that agreement of the successor. Four queries, whatever the number.
    """
    if successor.predecessor_id is None:
        return []
    mine = {
        indicator.code: indicator
        for indicator in Indicator.objects.filter(covenant=successor).prefetch_related("targets")
    }
    if not mine:
        return []
    old = (
        Indicator.objects.filter(covenant_id=successor.predecessor_id, code__in=mine)
        .select_related("covenant")
        .prefetch_related("targets__agreement")
        .order_by("order", "code")
    )
    old_targets = [
        (indicator, target, target.agreement)
        for indicator in old
        for target in indicator.targets.all()
        if target.source_kind == TargetSourceKind.AGREEMENT and target.agreement is not None
    ]
    successors = successors_in(successor, {before.pk for _i, _t, before in old_targets})
    parts = {part.pk for found in successors.values() for part in found}
    lineage = {
        item.pk: list(item.predecessors.all())
        for item in Agreement.objects.filter(pk__in=parts).prefetch_related("predecessors")
    }
    found: list[TargetToConfirm] = []
    for indicator, target, before in old_targets:
        new = mine[indicator.code]
        confirmed = {t.agreement_id for t in new.targets.all() if t.judges}
        for part in successors.get(before.pk, []):
            if agreement is not None and part.pk != agreement.pk:
                continue
            if part.pk in confirmed or text_unchanged(part, lineage.get(part.pk, [])):
                continue
            found.append(
                TargetToConfirm(
                    code=indicator.code,
                    name=indicator.name,
                    agreement=part.number,
                    previous_agreement=before.number,
                    text=_(
                        "Target to confirm: in the previous period %(target)s (agreement %(old)s). The text "
                        "of %(new)s has changed, so its target must come from the new text; until then "
                        "nothing is judged on it."
                    )
                    % {
                        "target": target_text(target, indicator),
                        "old": before.number,
                        "new": part.number,
                    },
                )
            )
    return found
