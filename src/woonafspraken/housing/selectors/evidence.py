"""The housing evidence for the verdict of every agreement with a housing target (``core.verdicts``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from woonafspraken.agreements.models import Covenant
from woonafspraken.core.verdicts import Evidence, Kind, Outcome, Verdict, covenant_verdicts
from woonafspraken.housing.evidence import (
    EvidenceLine,
    TargetFacts,
    ended_until,
    quote_in_text,
    stock_agreement,
    stock_evidence,
    target_evidence,
)
from woonafspraken.housing.models import Target
from woonafspraken.housing.selectors.stock import stock_deliveries
from woonafspraken.housing.selectors.targets import new_build_figures
from woonafspraken.housing.targets import TargetKind

OUTCOMES = {
    "on_track": Outcome.ON_TRACK,
    "attention": Outcome.ATTENTION,
    "behind": Outcome.BEHIND,
    "done": Outcome.DONE,
    "unknown": Outcome.NO_DATA,
    "info": Outcome.INFO,
}


def housing_evidence(covenant: Covenant, on: dt.date) -> list[Evidence]:
    """For every agreement with a housing target, what the figures recorded by the end of ``on`` say.

    The realised new build judges; plans, the stock and targets read from a theme's ambition are
    information. Six queries, whatever the number of agreements, targets or figures.
    """
    url = reverse("housing:overview", args=[covenant.pk]) + "#doelen"
    targets = list(Target.objects.filter(covenant=covenant).select_related("agreement", "agreement__theme"))
    figures = new_build_figures(covenant, on=on)
    until_year = ended_until(on.year, on.month, on.day)
    order = list(TargetKind)
    lines: list[EvidenceLine] = []
    for target in sorted(targets, key=lambda item: order.index(TargetKind(item.kind))):
        facts = TargetFacts(
            TargetKind(target.kind),
            target.value,
            target.start_year,
            target.end_year,
            target.agreement.number,
            target.quote,
            quote_in_text(target.quote, target.agreement.text),
            target.agreement.theme.number if target.agreement.theme_id else None,
        )
        lines.extend(target_evidence(facts, figures, until_year=until_year))
    found = stock_agreement(list(covenant.agreements.order_by("order").values_list("number", "text")))
    if found is not None:
        lines.extend(stock_evidence(*found, stock_deliveries(covenant, on=on)))
    return [
        Evidence(
            line.agreement, Kind.HOUSING, OUTCOMES[line.verdict], line.text, line.source, url, line.is_demo
        )
        for line in lines
    ]


@dataclass(frozen=True)
class HousingVerdict:
    """An agreement with housing targets: its verdict (the one status, from ``covenant_verdicts``) and
    the housing evidence in it, per target."""

    verdict: Verdict
    items: tuple[Evidence, ...]

    @property
    def number(self) -> str:
        return self.verdict.agreement


def housing_agreements(covenant: Covenant, on: dt.date) -> list[HousingVerdict]:
    """The verdict of every agreement with housing evidence on ``on``, in the agreements' order."""
    verdicts = covenant_verdicts(covenant, on)
    result = []
    for verdict in verdicts.values():
        items = tuple(item for item in verdict.evidence if item.kind is Kind.HOUSING)
        if items:
            result.append(HousingVerdict(verdict, items))
    return result
