"""Whatever damage a Word file has, reading it gives a Document or a Dutch refusal, never more.

The Kampen document as Word (``kampen_docx_path``) is damaged in two ways: bytes of the file itself
(mostly caught by the zip's checksums) and the XML inside its parts, zipped again (which reaches the
reader: broken, duplicated or cut elements, absurd spans, references to footnotes that are not there).
Through ``document_import`` a refusal leaves the database exactly as it was. Few examples, so the
suite stays fast; the parser alone is fuzzed in ``test_parser_fuzz.py``.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import nsdecls
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from tests.trust.dbstate import database_state
from tests.trust.test_fuzz_importers import dutch_problem, rolled_back

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant
from woonafspraken.documents.parsing.model import Document, DocumentParseError
from woonafspraken.documents.parsing.parser import parse_document
from woonafspraken.documents.reading import SourceReadError, read_source
from woonafspraken.documents.services import ImportRefusedError, document_import

pytestmark = pytest.mark.fuzz

PLACE = re.compile(r"^(?:alinea \d+|tabel \d+, rij \d+|voetnoot \d+)$")
PARTS = [
    "word/document.xml",
    "word/document.xml",
    "word/document.xml",
    "word/footnotes.xml",
    "word/numbering.xml",
    "word/styles.xml",
    "word/_rels/document.xml.rels",
    "[Content_Types].xml",
]
# Pieces of WordprocessingML that mean something to the reader.
TOKENS = [
    "<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:tc>", "</w:tc>", "<w:tr>", "</w:tr>",
    "<w:tbl>", "</w:tbl>", '<w:gridSpan w:val="999999999"/>', '<w:gridSpan w:val="-3"/>', "<w:vMerge/>",
    '<w:footnoteReference w:id="99"/>', '<w:fldChar w:fldCharType="begin"/>', "<w:br/>", "<w:tab/>",
    '<w:sym w:char="zz"/>', '<w:numPr><w:numId w:val="42"/><w:ilvl w:val="99"/></w:numPr>', "<w:tblHeader/>",
    '<w:pStyle w:val="Heading1"/>', "\t", "¹", "1.1.1", "Namens", "&", "<", "&#0;", "\x00", "\ufffd",
]  # fmt: skip


def _damage_bytes(data: bytes, draw: st.DrawFn) -> bytes:
    damaged = bytearray(data)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        position = draw(st.integers(min_value=0, max_value=len(damaged) - 1))
        operation = draw(st.sampled_from(["flip", "cut", "delete", "insert"]))
        if operation == "flip":
            damaged[position] ^= draw(st.integers(min_value=1, max_value=255))
        elif operation == "cut":
            del damaged[position:]
            if not damaged:
                break
        elif operation == "delete":
            del damaged[position : position + draw(st.integers(min_value=1, max_value=64))]
            if not damaged:
                break
        else:
            damaged[position:position] = draw(st.binary(min_size=1, max_size=16))
    return bytes(damaged)


def _damage_xml(data: bytes, draw: st.DrawFn) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {info.filename: archive.read(info) for info in archive.infolist()}
    name = draw(st.sampled_from(PARTS))
    text = files[name].decode("utf-8")
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        start = draw(st.integers(min_value=0, max_value=len(text)))
        end = min(len(text), start + draw(st.integers(min_value=0, max_value=400)))
        operation = draw(st.sampled_from(["delete", "duplicate", "replace", "insert"]))
        if operation == "delete":
            text = text[:start] + text[end:]
        elif operation == "duplicate":
            text = text[:end] + text[start:end] + text[end:]
        elif operation == "replace":
            text = text[:start] + draw(st.sampled_from(TOKENS)) + text[end:]
        else:
            text = text[:start] + draw(st.sampled_from(TOKENS) | st.text(max_size=12)) + text[start:]
    files[name] = text.encode("utf-8", "surrogatepass")
    return _rezip(files)


# Well-formed elements to put anywhere, so the damage reaches the reader instead of the XML parser.
ELEMENTS = [
    '<w:gridSpan w:val="999999999"/>', '<w:gridSpan w:val="x"/>', '<w:vMerge w:val="continue"/>',
    '<w:footnoteReference w:id="99"/>', '<w:fldChar w:fldCharType="begin"/>',
    '<w:fldChar w:fldCharType="end"/>', '<w:fldChar w:fldCharType="separate"/>', "<w:br/>", "<w:tab/>",
    '<w:sym w:char="zz"/>', '<w:sym w:char="FFFFFFFF"/>', '<w:numPr><w:numId w:val="5"/><w:ilvl w:val="99"/></w:numPr>',
    "<w:tblHeader/>", '<w:pStyle w:val="Heading1"/>', '<w:gridBefore w:val="70"/>', "<w:t>\t1.1.1\t</w:t>",
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>genest</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    "<w:p><w:r><w:t>Bijlage 9: extra</w:t></w:r></w:p>", "<w:t>¹ noot</w:t>", '<w:vertAlign w:val="superscript"/>',
]  # fmt: skip
# Text that XML can hold (no control characters, no lone surrogates).
xml_text = st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=8)
VALUES = ["", "-1", "0", "999999999", "x", "restart", "superscript", "bullet", "99"]


def _damage_elements(data: bytes, draw: st.DrawFn) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {info.filename: archive.read(info) for info in archive.infolist()}
    name = draw(st.sampled_from(PARTS[:6]))
    root = etree.fromstring(files[name])
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        elements = list(root.iter())
        element = elements[draw(st.integers(min_value=0, max_value=len(elements) - 1))]
        parent = element.getparent()
        operation = draw(st.sampled_from(["remove", "duplicate", "insert", "attribute", "text"]))
        if operation == "remove" and parent is not None:
            parent.remove(element)
        elif operation == "duplicate" and parent is not None:
            element.addnext(copy.deepcopy(element))
        elif operation == "insert":
            wrapper = etree.fromstring(f"<w:x {nsdecls('w')}>{draw(st.sampled_from(ELEMENTS))}</w:x>")
            element.insert(draw(st.integers(min_value=0, max_value=len(element))), wrapper[0])
        elif operation == "attribute" and element.attrib:
            attribute = draw(st.sampled_from(sorted(element.attrib)))
            element.set(attribute, draw(st.sampled_from(VALUES)))
        elif operation == "text":
            element.text = draw(st.sampled_from(["\t", "¹", "1.1.1", "Namens", "&", "<"]) | xml_text)
    files[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return _rezip(files)


def _rezip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in files.items():
            archive.writestr(member, content)
    return buffer.getvalue()


def damaged_word_file(data: bytes) -> st.SearchStrategy[bytes]:
    @st.composite
    def damaged(draw: st.DrawFn) -> bytes:  # a closure: Hypothesis would print the whole file otherwise
        how = draw(st.sampled_from(["bytes", "xml", "elements", "elements"]))
        if how == "bytes":
            return _damage_bytes(data, draw)
        if how == "xml":
            return _damage_xml(data, draw)
        return _damage_elements(data, draw)

    return damaged()


def _read(data: bytes) -> Document | None:
    """The Document, or None after checking the refusal is Dutch and points at a place in the file."""
    try:
        source = read_source("kampen.docx", data)
    except SourceReadError as error:
        assert dutch_problem(error.message) is None, error.message
        return None
    try:
        return parse_document(source.text)
    except DocumentParseError as error:
        assert dutch_problem(error.message) is None, error.message
        assert PLACE.match(source.place(error.line)), (error.line, source.place(error.line))
        return None


def test_a_damaged_word_file_is_read_or_refused_in_dutch(kampen_docx_path: Path):
    data = kampen_docx_path.read_bytes()

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(damaged_word_file(data))
    def run(damaged: bytes) -> None:
        result = _read(damaged)
        assert result is None or isinstance(result, Document)

    run()


@pytest.mark.django_db
def test_a_refused_word_file_stores_nothing(kampen: Covenant, coordinator: User, kampen_docx_path: Path):
    data = kampen_docx_path.read_bytes()
    baseline = database_state()

    @settings(
        max_examples=8,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(damaged_word_file(data))
    def run(damaged: bytes) -> None:
        with rolled_back():
            try:
                source = read_source("kampen.docx", damaged)
                document_import(text=source.text, filename="kampen.docx", user=coordinator)
            except (SourceReadError, DocumentParseError, ImportRefusedError) as error:
                assert dutch_problem(getattr(error, "message", str(error))) is None, error
                assert baseline.differences(database_state()) == []

    run()
    assert database_state() == baseline
