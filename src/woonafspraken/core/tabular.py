"""Spreadsheet templates that round-trip: write an Excel/CSV template, read it back with row-level errors.

Used by every figure import (stock, pipeline, indicators). Reading never writes to the database: it
returns clean rows or raises ``TabularImportError`` with every problem, in Dutch, with its row number
as the user sees it in Excel. The caller then stores all rows in one transaction, or nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Literal

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from woonafspraken.core.formatting import MONTH_NAMES
from woonafspraken.core.writers import show_dates, xml_safe

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Kind = Literal["text", "integer", "decimal", "date", "choice"]
MAX_ROWS = 100_000


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # Dutch header as it appears in the template
    kind: Kind = "text"
    required: bool = True
    choices: dict[str, Any] | None = None  # label in the sheet -> stored value (case-insensitive)
    minimum: Decimal | int | None = None
    maximum: Decimal | int | None = None
    help: StrOrPromise = ""
    aliases: tuple[str, ...] = ()  # other headers accepted on reading
    max_length: int | None = None  # for text: what the database column holds


@dataclass(frozen=True)
class RowError:
    row: int | None  # row number as shown in Excel / line in the CSV; None for the whole file
    column: str | None  # the column header
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(_("row %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("column '%(column)s'") % {"column": self.column})
        if not where:
            return self.message
        place = ", ".join(where)
        return f"{place[0].upper()}{place[1:]}: {self.message}"


class TabularImportError(ValueError):
    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(str(error) for error in self.errors[:20]))


@dataclass(frozen=True)
class Sheet:
    """What a template looks like: information lines above the header, then the columns."""

    title: str
    columns: list[Column]
    info: list[tuple[str, Any]] = field(default_factory=list)  # ("Peildatum", "2025-07-01"), shown above
    unique_together: tuple[str, ...] = ()  # keys that identify a row; duplicates are refused


@dataclass(frozen=True)
class ParsedRow:
    row: int
    values: dict[str, Any]


# -- writing ---------------------------------------------------------------------------------------
def write_xlsx(sheet: Sheet, rows: Sequence[dict[str, Any]] = ()) -> bytes:
    # Text typed into a form may hold characters an Excel file cannot (a control character pasted along).
    sheet, rows = xml_safe(sheet), [xml_safe(row) for row in rows]
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = sheet.title[:31]
    ws.append([sheet.title])
    ws["A1"].font = Font(bold=True, size=14)
    for label, value in sheet.info:
        ws.append([label, value])
        show_dates(ws[ws.max_row])
    ws.append([])
    header_row = ws.max_row + 1
    ws.append([column.header for column in sheet.columns])
    fill = PatternFill("solid", fgColor="DDE6F0")
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.fill = fill
    reverse = {column.key: {v: k for k, v in (column.choices or {}).items()} for column in sheet.columns}
    for row in rows:
        ws.append([_display(row.get(column.key), reverse[column.key]) for column in sheet.columns])
        show_dates(ws[ws.max_row])
        show_dates(ws[ws.max_row])
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = max(12, len(column.header) + 4)
        if column.choices:
            validation = DataValidation(
                type="list", formula1='"' + ",".join(column.choices) + '"', allow_blank=not column.required
            )
            validation.error = _("Choose a value from the list for '%(column)s'.") % {"column": column.header}
            ws.add_data_validation(validation)
            validation.add(f"{letter}{header_row + 1}:{letter}{header_row + 1000}")
        elif column.kind in ("integer", "decimal") and column.minimum is not None:
            validation = DataValidation(
                type="whole" if column.kind == "integer" else "decimal",
                operator="greaterThanOrEqual",
                formula1=str(column.minimum),
            )
            validation.error = _("'%(column)s' must be a number of at least %(minimum)s.") % {
                "column": column.header,
                "minimum": column.minimum,
            }
            ws.add_data_validation(validation)
            validation.add(f"{letter}{header_row + 1}:{letter}{header_row + 1000}")
    ws.freeze_panes = f"A{header_row + 1}"
    if any(column.help for column in sheet.columns):
        help_sheet = workbook.create_sheet("Toelichting")
        help_sheet.append(["Kolom", "Toelichting"])
        for column in sheet.columns:
            help_sheet.append([column.header, str(column.help or "")])
        help_sheet.column_dimensions["A"].width = 30
        help_sheet.column_dimensions["B"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_csv(sheet: Sheet, rows: Sequence[dict[str, Any]] = ()) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.header for column in sheet.columns])
    reverse = {column.key: {v: k for k, v in (column.choices or {}).items()} for column in sheet.columns}
    for row in rows:
        writer.writerow([_display(row.get(column.key), reverse[column.key]) for column in sheet.columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _display(value: Any, reverse_choices: dict[Any, str]) -> Any:
    if value in reverse_choices:
        return reverse_choices[value]
    if isinstance(value, Decimal):
        return float(value)
    return value


# -- reading ---------------------------------------------------------------------------------------
def read_rows(content: bytes, filename: str, sheet: Sheet) -> list[ParsedRow]:
    """Read an uploaded template (xlsx or csv); all rows valid, or TabularImportError with every error."""
    name = filename.lower()
    if name.endswith(".csv"):
        raw_rows = _csv_rows(content)
    elif name.endswith((".xlsx", ".xlsm")):
        raw_rows = _xlsx_rows(content)
    else:
        raise TabularImportError(
            [RowError(None, None, _("Choose an Excel file (.xlsx) or a CSV file (.csv)."))]
        )
    return _parse(raw_rows, sheet)


def _too_many_rows() -> str:
    return _("The file has more than %(count)s rows.") % {"count": MAX_ROWS}


def _xlsx_rows(content: bytes) -> list[tuple[int, list[Any]]]:
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise TabularImportError([RowError(None, None, _("This file is not an Excel file (.xlsx)."))])
    rows = []
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        # In read-only mode the sheet is unpacked and parsed row by row, so damage shows up here too.
        for number, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            if number > MAX_ROWS:
                raise TabularImportError([RowError(None, None, _too_many_rows())])
            rows.append((number, list(values)))
        workbook.close()
    except TabularImportError:
        raise
    except Exception as error:  # openpyxl, zipfile, zlib and the XML parsers raise many kinds
        # The technical reason is English and means nothing to the user; it stays in the chain.
        raise TabularImportError(
            [RowError(None, None, _("The Excel file is damaged and cannot be read."))]
        ) from error
    return rows


def _csv_rows(content: bytes) -> list[tuple[int, list[Any]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError as error:
            raise TabularImportError(
                [RowError(None, None, _("The CSV file is not readable text."))]
            ) from error
    if "\x00" in text:
        raise TabularImportError([RowError(None, None, _("The CSV file is not readable text."))])
    # Universal newlines: Excel for Mac writes lines ending in a bare \r, which csv refuses otherwise.
    lines = io.StringIO(text, newline=None)
    first_line = lines.readline()
    lines.seek(0)
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        rows = [(number, list(values)) for number, values in enumerate(reader, start=1)]
    except csv.Error as error:  # for example a cell longer than the csv module's field limit
        raise TabularImportError(
            [RowError(reader.line_num, None, _("this line of the CSV file cannot be read."))]
        ) from error
    if len(rows) > MAX_ROWS:
        raise TabularImportError([RowError(None, None, _too_many_rows())])
    return rows


def _normal(text: Any) -> str:
    return " ".join(str(text or "").split()).lower()


def _find_header(raw_rows: list[tuple[int, list[Any]]], sheet: Sheet) -> tuple[int, dict[str, int]]:
    wanted = {
        column.key: {_normal(column.header), *(_normal(alias) for alias in column.aliases)}
        for column in sheet.columns
    }
    required = {column.key for column in sheet.columns if column.required}
    best: tuple[int, dict[str, int]] | None = None
    for index, (_number, values) in enumerate(raw_rows[:30]):
        found: dict[str, int] = {}
        for position, value in enumerate(values):
            for key, headers in wanted.items():
                if _normal(value) in headers and key not in found:
                    found[key] = position
        if required <= set(found):
            return index, found
        if found and (best is None or len(found) > len(best[1])):
            best = (index, found)
    if best is None:
        expected = ", ".join(f"'{column.header}'" for column in sheet.columns)
        raise TabularImportError(
            [
                RowError(
                    None,
                    None,
                    _("No header row found. Expected the columns %(columns)s.") % {"columns": expected},
                )
            ]
        )
    missing = [column.header for column in sheet.columns if column.required and column.key not in best[1]]
    raise TabularImportError(
        [
            RowError(
                raw_rows[best[0]][0],
                None,
                _("The header row lacks the column(s): %(columns)s.") % {"columns": ", ".join(missing)},
            )
        ]
    )


def _parse(raw_rows: list[tuple[int, list[Any]]], sheet: Sheet) -> list[ParsedRow]:
    header_index, positions = _find_header(raw_rows, sheet)
    errors: list[RowError] = []
    result: list[ParsedRow] = []
    seen: dict[tuple[Any, ...], int] = {}
    for number, values in raw_rows[header_index + 1 :]:
        cells = {
            key: values[position] if position < len(values) else None for key, position in positions.items()
        }
        if all(_blank(value) for value in cells.values()):
            continue
        row_values: dict[str, Any] = {}
        row_errors: list[RowError] = []
        for column in sheet.columns:
            raw = cells.get(column.key)
            try:
                row_values[column.key] = _convert(raw, column)
            except ValueError as error:
                row_errors.append(RowError(number, column.header, str(error)))
        if not row_errors and sheet.unique_together:
            key = tuple(row_values[name] for name in sheet.unique_together)
            if key in seen:
                row_errors.append(
                    RowError(
                        number,
                        None,
                        _("This line is in it twice (also on row %(row)s).") % {"row": seen[key]},
                    )
                )
            else:
                seen[key] = number
        errors.extend(row_errors)
        if not row_errors:
            result.append(ParsedRow(number, row_values))
    if errors:
        raise TabularImportError(errors)
    if not result:
        raise TabularImportError(
            [RowError(None, None, _("The file holds no data rows under the header row."))]
        )
    return result


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _convert(raw: Any, column: Column) -> Any:
    if _blank(raw):
        if column.required:
            raise ValueError(_("is empty; fill in a value."))
        return None
    if column.kind == "text":
        text = str(raw).strip()
        if column.max_length is not None and len(text) > column.max_length:
            raise ValueError(
                _("the text is %(length)s characters long; at most %(maximum)s fit.")
                % {"length": len(text), "maximum": column.max_length}
            )
        return text
    if column.kind == "choice":
        choices = {_normal(label): value for label, value in (column.choices or {}).items()}
        choices.update({_normal(value): value for value in (column.choices or {}).values()})
        if _normal(raw) not in choices:
            options = ", ".join(f"'{label}'" for label in column.choices or {})
            raise ValueError(
                _("'%(value)s' is not a valid choice; choose from %(options)s.")
                % {"value": raw, "options": options}
            )
        return choices[_normal(raw)]
    if column.kind == "date":
        return _date(raw)
    number = _number(raw)
    if column.kind == "integer":
        if number != number.to_integral_value():
            raise ValueError(_("'%(value)s' is not a whole number.") % {"value": raw})
        number = Decimal(int(number))
    if column.minimum is not None and number < Decimal(column.minimum):
        raise ValueError(
            _("%(value)s is less than %(minimum)s; negative numbers are not possible.")
            % {"value": _show(number), "minimum": column.minimum}
            if column.minimum == 0
            else _("%(value)s is less than %(minimum)s.")
            % {"value": _show(number), "minimum": column.minimum}
        )
    if column.maximum is not None and number > Decimal(column.maximum):
        raise ValueError(
            _("%(value)s is greater than %(maximum)s.") % {"value": _show(number), "maximum": column.maximum}
        )
    return int(number) if column.kind == "integer" else number


def _show(number: Decimal) -> str:
    return str(number).replace(".", ",")


def _not_a_number(raw: Any) -> str:
    return _("'%(value)s' is not a number.") % {"value": raw}


def _number(raw: Any) -> Decimal:
    if isinstance(raw, bool):
        raise ValueError(_not_a_number(raw))
    if isinstance(raw, int | float | Decimal):
        if isinstance(raw, float) and (raw != raw or raw in (float("inf"), float("-inf"))):
            raise ValueError(_("is not a number."))
        return Decimal(str(raw))
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "").replace("€", "")
    # Dutch notation: 1.234,5 ; also accept 1234.5 when there is no comma.
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") > 1 or (
        text.count(".") == 1 and len(text.split(".")[1]) == 3 and text.split(".")[0].lstrip("-").isdigit()
    ):
        text = text.replace(".", "")
    try:
        number = Decimal(text)
    except InvalidOperation as error:
        raise ValueError(_not_a_number(raw)) from error
    if not number.is_finite():
        raise ValueError(_not_a_number(raw))
    return number


def _date(raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip()
    for parse in (_iso_date, _dutch_date):
        try:
            return parse(text)
        except ValueError:
            continue
    raise ValueError(
        _("'%(value)s' is not a date; write for example 01-07-2025 or 2025-07-01.") % {"value": raw}
    )


def _iso_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])


def _dutch_date(text: str) -> dt.date:
    """01-07-2025, or the way the system writes dates: 1 juli 2025."""
    parts = text.split()
    if len(parts) == 3 and parts[1].lower() in MONTH_NAMES:
        return dt.date(int(parts[2]), MONTH_NAMES.index(parts[1].lower()) + 1, int(parts[0]))
    return dt.datetime.strptime(text, "%d-%m-%Y").date()


Validator = Callable[[ParsedRow], str | None]


def check_rows(rows: Sequence[ParsedRow], *validators: Validator) -> None:
    """Apply domain checks (an unknown corporation, a date outside the period...) to every row."""
    errors = []
    for row in rows:
        for validator in validators:
            message = validator(row)
            if message:
                errors.append(RowError(row.row, None, message))
    if errors:
        raise TabularImportError(errors)
