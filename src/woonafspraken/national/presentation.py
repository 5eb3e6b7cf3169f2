"""The comparison as a download: one row per agreement (CSV and Excel through ``core.tabular``)."""

from __future__ import annotations

import dataclasses

from django.utils.translation import gettext as _

from woonafspraken.core.demo import example_legend
from woonafspraken.core.tabular import Column, Sheet, write_csv, write_xlsx
from woonafspraken.national.selectors import Comparison, export_rows

COMPARISON_SHEET = Sheet(
    title="Landelijke vergelijking",
    columns=[
        Column("covenant", "Convenant"),
        Column("municipality", "Gemeente"),
        Column("theme", "Thema"),
        Column("number", "Afspraak"),
        Column("subject", "Onderwerp"),
        Column("status", "Statuscode"),
        Column("status_label", "Status"),
        Column("score", "Concreetheid (0-3)", "integer"),
        Column("number_evidence", "Noemt een getal"),
        Column("time_evidence", "Noemt een termijn"),
        Column("lead_evidence", "Noemt een trekker"),
        Column("example", "Voorbeelddata"),
    ],
)
FORMATS = ("csv", "xlsx")


def comparison_file(result: Comparison, fmt: str) -> bytes:
    """The comparison in ``fmt`` (csv or xlsx); example rows say so in the "Voorbeelddata" column, and the
    Excel file says above the table what that means."""
    info: list[tuple[str, object]] = [
        ("Peildatum", result.on),
        ("Convenanten", len(result.summary)),
        ("Afspraken", len(result.agreements)),
        ("Concreetheid", _("0-3: names a number, a date or period, a trekker (docs/national.md)")),
    ]
    if result.is_demo:
        info.append(("Voorbeelddata", example_legend()))
    sheet = dataclasses.replace(COMPARISON_SHEET, info=info)
    rows = export_rows(result)
    return write_xlsx(sheet, rows) if fmt == "xlsx" else write_csv(sheet, rows)


def file_name(result: Comparison, fmt: str) -> str:
    return f"landelijke-vergelijking-{result.on.isoformat()}.{fmt}"
