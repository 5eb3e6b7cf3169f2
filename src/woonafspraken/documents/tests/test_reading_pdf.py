"""The PDF reader: the Kampen document as a PDF made by LibreOffice reads the same as its text; a small
covenant made with WeasyPrint (headers, footers, a footnote, lists, a table over page breaks with a
repeated header row and a row cut by the break) reads the same as its text; bad files are refused."""

from __future__ import annotations

import functools
import io
import re
import time
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from weasyprint import HTML

from woonafspraken.documents.parsing.model import Document, DocumentParseError
from woonafspraken.documents.parsing.parser import parse_document
from woonafspraken.documents.reading import SourceReadError, SourceText, read_source
from woonafspraken.documents.reading.source import SourceKind
from woonafspraken.documents.services import ImportRefusedError, document_import
from woonafspraken.documents.tests.test_import import table_counts
from woonafspraken.housing.parsing import parse_pipeline, parse_stock

KAMPEN = Path(__file__).parents[1] / "data" / "prestatieafspraken-kampen-2022-2026.txt"


def agreements(document: Document) -> list[tuple[Any, ...]]:
    return [
        (
            item.number,
            item.theme,
            item.section,
            item.subject,
            item.subject_inherited,
            item.text,
            item.parties,
            item.leads,
            item.due_raw,
            item.due,
        )
        for item in document.agreements
    ]


def themes(document: Document) -> list[tuple[Any, ...]]:
    return [
        (
            theme.number,
            theme.title,
            theme.ambition_heading,
            theme.ambition,
            [(section.number, section.title) for section in theme.sections],
        )
        for theme in document.themes
    ]


def appendix_lines(document: Document) -> list[tuple[str, str, list[str]]]:
    return [
        (appendix.number, appendix.title, [line for line in appendix.lines if line.strip()])
        for appendix in document.appendices
    ]


@pytest.fixture(scope="module")
def from_text() -> Document:
    return parse_document(KAMPEN.read_text(encoding="utf-8"))


READ_SECONDS: list[float] = []  # read_source + parse_document of the Kampen PDF


@pytest.fixture(scope="module")
def kampen_pdf(kampen_pdf_path: Path) -> SourceText:
    data = kampen_pdf_path.read_bytes()
    started = time.perf_counter()
    source = read_source(kampen_pdf_path.name, data)
    parse_document(source.text)
    READ_SECONDS.append(time.perf_counter() - started)
    return source


@pytest.fixture(scope="module")
def from_pdf(kampen_pdf: SourceText) -> Document:
    return parse_document(kampen_pdf.text)


def test_the_pdf_is_read_as_a_pdf_with_a_page_for_every_line(kampen_pdf: SourceText) -> None:
    assert kampen_pdf.kind is SourceKind.PDF
    lines = kampen_pdf.text.split("\n")
    assert len(kampen_pdf.places) == len(lines)
    assert all(place.startswith("pagina ") for place in kampen_pdf.places)
    pages = [int(place.removeprefix("pagina ")) for place in kampen_pdf.places]
    assert pages == sorted(pages)
    assert pages[0] == 1 and pages[-1] > 10


def test_the_same_43_agreements(from_text: Document, from_pdf: Document) -> None:
    assert len(from_pdf.agreements) == 43
    assert agreements(from_pdf) == agreements(from_text)


def test_the_same_themes_ambitions_and_sections(from_text: Document, from_pdf: Document) -> None:
    assert themes(from_pdf) == themes(from_text)


def test_the_same_title_page_introduction_and_term(from_text: Document, from_pdf: Document) -> None:
    assert (from_pdf.title, from_pdf.municipality, from_pdf.status_note) == (
        from_text.title,
        from_text.municipality,
        from_text.status_note,
    )
    assert (from_pdf.start, from_pdf.end) == (from_text.start, from_text.end)
    assert from_pdf.introduction == from_text.introduction


def test_the_same_parties(from_text: Document, from_pdf: Document) -> None:
    def parties(document: Document) -> list[tuple[Any, ...]]:
        return [
            (party.name, party.kind, party.short_names, party.kind_basis, party.doubt, party.kvk)
            for party in document.parties
        ]

    assert parties(from_pdf) == parties(from_text)


def test_the_same_footnotes(from_text: Document, from_pdf: Document) -> None:
    assert [(note.marker, note.text) for note in from_pdf.footnotes] == [
        (note.marker, note.text) for note in from_text.footnotes
    ]


def test_the_same_signing_and_signatories(from_text: Document, from_pdf: Document) -> None:
    def signatories(document: Document) -> list[tuple[str, str, str, str]]:
        return [(item.organisation, item.person, item.salutation, item.role) for item in document.signatories]

    assert (from_pdf.signed_place, from_pdf.signed_text) == (from_text.signed_place, from_text.signed_text)
    assert len(signatories(from_pdf)) == 5
    assert signatories(from_pdf) == signatories(from_text)


def test_the_same_appendices_and_housing_figures(from_text: Document, from_pdf: Document) -> None:
    assert appendix_lines(from_pdf) == appendix_lines(from_text)
    pdf_stock, text_stock = (
        parse_stock(document.appendices[0].title, "\n".join(document.appendices[0].lines))
        for document in (from_pdf, from_text)
    )
    assert pdf_stock == text_stock
    assert len(pdf_stock.blocks) == 3
    pdf_pipeline, text_pipeline = (
        parse_pipeline(document.appendices[1].title, "\n".join(document.appendices[1].lines))
        for document in (from_pdf, from_text)
    )
    assert pdf_pipeline == text_pipeline


def test_the_same_warnings_each_at_a_page(
    from_text: Document, from_pdf: Document, kampen_pdf: SourceText
) -> None:
    assert [warning.message for warning in from_pdf.warnings] == [
        warning.message for warning in from_text.warnings
    ]
    assert from_pdf.warnings  # the "Huurlers" typo on the title page
    assert [kampen_pdf.place(warning.line) for warning in from_pdf.warnings] == ["pagina 1"]


def test_reading_the_kampen_pdf_takes_seconds_not_minutes(kampen_pdf: SourceText) -> None:
    assert READ_SECONDS and READ_SECONDS[-1] < 30  # about 2.5 s on an idle machine (19 pages)


# A small covenant, as text and as a PDF made from HTML -------------------------------------------------

LONG = (
    "De gemeente en de corporatie bouwen samen aan voldoende betaalbare woningen in Teststad, "
    "met aandacht voor starters, senioren en mensen die met spoed een woning zoeken. "
)
ROWS: list[tuple[str, str, str, str, str]] = [
    ("Nieuwbouw", "1.1.1", LONG * 2, "Gemeente / corporatie", "Gemeente / 2024"),
    (
        "Versnelling woningbouw",
        "1.1.2",
        f"<p>{LONG * 5}</p><p>Daarbij gelden de volgende punten:</p>"
        "<ul><li>de plannen worden naar voren gehaald;</li>"
        "<li>knelpunten worden samen opgelost, zo snel als het kan en met alle partijen aan tafel;</li></ul>",
        "Alle partijen",
        "Corporatie / medio 2025",
    ),
    (
        "Woonruimteverdeling",
        "1.1.3",
        "<p>Doorstroming wordt bevorderd door:</p><ol><li>voorrang voor senioren;</li>"
        "<li>een verhuisvergoeding;</li></ol><p>Dit wordt <i>jaarlijks</i> gemonitord.</p>",
        "Gemeente / corporatie / huurders",
        "Corporatie / Q1 2024",
    ),
    ("Grondprijzen", "1.1.4", LONG * 4, "Gemeente", "Gemeente / 2023"),
    ("Monitoring", "1.1.5", LONG * 3, "Gemeente / corporatie", "Corporatie / jaarlijks"),
]
SIGNATURES = (
    ("Gemeente Teststad", "De heer A. Jansen Wethouder Wonen"),
    ("Woonstichting Thuis", "Mevrouw B. de Vries Directeur-bestuurder"),
)
SMALL_TEXT = "\n".join(
    [
        "Prestatieafspraken Teststad 2023 – 2026",
        "",
        "Gemeente Teststad",
        "Woonstichting Thuis",
        "Huurdersvereniging Thuis",
        "",
        "Definitief, 1 maart 2023",
        "",
        "Inleiding",
        "",
        "Deze prestatieafspraken gelden van 1 januari 2023 tot en met 31 december 2026. De gemeente "
        "Teststad, de woningcorporatie Woonstichting Thuis en de huurdersorganisatie Huurdersvereniging "
        "Thuis hebben ze samen gemaakt.",
        "",
        "1 - Voldoende woningen",
        "",
        "Ambitie",
        "",
        "Wij bouwen 30% goedkope koop¹ en *sociale* huur. " + LONG,
        "",
        "¹ Goedkope koop: koopwoningen tot € 225.000, prijspeil 2023.",
        "",
        "- een korte eerste;",
        "- een tweede punt dat zo lang is dat het over de rand van de regel heen loopt en op de volgende "
        "regel verder gaat.",
        "",
        "1.1 - Nieuwbouw",
        "",
        "Onderwerp\tNr.\tAfspraak\tPartij(en)\tTrekker / datum",
        *("\t".join(row) for row in ROWS),
        "",
        "Overeengekomen te Teststad op 1 maart 2023",
        "",
        "\t".join(f"<p>Namens {name}</p><p>{person}</p>" for name, person in SIGNATURES),
    ]
)
SMALL_HTML = f"""<html><head><style>
@page {{ size: A5; margin: 2cm 1.5cm;
  @top-center {{ content: "Prestatieafspraken Teststad"; font-size: 8pt }}
  @bottom-right {{ content: "Pagina " counter(page) " van " counter(pages); font-size: 8pt }} }}
body {{ font-family: "DejaVu Sans"; font-size: 9pt }}
p {{ margin: 0 0 6pt 0 }}
h1 {{ font-size: 14pt }} h2 {{ font-size: 11pt }}
table.grid {{ border-collapse: collapse; width: 100% }}
.grid td, .grid th {{ border: 0.5pt solid black; vertical-align: top; padding: 2pt; font-size: 7pt }}
.grid th {{ text-align: left }}
td p {{ margin: 0 0 4pt 0 }} td ul, td ol {{ margin: 0 0 4pt 0; padding-left: 12pt }}
.note {{ float: footnote; font-size: 7pt }}
table.signatures {{ width: 100%; margin-top: 12pt }} .signatures td {{ width: 50%; vertical-align: top }}
</style></head><body>
<h1>Prestatieafspraken Teststad 2023 – 2026</h1>
<p>Gemeente Teststad</p><p>Woonstichting Thuis</p><p>Huurdersvereniging Thuis</p>
<p>Definitief, 1 maart 2023</p>
<h2>Inleiding</h2>
<p>Deze prestatieafspraken gelden van 1 januari 2023 tot en met 31 december 2026. De gemeente Teststad,
de woningcorporatie Woonstichting Thuis en de huurdersorganisatie Huurdersvereniging Thuis hebben ze
samen gemaakt.</p>
<h2>1 - Voldoende woningen</h2>
<h2>Ambitie</h2>
<p>Wij bouwen 30% goedkope koop<span class="note">Goedkope koop: koopwoningen tot € 225.000, prijspeil
2023.</span> en <i>sociale</i> huur. {LONG}</p>
<ul><li>een korte eerste;</li><li>een tweede punt dat zo lang is dat het over de rand van de regel heen
loopt en op de volgende regel verder gaat.</li></ul>
<h2>1.1 - Nieuwbouw</h2>
<table class="grid"><thead><tr><th>Onderwerp</th><th>Nr.</th><th>Afspraak</th><th>Partij(en)</th>
<th>Trekker / datum</th></tr></thead><tbody>
{"".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in ROWS)}
</tbody></table>
<p>Overeengekomen te Teststad op 1 maart 2023</p>
<table class="signatures"><tr>
{"".join(f"<td><p>Namens {name}</p><p>{person}</p></td>" for name, person in SIGNATURES)}
</tr></table>
</body></html>"""


@pytest.fixture(scope="module")
def small_pdf() -> bytes:
    return small_pdf_bytes()


@pytest.fixture(scope="module")
def small(small_pdf: bytes) -> SourceText:
    return read_source("teststad.pdf", small_pdf)


def page_texts(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def cut_rows(pages: list[str]) -> list[str]:
    """Agreements whose row a page break cuts: the next page goes on with text before any number."""
    numbers: list[str] = []
    for previous, page in zip(pages, pages[1:], strict=False):
        after_header = page.split("datum\n", 1)[-1]
        found = re.search(r"\b1\.1\.\d\b", after_header)
        before = after_header[: found.start()] if found else after_header
        earlier = re.findall(r"\b1\.1\.\d\b", previous)
        if earlier and len(before.strip().split("\n")) > 1:
            numbers.append(earlier[-1])
    return numbers


def test_the_small_pdf_has_what_the_reader_must_undo(small_pdf: bytes) -> None:
    pages = page_texts(small_pdf)
    assert len(pages) >= 3
    assert sum("Onderwerp Nr. Afspraak Partij(en)" in text for text in pages) >= 2  # header repeated
    assert all("Prestatieafspraken Teststad" in text and "Pagina" in text for text in pages)
    assert cut_rows(pages), "a row should be cut by a page break"


def test_the_small_pdf_reads_as_its_text(small: SourceText) -> None:
    expected, found = parse_document(SMALL_TEXT), parse_document(small.text)
    assert len(found.agreements) == 5
    assert agreements(found) == agreements(expected)
    assert themes(found) == themes(expected)
    assert found.introduction == expected.introduction
    assert [(note.marker, note.text) for note in found.footnotes] == [
        (note.marker, note.text) for note in expected.footnotes
    ]
    assert [(item.organisation, item.person, item.role) for item in found.signatories] == [
        ("Gemeente Teststad", "A. Jansen", "Wethouder Wonen"),
        ("Woonstichting Thuis", "B. de Vries", "Directeur-bestuurder"),
    ]
    assert [warning.message for warning in found.warnings] == [
        warning.message for warning in expected.warnings
    ]


def test_paragraphs_lists_footnotes_and_headings_become_lines(small: SourceText) -> None:
    lines = small.text.split("\n")
    ambition = next(index for index, line in enumerate(lines) if line.startswith("Wij bouwen"))
    assert lines[ambition : ambition + 7] == [
        "Wij bouwen 30% goedkope koop¹ en *sociale* huur. " + LONG.strip(),
        "",
        "¹ Goedkope koop: koopwoningen tot € 225.000, prijspeil 2023.",
        "",
        "- een korte eerste;",
        "- een tweede punt dat zo lang is dat het over de rand van de regel heen loopt en op de volgende "
        "regel verder gaat.",
        "",
    ]
    assert "1 - Voldoende woningen" in lines and "Ambitie" in lines
    # Page headers and footers are gone; the table header stays once.
    assert not any("Pagina" in line or line == "Prestatieafspraken Teststad" for line in lines)
    assert sum(line.startswith("Onderwerp\tNr.") for line in lines) == 1


def test_a_row_cut_by_the_page_break_is_one_row(small: SourceText, small_pdf: bytes) -> None:
    lines = small.text.split("\n")
    rows = [
        line for line in lines[: lines.index("Overeengekomen te Teststad op 1 maart 2023")] if "\t" in line
    ]
    assert [row.split("\t")[1] for row in rows] == ["Nr.", "1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5"]
    expected = {row[1]: row[2] for row in ROWS}
    for number in cut_rows(page_texts(small_pdf)):
        cell = next(row.split("\t")[2] for row in rows if row.split("\t")[1] == number)
        assert cell == expected[number].strip()


def test_every_line_points_at_its_page(small: SourceText, small_pdf: bytes) -> None:
    pages = page_texts(small_pdf)
    document = parse_document(small.text)
    assert len(small.places) == len(small.text.split("\n"))
    for agreement in document.agreements:
        first_page = next(index for index, text in enumerate(pages, 1) if agreement.number in text)
        assert small.place(agreement.line) == f"pagina {first_page}"
    assert small.place(document.themes[0].line) == "pagina 1"


def test_labels_and_a_table_of_contents_stay_lines_of_text() -> None:
    """Only blocks side by side (signatures) become tab-separated cells; "Datum:   9 november 2021"
    and a contents line with its page number stay one line of text."""
    html = (
        "<style>body { font-family: 'DejaVu Sans'; font-size: 10pt } td { padding-right: 40pt }</style>"
        "<h1>Titel</h1><table><tr><td>Versie:</td><td>1.0</td></tr>"
        "<tr><td>Datum:</td><td>9 november 2021</td></tr></table>"
        "<p>Inhoud</p><p>1 - Wonen ........................................ 3</p>"
    )
    source = read_source("x.pdf", bytes(HTML(string=html).write_pdf()))
    assert [line for line in source.text.split("\n") if line] == [
        "Titel",
        "Versie: 1.0",
        "Datum: 9 november 2021",
        "Inhoud",
        "1 - Wonen ........................................ 3",
    ]


# Bad files -------------------------------------------------------------------------------------------


def handmade_pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF written object by object (objects numbered from 1, the first the catalogue)."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer,
        xref,
    )
    return bytes(out)


PAGE_TREE = [b"<</Type /Catalog /Pages 2 0 R>>", b"<</Type /Pages /Kids [3 0 R] /Count 1>>"]


def scanned_pdf() -> bytes:
    """One page with only an image on it, as a scanner makes it."""
    content = b"q 400 0 0 500 50 50 cm /Scan Do Q"
    return handmade_pdf(
        [
            *PAGE_TREE,
            b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 500 600] /Contents 4 0 R "
            b"/Resources <</XObject <</Scan 5 0 R>>>>>>",
            b"<</Length %d>>\nstream\n%s\nendstream" % (len(content), content),
            b"<</Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Length 4>>\nstream\n\x10\x80\x80\xf0\nendstream",
        ]
    )


def password_pdf() -> bytes:
    """Encrypted with the standard security handler and a user password (not the empty one)."""
    return handmade_pdf(
        [
            *PAGE_TREE,
            b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 500 600]>>",
            b"<</Filter /Standard /V 1 /R 2 /P -44 /O <" + b"a1" * 32 + b"> /U <" + b"b2" * 32 + b">>>",
        ],
        trailer=b"/Encrypt 4 0 R /ID [<" + b"c3" * 16 + b"> <" + b"c3" * 16 + b">]",
    )


def test_a_damaged_pdf_is_refused_in_dutch(small_pdf: bytes) -> None:
    for data in (b"%PDF-1.7\n" + b"\x00garbage" * 50, small_pdf[:400]):
        with pytest.raises(SourceReadError) as error:
            read_source("kapot.pdf", data)
        assert "De PDF is beschadigd" in error.value.message


def test_a_pdf_with_a_password_is_refused_in_dutch() -> None:
    with pytest.raises(SourceReadError) as error:
        read_source("geheim.pdf", password_pdf())
    assert "wachtwoord" in error.value.message


def test_a_scanned_pdf_without_text_is_refused_in_dutch() -> None:
    with pytest.raises(SourceReadError) as error:
        read_source("scan.pdf", scanned_pdf())
    assert error.value.message.startswith("De PDF bevat geen tekst; is het een scan?")


def test_a_pdf_without_agreement_tables_is_refused_at_a_page() -> None:
    html = (
        "<h1>Prestatieafspraken Teststad 2023 – 2026</h1><p>Gemeente Teststad</p><p>Woonstichting Thuis</p>"
        "<h2>Inleiding</h2><p>Een brief over de samenwerking, zonder thema's en zonder tabel.</p>"
        '<p style="page-break-before: always">Met vriendelijke groet.</p>'
    )
    source = read_source("brief.pdf", bytes(HTML(string=html).write_pdf()))
    with pytest.raises(DocumentParseError) as error:
        parse_document(source.text)
    assert "Geen thema's gevonden" in error.value.message
    assert source.place(error.value.line) in ("pagina 1", "pagina 2")


# Fuzzing: damaged PDF bytes give a Dutch refusal or a document, never another exception ---------------


@functools.cache
def small_pdf_bytes() -> bytes:
    return bytes(HTML(string=SMALL_HTML).write_pdf())


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    data = bytearray(small_pdf_bytes())
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        position = draw(st.integers(min_value=0, max_value=max(0, len(data) - 1)))
        operation = draw(st.sampled_from(["overwrite", "delete", "insert", "truncate"]))
        chunk = draw(st.binary(min_size=1, max_size=16))
        if operation == "overwrite":
            data[position : position + len(chunk)] = chunk
        elif operation == "delete":
            del data[position : position + len(chunk)]
        elif operation == "insert":
            data[position:position] = chunk
        else:
            del data[max(position, 5) :]
    return bytes(data)


def _read(data: bytes) -> Document | None:
    try:
        source = read_source("fuzz.pdf", data)
    except SourceReadError as error:
        assert error.message
        return None
    try:
        return parse_document(source.text)
    except DocumentParseError as error:
        assert error.line >= 1
        assert source.place(error.line).startswith("pagina ")
        return None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damaged_pdf_bytes_only_raise_a_dutch_refusal(data: bytes) -> None:
    result = _read(data)
    assert result is None or isinstance(result, Document)


@pytest.mark.django_db
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(damaged())
def test_a_refused_pdf_stores_nothing(data: bytes) -> None:
    before = table_counts()
    try:
        source = read_source("fuzz.pdf", data)
        document_import(text=source.text, filename="fuzz.pdf")
    except (SourceReadError, DocumentParseError, ImportRefusedError):
        assert table_counts() == before
