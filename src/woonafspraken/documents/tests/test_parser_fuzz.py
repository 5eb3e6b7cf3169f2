"""Whatever text comes in, the parser either returns a Document or raises DocumentParseError."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from woonafspraken.documents.parsing.model import Document, DocumentParseError
from woonafspraken.documents.parsing.parser import parse_document

HERE = Path(__file__).parent
SOURCES = [
    (HERE / "snippets" / "voorbeeldstad.txt").read_text(encoding="utf-8").split("\n"),
    (HERE.parent / "data" / "prestatieafspraken-kampen-2022-2026.txt")
    .read_text(encoding="utf-8")
    .split("\n"),
]

# Fragments that mean something to the parser, so random lines hit its branches.
TOKENS = [
    "\t", "\t\t", " ", "1", "2", "1.1", "1.1.1", "5.3", "9.9.9", "-", "--", " - ", "**", ".", ":", "/",
    "Onderwerp", "Nr.", "Afspraak", "Partij(en)", "Trekker / datum", "Ambitie", "Bijlage 1:", "Namens",
    "Overeengekomen te", "Gemeente", "corporaties", "huurders", "Alle partijen", "in januari", "Q1 2022",
    "medio", "2022", "31 februari 2023", "1 januari 2022 tot en met 31 december 2026", "<p>", "</p>",
    "<ul>", "</ul>", "<ol>", "<li>", "<i>", "</b>", "•", " 1. ", " 2. ", "¹", "²", "&amp;", "&#xZZ;", "<",
    "De heer", "Mevrouw", "J.P.", "van der", "tekst", "x",
]  # fmt: skip
line_text = st.lists(st.sampled_from(TOKENS) | st.text(max_size=8), max_size=12).map("".join)


def _check(text: str) -> None:
    try:
        result = parse_document(text)
    except DocumentParseError as error:
        assert error.line >= 1
        assert error.message
    else:
        assert isinstance(result, Document)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = list(draw(st.sampled_from(SOURCES)))
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        operation = draw(st.sampled_from(["delete", "duplicate", "swap", "replace", "insert", "truncate"]))
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1)) if lines else 0
        if not lines:
            lines.append(draw(line_text))
        elif operation == "delete":
            del lines[index]
        elif operation == "duplicate":
            lines.insert(index, lines[index])
        elif operation == "swap":
            other = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif operation == "replace":
            lines[index] = draw(line_text)
        elif operation == "insert":
            lines.insert(index, draw(line_text))
        else:
            cut = draw(st.integers(min_value=0, max_value=len(lines[index])))
            lines[index] = lines[index][:cut]
    return "\n".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_documents_only_raise_document_parse_error(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(line_text, max_size=30).map("\n".join))
def test_garbage_only_raises_document_parse_error(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_any_text_only_raises_document_parse_error(text: str) -> None:
    _check(text)
