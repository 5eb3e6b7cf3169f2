"""The export writers: JSON, CSV and Excel."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from openpyxl import load_workbook

from woonafspraken.core.writers import EXCEL_DATE_FORMAT, EXCEL_DATETIME_FORMAT, to_csv, to_xlsx, xml_safe


def test_excel_leaves_out_control_characters_that_xml_cannot_hold():
    """A meeting type named with a pasted control character broke the cadence download (fuzzing)."""
    content = to_xlsx({"Overleg": [{"Naam": "Kern\x07groep\x1b", "Regels": "een\ttwee\ndrie"}]})
    sheet = load_workbook(io.BytesIO(content)).active
    assert [cell.value for cell in sheet[2]] == ["Kerngroep", "een\ttwee\ndrie"]


@dataclass(frozen=True)
class _Part:
    title: str
    rows: list[tuple[str, int]]


def test_xml_safe_reaches_into_lists_dicts_and_dataclasses():
    part = _Part("Titel\x00", [("a\x0bb", 1)])
    assert xml_safe({"part": part, "n": 3}) == {"part": _Part("Titel", [("ab", 1)]), "n": 3}


def test_excel_dates_are_date_cells_in_the_one_style_and_csv_keeps_iso():
    """Excel and LibreOffice show 4 december 2026 ([$-413]: Dutch month names), and sort it as a date."""
    moment = dt.datetime(2026, 12, 4, 13, 5, tzinfo=dt.UTC)
    rows = [
        {"Datum": dt.date(2026, 12, 4), "Als tekst": "2026-12-04", "Moment": moment, "Code": "2026-13-99"}
    ]
    sheet = load_workbook(io.BytesIO(to_xlsx({"Data": rows}))).active
    day, text_day, when, code = sheet[2]
    assert day.value == text_day.value == dt.datetime(2026, 12, 4)
    assert day.number_format == text_day.number_format == EXCEL_DATE_FORMAT == "[$-413]d mmmm yyyy"
    assert when.value == dt.datetime(2026, 12, 4, 14, 5) and when.number_format == EXCEL_DATETIME_FORMAT
    assert code.value == "2026-13-99"  # not a date: left as text
    assert to_csv([{"Datum": dt.date(2026, 12, 4)}]).decode("utf-8-sig").splitlines()[1] == "2026-12-04"
