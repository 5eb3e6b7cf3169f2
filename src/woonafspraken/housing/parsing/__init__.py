"""Reading the housing appendices of an agreements document (pure: no Django, no database).

Bijlage 1 holds the stock per corporation x rent class x EGW/MGW with printed totals; Bijlage 2 the new
build per project and year and the withdrawals per corporation, with printed subtotals and balances.
The parsers turn the raw appendix text into frozen dataclasses; the ``check_*`` functions compare every
printed total with the one computed from the detail figures, naming the place of each difference.

One module per part: ``common`` (cells, counts, errors and check results), ``stock`` (Bijlage 1),
``pipeline`` (Bijlage 2) and ``names`` (matching an organisation's name). Import from here:
``from woonafspraken.housing.parsing import parse_stock``.
"""

from woonafspraken.housing.parsing.common import AppendixFormatError, CheckResult, Mismatch, parse_count
from woonafspraken.housing.parsing.names import match_name
from woonafspraken.housing.parsing.pipeline import (
    PipelineAppendix,
    PipelineBlock,
    PipelineLine,
    Printed,
    check_pipeline,
    looks_like_pipeline,
    parse_pipeline,
)
from woonafspraken.housing.parsing.stock import (
    StockAppendix,
    StockBlock,
    StockLine,
    check_stock,
    looks_like_stock,
    parse_stock,
    rent_class_for,
)

__all__ = [
    "AppendixFormatError",
    "CheckResult",
    "Mismatch",
    "PipelineAppendix",
    "PipelineBlock",
    "PipelineLine",
    "Printed",
    "StockAppendix",
    "StockBlock",
    "StockLine",
    "check_pipeline",
    "check_stock",
    "looks_like_pipeline",
    "looks_like_stock",
    "match_name",
    "parse_count",
    "parse_pipeline",
    "parse_stock",
    "rent_class_for",
]
