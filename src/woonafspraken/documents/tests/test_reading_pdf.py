"""The PDF reader: the Kampen document as a PDF made by LibreOffice reads the same as its text, small
PDFs for the details (paragraphs, lists, tables over page breaks, footnotes, headers), and bad files."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from woonafspraken.documents.parsing.model import Document
from woonafspraken.documents.parsing.parser import parse_document
from woonafspraken.documents.reading import SourceText, read_source
from woonafspraken.documents.reading.source import SourceKind
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


@pytest.fixture(scope="module")
def kampen_pdf(kampen_pdf_path: Path) -> SourceText:
    return read_source(kampen_pdf_path.name, kampen_pdf_path.read_bytes())


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


def test_reading_time(kampen_pdf_path: Path) -> None:
    data = kampen_pdf_path.read_bytes()
    started = time.perf_counter()
    parse_document(read_source(kampen_pdf_path.name, data).text)
    assert time.perf_counter() - started < 20
