"""The document parser on variations of the format it still reads ("Voorbeeldstad"), some with a warning.

Each case changes the hand-made snippet (``voorbeeldstad.py``) in one place and checks the outcome.
"""

from __future__ import annotations

import datetime as dt

from woonafspraken.documents.parsing.model import DueKind
from woonafspraken.documents.parsing.parser import parse_document
from woonafspraken.documents.tests.voorbeeldstad import (
    ALL,
    BASE,
    CORPORATIONS,
    GEMEENTE,
    LINES,
    T,
    agreement,
    assert_dutch_error,
    line_of,
    parse_error,
    variant,
)

# Variations of the format --------------------------------------------------------------------


def test_header_with_other_column_order_and_a_separate_date_column() -> None:
    start = line_of("Overleg\t2.1") - 2  # index of theme 2's header
    end = line_of("--\t---")  # index after the marker line
    table = [
        T.join(["Nr.", "Onderwerp", "Afspraak", "Trekker", "Datum", "Partijen"]),
        T.join(["2.1", "Overleg", "Tekst.", "Gemeente", "Q1 2024", "Corporaties"]),
        T.join(["2.2", "", "Meer tekst.", "", "", "Alle partijen"]),
    ]
    text = "\n".join(LINES[:start] + table + LINES[end:])
    item = agreement(text, "2.1")
    assert (item.subject, item.text, item.parties, item.leads) == (
        "Overleg",
        "Tekst.",
        CORPORATIONS,
        (GEMEENTE,),
    )
    assert (item.leads_raw, item.due_raw) == ("Gemeente / Q1 2024", "Q1 2024")
    assert [(moment.kind, moment.year, moment.quarter) for moment in item.due] == [(DueKind.QUARTER, 2024, 1)]
    assert agreement(text, "2.2").subject_inherited


def test_footnote_wrapped_onto_the_next_line() -> None:
    text, line = variant("¹ Betaalbaar", "¹ Betaalbaar: onder de", "aftoppingsgrens van het Rijk.")
    (note,) = parse_document(text).footnotes
    assert (note.text, note.line) == ("Betaalbaar: onder de aftoppingsgrens van het Rijk.", line)


def test_appendix_heading_without_a_colon() -> None:
    text = BASE.replace("Bijlage 2: Nieuwbouw", "Bijlage 2 Nieuwbouw")
    assert [appendix.title for appendix in parse_document(text).appendices] == [
        "Woningvoorraad per 1 januari 2023",
        "Nieuwbouw",
    ]


def test_signature_with_a_lowercase_article() -> None:
    text = BASE.replace("<p>Namens Gemeente Voorbeeldstad</p>", "<p>Namens de gemeente Voorbeeldstad</p>")
    document = parse_document(text)
    assert document.parties[0].name == GEMEENTE  # not renamed to "gemeente Voorbeeldstad"
    assert document.signatories[0].organisation == GEMEENTE


def test_title_on_two_lines() -> None:
    text = BASE.replace(
        "Prestatieafspraken Voorbeeldstad 2023 – 2027", "Prestatieafspraken\nVoorbeeldstad 2023 – 2027"
    )
    document = parse_document(text)
    assert document.title == "Prestatieafspraken Voorbeeldstad 2023 – 2027"
    assert [party.name for party in document.parties] == list(ALL)
    assert document.status_note == "Concept, 3 maart 2023"


def test_a_paragraph_starting_with_overeengekomen_does_not_end_the_tables() -> None:
    sentence = "Overeengekomen is dat partijen elkaar tijdig informeren over alle ontwikkelingen die de uitvoering raken."
    text = BASE.replace("Partijen werken samen.", f"Partijen werken samen.\n\n{sentence}")
    document = parse_document(text)
    assert sentence in document.themes[1].ambition
    assert len(document.agreements) == 7


def test_term_from_years_when_no_dates_are_given() -> None:
    text = BASE.replace(
        "Het zijn afspraken voor de periode 1 januari 2023 tot en met 31 december 2027.",
        "De looptijd is vijf jaar: 2024 tot en met 2028.",
    )
    text = text.replace(
        "De afspraken gelden voor de periode van 1 januari 2023 tot en met 31 december 2027.", "Vijf jaar."
    )
    document = parse_document(text)
    assert (document.start, document.end) == (dt.date(2024, 1, 1), dt.date(2028, 12, 31))


def test_intro_and_looptijd_disagree_is_a_warning() -> None:
    text = BASE.replace(
        "tot en met 31 december 2027.\tAlle partijen", "tot en met 31 december 2028.\tAlle partijen"
    )
    document = parse_document(text)
    assert document.end == dt.date(2027, 12, 31)
    assert any("looptijd" in warning.message for warning in document.warnings)


def test_signing_line_without_signature_blocks_is_a_warning() -> None:
    lines = [line for line in LINES if "Namens" not in line]
    document = parse_document("\n".join(lines))
    assert document.signed_place == "Voorbeeldstad"
    assert any("ondertekenaars" in warning.message for warning in document.warnings)


def test_section_heading_without_a_dash() -> None:
    text = BASE.replace("1.2 - Bouwen", "1.2 Bouwen")
    assert [section.title for section in parse_document(text).themes[0].sections] == ["Huren", "Bouwen"]


def test_overview_of_themes_without_bullets_is_not_the_first_theme() -> None:
    text = BASE.replace(
        "- 1 - Betaalbaar wonen**\n- 2 - Samenwerking**", "1 - Betaalbaar wonen**\n2 - Samenwerking**"
    )
    document = parse_document(text)
    assert [theme.line for theme in document.themes] == [
        line_of("1 - Betaalbaar wonen"),
        line_of("2 - Samenwerking"),
    ]
    assert "1 - Betaalbaar wonen" in document.introduction


def test_introduction_heading_after_other_title_page_lines() -> None:
    text = BASE.replace("Concept, 3 maart 2023\n", "Concept, 3 maart 2023\n\nMet dank aan alle deelnemers\n")
    document = parse_document(text)
    assert document.introduction.startswith("In deze prestatieafspraken staan")


def test_party_name_ending_with_a_dot() -> None:
    text = BASE.replace("Woonstichting Thuis", "Woonstichting Thuis U.A.")
    assert parse_document(text).parties[1].name == "Woonstichting Thuis U.A."


def test_an_appendix_number_used_twice_names_both_lines() -> None:
    """Found by fuzzing the import: a duplicated heading reached the database's unique constraint."""
    first = line_of("Bijlage 1")
    text, line = variant("Bijlage 2", LINES[first - 1])
    error = parse_error(text)
    assert_dutch_error(error, line)
    assert error.message == f"Bijlage 1 staat er twee keer in (ook op regel {first})."


def test_a_nul_character_is_refused_with_its_line() -> None:
    """Found by fuzzing the import on PostgreSQL, whose text columns cannot hold it."""
    text, line = variant("Bijlage 2", "Bijlage 2: Nieuw\x00bouw")
    error = parse_error(text)
    assert_dutch_error(error, line)
    assert error.message == "Deze regel bevat een nulteken; dit is geen gewoon tekstbestand."
