"""The shared spreadsheet machinery: templates round-trip, every bad input gets a Dutch row-level error."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import load_workbook

from woonafspraken.core.tabular import (
    Column,
    ParsedRow,
    Sheet,
    TabularImportError,
    check_rows,
    read_rows,
    write_csv,
    write_xlsx,
)

SHEET = Sheet(
    title="Woningvoorraad",
    info=[("Peildatum", "2025-07-01"), ("Kwaliteitskortingsgrens", 477.20)],
    columns=[
        Column("organisation", "Corporatie"),
        Column(
            "rent_class",
            "Huurprijsklasse",
            "choice",
            choices={"Goedkoop": "cheap", "Betaalbaar": "affordable"},
        ),
        Column("egw", "EGW", "integer", minimum=0),
        Column("share", "Aandeel", "decimal", required=False),
        Column("date", "Datum", "date", required=False),
    ],
    unique_together=("organisation", "rent_class"),
)
ROWS = [
    {
        "organisation": "deltaWonen",
        "rent_class": "cheap",
        "egw": 145,
        "share": None,
        "date": dt.date(2025, 7, 1),
    },
    {"organisation": "deltaWonen", "rent_class": "affordable", "egw": 821, "share": 12.5, "date": None},
]


def messages(error: pytest.ExceptionInfo[TabularImportError]) -> list[str]:
    return [str(e) for e in error.value.errors]


def test_xlsx_template_round_trips():
    rows = read_rows(write_xlsx(SHEET, ROWS), "voorraad.xlsx", SHEET)
    assert [r.values["egw"] for r in rows] == [145, 821]
    assert rows[0].values["rent_class"] == "cheap"
    assert rows[0].values["date"] == dt.date(2025, 7, 1)
    assert rows[0].row == 6  # title, two info lines, a blank line, the header
    sheet = load_workbook(io.BytesIO(write_xlsx(SHEET, ROWS))).active
    assert sheet["A2"].value == "Peildatum" and sheet["B3"].value == 477.2


def test_csv_round_trips_with_dutch_numbers():
    content = b"Corporatie;Huurprijsklasse;EGW;Aandeel;Datum\r\ndeltaWonen;Goedkoop;1.234;12,5;01-07-2025\r\n"
    [row] = read_rows(content, "v.csv", SHEET)
    assert row.values["egw"] == 1234
    assert str(row.values["share"]) == "12.5"
    assert row.values["date"] == dt.date(2025, 7, 1)
    assert read_rows(write_csv(SHEET, ROWS), "v.csv", SHEET)[1].values["egw"] == 821


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("deltaWonen;Goedkoop;veel;;", "Rij 2, kolom 'EGW': 'veel' is geen getal."),
        (
            "deltaWonen;Goedkoop;-3;;",
            "Rij 2, kolom 'EGW': -3 is kleiner dan 0; negatieve aantallen kunnen niet.",
        ),
        (
            "deltaWonen;Duur;3;;",
            "Rij 2, kolom 'Huurprijsklasse': 'Duur' is geen geldige keuze; kies uit 'Goedkoop', 'Betaalbaar'.",
        ),
        (";Goedkoop;3;;", "Rij 2, kolom 'Corporatie': is leeg; vul een waarde in."),
        ("deltaWonen;Goedkoop;2,5;;", "Rij 2, kolom 'EGW': '2,5' is geen geheel getal."),
        (
            "deltaWonen;Goedkoop;3;;31-02-2025",
            "Rij 2, kolom 'Datum': '31-02-2025' is geen datum; schrijf bijvoorbeeld 01-07-2025 of 2025-07-01.",
        ),
    ],
)
def test_bad_cells_are_reported_per_row_and_column(line, expected):
    content = ("Corporatie;Huurprijsklasse;EGW;Aandeel;Datum\n" + line + "\n").encode()
    with pytest.raises(TabularImportError) as error:
        read_rows(content, "v.csv", SHEET)
    assert messages(error) == [expected]


def test_every_error_is_reported_not_only_the_first():
    content = b"Corporatie;Huurprijsklasse;EGW\nA;Goedkoop;x\nB;Goedkoop;-1\nA;Goedkoop;5\nA;Goedkoop;6\n"
    with pytest.raises(TabularImportError) as error:
        read_rows(content, "v.csv", SHEET)
    assert [e.row for e in error.value.errors] == [2, 3, 5]
    assert "dubbel" in messages(error)[2] and "rij 4" in messages(error)[2]


def test_wrong_headers_missing_column_and_not_excel():
    with pytest.raises(TabularImportError, match="Geen kopregel gevonden"):
        read_rows(b"a;b;c\n1;2;3\n", "v.csv", SHEET)
    with pytest.raises(TabularImportError, match="mist de kolom\\(men\\): EGW"):
        read_rows(b"Corporatie;Huurprijsklasse\nA;Goedkoop\n", "v.csv", SHEET)
    with pytest.raises(TabularImportError, match="geen Excel-bestand"):
        read_rows(b"%PDF-1.4 not a spreadsheet", "v.xlsx", SHEET)
    with pytest.raises(TabularImportError, match="Kies een Excel-bestand"):
        read_rows(b"whatever", "v.pdf", SHEET)
    with pytest.raises(TabularImportError, match="geen gegevensregels"):
        read_rows(b"Corporatie;Huurprijsklasse;EGW\n", "v.csv", SHEET)


def test_domain_checks_name_the_row():
    rows = [ParsedRow(7, {"organisation": "Onbekend"})]
    with pytest.raises(TabularImportError) as error:
        check_rows(
            rows,
            lambda r: (
                f"Corporatie '{r.values['organisation']}' is onbekend."
                if r.values["organisation"] == "Onbekend"
                else None
            ),
        )
    assert messages(error) == ["Rij 7: Corporatie 'Onbekend' is onbekend."]


def _rezip(content: bytes, member: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, change(data) if name == member else data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "change",
    [
        lambda xml: xml.replace(b"<v>", b"<v>x", 1),  # a number cell that is no number
        lambda xml: xml[: len(xml) // 2],  # the sheet cut off halfway
    ],
)
def test_a_damaged_sheet_inside_a_good_zip_is_refused_in_dutch(change):
    """openpyxl reads the sheet lazily, row by row: its errors come after opening the workbook."""
    content = _rezip(write_xlsx(SHEET, ROWS), "xl/worksheets/sheet1.xml", change)
    with pytest.raises(TabularImportError) as error:
        read_rows(content, "v.xlsx", SHEET)
    assert messages(error) == ["Het Excel-bestand is beschadigd en kan niet worden gelezen."]


def test_csv_with_old_mac_line_endings_and_overlong_cells():
    content = b"Corporatie;Huurprijsklasse;EGW\rdeltaWonen;Goedkoop;3\rBeter;Betaalbaar;4\r"
    assert [row.values["egw"] for row in read_rows(content, "v.csv", SHEET)] == [3, 4]
    overlong = b'Corporatie;Huurprijsklasse;EGW\n"' + b"x" * 200_000 + b'";Goedkoop;3\n'
    with pytest.raises(TabularImportError) as error:
        read_rows(overlong, "v.csv", SHEET)
    assert messages(error) == ["Rij 2: deze regel van het CSV-bestand kan niet worden gelezen."]


def test_text_longer_than_its_column_is_refused_per_row():
    sheet = Sheet(title="Namen", columns=[Column("name", "Naam", max_length=5)])
    with pytest.raises(TabularImportError) as error:
        read_rows(b"Naam\nkort\nveel te lang\n", "v.csv", sheet)
    assert messages(error) == ["Rij 3, kolom 'Naam': de tekst is 12 tekens lang; er passen er hoogstens 5."]
