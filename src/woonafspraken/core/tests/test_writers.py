"""The export writers: JSON, CSV and Excel."""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import load_workbook

from woonafspraken.core.writers import to_xlsx, xml_safe


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
