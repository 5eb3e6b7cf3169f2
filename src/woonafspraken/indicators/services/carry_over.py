"""The indicators of a successor covenant, taken over from its predecessor through the agreements' lineage."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import User
from woonafspraken.accounts.permissions import can_manage_covenant, require
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.agreements.succession import successors_in, text_unchanged
from woonafspraken.core.models import save_attributed
from woonafspraken.indicators.constants import TargetSourceKind
from woonafspraken.indicators.models import Indicator, Target


@dataclass(frozen=True)
class CarryOverResult:
    created: tuple[str, ...]  # codes of the indicators made for the successor
    targets: int  # targets copied (agreement unchanged, or a national reference)
    to_confirm: tuple[str, ...]  # "code: 1.3.1": a target whose agreement changed, not copied
    lapsed: tuple[str, ...]  # codes whose agreements were all dropped
    existing: tuple[str, ...]  # codes the successor already had (left as they are)


def indicators_carry_over(*, covenant: Covenant, user: User | None = None) -> CarryOverResult:
    """Give ``covenant`` (a successor) the indicators of its predecessor, linked to the successors of their agreements.

    Same code, definition, unit, period, direction and deliverers (those still parties); the figures stay
    with the old covenant (its indicator of the same code is the "vorige periode"). A target is copied only
    when its agreement's successor says the same (``text_unchanged``) or when it is a national reference;
    a target of a changed, merged or split agreement would be invented: it is left out and shown as "doel
    te bevestigen" (``indicators.continuity``) until the coordinator records one from the new text. A
    jaarschijf target belongs to its year of the old covenant and is not copied. Repeatable: indicators the
    successor already has are left as they are. ``user`` None: the console.
    """
    successor = covenant
    if user is not None:
        require(can_manage_covenant(user, successor), _("Only the coordinator can take over the indicators."))
    predecessor_id = successor.predecessor_id
    if predecessor_id is None:
        raise ValidationError(
            _("%(title)s has no predecessor to take indicators over from.") % {"title": successor.title},
            code="no_predecessor",
        )
    old = list(
        Indicator.objects.filter(covenant_id=predecessor_id)
        .prefetch_related("agreements", "targets__agreement", "delivered_by")
        .order_by("order", "code")
    )
    old_agreement_ids = {a.pk for indicator in old for a in indicator.agreements.all()}
    old_agreement_ids |= {t.agreement_id for i in old for t in i.targets.all() if t.agreement_id}
    successors = successors_in(successor, old_agreement_ids)
    new_ids = [agreement.pk for parts in successors.values() for agreement in parts]
    lineage: dict[int, list[Agreement]] = {}
    for agreement in Agreement.objects.filter(pk__in=new_ids).prefetch_related("predecessors"):
        lineage[agreement.pk] = list(agreement.predecessors.all())
    parties = list(successor.parties.all())
    party_ids = {party.pk for party in parties}
    owner = next((p for p in parties if p.kind == OrganisationKind.MUNICIPALITY), None) or successor.owner
    have = set(Indicator.objects.filter(covenant=successor).values_list("code", flat=True))
    created: list[str] = []
    to_confirm: list[str] = []
    lapsed: list[str] = []
    existing: list[str] = []
    copied = 0
    with transaction.atomic():
        for indicator in old:
            linked = _unique(part for a in indicator.agreements.all() for part in successors.get(a.pk, []))
            if not linked:
                lapsed.append(indicator.code)
                continue
            if indicator.code in have:
                existing.append(indicator.code)
                continue
            copy = _copy(indicator, successor=successor, owner_id=owner.pk, user=user)
            copy.theme_id = linked[0].theme_id
            save_attributed(copy, user, validate_constraints=False)
            copy.agreements.set(linked)
            copy.delivered_by.set([org for org in indicator.delivered_by.all() if org.pk in party_ids])
            created.append(indicator.code)
            for target in indicator.targets.all():
                if target.source_kind == TargetSourceKind.REFERENCE:
                    _copy_target(
                        target, copy, target.agreement and _first(successors, target.agreement_id), user
                    )
                    copied += 1
                    continue
                if target.source_kind != TargetSourceKind.AGREEMENT:
                    continue  # a jaarschijf's target belongs to that year of the old covenant
                if target.agreement_id is None:  # read from a theme's ambition: the new text must say it
                    to_confirm.append(f"{indicator.code}: –")
                    continue
                # A target of a dropped agreement lapses with it (no successor, nothing to copy).
                for part in successors.get(target.agreement_id, []):
                    if text_unchanged(part, lineage.get(part.pk, [])):
                        _copy_target(target, copy, part, user)
                        copied += 1
                    else:
                        to_confirm.append(f"{indicator.code}: {part.number}")
    return CarryOverResult(tuple(created), copied, tuple(to_confirm), tuple(lapsed), tuple(existing))


def _unique(agreements: Iterable[Agreement]) -> list[Agreement]:
    seen: dict[int, Agreement] = {}
    for agreement in agreements:
        seen.setdefault(agreement.pk, agreement)
    return sorted(seen.values(), key=lambda agreement: agreement.order)


def _first(successors: dict[int, list[Agreement]], agreement_id: int | None) -> Agreement | None:
    parts = successors.get(agreement_id) if agreement_id is not None else None
    return parts[0] if parts else None


def _copy(indicator: Indicator, *, successor: Covenant, owner_id: int, user: User | None) -> Indicator:
    return Indicator(
        covenant=successor,
        code=indicator.code,
        name=indicator.name,
        definition=indicator.definition,
        unit=indicator.unit,
        decimals=indicator.decimals,
        minimum=indicator.minimum,
        maximum=indicator.maximum,
        period=indicator.period,
        per_organisation=indicator.per_organisation,
        dimension=indicator.dimension,
        direction=indicator.direction,
        roll_up=indicator.roll_up,
        combine=indicator.combine,
        weight_code=indicator.weight_code,
        weight_dimension=indicator.weight_dimension,
        source_kind=indicator.source_kind,
        formula=indicator.formula,
        inputs=indicator.inputs,
        series_key=indicator.series_key,
        default_source=indicator.default_source,
        allow_future=indicator.allow_future,
        order=indicator.order,
        owner_id=owner_id,
        created_by=user,
    )


def _copy_target(
    target: Target, indicator: Indicator, agreement: Agreement | None, user: User | None
) -> None:
    copy = Target(
        indicator=indicator,
        agreement=agreement,
        kind=target.kind,
        value=target.value,
        upper=target.upper,
        period=target.period,
        first_year=target.first_year,
        last_year=target.last_year,
        baseline_year=target.baseline_year,
        goal_year=target.goal_year,
        applies_to=target.applies_to,
        source_kind=target.source_kind,
        source=target.source,
        owner_id=indicator.owner_id,
        created_by=user,
    )
    save_attributed(copy, user, validate_constraints=False)
