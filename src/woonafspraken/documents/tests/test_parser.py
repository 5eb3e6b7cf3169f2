"""The document parser on a small hand-made covenant ("Voorbeeldstad") and variants of it.

The snippet follows the format of the Kampen document with other names and numbers, so these
tests check the format, not Kampen. Variants change one line and check the outcome or error.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from woonafspraken.documents.parsing.model import DueKind, PartyKind
from woonafspraken.documents.parsing.parser import parse_document
from woonafspraken.documents.tests.voorbeeldstad import (
    ALL,
    BASE,
    CORPORATIONS,
    GEMEENTE,
    LINES,
    RAAD,
    SAMEN,
    TENANTS,
    THUIS,
    WOONGOED,
    agreement,
    line_of,
    variant,
)

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
