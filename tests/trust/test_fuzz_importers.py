"""Every importer, fed thousands of malformed files: it accepts them or refuses them in Dutch, never more.

For each importer (the agreements document, the stock and pipeline spreadsheets, the indicator figures,
the shared documents of meetings), through its service and through its upload page:

- no other exception than the documented refusal (which the page catches) and no server error;
- a refusal says what is wrong in Dutch, with the row or line where it concerns one;
- a refusal leaves every table exactly as it was (counts and a checksum of every row).

Each example runs in a savepoint that is rolled back afterwards, so every example starts from the
same imported Kampen covenant; the importer's own ``transaction.atomic`` is a savepoint inside it,
which is what a refusal has to roll back. The parser alone is fuzzed in
``documents/tests/test_parser_fuzz.py``; here the inputs go through the services and the database.
Example counts are in ``conftest.py`` (``HYPOTHESIS_PROFILE=thorough`` for ten times as many).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given, reject
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from tests.trust.conftest import RUNS, fuzz_settings
from tests.trust.dbstate import DatabaseState, database_state
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.tabular import TabularImportError, write_xlsx
from woonafspraken.documents.parsing.model import DocumentParseError
from woonafspraken.documents.services import ImportRefusedError, document_import
from woonafspraken.housing import selectors as housing_selectors
from woonafspraken.housing.services import pipeline_upload, stock_upload
from woonafspraken.housing.sheets import pipeline_template, stock_info, stock_template
from woonafspraken.indicators.arithmetic import Period
from woonafspraken.indicators.models import Indicator
from woonafspraken.indicators.selectors import template_rows
from woonafspraken.indicators.services import figures_sheet, observations_import
from woonafspraken.meetings.constants import DocumentKind
from woonafspraken.meetings.services import document_share

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

Grid = list[list[Any]]

# -- checks ------------------------------------------------------------------------------------------------
# Phrases of Django's English defaults and of Python exceptions; none belongs in a Dutch message.
ENGLISH = re.compile(
    r"\b(this field|enter a valid|ensure this|ensure that|select a valid|is required|the submitted|"
    r"no file was|invalid|must be|cannot|could not|not found|error|exception|traceback|nonetype|"
    r"object has|has no|expected|the|there is|is not|of the|in the|with|should|unsupported|"
    r"characters|digits|value|nothing|has been|stored|line|row|column|file|please)\b",
    re.IGNORECASE,
)
DUTCH = re.compile(
    r"\b(de|het|een|niet|geen|rij|regel|kolom|van|bestand|vul|kies|staat|heeft|moet|mag|kan|er|op|voor|"
    r"bij|uit|zijn|wordt|dit|deze|nog|leeg|getal|datum|niets|is|zorg|waarde|veld|tekens|cijfers|"
    r"ongeldig|verwacht|bijvoorbeeld|onbekend|ontbreekt|ontbreken|dubbel|hoort|mist|komt|twee|keer|"
    r"gevonden|gelezen|opgeslagen|toegestaan|verplicht)\b",
    re.IGNORECASE,
)
# What a message quotes from the file is the user's own text, in any language.
QUOTED = re.compile(r"'[^'\n]*'|‘[^’\n]*’|\"[^\"\n]*\"|“[^”\n]*”|«[^»\n]*»")
ROW_REFERENCE = re.compile(r"\b(rij|regel)\s+\d+", re.IGNORECASE)


def dutch_problem(message: object) -> str | None:
    """Why this message is not a Dutch message for users, or None when it is one."""
    text = str(message).strip()
    if not text:
        return "empty message"
    own_words = QUOTED.sub(" ", text)
    english = ENGLISH.search(own_words)
    if english:
        return f"English phrase {english.group(0)!r}"
    if not DUTCH.search(own_words):
        return "no Dutch word"
    return None


def assert_dutch(messages: Sequence[object], *, context: str) -> None:
    assert messages, f"{context}: refused without a message"
    for message in messages:
        problem = dutch_problem(message)
        assert problem is None, f"{context}: {problem} in {str(message)[:300]!r}"


def test_the_dutch_check_itself():
    assert dutch_problem("Rij 3, kolom 'Jaar': 'the year' is geen getal.") is None
    assert dutch_problem("Regel 12: Paragraaf 1.1 komt twee keer voor.") is None
    assert dutch_problem("Dit veld is verplicht.") is None
    for english in (
        "This field is required.",
        "Enter a valid date.",
        "Ensure this value is at most 5.",
        "Bad CRC-32 for file 'xl/worksheets/sheet1.xml'",
        "'NoneType' object has no attribute",
        "",
        "   ",
    ):
        assert dutch_problem(english) is not None, english


@contextmanager
def rolled_back() -> Iterator[None]:
    """Run one example in a savepoint and undo whatever it stored."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def assert_unchanged(baseline: DatabaseState, context: str) -> None:
    differences = baseline.differences(database_state())
    assert differences == [], f"{context}: a refused import changed the database: {differences}"


def tabular_messages(error: TabularImportError, context: str) -> list[str]:
    messages = [str(item) for item in error.errors]
    assert_dutch(messages, context=context)
    for item in error.errors:
        if item.row is not None:
            assert item.row >= 1, f"{context}: row {item.row}"
            assert ROW_REFERENCE.search(str(item)), f"{context}: no row in {item}"
    return messages


# -- agreements documents ----------------------------------------------------------------------------------
# Fragments that mean something to the document parser or to the appendix reader.
DOCUMENT_TOKENS = [
    "\t", "\t\t\t\t", "1", "1.1", "1.1.1", "1.1.1.1", "6", "99", "-1", "0", "99999999999999999999", "3,5",
    "1.264", "€ 442,46", "> € 752,33", "Onderwerp\tNr.\tAfspraak\tPartij(en)\tTrekker / datum",
    "Bijlage 1:", "Bijlage 2:", "Bijlage 9:", "Nieuwbouw", "Onttrekkingen bezit", "Sloop", "Verkoop",
    "Totaal", "Totaal woningen", "Saldo nieuwbouw en onttrekkingen", "Locatie", "EGW", "MGW",
    "Woningbouwprogrammering Gemeente Kampen, deltaWonen", "Jongerengrens", "Gemeente Kampen", "deltaWonen",
    "Beter Wonen IJsselmuiden", "Alle partijen", "Corporaties", "Gemeente", "Namens",
    "Overeengekomen te Kampen", "1 januari 2022 tot en met 31 december 2026", "31 februari 2023", "Q1 2022",
    "medio 2023", "<p>", "</ul>", "<li>", "<i>", "**", "- 1 - ", "¹", "&amp;", "&#xZZ;", "\x00", "\x0b",
    "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\r", "\r\n", "é", "ß",
    "İ", "ﬁ", "😀", "𝟙", "١", "\U0010ffff", "\ud7ff",
]  # fmt: skip
garbage_line = st.lists(st.sampled_from(DOCUMENT_TOKENS) | st.text(max_size=10), max_size=14).map("".join)
NUMBERS = [
    "0", "-1", "7", "2021", "2031", "99999999999999999999", "-99999999999999999999", "1.000.000", "1.1.1.1",
    "3,5", "1.264", "", "x", "½", "٣",
]  # fmt: skip
DIGITS = re.compile(r"\d+")


@st.composite
def damaged_line(draw: st.DrawFn, line: str) -> str:
    kind = draw(st.sampled_from(["cells", "number", "insert", "cut", "case"]))
    if kind == "cells":
        cells = line.split("\t")
        index = draw(st.integers(0, len(cells) - 1))
        action = draw(st.sampled_from(["drop", "duplicate", "replace", "join", "split"]))
        if action == "drop":
            del cells[index]
        elif action == "duplicate":
            cells.insert(index, cells[index])
        elif action == "replace":
            cells[index] = draw(garbage_line | st.sampled_from(["x" * 300, "Zalk" * 80, "€ 9" * 30]))
        elif action == "join" and len(cells) > 1:
            cells[index : index + 2] = [" ".join(cells[index : index + 2])]
        else:
            cells.insert(index, "")
        return "\t".join(cells)
    if kind == "number":
        spans = [match.span() for match in DIGITS.finditer(line)]
        if not spans:
            return line + draw(st.sampled_from(NUMBERS))
        start, end = draw(st.sampled_from(spans))
        return line[:start] + draw(st.sampled_from(NUMBERS)) + line[end:]
    if kind == "insert":
        at = draw(st.integers(0, len(line)))
        return line[:at] + draw(garbage_line) + line[at:]
    if kind == "cut":
        return line[: draw(st.integers(0, len(line)))]
    return line.upper() if draw(st.booleans()) else line.lower()


@st.composite
def mutated_document(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    operations = ["delete", "duplicate", "swap", "move", "damage", "damage", "damage", "insert", "long"]
    for _ in range(draw(st.integers(1, 5))):
        if not lines:
            lines = [draw(garbage_line)]
        table_rows = [number for number, line in enumerate(lines) if "\t" in line]
        if table_rows and draw(st.booleans()):  # half of the damage goes to the tables and appendices
            index = draw(st.sampled_from(table_rows))
        else:
            index = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(operations))
        if operation == "delete":
            del lines[index : index + draw(st.integers(1, 3))]
        elif operation == "duplicate":
            lines[index:index] = lines[index : index + draw(st.integers(1, 3))]
        elif operation == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif operation == "move":
            block = lines[index : index + draw(st.integers(1, 20))]
            del lines[index : index + len(block)]
            at = draw(st.integers(0, len(lines)))
            lines[at:at] = block
        elif operation == "damage":
            lines[index] = draw(damaged_line(lines[index]))
        elif operation == "insert":
            lines.insert(index, draw(garbage_line))
        else:
            lines.insert(
                index,
                draw(st.sampled_from(["x", "1.1.1\t", "\t", "é"]))
                * draw(st.sampled_from([1_000, 20_000, 200_000])),
            )
    document = "\n".join(lines)
    ending = draw(st.sampled_from(["cut", "crlf", "cr", "bom", "none", "none", "none"]))
    if ending == "cut":
        document = document[: draw(st.integers(0, len(document)))]
    elif ending == "crlf":
        document = document.replace("\n", "\r\n")
    elif ending == "cr":
        document = document.replace("\n", "\r")
    elif ending == "bom":
        document = "\ufeff" + document
    return document


def document_refusal(error: DocumentParseError | ImportRefusedError, text: str, context: str) -> None:
    if isinstance(error, DocumentParseError):
        assert 1 <= error.line <= text.count("\n") + 1, f"{context}: line {error.line}"
        assert_dutch([error.message], context=context)
    else:
        assert_dutch([str(error)], context=context)


def check_document_service(text: str, user: User, baseline: DatabaseState, importer: str) -> None:
    with rolled_back():
        try:
            document_import(text=text, filename="fuzz.txt", user=user)
        except (DocumentParseError, ImportRefusedError) as error:
            RUNS[(importer, "refused")] += 1
            document_refusal(error, text, importer)
            assert_unchanged(baseline, importer)
        else:
            RUNS[(importer, "accepted")] += 1


def test_document_import_refuses_mutated_kampen_cleanly(
    kampen: Covenant, kampen_text: str, coordinator: User
):
    baseline = database_state()

    @fuzz_settings("document service, mutated Kampen")
    @given(mutated_document(kampen_text))
    def run(text: str) -> None:
        check_document_service(text, coordinator, baseline, "document service, mutated Kampen")

    run()
    assert database_state() == baseline


def test_document_import_refuses_any_text_cleanly(kampen: Covenant, coordinator: User):
    baseline = database_state()

    @fuzz_settings("document service, any text")
    @given(st.one_of(st.text(), st.lists(garbage_line, max_size=40).map("\n".join)))
    def run(text: str) -> None:
        check_document_service(text, coordinator, baseline, "document service, any text")

    run()


@st.composite
def document_file(draw: st.DrawFn, kampen_text: str) -> tuple[str, bytes]:
    source = draw(st.sampled_from(["mutated", "mutated", "text", "bytes", "kampen"]))
    if source == "bytes":
        content = draw(st.binary(max_size=3000))
    else:
        text = {
            "mutated": lambda: draw(mutated_document(kampen_text)),
            "text": lambda: draw(st.text()),
            "kampen": lambda: kampen_text,
        }[source]()
        encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
        content = text.encode(encoding, errors="replace")
        damage = draw(st.sampled_from(["none", "none", "cut", "byte"]))
        if damage == "cut" and content:
            content = content[: draw(st.integers(0, len(content) - 1))]
        elif damage == "byte" and content:
            at = draw(st.integers(0, len(content) - 1))
            content = (
                content[:at] + bytes([draw(st.sampled_from([0x80, 0xC3, 0xFF, 0x00]))]) + content[at + 1 :]
            )
    name = draw(
        st.sampled_from(
            [
                "kampen.txt",
                "document.TXT",
                "geen-extensie",
                "a" * 300 + ".txt",
                "ünïcødé ✓.txt",
                "..txt",
                "x.pdf",
            ]
        )
    )
    return name, content


def web_errors(response: HttpResponse, *names: str) -> list[str]:
    """Every error the re-rendered page shows: form errors and the page's own error lists."""
    found: list[str] = []
    for name in names:
        value = response.context.get(name) if response.context else None
        if value is None:
            continue
        if hasattr(value, "errors"):
            found.extend(str(message) for messages in value.errors.values() for message in messages)
        elif isinstance(value, dict):
            found.extend(str(message) for messages in value.values() for message in messages)
        else:
            found.extend(str(message) for message in value)
    html = response.content.decode()
    for message in found:
        assert escape(message) in html, f"the page does not show {message!r}"
    return found


def uploaded(name: str, content: bytes) -> SimpleUploadedFile:
    """The file as Django hands it to a view; names it cannot derive a file name from never get there."""
    try:
        return SimpleUploadedFile(name, content)
    except SuspiciousFileOperation:
        reject()


def post_upload(
    client: Client,
    url: str,
    field: str,
    name: str,
    content: bytes,
    baseline: DatabaseState,
    importer: str,
    error_names: tuple[str, ...],
    extra: dict[str, Any] | None = None,
) -> None:
    with rolled_back():
        response = client.post(url, {field: uploaded(name, content), **(extra or {})})
        assert response.status_code < 500, f"{importer}: {response.status_code}"
        if response.status_code == 302:
            RUNS[(importer, "accepted")] += 1
            return
        RUNS[(importer, "refused")] += 1
        assert response.status_code in (200, 400), f"{importer}: {response.status_code}"
        messages = web_errors(response, *error_names)
        assert_dutch(messages, context=importer)
        line = response.context.get("error_line")  # the document page marks the line it could not read
        if line is not None:
            assert any(f"Regel {line}:" in message for message in messages), f"{importer}: {messages}"
        assert_unchanged(baseline, importer)


def fuzz_upload_page(
    user: User,
    url: str,
    field: str,
    files: st.SearchStrategy[tuple[str, bytes]],
    importer: str,
    error_names: tuple[str, ...],
) -> None:
    """Post every generated (name, content) file to an upload page as ``user``, with post_upload's checks."""
    client = Client()
    client.force_login(user)
    baseline = database_state()

    @fuzz_settings(importer)
    @given(files)
    def run(upload: tuple[str, bytes]) -> None:
        name, content = upload
        post_upload(client, url, field, name, content, baseline, importer, error_names)

    run()


def test_document_import_page_refuses_bad_files_in_dutch(
    kampen: Covenant, kampen_text: str, coordinator: User
):
    fuzz_upload_page(
        coordinator,
        reverse("documents:import"),
        "document",
        document_file(kampen_text),
        "document web page",
        ("form",),
    )


# -- spreadsheets ------------------------------------------------------------------------------------------
TRICKY_TEXT = [
    "", " ", "\t", "NULL", "None", "-", "n.v.t.", "=1+1", "=SUM(A1:A9)", "=1/0", "=A1", "#REF!", "'0",
    "0x10", "1e3", "1E400", "-1E400", "NaN", "nan", "inf", "-Infinity", "١٢", "１２", "½", "²", "1.234,5",
    "1,5", "1.5", "-0", "12 ", " 12", "€ 12", "12%", "+3", "3-", "1 000", "1\xa0000", "\u200b", "\ufeff",
    "a\x00b", "a\x0bb", "r\r\nn", "Ω≈ç√", "😀", "'; DROP TABLE x; --", "<script>alert(1)</script>",
    "%s %(x)s {0}", "\\N", "TRUE", "ONWAAR", "2024-K5", "2024-H3", "2024-Q1", "2024 K1", "1899", "2201",
    "2024-13-01", "31-02-2024", "01-07-2024", "2024-07-01", "1-7-2024", "07/01/2024", "0000-00-00",
    "9999-12-31", "01-07-99999", "x" * 40_000, "9" * 400,
]  # fmt: skip
any_number = st.one_of(
    st.integers(-1_000, 100_000),
    st.integers(-(2**80), 2**80),
    st.sampled_from([0, -1, 2**31 - 1, 2**31, 2**32, 2**63 - 1, 2**63, 2**64, 10**15, 10**30]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.sampled_from([Decimal("0.00001"), Decimal("1E+40"), Decimal("-0"), Decimal("12345678901.12345")]),
)
any_cell = st.one_of(
    st.none(),
    st.sampled_from(TRICKY_TEXT),
    st.text(max_size=20),
    any_number,
    st.booleans(),
    st.dates(min_value=dt.date(1900, 1, 1)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1)),
    st.times(),
)


@st.composite
def damaged_grid(
    draw: st.DrawFn, base: Grid, header: int, columns: dict[int, st.SearchStrategy[Any]]
) -> Grid:
    """A filled template with 0 to 4 kinds of damage; ``columns``: plausible values per column."""
    grid = [list(row) for row in base]
    width = max(len(row) for row in grid)
    operations = [
        "cell",
        "column value",
        "column value",
        "column value",
        "delete row",
        "duplicate row",
        "swap rows",
        "empty row",
        "random row",
        "truncate",
        "delete column",
        "insert column",
        "swap columns",
        "header",
        "header",
        "transpose header",
    ]
    for _ in range(draw(st.integers(0, 4))):
        operation = draw(st.sampled_from(operations))
        data_rows = list(range(header + 1, len(grid)))
        if operation == "cell" and grid:
            row = draw(st.integers(0, len(grid) - 1))
            column = draw(st.integers(0, width))
            grid[row] += [None] * (column + 1 - len(grid[row]))
            grid[row][column] = draw(any_cell)
        elif operation == "column value" and data_rows and columns:
            row = draw(st.sampled_from(data_rows))
            column = draw(st.sampled_from(sorted(columns)))
            grid[row] += [None] * (column + 1 - len(grid[row]))
            grid[row][column] = draw(columns[column] | any_cell)
        elif operation == "delete row" and data_rows:
            del grid[draw(st.sampled_from(data_rows))]
        elif operation == "duplicate row" and data_rows:
            row = draw(st.sampled_from(data_rows))
            grid.insert(draw(st.integers(header + 1, len(grid))), list(grid[row]))
        elif operation == "swap rows" and grid:
            a, b = draw(st.integers(0, len(grid) - 1)), draw(st.integers(0, len(grid) - 1))
            grid[a], grid[b] = grid[b], grid[a]
        elif operation == "empty row":
            grid.insert(draw(st.integers(0, len(grid))), [None] * draw(st.integers(0, width)))
        elif operation == "random row":
            grid.insert(draw(st.integers(0, len(grid))), draw(st.lists(any_cell, max_size=width + 2)))
        elif operation == "truncate":
            del grid[draw(st.integers(0, len(grid))) :]
        elif operation == "delete column":
            column = draw(st.integers(0, width - 1))
            for row in grid:
                del row[column : column + 1]
        elif operation == "insert column":
            column = draw(st.integers(0, width))
            for row in grid:
                row.insert(column, draw(any_cell) if draw(st.booleans()) else None)
        elif operation == "swap columns":
            a, b = draw(st.integers(0, width - 1)), draw(st.integers(0, width - 1))
            for row in grid:
                row += [None] * (max(a, b) + 1 - len(row))
                row[a], row[b] = row[b], row[a]
        elif operation == "header" and header < len(grid):
            column = draw(st.integers(0, max(0, len(grid[header]) - 1)))
            original = str(grid[header][column] or "") if column < len(grid[header]) else ""
            grid[header] += [None] * (column + 1 - len(grid[header]))
            grid[header][column] = draw(
                st.sampled_from(
                    [original.upper(), f"  {original} ", original[:-1], original + "*", "", "Aantal"]
                )
                | st.text(max_size=12)
            )
        elif operation == "transpose header" and header < len(grid):
            grid.insert(draw(st.integers(0, len(grid))), list(grid.pop(header)))
    return grid


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("?", value)
    if isinstance(value, Decimal) and (not value.is_finite() or abs(value.adjusted()) > 300):
        return str(value)
    return value


def grid_xlsx(grid: Grid, *, second_sheet: bool = False) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    if second_sheet:  # the data on the second sheet; the first (which is read) stays empty
        sheet = workbook.create_sheet("Gegevens")
    for row in grid:
        sheet.append([_xlsx_value(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def grid_csv(grid: Grid, *, delimiter: str, terminator: str, dates: str) -> str:
    def show(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, dt.datetime | dt.date):
            return value.strftime(dates)
        return str(value)

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=terminator)
    for row in grid:
        writer.writerow([show(value) for value in row])
    return buffer.getvalue()


def offset(draw: st.DrawFn, length: int) -> int:
    """A position in 0..length-1, drawn as a fraction: a workbook's size differs a little between runs
    (it holds the time it was written), and Hypothesis wants the same choices for the same example."""
    return draw(st.integers(0, 1023)) * length // 1024


def damaged_zip(content: bytes, draw: st.DrawFn) -> bytes:
    """Change the XML inside the workbook (not the bytes of the zip): openpyxl meets broken markup."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    names = source.namelist()
    victim = draw(st.sampled_from(sorted(names)))
    with zipfile.ZipFile(buffer, "w") as target:
        for name in names:
            data = source.read(name)
            if name == victim:
                action = draw(st.sampled_from(["cut", "replace", "insert", "values", "drop"]))
                at = offset(draw, len(data) + 1)
                if action == "drop":
                    continue
                if action == "cut":
                    data = data[:at]
                elif action == "replace":
                    data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at + 4 :]
                elif action == "insert":
                    data = (
                        data[:at]
                        + draw(
                            st.sampled_from([b"<", b"&", b'<c r="Z9" t="n"><v>x</v></c>', b"\xff", b"]]>"])
                        )
                        + data[at:]
                    )
                else:
                    data = data.replace(b"<v>", b"<v>x", draw(st.integers(1, 3)))
            target.writestr(name, data)
    return buffer.getvalue()


@st.composite
def spreadsheet_file(draw: st.DrawFn, grid_strategy: st.SearchStrategy[Grid]) -> tuple[str, bytes]:
    grid = draw(grid_strategy)
    form = draw(
        st.sampled_from(
            ["xlsx"] * 4
            + ["csv"] * 4
            + ["xlsx damaged", "zip bytes", "bytes", "second sheet", "swapped names"]
        )
    )
    if form in ("xlsx", "second sheet", "xlsx damaged", "zip bytes", "swapped names"):
        content = grid_xlsx(grid, second_sheet=form == "second sheet")
        name = draw(st.sampled_from(["cijfers.xlsx", "CIJFERS.XLSX", "cijfers.xlsm"]))
        if form == "xlsx damaged":
            content = damaged_zip(content, draw)
        elif form == "zip bytes":
            at = offset(draw, len(content))
            content = content[:at] + bytes([draw(st.integers(0, 255))]) + content[at + 1 :]
            if draw(st.booleans()):
                content = content[: offset(draw, len(content) + 1)]
        elif form == "swapped names":
            name = draw(st.sampled_from(["cijfers.csv", "cijfers.xls", "cijfers.ods", "cijfers", ".xlsx"]))
        return name, content
    if form == "bytes":
        name = draw(st.sampled_from(["cijfers.xlsx", "cijfers.csv", "cijfers.txt"]))
        return name, draw(st.binary(max_size=2000))
    text = grid_csv(
        grid,
        delimiter=draw(st.sampled_from([";", ";", ",", "\t", "|"])),
        terminator=draw(st.sampled_from(["\r\n", "\n", "\r"])),
        dates=draw(st.sampled_from(["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S"])),
    )
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-8-sig", "cp1252", "utf-16", "latin-1"]))
    content = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(content)))
        content = (
            content[:at] + draw(st.sampled_from([b"\xff\xfe", b"\x81", b"\x00", b"\xc3"])) + content[at:]
        )
    return draw(st.sampled_from(["cijfers.csv", "cijfers.csv", "CIJFERS.CSV"])), content


def template_grid(content: bytes) -> Grid:
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def header_index(grid: Grid, header: str) -> int:
    return next(index for index, row in enumerate(grid) if header in row)


def check_tabular_service(
    service: Callable[..., Any],
    covenant: Covenant,
    user: User,
    upload: tuple[str, bytes],
    baseline: DatabaseState,
    importer: str,
) -> None:
    name, content = upload
    with rolled_back():
        try:
            service(covenant=covenant, user=user, content=content, filename=name)
        except TabularImportError as error:
            RUNS[(importer, "refused")] += 1
            tabular_messages(error, importer)
            assert_unchanged(baseline, importer)
        else:
            RUNS[(importer, "accepted")] += 1


ORGANISATION_NAMES = [
    "deltaWonen",
    "Beter Wonen IJsselmuiden",
    "Gemeente Kampen",
    "Centrale Bewonersraad deltaWonen",
    "Huurders Vereniging groot IJsselmuiden",
    "DELTAWONEN",
    " deltaWonen ",
    "delta Wonen",
    "Beter Wonen",
    "Onbekende Corporatie",
    "",
    "deltaWonen;Beter Wonen IJsselmuiden",
]
RENT_CLASSES = [
    "Jongerengrens",
    "Lage aftoppingsgrens",
    "Hoge aftoppingsgrens",
    "Huurtoeslaggrens",
    "Boven huurtoeslaggrens",
    "jongerengrens",
    "Middenhuur",
    "lage_aftoppingsgrens",
]
counts = st.one_of(st.integers(0, 3_000), any_number)


# -- housing stock -----------------------------------------------------------------------------------------
STOCK_DATE = dt.date(2024, 7, 1)


def stock_grid(covenant: Covenant, corporations: Sequence[str]) -> Grid:
    """The real templates of these corporations per 1 July 2024, filled in, under one header."""
    grid: Grid = []
    for number, name in enumerate(corporations):
        corporation = Organisation.objects.get(name=name)
        content = stock_template(
            fmt="xlsx",
            info=stock_info(covenant_title=covenant.title, corporation=name, date=STOCK_DATE, limits={}),
            rows=housing_selectors.stock_template_rows(covenant, corporation, STOCK_DATE),
        )
        rows = template_grid(content)
        if number:
            rows = rows[header_index(rows, "Huurprijsklasse") + 1 :]
        grid.extend(rows)
    header = header_index(grid, "Huurprijsklasse")
    for offset, row in enumerate(grid[header + 1 :]):
        row[4] = 100 + offset
    return grid


def stock_columns() -> dict[int, st.SearchStrategy[Any]]:
    return {
        0: st.sampled_from(ORGANISATION_NAMES),
        1: st.one_of(st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1)), st.integers(30_000, 50_000)),
        2: st.sampled_from(RENT_CLASSES),
        3: st.sampled_from(["EGW", "MGW", "egw", "Eengezinswoning", "XYZ"]),
        4: counts,
    }


def test_stock_upload_refuses_damaged_templates_cleanly(kampen: Covenant, coordinator: User):
    base = stock_grid(kampen, ["deltaWonen", "Beter Wonen IJsselmuiden"])
    files = spreadsheet_file(damaged_grid(base, header_index(base, "Huurprijsklasse"), stock_columns()))
    baseline = database_state()

    @fuzz_settings("stock upload service")
    @given(files)
    def run(upload: tuple[str, bytes]) -> None:
        check_tabular_service(stock_upload, kampen, coordinator, upload, baseline, "stock upload service")

    run()


def test_stock_upload_page_refuses_damaged_templates_in_dutch(kampen: Covenant, corporation_editor: User):
    base = stock_grid(kampen, ["deltaWonen"])
    files = spreadsheet_file(damaged_grid(base, header_index(base, "Huurprijsklasse"), stock_columns()))
    url = reverse("housing:stock_upload", args=[kampen.pk])
    fuzz_upload_page(
        corporation_editor, url, "stock-file", files, "stock upload web page", ("errors", "stock_upload")
    )


# -- housing pipeline --------------------------------------------------------------------------------------
def pipeline_grid(covenant: Covenant) -> Grid:
    """The real pipeline template of every builder, with realised figures and a new project added."""
    builders = housing_selectors.covenant_builders(covenant)
    content = pipeline_template(
        fmt="xlsx",
        info=[("Convenant", covenant.title)],
        rows=housing_selectors.pipeline_template_rows(covenant, [org.pk for org in builders]),
    )
    grid = template_grid(content)
    header = header_index(grid, "Gerealiseerd")
    for offset, row in enumerate(grid[header + 1 :]):
        row[7] = offset % 7
    grid.append(
        ["deltaWonen", "Nieuwbouw", "Nieuwe Buurt", "Sociale huur", "Lage aftoppingsgrens", 2025, 40, 12]
    )
    return grid


def pipeline_columns() -> dict[int, st.SearchStrategy[Any]]:
    return {
        0: st.sampled_from(ORGANISATION_NAMES),
        1: st.sampled_from(
            ["Nieuwbouw", "Sloop", "Verkoop", "Liberalisatie", "nieuwbouw", "Bouw", "new_build"]
        ),
        2: st.sampled_from(["Prinsenstraat", "Nieuwe Buurt", "", "Fuite", "x" * 300, "Sonnenbergkwartier"]),
        3: st.sampled_from(["Sociale huur", "Middeldure huur", "Goedkope koop", "Overig", "Dure koop", ""]),
        4: st.sampled_from(RENT_CLASSES + [""]),
        5: st.one_of(st.integers(1985, 2105), st.sampled_from([2022, 2026, 2027, 2036, 2037])),
        6: counts,
        7: counts,
    }


def test_pipeline_upload_refuses_damaged_templates_cleanly(kampen: Covenant, coordinator: User):
    base = pipeline_grid(kampen)
    files = spreadsheet_file(damaged_grid(base, header_index(base, "Gerealiseerd"), pipeline_columns()))
    baseline = database_state()

    @fuzz_settings("pipeline upload service")
    @given(files)
    def run(upload: tuple[str, bytes]) -> None:
        check_tabular_service(
            pipeline_upload, kampen, coordinator, upload, baseline, "pipeline upload service"
        )

    run()


def test_pipeline_upload_page_refuses_damaged_templates_in_dutch(kampen: Covenant, coordinator: User):
    base = pipeline_grid(kampen)
    files = spreadsheet_file(damaged_grid(base, header_index(base, "Gerealiseerd"), pipeline_columns()))
    url = reverse("housing:pipeline_upload", args=[kampen.pk])
    fuzz_upload_page(
        coordinator, url, "pipeline-file", files, "pipeline upload web page", ("errors", "pipeline_upload")
    )


# -- indicator figures -------------------------------------------------------------------------------------
def figures_grid(covenant: Covenant) -> Grid:
    """deltaWonen's templates for a year, a half year and a quarter, filled in with allowed values."""
    delta = Organisation.objects.get(name="deltaWonen")
    rows: list[dict[str, Any]] = []
    for key in ("2024", "2024-H1", "2024-K2"):
        rows += template_rows(covenant, organisation=delta, period=Period.parse(key))
    indicators = {indicator.code: indicator for indicator in Indicator.objects.filter(covenant=covenant)}
    for row in rows:
        indicator = indicators[row["code"]]
        low = indicator.minimum if indicator.minimum is not None else Decimal(0)
        high = indicator.maximum if indicator.maximum is not None else low + 1000
        row["value"] = int((low + high) / 2) if indicator.decimals == 0 else (low + high) / 2
    assert rows, "deltaWonen delivers no figures; the seeded catalogue changed"
    sheet = figures_sheet(info=[("Convenant", covenant.title), ("Organisatie", delta.name)])
    return template_grid(write_xlsx(sheet, rows))


def figures_columns(covenant: Covenant) -> dict[int, st.SearchStrategy[Any]]:
    codes = sorted(Indicator.objects.filter(covenant=covenant).values_list("code", flat=True))
    return {
        0: st.sampled_from([*codes, "onbekend.cijfer", "", " " + codes[0]]),
        2: st.sampled_from(
            [
                "2024",
                "2024-K2",
                "2024-H1",
                "2022-K1",
                "2030",
                "2021",
                "2024-K5",
                "2024-HJ2",
                "2027-K1",
                "2025-H2",
            ]
        )
        | st.integers(1850, 2300)
        | st.floats(2000, 2030),
        3: st.sampled_from(ORGANISATION_NAMES),
        4: st.sampled_from(["", "bemiddeling", "spoed", "wens", "A", "G", "onbekend"]),
        6: st.one_of(any_number, st.decimals(-1000, 1000, places=2), st.integers(0, 100)),
        7: st.text(max_size=30) | st.just("x" * 2_000),
        8: st.text(max_size=30) | st.just("x" * 20_000),
    }


def test_figures_import_refuses_damaged_templates_cleanly(kampen: Covenant, coordinator: User):
    base = figures_grid(kampen)
    files = spreadsheet_file(damaged_grid(base, header_index(base, "Waarde"), figures_columns(kampen)))
    baseline = database_state()

    @fuzz_settings("indicator figures service")
    @given(files)
    def run(upload: tuple[str, bytes]) -> None:
        check_tabular_service(
            observations_import, kampen, coordinator, upload, baseline, "indicator figures service"
        )

    run()


def test_figures_import_page_refuses_damaged_templates_in_dutch(kampen: Covenant, corporation_editor: User):
    base = figures_grid(kampen)
    files = spreadsheet_file(damaged_grid(base, header_index(base, "Waarde"), figures_columns(kampen)))
    url = reverse("indicators:import", args=[kampen.pk])
    fuzz_upload_page(
        corporation_editor, url, "file", files, "indicator figures web page", ("errors", "upload")
    )


# -- shared documents (meetings) ---------------------------------------------------------------------------
SIGNATURES = {
    "pdf": b"%PDF-1.7\n",
    "docx": b"PK\x03\x04",
    "xlsx": b"PK\x03\x04",
    "png": b"\x89PNG\r\n\x1a\n",
    "jpeg": b"\xff\xd8\xff\xe0",
    "txt": b"",
    "csv": b"",
    "exe": b"MZ",
}
EXTENSIONS = [".pdf", ".txt", ".csv", ".png", ".xlsx", ".jpeg", ".PDF", ".exe", ""]
SHARED_NAMES = [
    "nota.pdf", "nota.PDF", "cijfers.xlsx", "brief.docx", "foto.jpeg", "notulen.txt", "lijst.csv", "virus.exe",
    "nota.pdf.exe", "geen-extensie", ".pdf", "..", "a/b/c.pdf", "..\\..\\x.pdf", "nul\x00.pdf",
    "a" * 250 + ".pdf", "é" * 200 + ".pdf", "😀" * 70 + ".txt", " .pdf", "nota .pdf", "CON.pdf",
]  # fmt: skip
# Long names in letters beyond ASCII (not lone surrogates: an HTTP header cannot carry them).
long_names = st.text(st.characters(min_codepoint=0x80, exclude_categories=["Cs"]), min_size=60, max_size=250)
shared_names = st.one_of(
    st.sampled_from(SHARED_NAMES),
    st.tuples(st.text(max_size=40), st.sampled_from(EXTENSIONS)).map("".join),
    st.tuples(long_names, st.sampled_from(EXTENSIONS)).map("".join),
)


@st.composite
def shared_upload(draw: st.DrawFn) -> tuple[str, bytes, str, str, str]:
    name = draw(shared_names)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    content_kind = draw(st.sampled_from(["fitting", "fitting", "any signature", "text"]))
    if content_kind == "fitting" and extension in ("txt", "csv"):
        content = draw(st.text(max_size=200)).encode()
    elif content_kind == "fitting":
        content = SIGNATURES.get(extension, b"") + draw(st.binary(max_size=300))
    elif content_kind == "any signature":
        content = draw(st.sampled_from(sorted(SIGNATURES.values()))) + draw(st.binary(max_size=300))
    else:
        content = draw(st.text(max_size=200)).encode(
            draw(st.sampled_from(["utf-8", "utf-16", "cp1252"])), errors="replace"
        )
    title = draw(
        st.sampled_from(["Woonvisie"] * 6 + ["", "   ", "x" * 201, "x" * 200]) | st.text(max_size=30)
    )
    kind = draw(st.sampled_from([*DocumentKind.values * 3, "", "onbekend"]))
    description = draw(st.text(max_size=50))
    return name, content, title, kind, description


def media_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


def test_document_share_refuses_bad_files_cleanly(kampen: Covenant, coordinator: User, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    baseline = database_state()
    importer = "shared document service"

    @fuzz_settings(importer)
    @given(shared_upload())
    def run(upload: tuple[str, bytes, str, str, str]) -> None:
        # As the page hands them over: the form refuses NUL in texts, Django's upload parser drops it
        # from names (the page test sends them as they are).
        name, content, title, kind, description = (
            value.replace("\x00", "") if isinstance(value, str) else value for value in upload
        )
        files = media_files(tmp_path)
        with rolled_back():
            try:
                document_share(
                    covenant=kampen,
                    user=coordinator,
                    upload=uploaded(name, content),
                    title=title,
                    kind=kind,
                    description=description,
                )
            except ValidationError as error:
                RUNS[(importer, "refused")] += 1
                assert_dutch(error.messages, context=importer)
                assert_unchanged(baseline, importer)
                assert media_files(tmp_path) == files, f"{importer}: a refused file stayed on disk"
            else:
                RUNS[(importer, "accepted")] += 1

    run()


def test_document_share_page_refuses_bad_files_in_dutch(
    kampen: Covenant, coordinator: User, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = Client()
    client.force_login(coordinator)
    url = reverse("meetings:document_new", args=[kampen.pk])
    baseline = database_state()

    @fuzz_settings("shared document web page")
    @given(shared_upload())
    def run(upload: tuple[str, bytes, str, str, str]) -> None:
        name, content, title, kind, description = upload
        post_upload(
            client,
            url,
            "file",
            name,
            content,
            baseline,
            "shared document web page",
            ("form",),
            extra={"title": title, "kind": kind, "description": description},
        )

    run()
