"""Seeding the indicator registry of a covenant from a catalogue (Kampen's by default)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.core.models import save_attributed
from woonafspraken.indicators.constants import Deliverer
from woonafspraken.indicators.models import Indicator, Target
from woonafspraken.indicators.seeds import KAMPEN, IndicatorSeed


@dataclass(frozen=True)
class SeedResult:
    created: int  # indicators created
    targets: int  # targets created
    existing: int  # indicators that were there already (left as they are)
    skipped: tuple[str, ...]  # codes without any matching agreement in this covenant


def indicators_seed(
    *, covenant: Covenant, user: User | None = None, catalogue: Sequence[IndicatorSeed] = KAMPEN
) -> SeedResult:
    """Create the catalogue's indicators for ``covenant``, each linked to its agreement(s) by number.

    An indicator is only created when at least one of its agreements exists in this covenant with the
    expected word in it, so another municipality's document never gets wrong links. Existing indicators
    are left as they are (a coordinator may have changed them): seeding twice changes nothing.
    """
    agreements = {
        agreement.number: agreement
        for agreement in Agreement.objects.filter(covenant=covenant).only(
            "pk", "number", "subject", "text", "theme_id"
        )
    }
    parties = list(covenant.parties.all())
    owner = (
        next((org for org in parties if org.kind == OrganisationKind.MUNICIPALITY), None) or covenant.owner
    )
    existing_codes = set(Indicator.objects.filter(covenant=covenant).values_list("code", flat=True))
    created = targets = existing = 0
    skipped: list[str] = []
    with transaction.atomic():
        for order, seed in enumerate(catalogue, start=1):
            linked = [
                agreements[ref.number]
                for ref in seed.agreements
                if ref.number in agreements and _mentions(agreements[ref.number], ref.keyword)
            ]
            if not linked:
                skipped.append(seed.code)
                continue
            if seed.code in existing_codes:
                existing += 1
                continue
            indicator = _indicator_from_seed(seed, covenant=covenant, owner=owner, order=order, user=user)
            indicator.theme_id = linked[0].theme_id
            save_attributed(indicator, user, validate_constraints=False)
            indicator.agreements.set(linked)
            indicator.delivered_by.set(_deliverers(seed.delivered_by, parties))
            created += 1
            for target_seed in seed.targets:
                target = Target(
                    indicator=indicator,
                    agreement=agreements.get(target_seed.agreement),
                    kind=target_seed.kind,
                    value=Decimal(str(target_seed.value)),
                    upper=None if target_seed.upper is None else Decimal(str(target_seed.upper)),
                    period=target_seed.period,
                    first_year=target_seed.first_year,
                    last_year=target_seed.last_year,
                    baseline_year=target_seed.baseline_year,
                    goal_year=target_seed.goal_year,
                    applies_to=target_seed.applies_to,
                    source_kind=target_seed.source_kind,
                    source=target_seed.source,
                    owner=owner,
                    created_by=user,
                )
                save_attributed(target, user, validate_constraints=False)
                targets += 1
    return SeedResult(created, targets, existing, tuple(skipped))


def _mentions(agreement: Agreement, keyword: str) -> bool:
    return keyword.lower() in f"{agreement.subject}\n{agreement.text}".lower()


def _deliverers(deliverer: str, parties: list[Organisation]) -> list[Organisation]:
    kind = (
        OrganisationKind.CORPORATION if deliverer == Deliverer.CORPORATIONS else OrganisationKind.MUNICIPALITY
    )
    return [org for org in parties if org.kind == kind]


def _indicator_from_seed(
    seed: IndicatorSeed, *, covenant: Covenant, owner: Organisation, order: int, user: User | None
) -> Indicator:
    return Indicator(
        covenant=covenant,
        code=seed.code,
        name=seed.name,
        definition=seed.definition,
        unit=seed.unit,
        decimals=seed.decimals,
        minimum=None if seed.minimum is None else Decimal(str(seed.minimum)),
        maximum=None if seed.maximum is None else Decimal(str(seed.maximum)),
        period=seed.period,
        per_organisation=seed.per_organisation,
        dimension=seed.dimension,
        direction=seed.direction,
        roll_up=seed.roll_up,
        combine=seed.combine,
        weight_code=seed.weight_code,
        weight_dimension=seed.weight_dimension,
        source_kind=seed.source_kind,
        formula=seed.formula,
        inputs=seed.inputs,
        series_key=seed.series_key,
        default_source=seed.default_source,
        allow_future=seed.allow_future,
        order=order,
        owner=owner,
        created_by=user,
    )
