"""The document parser refuses what it cannot read, with a Dutch message naming the line ("Voorbeeldstad").

Each case changes the hand-made snippet (``voorbeeldstad.py``) so that it breaks one rule of the format.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from woonafspraken.documents.parsing.parser import parse_document
from woonafspraken.documents.tests.voorbeeldstad import (
    BASE,
    HEADER,
    LINES,
    assert_dutch_error,
    line_of,
    parse_error,
    variant,
)

# Errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", "   \n\t\n"])
def test_empty_document(text: str) -> None:
    assert_dutch_error(parse_error(text), 1)


def test_no_title() -> None:
    error = parse_error("\n" + HEADER + "\n" + BASE)
    assert_dutch_error(error, 2)


def test_no_parties() -> None:
    text = "\n".join(LINES[:3] + LINES[9:])
    assert_dutch_error(parse_error(text), 3)


def test_no_term() -> None:
    text = BASE.replace("Het zijn afspraken voor de periode 1 januari 2023 tot en met 31 december 2027.", "")
    text = text.replace(
        "De afspraken gelden voor de periode van 1 januari 2023 tot en met 31 december 2027.", "Vijf jaar."
    )
    assert_dutch_error(parse_error(text), line_of("Over deze prestatieafspraken"))


def test_no_themes() -> None:
    text = "\n".join(LINES[: line_of("1 - Betaalbaar") - 1])
    error = parse_error(text)
    assert error.line == len(text.split("\n"))
    assert "thema" in error.message


def test_no_agreements() -> None:
    lines = [line for line in LINES[: line_of("Overeengekomen") - 1] if "\t" not in line]
    error = parse_error("\n".join(lines))
    assert_dutch_error(error, line_of("1 - Betaalbaar wonen"))


def test_table_row_outside_a_theme() -> None:
    text, line = variant("De afspraken gaan over", "Huren\t1.1.1\tTekst.\tGemeente\tGemeente")
    assert_dutch_error(parse_error(text), line)


def test_number_outside_its_section() -> None:
    text, line = variant("Overleg\t2.1", "Overleg\t2.1.1\tTekst.\tGemeente\tGemeente")
    assert_dutch_error(parse_error(text), line)
    text, line = variant("Nieuwbouw\t1.2.1", "Nieuwbouw\t2.1.1\tTekst.\tGemeente\tGemeente")
    error = parse_error(text)
    assert_dutch_error(error, line)
    assert (
        error.message == "Afspraak 2.1.1 staat onder paragraaf 1.2; verwacht een nummer dat begint met 1.2."
    )


def test_number_outside_its_theme_without_sections() -> None:
    text, line = variant("Overleg\t2.1", "Overleg\t3.1\tTekst.\tGemeente\tGemeente")
    error = parse_error(text)
    assert_dutch_error(error, line)
    assert "thema 2" in error.message


def test_three_part_number_in_a_theme_without_its_section_heading() -> None:
    text, line = variant("1.1 - Huren")
    error = parse_error(text)
    assert_dutch_error(error, line_of("Huurverhoging\t1.1.1") - 1)
    assert "paragraaf 1.1" in error.message


def test_duplicate_number() -> None:
    text, line = variant("Nieuwbouw\t1.2.1", "Nieuwbouw\t1.2.2\tTekst.\tGemeente\tGemeente")
    error = parse_error(text)
    assert_dutch_error(error, line + 1)
    assert f"regel {line}" in error.message


@pytest.mark.parametrize("number", ["1.2.x", "1..2", "12a"])
def test_malformed_number(number: str) -> None:
    text, line = variant("Nieuwbouw\t1.2.1", f"Nieuwbouw\t{number}\tTekst.\tGemeente\tGemeente")
    assert_dutch_error(parse_error(text), line)


def test_continuation_without_an_agreement() -> None:
    text, line = variant(HEADER, HEADER, "\t\tlosse tekst\t\t")
    assert_dutch_error(parse_error(text), line + 1)


def test_text_that_fits_nowhere_in_a_table() -> None:
    text, line = variant("Overleg\t2.1", LINES[line_of("Overleg\t2.1") - 1], "Deze zin hoort nergens bij.")
    assert_dutch_error(parse_error(text), line + 1)


def test_subject_without_number_and_nothing_to_continue() -> None:
    text, line = variant("Overleg\t2.1", "Overleg\t\tTekst.\tGemeente\tGemeente")
    assert_dutch_error(parse_error(text), line)


def test_continuation_text_slid_into_the_first_column_is_read_with_a_warning() -> None:
    text, line = variant("\tOver de uitvoering", "Over de uitvoering wordt jaarlijks gesproken.\t\t\t")
    document = parse_document(text)
    item = next(item for item in document.agreements if item.number == "2.2")
    assert item.text.endswith("2027.\n\nOver de uitvoering wordt jaarlijks gesproken.")
    assert item.continuation_lines == (line,)
    assert any(warning.line == line and "2.2" in warning.message for warning in document.warnings)


def test_subject_continued_after_a_page_break_is_read_with_a_warning() -> None:
    text, line = variant("\t\tde jaarlijkse", "", "Wachttijd\t\tde jaarlijkse *huurverhoging*.\t\t")
    text = text.replace("Huurverhoging\t1.1.1", "Huur-\t1.1.1")
    text = text.replace("Wachttijd\t\tde", "verhoging\t\tde")
    document = parse_document(text)
    first, second = document.agreements[:2]
    assert first.subject == "Huur-"
    assert (second.subject, second.subject_inherited) == ("Huur-", True)
    assert second.text == "De huurders worden betrokken bij de jaarlijkse *huurverhoging*."
    assert any(warning.line == line + 1 for warning in document.warnings)


def test_theme_out_of_sequence() -> None:
    text, line = variant("2 - Samenwerking", "3 - Samenwerking")
    assert_dutch_error(parse_error(text), line)


def test_text_between_section_heading_and_table_is_a_warning() -> None:
    text, line = variant("1.2 - Bouwen", "1.2 - Bouwen", "Een toelichting bij deze paragraaf.")
    document = parse_document(text)
    assert any(warning.line == line + 1 for warning in document.warnings)


def test_parser_is_pure_python() -> None:
    code = (
        "import sys; import woonafspraken.documents.parsing.parser; "
        "sys.exit(1 if any(name.split('.')[0] == 'django' for name in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
