"""The stock and pipeline exports (fixed shapes, see docs/housing.md)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from woonafspraken.agreements.models import Covenant
from woonafspraken.core.registry import Export, register_export
from woonafspraken.housing.selectors import pipeline_export_rows, stock_export_rows


def stock_data(covenant: Covenant) -> list[dict[str, Any]]:
    return stock_export_rows(covenant)


def stock_tables(covenant: Covenant) -> dict[str, list[dict[str, Any]]]:
    return {"Woningvoorraad": stock_export_rows(covenant)}


def pipeline_data(covenant: Covenant) -> list[dict[str, Any]]:
    return pipeline_export_rows(covenant)


def pipeline_tables(covenant: Covenant) -> dict[str, list[dict[str, Any]]]:
    return {"Nieuwbouw en onttrekkingen": pipeline_export_rows(covenant)}


register_export(
    Export(
        name="stock",
        description=gettext_lazy(
            "Housing stock per corporation, reference date, rent class and dwelling type."
        ),
        as_data=stock_data,
        as_tables=stock_tables,
    )
)
register_export(
    Export(
        name="pipeline",
        description=gettext_lazy("New build and withdrawals per year, planned and realised."),
        as_data=pipeline_data,
        as_tables=pipeline_tables,
    )
)
