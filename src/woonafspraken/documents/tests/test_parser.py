"""The document parser on a small hand-made covenant ("Voorbeeldstad") and variants of it.

The snippet follows the format of the Kampen document with other names and numbers, so these
tests check the format, not Kampen. Variants change one line and check the outcome or error.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from woonafspraken.documents.parsing.model import (
    Agreement,
    DocumentParseError,
    DueKind,
    PartyKind,
)
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


# The whole snippet ---------------------------------------------------------------------------


def test_title_status_and_municipality() -> None:
    document = parse_document(BASE)
    assert document.title == "Prestatieafspraken Voorbeeldstad 2023 – 2027"
    assert document.status_note == "Concept, 3 maart 2023"
    assert document.municipality == "Voorbeeldstad"


def test_parties_in_title_page_order_with_kinds() -> None:
    parties = parse_document(BASE).parties
    assert [party.name for party in parties] == list(ALL)
    assert [party.kind for party in parties] == [
        PartyKind.MUNICIPALITY,
        PartyKind.CORPORATION,
        PartyKind.TENANT_ORGANISATION,
        PartyKind.CORPORATION,
        PartyKind.TENANT_ORGANISATION,
    ]


def test_title_page_typo_takes_the_signature_spelling_and_warns() -> None:
    document = parse_document(BASE)
    assert SAMEN in [party.name for party in document.parties]
    assert "Huurdersvereniging Saman" not in [party.name for party in document.parties]
    warning = next(warning for warning in document.warnings if "Saman" in warning.message)
    assert warning.line == line_of("Huurdersvereniging Saman")


def test_title_page_typo_takes_the_introduction_spelling_without_signatures() -> None:
    lines = [line for line in LINES if "Namens" not in line]
    document = parse_document("\n".join(lines))
    assert SAMEN in [party.name for party in document.parties]
    assert document.signatories == ()


def test_short_names_are_distinctive_parts() -> None:
    short = {party.name: party.short_names for party in parse_document(BASE).parties}
    assert short[THUIS] == ("Thuis",)
    assert short[WOONGOED] == ("WoonGoed",)
    # The brand belongs to the corporation, not to the tenant organisation named after it.
    assert "WoonGoed" not in short[RAAD]


def test_term_from_the_introduction() -> None:
    document = parse_document(BASE)
    assert (document.start, document.end) == (dt.date(2023, 1, 1), dt.date(2027, 12, 31))


def test_term_falls_back_to_the_looptijd_agreement() -> None:
    text = BASE.replace(
        "Het zijn afspraken voor de periode 1 januari 2023 tot en met 31 december 2027.", "Veel succes."
    )
    document = parse_document(text)
    assert (document.start, document.end) == (dt.date(2023, 1, 1), dt.date(2027, 12, 31))


def test_introduction_is_the_text_up_to_the_first_theme() -> None:
    introduction = parse_document(BASE).introduction
    assert introduction.startswith("In deze prestatieafspraken staan")
    assert "\n\nDe afspraken gaan over de volgende thema's:\n- 1 - Betaalbaar wonen\n- 2 - Samenwerking" in (
        introduction
    )
    assert "**" not in introduction
    assert "Ambitie" not in introduction


def test_themes_from_headings_not_from_the_overview_list() -> None:
    themes = parse_document(BASE).themes
    assert [(theme.number, theme.title, theme.line) for theme in themes] == [
        (1, "Betaalbaar wonen", line_of("1 - Betaalbaar wonen")),
        (2, "Samenwerking", line_of("2 - Samenwerking")),
    ]


def test_ambition_heading_and_paragraphs() -> None:
    first, second = parse_document(BASE).themes
    assert first.ambition_heading == "Ambitie 2023 - 2027"
    # Consecutive lines form one paragraph; a line of spaces separates paragraphs; bullets stay items.
    assert first.ambition == (
        "Iedereen in Voorbeeldstad kan een betaalbare woning vinden¹. Ook starters.\n\n"
        "Partijen:\n- bouwen samen;\n- delen kennis."
    )
    assert second.ambition_heading == "Ambitie"
    assert second.ambition == "Partijen werken samen."


def test_sections_and_a_theme_without_sections() -> None:
    first, second = parse_document(BASE).themes
    assert [(section.number, section.title) for section in first.sections] == [
        ("1.1", "Huren"),
        ("1.2", "Bouwen"),
    ]
    assert second.sections == ()
    document = parse_document(BASE)
    assert [(item.number, item.theme, item.section) for item in document.agreements] == [
        ("1.1.1", 1, "1.1"),
        ("1.1.2", 1, "1.1"),
        ("1.1.3", 1, "1.1"),
        ("1.2.1", 1, "1.2"),
        ("1.2.2", 1, "1.2"),
        ("2.1", 2, None),
        ("2.2", 2, None),
    ]


def test_agreement_lines_point_at_the_row() -> None:
    assert agreement(BASE, "1.1.1").line == line_of("Huurverhoging\t1.1.1")
    assert agreement(BASE, "2.2").line == line_of("Looptijd\t2.2")


def test_any_header_with_the_column_words_is_skipped() -> None:
    text, _ = variant("Onderwerp", "Onderwerp\tNummer\tAfspraken\tPartijen\tTrekker/datum")
    assert agreement(text, "1.1.1").subject == "Huurverhoging"


def test_subject_is_inherited_from_the_row_above() -> None:
    inherited = agreement(BASE, "1.1.2")
    assert (inherited.subject, inherited.subject_inherited) == ("Huurverhoging", True)
    own = agreement(BASE, "1.1.1")
    assert (own.subject, own.subject_inherited) == ("Huurverhoging", False)
    # Across an empty line and the section's own rows only.
    assert (agreement(BASE, "1.2.2").subject, agreement(BASE, "1.2.2").subject_inherited) == (
        "Nieuwbouw",
        True,
    )


def test_missing_trailing_columns_are_empty() -> None:
    text, _ = variant("Overleg\t2.1", "Overleg\t2.1\tPartijen overleggen.")
    item = agreement(text, "2.1")
    assert (item.parties_raw, item.parties, item.leads_raw, item.leads, item.due_raw) == (
        "",
        (),
        "",
        (),
        None,
    )
    assert any("2.1" in warning.message for warning in parse_document(text).warnings)


# Continuations and footnotes -----------------------------------------------------------------


def test_continuation_mid_sentence_joins_with_a_space() -> None:
    item = agreement(BASE, "1.1.2")
    assert item.text == "De huurders worden betrokken bij de jaarlijkse *huurverhoging*."
    assert item.continuation_lines == (line_of("\t\tde jaarlijkse"),)


def test_continuation_of_a_list_continues_the_list_then_a_paragraph() -> None:
    item = agreement(BASE, "1.1.3")
    assert item.text == (
        "Thuis en WoonGoed meten de wachttijd:\n- in de wensmodule\n- in de spoedmodule\n- bij nieuwbouw"
        "\n\nZij rapporteren jaarlijks."
    )


def test_continuation_in_the_second_column_with_marker_line() -> None:
    item = agreement(BASE, "2.2")
    assert item.text.endswith("31 december 2027.\n\nOver de uitvoering wordt jaarlijks gesproken.")
    assert item.continuation_lines == (line_of("\tOver de uitvoering"),)
    assert "--" not in item.text


def test_continuation_starting_with_a_capital_after_a_full_stop_is_a_new_paragraph() -> None:
    text, _ = variant("\t\tde jaarlijkse", "\t\tDaarna volgt overleg.\t\t")
    text = text.replace("De huurders worden betrokken bij\t", "De huurders worden betrokken.\t")
    assert agreement(text, "1.1.2").text == "De huurders worden betrokken.\n\nDaarna volgt overleg."


def test_continuation_after_a_word_that_leaves_the_sentence_open_joins_even_with_a_capital() -> None:
    text, _ = variant("\t\tde jaarlijkse", "\t\tWoonstichting Thuis.\t\t")
    assert agreement(text, "1.1.2").text == "De huurders worden betrokken bij Woonstichting Thuis."


def test_continuation_party_cells_complete_the_row() -> None:
    text, line = variant(
        "Overleg\t2.1",
        "Overleg\t2.1\tPartijen overleggen\t\t",
        "\t\ttwee keer per jaar.\tAlle partijen\tGemeente / jaarlijks",
    )
    item = agreement(text, "2.1")
    assert item.text == "Partijen overleggen twee keer per jaar."
    assert item.continuation_lines == (line + 1,)
    assert item.parties == ALL
    assert (item.leads, item.due_raw, item.due) == ((GEMEENTE,), "jaarlijks", ())


def test_footnote_between_rows_is_a_footnote_not_text() -> None:
    document = parse_document(BASE)
    assert [(note.marker, note.text, note.line) for note in document.footnotes] == [
        ("¹", "Betaalbaar: onder de aftoppingsgrens.", line_of("¹ Betaalbaar"))
    ]
    assert all("aftoppingsgrens" not in item.text for item in document.agreements)
    # A marker inside running text stays where it is.
    assert "vinden¹." in document.themes[0].ambition


# HTML in cells -------------------------------------------------------------------------------


def test_bold_italic_and_numbered_list_in_cells() -> None:
    assert agreement(BASE, "1.1.1").text == "De corporaties houden de huren **betaalbaar**."
    assert agreement(BASE, "1.2.1").text == (
        "De corporaties bouwen 50 woningen. Zij doen dat op:\n1. locatie Noord;\n2. locatie Zuid."
    )


def test_no_tags_entities_or_trailing_spaces_anywhere() -> None:
    document = parse_document(BASE)
    texts = [item.text for item in document.agreements] + [theme.ambition for theme in document.themes]
    for text in [*texts, document.introduction]:
        assert not re.search(r"<\s*/?\s*[a-zA-Z]", text)
        assert not re.search(r"&(?:[a-z]+|#\d+);", text)
        assert all(line == line.rstrip() for line in text.split("\n"))


# Party and lead columns ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Alle partijen", ALL),
        ("Gemeente / corporaties", (GEMEENTE, *CORPORATIONS)),
        ("Gemeente en corporaties", (GEMEENTE, *CORPORATIONS)),
        ("Corporaties / huurdersorganisaties", (THUIS, SAMEN, WOONGOED, RAAD)),
        ("Gemeente, corporaties", (GEMEENTE, *CORPORATIONS)),
        ("Gemeente / corporaties / huurders", ALL),
        ("Ondertekenaars waaronder gemeente en corporaties", (GEMEENTE, *CORPORATIONS)),
        ("Huurdersorganisaties", TENANTS),
        ("Corporatie", CORPORATIONS),
        ("Corporaties / gemeente", (GEMEENTE, *CORPORATIONS)),
        ("Gemeente", (GEMEENTE,)),
        ("Thuis / WoonGoed", CORPORATIONS),
        ("Bewonersraad WoonGoed / gemeente", (GEMEENTE, RAAD)),
        ("Huurdersvereniging Samen en Woonstichting Thuis", (THUIS, SAMEN)),
    ],
)
def test_party_column(cell: str, expected: tuple[str, ...]) -> None:
    text = BASE.replace(
        "Partijen overleggen twee keer per jaar.\tAlle partijen", f"Partijen overleggen.\t{cell}"
    )
    item = agreement(text, "2.1")
    assert item.parties == expected
    assert item.parties_raw == cell
    assert not [warning for warning in parse_document(text).warnings if "2.1" in warning.message]


def test_unknown_party_is_a_warning_and_the_raw_text_is_kept() -> None:
    text = BASE.replace("twee keer per jaar.\tAlle partijen", "twee keer per jaar.\tGemeente / zorgpartners")
    document = parse_document(text)
    item = next(item for item in document.agreements if item.number == "2.1")
    assert (item.parties_raw, item.parties) == ("Gemeente / zorgpartners", (GEMEENTE,))
    warning = next(warning for warning in document.warnings if "zorgpartners" in warning.message)
    assert warning.line == item.line


@pytest.mark.parametrize(
    ("cell", "leads", "due_raw", "due"),
    [
        (
            "Gemeente / in januari",
            (GEMEENTE,),
            "in januari",
            [(DueKind.MONTH_EVERY_YEAR, None, 1, None, None)],
        ),
        (
            "Corporaties / Start medio 2022",
            CORPORATIONS,
            "Start medio 2022",
            [(DueKind.HALF_YEAR, 2022, None, None, 2)],
        ),
        (
            "Gemeente / In Q1 2022 en in 2025",
            (GEMEENTE,),
            "In Q1 2022 en in 2025",
            [(DueKind.QUARTER, 2022, None, 1, None), (DueKind.YEAR, 2025, None, None, None)],
        ),
        ("Gemeente / corporaties", (GEMEENTE, *CORPORATIONS), None, []),
        ("Gemeente en corporaties", (GEMEENTE, *CORPORATIONS), None, []),
        ("Huurdersorganisaties", TENANTS, None, []),
        ("", (), None, []),
        ("Thuis / 1 juli 2023", (THUIS,), "1 juli 2023", [(DueKind.DATE, 2023, 7, None, None)]),
        ("Gemeente / maart 2024", (GEMEENTE,), "maart 2024", [(DueKind.MONTH, 2024, 3, None, None)]),
        (
            "Gemeente / eerste helft 2023",
            (GEMEENTE,),
            "eerste helft 2023",
            [(DueKind.HALF_YEAR, 2023, None, None, 1)],
        ),
        ("Gemeente in 2026", (GEMEENTE,), "in 2026", [(DueKind.YEAR, 2026, None, None, None)]),
        ("Q3 2024", (), "Q3 2024", [(DueKind.QUARTER, 2024, None, 3, None)]),
    ],
)
def test_lead_column(
    cell: str,
    leads: tuple[str, ...],
    due_raw: str | None,
    due: list[tuple[DueKind, int | None, int | None, int | None, int | None]],
) -> None:
    text = BASE.replace(
        "twee keer per jaar.\tAlle partijen\tGemeente", f"twee keer per jaar.\tAlle partijen\t{cell}"
    )
    item = agreement(text, "2.1")
    assert item.leads_raw == cell
    assert item.leads == leads
    assert item.due_raw == due_raw
    assert [
        (moment.kind, moment.year, moment.month, moment.quarter, moment.half) for moment in item.due
    ] == due


def test_start_flag_of_a_due_moment() -> None:
    (moment,) = agreement(BASE, "1.1.2").due
    assert (moment.kind, moment.year, moment.half, moment.is_start) == (DueKind.HALF_YEAR, 2024, 2, True)
    assert moment.text == "Start medio 2024"


def test_unreadable_due_text_is_kept_raw_with_a_warning() -> None:
    text = BASE.replace(
        "twee keer per jaar.\tAlle partijen\tGemeente",
        "twee keer per jaar.\tAlle partijen\tGemeente / start zo spoedig",
    )
    document = parse_document(text)
    item = next(item for item in document.agreements if item.number == "2.1")
    assert (item.leads, item.due_raw, item.due) == ((GEMEENTE,), "start zo spoedig", ())
    assert any(
        "start zo spoedig" in warning.message and warning.line == item.line for warning in document.warnings
    )


def test_unknown_lead_is_a_warning() -> None:
    text = BASE.replace(
        "twee keer per jaar.\tAlle partijen\tGemeente", "twee keer per jaar.\tAlle partijen\tKerngroep"
    )
    document = parse_document(text)
    item = next(item for item in document.agreements if item.number == "2.1")
    assert (item.leads_raw, item.leads, item.due_raw) == ("Kerngroep", (), None)
    assert any("Kerngroep" in warning.message for warning in document.warnings)


# Signing and appendices ----------------------------------------------------------------------


def test_signed_place_and_text() -> None:
    document = parse_document(BASE)
    assert document.signed_text == "Overeengekomen te Voorbeeldstad op 1 april 2023"
    assert document.signed_place == "Voorbeeldstad"


def test_signatories_one_or_two_blocks_per_line() -> None:
    signatories = parse_document(BASE).signatories
    assert [(s.organisation, s.salutation, s.person, s.role) for s in signatories] == [
        (GEMEENTE, "Mevrouw", "A.B. de Vries", "Wethouder Wonen"),
        (THUIS, "De heer", "C. van 't Hof", "Directeur-bestuurder"),
        (SAMEN, "De heer", "D. Jansen", "Voorzitter"),
        (WOONGOED, "Mevrouw", "E. ter Braak", "Bestuurder"),
        (RAAD, "De heer", "F. Klaassen", "Secretaris"),
    ]
    assert signatories[0].line == line_of("<p>Namens Gemeente")


def test_appendices_are_collected_and_are_no_agreements() -> None:
    document = parse_document(BASE)
    assert [(appendix.number, appendix.title, appendix.line) for appendix in document.appendices] == [
        ("1", "Woningvoorraad per 1 januari 2023", line_of("Bijlage 1")),
        ("2", "Nieuwbouw", line_of("Bijlage 2")),
    ]
    # Raw lines, one per source line after the heading, so their line numbers can be recovered.
    assert document.appendices[1].lines[:2] == ("Locatie\t2023\t2024", "Noord\t20\t30")
    assert len(document.agreements) == 7


def test_appendix_without_signing_ends_the_tables() -> None:
    lines = [line for line in LINES if "Namens" not in line and not line.startswith("Overeengekomen")]
    document = parse_document("\n".join(lines))
    assert (document.signed_place, document.signed_text, document.signatories) == (None, None, ())
    assert len(document.appendices) == 2
    assert len(document.agreements) == 7


def test_bijlage_mentioned_inside_a_row_is_not_an_appendix() -> None:
    text = BASE.replace("Partijen werken samen.", "Partijen werken samen.\n\nBijlage 3 bevat de cijfers.")
    text = text.replace(
        "Partijen overleggen twee keer", "Bijlage 1 bevat de cijfers. Partijen overleggen twee keer"
    )
    document = parse_document(text)
    assert len(document.appendices) == 2
    assert "Bijlage 3 bevat de cijfers." in document.themes[1].ambition


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
