"""Writing export data as JSON, CSV or Excel (openpyxl); shared by every export and download."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

FORMATS = ("json", "csv", "xlsx")
CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


# Real date cells that Excel and LibreOffice show in the one date style, 4 december 2026 ([$-413]: Dutch
# month names whatever the reader's language), so they still sort and filter as dates.
EXCEL_DATE_FORMAT = "[$-413]d mmmm yyyy"
EXCEL_DATETIME_FORMAT = '[$-413]d mmmm yyyy "om" hh:mm'
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def excel_value(value: Any) -> Any:
    """A value as an Excel cell holds it: a date for a date or an ISO date text (the exports write dates
    as ISO 8601 for JSON and CSV), a moment in the site's time zone (Excel knows no time zones)."""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def show_dates(cells: Any) -> None:
    """Give the date cells among ``cells`` the one date style."""
    for cell in cells:
        if isinstance(cell, Cell) and isinstance(cell.value, dt.date):
            cell.number_format = (
                EXCEL_DATETIME_FORMAT if isinstance(cell.value, dt.datetime) else EXCEL_DATE_FORMAT
            )


# What XML 1.0 cannot hold, so neither can Excel and Word files: control characters but tab and newlines.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value: Any) -> Any:
    """``value`` without the characters XML cannot hold, also inside lists, dicts and dataclasses.

    Text typed into a form (a control character pasted along) or read from an imported file may contain
    them, and openpyxl and python-docx refuse such text with an exception.
    """
    if isinstance(value, str):
        return _NOT_IN_XML.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(item) for item in value)
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: xml_safe(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    return value


def to_json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def to_csv(rows: list[dict[str, Any]]) -> bytes:
    """CSV of one table; UTF-8 with BOM and ';' so Dutch Excel opens it as columns."""
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=";", lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(tables: dict[str, list[dict[str, Any]]]) -> bytes:
    tables = xml_safe(tables)
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for title, rows in tables.items():
        sheet = workbook.create_sheet(title=title[:31])
        if not rows:
            continue
        headers = list(rows[0])
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([excel_value(row.get(header)) for header in headers])
            show_dates(sheet[sheet.max_row])
        for index, header in enumerate(headers, start=1):
            longest = max(len(str(header)), *(_width(row.get(header)) for row in rows))
            sheet.column_dimensions[get_column_letter(index)].width = min(max(10, longest + 2), 80)
            if longest > 80:
                for cell in sheet[get_column_letter(index)][1:]:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _width(value: Any) -> int:
    """How many characters a cell shows: a date reads as '30 september 2026'."""
    if isinstance(excel_value(value), dt.date):
        return 21 if isinstance(value, dt.datetime) else 17
    return len(str(value or ""))


def render(data: Any, tables: dict[str, list[dict[str, Any]]], fmt: str) -> bytes:
    if fmt == "json":
        return to_json(data)
    if fmt == "csv":
        return to_csv(next(iter(tables.values()), []))
    if fmt == "xlsx":
        return to_xlsx(tables)
    raise ValueError(
        _("Unknown format %(format)s; choose from %(formats)s.")
        % {"format": repr(fmt), "formats": ", ".join(FORMATS)}
    )
