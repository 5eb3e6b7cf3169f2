"""Writes to the indicator registry: seeding it from the agreements, and entering or importing figures.

One module per aggregate: ``seeding`` (the registry from a catalogue), ``carry_over`` (a successor's
registry from its predecessor's), ``targets`` (recorded by the
coordinator), ``observations`` (figures entered on the page), ``uploads`` (figures from a spreadsheet), and
``checks`` (what a figure must pass, shared by the last two). Who may write is in
``indicators.permissions``. Import the services from here:
``from woonafspraken.indicators.services import observation_record``.
"""

from woonafspraken.indicators.services.carry_over import CarryOverResult, indicators_carry_over
from woonafspraken.indicators.services.checks import (
    PERIOD_NAMES,
    check_period,
    check_value,
    covenant_term_end,
    dimension_values,
)
from woonafspraken.indicators.services.observations import (
    ObservationKey,
    RecordResult,
    observation_record,
    observation_rows,
)
from woonafspraken.indicators.services.seeding import SeedResult, indicators_seed
from woonafspraken.indicators.services.targets import (
    TARGETS_ONLY,
    target_adopt_reference,
    target_create,
    target_delete,
)
from woonafspraken.indicators.services.uploads import ImportSummary, figures_sheet, observations_import

__all__ = [
    "PERIOD_NAMES",
    "CarryOverResult",
    "TARGETS_ONLY",
    "ImportSummary",
    "ObservationKey",
    "RecordResult",
    "SeedResult",
    "check_period",
    "check_value",
    "covenant_term_end",
    "dimension_values",
    "figures_sheet",
    "indicators_carry_over",
    "indicators_seed",
    "observation_record",
    "observation_rows",
    "observations_import",
    "target_adopt_reference",
    "target_create",
    "target_delete",
]
