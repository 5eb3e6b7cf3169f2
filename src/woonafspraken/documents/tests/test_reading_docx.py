"""Reading Word files: the Kampen document as Word reads the same as its text, and Word's own structure
(run-split text, soft breaks, merged cells, footnotes, fields, ...) is read on small hand-made files."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx as python_docx
import pytest
from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph as WordParagraph

from woonafspraken.documents.parsing.model import Document, DocumentParseError
from woonafspraken.documents.parsing.parser import parse_document
from woonafspraken.documents.reading import SourceReadError, SourceText, read_source
from woonafspraken.documents.reading.source import SourceKind
from woonafspraken.documents.tests.made_like_real import FOOTNOTES_CONTENT_TYPE, resave_docx, write_docx
from woonafspraken.documents.tests.voorbeeldstad import SNIPPET
from woonafspraken.housing import parsing as housing

AGREEMENT_FIELDS = (
    "number",
    "theme",
    "section",
    "subject",
    "subject_inherited",
    "text",
    "parties",
    "leads",
    "due_raw",
    "due",
)
DOCX_PLACE = re.compile(r"^(?:alinea \d+|tabel \d+, rij \d+|voetnoot \d+)$")


# -- the Kampen document: text and Word --------------------------------------------------------------


@pytest.fixture(scope="module")
def kampen_docx_source(kampen_docx_path: Path) -> SourceText:
    return read_source("kampen.docx", kampen_docx_path.read_bytes())


@pytest.fixture(scope="module")
def both(kampen_text: str, kampen_docx_source: SourceText) -> tuple[Document, Document]:
    from_text = parse_document(read_source("kampen.txt", kampen_text.encode("utf-8")).text)
    return from_text, parse_document(kampen_docx_source.text)


def test_the_word_file_is_read_as_word(kampen_docx_source: SourceText):
    assert kampen_docx_source.kind is SourceKind.DOCX
    assert len(kampen_docx_source.places) == kampen_docx_source.text.count("\n") + 1
    assert all(DOCX_PLACE.match(place) for place in kampen_docx_source.places)


def test_word_and_text_give_the_same_agreements(both: tuple[Document, Document]):
    from_text, from_word = both
    assert len(from_word.agreements) == len(from_text.agreements) == 43
    for expected, read in zip(from_text.agreements, from_word.agreements, strict=True):
        for name in AGREEMENT_FIELDS:
            assert getattr(read, name) == getattr(expected, name), f"{expected.number}: {name}"


def test_word_and_text_give_the_same_themes_footnotes_and_title_page(both: tuple[Document, Document]):
    from_text, from_word = both

    def themes(document: Document) -> list[tuple[object, ...]]:
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

    assert len(from_word.themes) == 5
    assert themes(from_word) == themes(from_text)
    assert [(note.marker, note.text) for note in from_word.footnotes] == [
        (note.marker, note.text) for note in from_text.footnotes
    ]
    assert from_word.footnotes[0].text.startswith("Goedkope koop: koopwoningen")
    for name in ("title", "municipality", "status_note", "start", "end", "introduction", "signed_text"):
        assert getattr(from_word, name) == getattr(from_text, name), name


def test_word_and_text_give_the_same_parties_and_signatories(both: tuple[Document, Document]):
    from_text, from_word = both

    def without_lines(items: tuple[object, ...]) -> list[object]:
        return [dataclasses.replace(item, line=0) for item in items]  # type: ignore[type-var]

    assert without_lines(from_word.parties) == without_lines(from_text.parties)
    assert len(from_word.signatories) == 5
    assert without_lines(from_word.signatories) == without_lines(from_text.signatories)


def test_word_and_text_give_the_same_appendices_and_housing_figures(both: tuple[Document, Document]):
    from_text, from_word = both
    assert [(item.number, item.title) for item in from_word.appendices] == [
        (item.number, item.title) for item in from_text.appendices
    ]
    for expected, read in zip(from_text.appendices, from_word.appendices, strict=True):
        assert [line for line in read.lines if line.strip()] == [
            line for line in expected.lines if line.strip()
        ]
    stock_text, pipeline_text = ("\n".join(item.lines) for item in from_text.appendices)
    stock_word, pipeline_word = ("\n".join(item.lines) for item in from_word.appendices)
    assert housing.looks_like_stock(stock_word)
    assert housing.looks_like_pipeline(pipeline_word)
    stock = housing.parse_stock(from_word.appendices[0].title, stock_word)
    assert stock == housing.parse_stock(from_text.appendices[0].title, stock_text)
    assert len(stock.blocks) == 3
    pipeline = housing.parse_pipeline(from_word.appendices[1].title, pipeline_word)
    assert pipeline == housing.parse_pipeline(from_text.appendices[1].title, pipeline_text)
    assert pipeline.years == (2022, 2023, 2024, 2025, 2026)


def test_word_and_text_give_the_same_warnings_each_at_a_place_in_the_word_file(
    both: tuple[Document, Document], kampen_docx_source: SourceText
):
    from_text, from_word = both
    assert from_word.warnings, "Kampen has a warning (the misspelt party name on its title page)"
    assert [warning.message for warning in from_word.warnings] == [
        warning.message for warning in from_text.warnings
    ]
    for warning in from_word.warnings:
        assert DOCX_PLACE.match(kampen_docx_source.place(warning.line)), warning


def test_the_footnote_follows_its_paragraph_and_rows_keep_their_table_and_row(
    kampen_docx_source: SourceText,
):
    lines = kampen_docx_source.text.split("\n")
    footnote = next(index for index, line in enumerate(lines) if line.startswith("¹ "))
    referring = max(index for index in range(footnote) if "¹" in lines[index])
    assert kampen_docx_source.places[footnote] == "voetnoot 1"
    assert kampen_docx_source.places[referring].startswith("alinea ")  # the ambition of theme 1
    assert "goedkope koop¹ en huur" in lines[referring]
    row = next(index for index, line in enumerate(lines) if line.split("\t")[1:2] == ["1.1.2"])
    assert "(koop ¹ en huur)" in lines[row]  # the second mention: a cross-reference to the same note
    assert re.match(r"^tabel \d+, rij 3$", kampen_docx_source.places[row])


def test_the_word_file_saved_again_by_another_program_reads_the_same(
    both: tuple[Document, Document], kampen_docx_path: Path, tmp_path: Path
):
    """LibreOffice writes the same document in its own XML (other footnote ids, complex fields, its own
    numbering and table properties): the reader reads Word's structure, not the test writer's habits."""
    resaved = resave_docx(kampen_docx_path, tmp_path)
    assert resaved.read_bytes() != kampen_docx_path.read_bytes()
    from_text, _ = both
    source = read_source("kampen.docx", resaved.read_bytes())
    from_word = parse_document(source.text)
    for expected, read in zip(from_text.agreements, from_word.agreements, strict=True):
        for name in AGREEMENT_FIELDS:
            assert getattr(read, name) == getattr(expected, name), f"{expected.number}: {name}"
    assert [(note.marker, note.text) for note in from_word.footnotes] == [
        (note.marker, note.text) for note in from_text.footnotes
    ]
    assert [theme.ambition for theme in from_word.themes] == [theme.ambition for theme in from_text.themes]
    assert [(item.organisation, item.person, item.role) for item in from_word.signatories] == [
        (item.organisation, item.person, item.role) for item in from_text.signatories
    ]
    assert [[line for line in item.lines if line.strip()] for item in from_word.appendices] == [
        [line for line in item.lines if line.strip()] for item in from_text.appendices
    ]
    assert [warning.message for warning in from_word.warnings] == [
        warning.message for warning in from_text.warnings
    ]


def test_another_document_reads_the_same_as_word_too(tmp_path: Path):
    """Voorbeeldstad (the parser tests' snippet): other names and numbers, footnotes, appendices."""
    text = SNIPPET.read_text(encoding="utf-8")
    from_text = parse_document(text)
    source = read_source("voorbeeldstad.docx", write_docx(text, tmp_path / "voorbeeldstad.docx").read_bytes())
    from_word = parse_document(source.text)
    assert len(from_word.agreements) == len(from_text.agreements) > 0
    for expected, read in zip(from_text.agreements, from_word.agreements, strict=True):
        for name in AGREEMENT_FIELDS:
            assert getattr(read, name) == getattr(expected, name), f"{expected.number}: {name}"
    assert [(note.marker, note.text) for note in from_word.footnotes] == [
        (note.marker, note.text) for note in from_text.footnotes
    ]
    assert [(item.organisation, item.person) for item in from_word.signatories] == [
        (item.organisation, item.person) for item in from_text.signatories
    ]
    assert [warning.message for warning in from_word.warnings] == [
        warning.message for warning in from_text.warnings
    ]
    assert [[line for line in item.lines if line.strip()] for item in from_word.appendices] == [
        [line for line in item.lines if line.strip()] for item in from_text.appendices
    ]


# -- small Word files made here ----------------------------------------------------------------------


def _docx(build: Callable[[WordDocument], None]) -> bytes:
    document = python_docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _read(build: Callable[[WordDocument], None]) -> SourceText:
    return read_source("test.docx", _docx(build))


def _lines(source: SourceText) -> list[str]:
    return [line for line in source.text.split("\n") if line]


def test_headings_and_paragraphs_are_lines_with_their_place():
    def build(document: WordDocument) -> None:
        document.add_paragraph("Prestatieafspraken Voorbeeldstad", style="Title")
        document.add_paragraph("")  # an empty paragraph is no line and no place
        document.add_heading("1 - Wonen", level=1)
        document.add_paragraph("Een alinea.")

    source = _read(build)
    assert source.text == "Prestatieafspraken Voorbeeldstad\n\n1 - Wonen\n\nEen alinea."
    assert source.places == ("alinea 1", "alinea 1", "alinea 2", "alinea 2", "alinea 3")


def test_text_split_over_runs_is_one_text_and_emphasis_is_marked():
    def build(document: WordDocument) -> None:
        paragraph = document.add_paragraph()
        for text in ("Afs", "praak ", "met "):
            paragraph.add_run(text)
        for text in ("nad", "ruk"):
            paragraph.add_run(text).italic = True
        paragraph.add_run(" en ")
        paragraph.add_run("vet").bold = True
        paragraph.add_run("\tna een tab")

    assert _lines(_read(build)) == ["Afspraak met *nadruk* en **vet** na een tab"]


def test_lists_are_dash_and_number_lines_and_end_with_an_empty_line():
    def build(document: WordDocument) -> None:
        document.add_paragraph("Partijen:")
        document.add_paragraph("eerste", style="List Bullet")
        document.add_paragraph("tweede", style="List Bullet")
        document.add_paragraph("een", style="List Number")
        document.add_paragraph("twee", style="List Number")
        document.add_paragraph("Daarna.")

    source = _read(build)
    assert source.text == "Partijen:\n\n- eerste\n- tweede\n1. een\n2. twee\n\nDaarna."


def test_a_soft_line_break_starts_a_new_line_and_in_a_cell_a_new_paragraph():
    def build(document: WordDocument) -> None:
        paragraph = document.add_paragraph("Gemeente Voorbeeldstad")
        paragraph.add_run().add_break()
        paragraph.add_run("Woonstichting Voorbeeld")
        table = document.add_table(rows=1, cols=2)
        cell = table.cell(0, 0).paragraphs[0]
        cell.add_run("Namens Gemeente Voorbeeldstad")
        cell.add_run().add_break()
        cell.add_run("De heer A. Jansen Wethouder")

    lines = _lines(_read(build))
    assert lines[:2] == ["Gemeente Voorbeeldstad", "Woonstichting Voorbeeld"]
    assert lines[2] == "Namens Gemeente Voorbeeldstad<br>De heer A. Jansen Wethouder\t"


def test_a_table_is_tab_separated_rows_with_the_cells_in_markup():
    def build(document: WordDocument) -> None:
        table = document.add_table(rows=2, cols=3)
        table.cell(0, 0).text = "Onderwerp"
        table.cell(0, 1).text = "Nr."
        table.cell(0, 2).text = "Afspraak"
        cell = table.cell(1, 2)
        cell.paragraphs[0].add_run("Eerste alinea met ")
        cell.paragraphs[0].add_run("<nadruk>").italic = True
        cell.add_paragraph("punt a", style="List Bullet")
        cell.add_paragraph("punt b", style="List Bullet")
        cell.add_paragraph("stap", style="List Number")
        cell.add_paragraph("Slot & einde.")
        table.cell(1, 1).text = "1.1.1"

    source = _read(build)
    assert _lines(source) == [
        "Onderwerp\tNr.\tAfspraak",
        "\t1.1.1\t<p>Eerste alinea met <i>&lt;nadruk></i></p> <ul> <li>punt a</li> <li>punt b</li> </ul> "
        "<ol> <li>stap</li> </ol> <p>Slot & einde.</p>",
    ]
    assert source.places[:2] == ("tabel 1, rij 1", "tabel 1, rij 2")


def test_merged_cells_keep_their_text_in_the_first_column():
    def build(document: WordDocument) -> None:
        table = document.add_table(rows=3, cols=3)
        table.cell(0, 0).merge(table.cell(0, 2)).text = "Corporatie A"
        table.cell(1, 0).merge(table.cell(2, 0)).text = "Onderwerp"
        table.cell(1, 1).text = "1.1"
        table.cell(2, 1).text = "1.2"

    assert _lines(_read(build)) == ["Corporatie A\t\t", "Onderwerp\t1.1\t", "\t1.2\t"]


def test_a_header_row_repeated_in_the_same_table_is_read_once():
    def build(document: WordDocument) -> None:
        header = ("Onderwerp", "Nr.", "Afspraak", "Partij(en)", "Trekker / datum")
        table = document.add_table(rows=4, cols=5)
        for row in (0, 2):
            for column, text in enumerate(header):
                table.cell(row, column).text = text
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        table.cell(1, 1).text = "1.1"
        table.cell(3, 1).text = "1.2"

    source = _read(build)
    assert _lines(source) == [
        "Onderwerp\tNr.\tAfspraak\tPartij(en)\tTrekker / datum",
        "\t1.1\t\t\t",
        "\t1.2\t\t\t",
    ]
    assert source.places[2] == "tabel 1, rij 4"


HEADER = ("Onderwerp", "Nr.", "Afspraak", "Partij(en)", "Trekker / datum")


def test_a_section_heading_drawn_as_a_row_of_the_agreements_table_is_a_heading():
    def build(document: WordDocument) -> None:
        table = document.add_table(rows=3, cols=5)
        for column, text in enumerate(HEADER):
            table.cell(0, column).text = text
        table.cell(1, 0).merge(table.cell(1, 4)).text = "1.1 - Nieuwbouw"
        table.cell(2, 1).text = "1.1.1"

    source = _read(build)
    assert _lines(source) == ["\t".join(HEADER), "1.1 - Nieuwbouw", "\t1.1.1\t\t\t"]
    assert source.place(source.text.split("\n").index("1.1 - Nieuwbouw") + 1) == "tabel 1, rij 2"


def _add_footnote(document: WordDocument, paragraph: WordParagraph, footnote_id: int, text: str) -> None:
    paragraph._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
            f'<w:footnoteReference w:id="{footnote_id}"/></w:r>'
        )
    )
    notes = "".join(
        f'<w:footnote w:id="{number}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> '
        f"{note}</w:t></w:r></w:p></w:footnote>"
        for number, note in [(footnote_id, text)]
    )
    xml = (
        f'<w:footnotes {nsdecls("w")}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
        f'</w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        f"<w:continuationSeparator/></w:r></w:p></w:footnote>{notes}</w:footnotes>"
    )
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CONTENT_TYPE, xml.encode(), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def test_a_footnote_is_its_number_at_the_reference_and_a_line_after_the_paragraph():
    def build(document: WordDocument) -> None:
        paragraph = document.add_paragraph("Goedkope koop")
        _add_footnote(document, paragraph, 7, "Tot € 225.000.")  # Word's id, not the number shown
        paragraph.add_run(" en huur.")
        document.add_paragraph("Verder.")

    source = _read(build)
    assert _lines(source) == ["Goedkope koop¹ en huur.", "¹ Tot € 225.000.", "Verder."]
    assert source.place(source.text.split("\n").index("¹ Tot € 225.000.") + 1) == "voetnoot 1"


def test_a_footnote_in_a_table_row_follows_that_row():
    def build(document: WordDocument) -> None:
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "a"
        _add_footnote(document, table.cell(0, 1).paragraphs[0], 3, "Een noot.")
        table.cell(1, 0).text = "b"

    assert _lines(_read(build)) == ["a\t¹", "¹ Een noot.", "b\t"]


def test_fields_hyperlinks_symbols_and_deleted_text_read_as_shown():
    def build(document: WordDocument) -> None:
        paragraph = document.add_paragraph("Zie ")
        w = nsdecls("w")
        r = nsdecls("r")
        for xml in (
            f'<w:r {w}><w:fldChar w:fldCharType="begin"/></w:r>',
            f'<w:r {w}><w:instrText xml:space="preserve"> REF _Ref1 \\h </w:instrText></w:r>',
            f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>',
            f"<w:r {w}><w:t>afspraak 1.1</w:t></w:r>",
            f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>',
            f'<w:hyperlink {w} {r} r:id="rId99"><w:r><w:t xml:space="preserve"> op de site</w:t></w:r></w:hyperlink>',
            f'<w:del {w} w:id="1" w:author="x"><w:r><w:delText>weg</w:delText></w:r></w:del>',
            f'<w:ins {w} w:id="2" w:author="x"><w:r><w:t xml:space="preserve"> erbij</w:t></w:r></w:ins>',
            f'<w:r {w}><w:t xml:space="preserve"> </w:t><w:sym w:font="Symbol" w:char="F0B7"/></w:r>',
            f'<w:r {w}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>2</w:t></w:r>',
            # A symbol code beyond Unicode (and beyond a C int) is left out, not a crash.
            f'<w:r {w}><w:sym w:font="Symbol" w:char="FFFFFFFFFFFFFFFFFFFF"/></w:r>',
        ):
            paragraph._p.append(parse_xml(xml))

    assert _lines(_read(build)) == ["Zie afspraak 1.1 op de site erbij •²"]


def test_a_nested_table_is_flattened_into_its_cell_and_a_one_column_table_is_paragraphs():
    def build(document: WordDocument) -> None:
        frame = document.add_table(rows=1, cols=1)
        frame.cell(0, 0).text = "Ambitie in een kader."
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Onderwerp"
        nested = table.cell(0, 1).add_table(rows=2, cols=2)
        for row, texts in enumerate((("a", "b"), ("c", "d"))):
            for column, text in enumerate(texts):
                nested.cell(row, column).text = text

    source = _read(build)
    assert _lines(source) == ["Ambitie in een kader.", "Onderwerp\t<p>a b</p> <p>c d</p>"]
    assert source.places[0] == "alinea 1"
    assert "tabel 1, rij 1" in source.places


def test_headings_numbered_by_word_get_their_number():
    def build(document: WordDocument) -> None:
        numbering = document.part.numbering_part.element
        numbering.append(
            parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
                '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/></w:lvl>'
                '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>'
            )
        )
        numbering.append(
            parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
        )
        for level, text in ((0, "Wonen"), (1, "Nieuwbouw"), (1, "Voorraad"), (0, "Betaalbaarheid")):
            heading = document.add_heading(text, level=level + 1)
            heading._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
            )

    assert _lines(_read(build)) == ["1 - Wonen", "1.1 - Nieuwbouw", "1.2 - Voorraad", "2 - Betaalbaarheid"]


# -- files that cannot be read -----------------------------------------------------------------------


def _zip(files: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _refusal(data: bytes, filename: str = "afspraken.docx") -> str:
    with pytest.raises(SourceReadError) as refused:
        read_source(filename, data)
    return refused.value.message


def test_a_damaged_word_file_is_refused(kampen_docx_path: Path):
    data = kampen_docx_path.read_bytes()
    assert _refusal(data[: len(data) // 2]) == (
        "Het Word-bestand is beschadigd en kan niet worden gelezen (het is geen geldig zip-archief). "
        "Open het in Word en sla het opnieuw op als .docx, of lever het als PDF."
    )


def test_a_word_file_with_broken_xml_is_refused():
    good = _docx(lambda document: document.add_paragraph("Tekst"))
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        files: dict[str, str | bytes] = {name: archive.read(name) for name in archive.namelist()}
    files["word/document.xml"] = files["word/document.xml"][:-40]
    assert "de XML van het document is ongeldig" in _refusal(_zip(files))


def test_a_zip_that_is_not_a_word_file_is_refused():
    assert _refusal(_zip({"readme.txt": "hallo"})) == (
        "Dit is een zip-bestand, geen Word-document (.docx): het bevat geen word/document.xml. "
        "Lever het document als .docx, PDF of tekst."
    )
    assert _refusal(_zip({"xl/workbook.xml": "<x/>"}), "cijfers.xlsx").startswith("Dit is een Excel-bestand")
    odt = _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})
    assert _refusal(odt, "afspraken.odt").startswith("Dit is een OpenDocument-bestand (LibreOffice, .odt)")


def test_a_word_template_or_macro_file_is_refused():
    good = _docx(lambda document: document.add_paragraph("Tekst"))
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        files: dict[str, str | bytes] = {name: archive.read(name) for name in archive.namelist()}
    files["[Content_Types].xml"] = (
        files["[Content_Types].xml"]
        .decode()
        .replace("wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml")
    )
    assert _refusal(_zip(files), "afspraken.docm").startswith(
        "Dit is een Word-sjabloon of een Word-bestand met macro's (.dotx, .docm)."
    )


def test_a_password_protected_word_file_is_refused():
    encrypted = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptedPackage".encode("utf-16-le")
    assert _refusal(encrypted).startswith("Het Word-bestand is beveiligd met een wachtwoord")


def test_an_old_word_file_is_refused():
    assert _refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "afspraken.doc").startswith(
        "Dit is een ouder Word-bestand (.doc)"
    )


def test_an_empty_word_file_is_refused():
    assert _refusal(_docx(lambda document: None)) == "Het Word-bestand bevat geen tekst."


def test_a_word_file_without_a_table_of_agreements_is_refused_at_a_place_in_it():
    def build(document: WordDocument) -> None:
        document.add_paragraph("Prestatieafspraken Voorbeeldstad 2024-2028", style="Title")
        document.add_paragraph("Gemeente Voorbeeldstad")
        document.add_paragraph("Woonstichting Voorbeeld")
        document.add_heading("1 - Wonen", level=1)
        document.add_paragraph("De partijen bouwen samen, van 1 januari 2024 tot en met 31 december 2028.")

    source = _read(build)
    with pytest.raises(DocumentParseError) as refused:
        parse_document(source.text)
    assert (
        refused.value.message == "Geen afspraken gevonden: er staan geen tabelregels met een afspraaknummer."
    )
    assert source.place(refused.value.line) == "alinea 4"  # the theme heading


def test_hidden_text_is_skipped_and_a_character_style_gives_emphasis():
    def build(document: WordDocument) -> None:
        paragraph = document.add_paragraph("Zichtbaar")
        paragraph.add_run(" verborgen").font.hidden = True
        paragraph.add_run(" en ")
        paragraph.add_run("benadrukt", style="Emphasis")

    assert _lines(_read(build)) == ["Zichtbaar en *benadrukt*"]


def test_a_small_word_document_of_its_own_making_parses():
    """Made as a municipality might: heading styles, a section row inside the table, a merged subject."""

    def build(document: WordDocument) -> None:
        document.add_paragraph("Prestatieafspraken Voorbeeldstad 2024-2028", style="Title")
        for name in ("Gemeente Voorbeeldstad", "Woonstichting Thuis", "Huurdersvereniging Samen"):
            document.add_paragraph(name)
        document.add_heading("Inleiding", level=1)
        document.add_paragraph("Deze afspraken gelden van 1 januari 2024 tot en met 31 december 2028.")
        document.add_heading("1 - Wonen", level=1)
        table = document.add_table(rows=4, cols=5)
        for column, text in enumerate(HEADER):
            table.cell(0, column).text = text
        table.cell(1, 0).merge(table.cell(1, 4)).text = "1.1 - Nieuwbouw"
        table.cell(2, 0).merge(table.cell(3, 0)).text = "Bouwen"
        for row, number in ((2, "1.1.1"), (3, "1.1.2")):
            table.cell(row, 1).text = number
            table.cell(row, 2).text = f"Afspraak {number}."
            table.cell(row, 3).text = "Alle partijen"
            table.cell(row, 4).text = "Gemeente / Q1 2025"

    document = parse_document(_read(build).text)
    assert [
        (item.number, item.section, item.subject, item.subject_inherited) for item in document.agreements
    ] == [
        ("1.1.1", "1.1", "Bouwen", False),
        ("1.1.2", "1.1", "Bouwen", True),
    ]
    assert document.agreements[1].leads == ("Gemeente Voorbeeldstad",)
