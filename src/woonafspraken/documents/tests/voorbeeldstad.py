"""The hand-made covenant "Voorbeeldstad" the parser tests read, its names and the helpers that vary it.

The snippet follows the format of the Kampen document with other names and numbers; a variant changes
one line of it. Shared by ``test_parser.py``, ``test_parser_errors.py`` and ``test_parser_variations.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from woonafspraken.documents.parsing.model import Agreement, DocumentParseError
from woonafspraken.documents.parsing.parser import parse_document

SNIPPET = Path(__file__).parent / "snippets" / "voorbeeldstad.txt"
BASE = SNIPPET.read_text(encoding="utf-8")
LINES = BASE.split("\n")
T = "\t"
HEADER = T.join(["Onderwerp", "Nr.", "Afspraak", "Partij(en)", "Trekker / datum"])

GEMEENTE = "Gemeente Voorbeeldstad"
THUIS = "Woonstichting Thuis"
SAMEN = "Huurdersvereniging Samen"
WOONGOED = "WoonGoed Oosterhout"
RAAD = "Bewonersraad WoonGoed"
ALL = (GEMEENTE, THUIS, SAMEN, WOONGOED, RAAD)
CORPORATIONS = (THUIS, WOONGOED)
TENANTS = (SAMEN, RAAD)

DUTCH_WORDS = {"de", "het", "een", "geen", "niet", "staat", "verwacht", "afspraak", "thema", "tabel", "is"}
ENGLISH_WORDS = {"the", "expected", "line", "missing", "error", "not", "found", "invalid"}


def line_of(prefix: str, lines: list[str] = LINES) -> int:
    """1-based number of the first line starting with ``prefix``."""
    return next(number for number, line in enumerate(lines, 1) if line.startswith(prefix))


def variant(prefix: str, *new: str) -> tuple[str, int]:
    """The snippet with the line starting with ``prefix`` replaced by ``new`` lines (none: removed)."""
    index = line_of(prefix) - 1
    lines = LINES[:index] + list(new) + LINES[index + 1 :]
    return "\n".join(lines), index + 1


def agreement(text: str, number: str) -> Agreement:
    return next(item for item in parse_document(text).agreements if item.number == number)


def assert_dutch_error(error: DocumentParseError, line: int) -> None:
    assert error.line == line
    words = set(re.findall(r"[a-zà-ÿ]+", error.message.lower()))
    assert words & DUTCH_WORDS, error.message
    assert not words & ENGLISH_WORDS, error.message
    assert str(error).startswith(f"Regel {line}: ")


def parse_error(text: str) -> DocumentParseError:
    with pytest.raises(DocumentParseError) as caught:
        parse_document(text)
    return caught.value


def small_document(
    party_lines: Sequence[str], introduction: str, signature_rows: Sequence[Sequence[str]] = ()
) -> str:
    """A small whole covenant around a title page and an introduction: one theme with one agreement
    for "Corporaties" and one for "Huurdersorganisaties"; ``signature_rows`` puts "Namens" blocks
    side by side, one row a line (signing on one line pairs a tenant organisation with a corporation)."""
    lines = [
        "Prestatieafspraken Voorbeeldstad 2023 – 2027",
        "",
        *party_lines,
        "",
        "Concept, 3 maart 2023",
        "",
        "Over deze prestatieafspraken",
        "",
        introduction,
        "",
        "Het zijn afspraken voor de periode 1 januari 2023 tot en met 31 december 2027.",
        "",
        "1 - Betaalbaar wonen",
        "",
        "Ambitie",
        "",
        "Partijen werken samen.",
        "",
        HEADER,
        T.join(["Huren", "1.1", "De huren blijven betaalbaar.", "Corporaties", "Corporaties / in maart"]),
        T.join(["Advies", "1.2", "Over de huren wordt advies gegeven.", "Huurdersorganisaties", "Q2 2023"]),
        "",
    ]
    if signature_rows:
        lines += ["Overeengekomen te Voorbeeldstad op 1 april 2023", ""]
        people = iter(f"De heer {letter}. Jansen Voorzitter" for letter in "ABCDEFGHJKLMNPRSTVW")
        for row in signature_rows:
            lines.append(T.join(f"<p>Namens {name}</p> <p>{next(people)}</p>" for name in row))
    return "\n".join(lines) + "\n"
