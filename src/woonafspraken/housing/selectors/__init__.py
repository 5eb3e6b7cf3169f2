"""Reads of the housing figures: tables in the layout of the appendices, target verdicts, the look-ahead.

One module per aggregate; the view models they fill live in ``housing.presentation``. Each selector runs
a fixed number of queries whatever the amount of data, and computes every total from the stored detail
figures. Import them from here: ``from woonafspraken.housing.selectors import stock_table``.
"""

from woonafspraken.housing.selectors.evidence import housing_agreements, housing_evidence
from woonafspraken.housing.selectors.organisations import (
    covenant_builders,
    covenant_corporations,
    covenant_organisations,
)
from woonafspraken.housing.selectors.pipeline import (
    SEGMENT_NAMES,
    pipeline_export_rows,
    pipeline_table,
    pipeline_template_rows,
)
from woonafspraken.housing.selectors.projection import DEFAULT_NEW_BUILD_CLASS, LOOKAHEAD_YEARS, lookahead
from woonafspraken.housing.selectors.reference import reference_limits, reference_rent_increases
from woonafspraken.housing.selectors.stock import (
    stock_dates,
    stock_deliveries,
    stock_export_rows,
    stock_table,
    stock_template_rows,
)
from woonafspraken.housing.selectors.targets import (
    appendix_checks,
    new_build_figures,
    project_figures,
    social_target_value,
)

__all__ = [
    "DEFAULT_NEW_BUILD_CLASS",
    "LOOKAHEAD_YEARS",
    "SEGMENT_NAMES",
    "appendix_checks",
    "covenant_builders",
    "covenant_corporations",
    "covenant_organisations",
    "housing_agreements",
    "housing_evidence",
    "lookahead",
    "new_build_figures",
    "pipeline_export_rows",
    "pipeline_table",
    "pipeline_template_rows",
    "project_figures",
    "reference_limits",
    "social_target_value",
    "reference_rent_increases",
    "stock_dates",
    "stock_deliveries",
    "stock_export_rows",
    "stock_table",
    "stock_template_rows",
]
