"""The Kampen indicator registry as plain data: what the agreements of 2022-2026 ask to watch.

Each indicator names the agreement(s) it belongs to by number *and* a word that must occur in that
agreement, so a document with other numbering never gets an indicator linked to the wrong promise
(ADR 0030). Targets quote where they come from. Names and definitions are Dutch: they are data that
users read, like the agreement texts.

The shape is in ``base``; the catalogue is one module per theme of the covenant (``availability``,
``affordability``, ``sustainability``), joined here in the order of the document. The seeding itself is
the write service ``indicators.services.indicators_seed``.
"""

from __future__ import annotations

from woonafspraken.indicators.seeds.affordability import AFFORDABILITY
from woonafspraken.indicators.seeds.availability import AVAILABILITY
from woonafspraken.indicators.seeds.base import AgreementRef, IndicatorSeed, TargetSeed
from woonafspraken.indicators.seeds.sustainability import SUSTAINABILITY

KAMPEN: tuple[IndicatorSeed, ...] = (*AVAILABILITY, *AFFORDABILITY, *SUSTAINABILITY)

__all__ = ["KAMPEN", "AgreementRef", "IndicatorSeed", "TargetSeed"]
