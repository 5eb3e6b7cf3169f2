"""The parser on the real Kampen covenant (2022-2026)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from woonafspraken.documents.parsing.model import Agreement, Document, DueKind, PartyKind
from woonafspraken.documents.parsing.parser import parse_document

KAMPEN = Path(__file__).parents[1] / "data" / "prestatieafspraken-kampen-2022-2026.txt"

GEMEENTE = "Gemeente Kampen"
BETER_WONEN = "Beter Wonen IJsselmuiden"
HUURDERS = "Huurders Vereniging groot IJsselmuiden"
DELTA = "deltaWonen"
CBR = "Centrale Bewonersraad deltaWonen"
CORPORATIONS = (BETER_WONEN, DELTA)

NUMBERS = [
    *(f"1.1.{n}" for n in range(1, 6)),
    *(f"1.2.{n}" for n in range(1, 5)),
    *(f"1.3.{n}" for n in range(1, 6)),
    "2.1.1",
    "2.2.1",
    "2.2.2",
    "3.1.1",
    "3.2.1",
    "3.2.2",
    *(f"3.3.{n}" for n in range(1, 5)),
    *(f"4.1.{n}" for n in range(1, 7)),
    *(f"4.2.{n}" for n in range(1, 4)),
    "4.3.1",
    *(f"5.{n}" for n in range(1, 10)),
]


@pytest.fixture(scope="module")
def document() -> Document:
    return parse_document(KAMPEN.read_text(encoding="utf-8"))


def find(document: Document, number: str) -> Agreement:
    return next(item for item in document.agreements if item.number == number)


def test_all_43_agreements_in_order(document: Document) -> None:
    assert len(NUMBERS) == 43
    assert [item.number for item in document.agreements] == NUMBERS


def test_title_status_term_and_municipality(document: Document) -> None:
    assert document.title == "Prestatieafspraken Kampen 2022 – 2026"
    assert document.status_note == "Definitief concept, 9 november 2021"
    assert (document.start, document.end) == (dt.date(2022, 1, 1), dt.date(2026, 12, 31))
    assert document.municipality == "Kampen"


def test_five_parties_with_kinds_and_the_signature_spelling(document: Document) -> None:
    assert [(party.name, party.kind) for party in document.parties] == [
        (GEMEENTE, PartyKind.MUNICIPALITY),
        (BETER_WONEN, PartyKind.CORPORATION),
        (HUURDERS, PartyKind.TENANT_ORGANISATION),
        (DELTA, PartyKind.CORPORATION),
        (CBR, PartyKind.TENANT_ORGANISATION),
    ]
    short = {party.name: party.short_names for party in document.parties}
    assert "Beter Wonen" in short[BETER_WONEN]
    assert DELTA in short[DELTA]
    assert DELTA not in short[CBR]
    assert [warning.line for warning in document.warnings] == [7]  # the "Huurlers" typo, nothing else


def test_themes_sections_and_ambitions(document: Document) -> None:
    assert [(theme.number, theme.title) for theme in document.themes] == [
        (1, "Voldoende sociale huurwoningen"),
        (2, "Woonlasten die voor mensen betaalbaar zijn"),
        (3, "Inclusieve en leefbare wijken waar mensen zich thuis voelen"),
        (4, "Duurzame wijken en woningen"),
        (5, "Organisatie en samenwerking"),
    ]
    assert [section.number for theme in document.themes for section in theme.sections] == [
        "1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3",
    ]  # fmt: skip
    first = document.themes[0]
    assert first.ambition_heading == "Ambitie 2022 -2026"
    assert first.ambition.count("\n\n") == 1
    assert "30% goedkope koop¹ en huur" in first.ambition
    fifth = document.themes[4]
    assert fifth.sections == ()
    assert fifth.ambition.startswith("De gemeente Kampen, Beter Wonen IJsselmuiden")
    assert "\n- zijn transparant en open" in fifth.ambition
    assert fifth.ambition.endswith("- spreken elkaar aan op het niet nakomen van gemaakte afspraken.")


def test_introduction(document: Document) -> None:
    assert document.introduction.startswith("In deze *Prestatieafspraken Kampen 2022-2026*")
    assert "- 5 - Organisatie en samenwerking\n" in document.introduction
    assert document.introduction.endswith("die plaatsvinden in dat jaar.")
    assert "**" not in document.introduction


@pytest.mark.parametrize(
    ("number", "subject", "inherited"),
    [
        ("1.1.1", "Corporaties partners bij realisatie sociale huurwoningen", False),
        ("1.2.2", "Omvang van de voorraad sociale huurwoningen", True),
        ("4.2.2", "Klimaatadaptatie", True),
        ("5.6", "Looptijd en bijzondere omstandigheden", False),
        ("5.7", "Looptijd en bijzondere omstandigheden", True),
        ("5.8", "Looptijd en bijzondere omstandigheden", True),
        ("5.9", "Looptijd en bijzondere omstandigheden", True),
        ("3.3.4", "Daklozenopvang De Herberg Zwolle", False),
    ],
)
def test_subjects(document: Document, number: str, subject: str, inherited: bool) -> None:
    item = find(document, number)
    assert (item.subject, item.subject_inherited) == (subject, inherited)


def test_1_1_2_continuation_list_and_footnote(document: Document) -> None:
    item = find(document, "1.1.2")
    assert "in totaal gemiddeld 80 woningen per jaar" in item.text
    assert (
        "zo snel mogelijk gerealiseerd:\n- Beter Wonen: Fuite, Sonnenbergkwartier en andere locaties\n- deltaWonen:"
        in (item.text)
    )
    assert "(koop ¹ en huur)" in item.text  # the marker stays in the text ...
    assert "Goedkope koop:" not in item.text  # ... the footnote does not
    assert item.continuation_lines == (57,)
    assert [(note.marker, note.line) for note in document.footnotes] == [("¹", 55)]
    assert document.footnotes[0].text.startswith(
        "Goedkope koop: koopwoningen met een v.o.n.-prijs tot € 225.000"
    )


def test_1_3_2_continuation_joins_mid_sentence_and_keeps_the_numbered_list(document: Document) -> None:
    item = find(document, "1.3.2")
    assert "de slaagkans van de verschillende groepen, inclusiviteit" in item.text
    assert "Doorstroming wordt bevorderd door:\n1. Bij de toewijzing" in item.text
    assert "Beter Wonen IJsselmuiden en deltaWonen;\n2. Te onderzoeken" in item.text
    assert "\n3. Te experimenteren" in item.text
    assert "bestaande bouw).\n\nJaarlijks leggen partijen" in item.text


def test_3_3_4_continuation_in_the_second_column(document: Document) -> None:
    item = find(document, "3.3.4")
    assert item.text.endswith(
        "na 2023.\n\nOver de eventuele decentralisatie van de maatschappelijke opvang wordt op basis van een "
        "evaluatie in 2026 een besluit genomen. De middelen maatschappelijke opvang worden dus minimaal tot en "
        "met 2026 over de centrumgemeenten verdeeld."
    )
    assert item.continuation_lines == (136,)


def test_list_continuations_after_page_breaks(document: Document) -> None:
    assert find(document, "4.1.3").text.count("\n- ") == 4
    assert "- Nieuwbouwwoningen voorzien van geowarmtepompen" in find(document, "4.1.3").text
    assert "uitgevoerd.\n- welke data op welke manier" in find(document, "3.2.1").text
    assert "relevant onderzoek met elkaar" in find(document, "5.5").text
    assert "We bespreken de ervaringen" in find(document, "2.2.1").text


def test_clean_text_everywhere(document: Document) -> None:
    texts = [item.text for item in document.agreements] + [theme.ambition for theme in document.themes]
    for text in [*texts, document.introduction]:
        assert not re.search(r"<\s*/?\s*[a-zA-Z]", text)
        assert "•" not in text
        assert all(line == line.rstrip() and line == line.lstrip() for line in text.split("\n"))
        assert "\n\n\n" not in text
    assert "Woonwagenbewoners behoren *binnen* de bestaande kaders" in find(document, "1.2.4").text


def test_parties_and_leads(document: Document) -> None:
    item = find(document, "1.1.4")
    assert item.parties == (GEMEENTE, BETER_WONEN, HUURDERS, DELTA, CBR)
    assert (item.leads, item.due_raw) == ((GEMEENTE,), "in januari")
    assert [(moment.kind, moment.month) for moment in item.due] == [(DueKind.MONTH_EVERY_YEAR, 1)]

    item = find(document, "1.1.5")
    assert item.parties == (GEMEENTE, *CORPORATIONS)
    assert (item.leads, item.due_raw) == (CORPORATIONS, "Start medio 2022")
    assert [(moment.kind, moment.year, moment.half, moment.is_start) for moment in item.due] == [
        (DueKind.HALF_YEAR, 2022, 2, True)
    ]

    item = find(document, "4.2.1")
    assert item.due_raw == "In Q1 2022 en in 2025"
    assert [(moment.kind, moment.year, moment.quarter) for moment in item.due] == [
        (DueKind.QUARTER, 2022, 1),
        (DueKind.YEAR, 2025, None),
    ]

    item = find(document, "1.3.2")
    assert (item.leads_raw, item.leads) == ("Corporatie", CORPORATIONS)

    item = find(document, "2.2.2")
    assert item.parties_raw == "Ondertekenaars waaronder gemeente en corporaties"
    assert item.parties == (GEMEENTE, *CORPORATIONS)

    item = find(document, "5.5")
    assert (item.leads_raw, item.leads, item.due_raw, item.due) == ("", (), None, ())

    assert find(document, "2.1.1").parties == (BETER_WONEN, HUURDERS, DELTA, CBR)
    assert find(document, "4.1.6").leads == (HUURDERS, CBR)
    assert find(document, "1.2.3").leads == (GEMEENTE, *CORPORATIONS)
    assert find(document, "4.1.1").leads == (GEMEENTE, *CORPORATIONS)


def test_signing_and_signatories(document: Document) -> None:
    assert document.signed_text == "Overeengekomen te Kampen op 2021"
    assert document.signed_place == "Kampen"
    assert [(s.organisation, s.salutation, s.person, s.role, s.line) for s in document.signatories] == [
        (GEMEENTE, "De heer", "J.P. van der Sluis", "Wethouder Wonen", 208),
        (BETER_WONEN, "De heer", "H. Hoogenkamp", "Directeur-bestuurder", 209),
        (HUURDERS, "De heer", "D. Bouwmeester", "Voorzitter", 209),
        (DELTA, "De heer", "E. Leideman", "Directeur-bestuurder", 210),
        (CBR, "Mevrouw", "H. Garziad", "Voorzitter", 210),
    ]


def test_two_appendices(document: Document) -> None:
    first, second = document.appendices
    assert (first.number, first.title, first.line) == (
        "1",
        "woningvoorraad corporaties Kampen per 1 juli 2021",
        212,
    )
    assert first.lines[1].startswith("Beter Wonen IJsselmuiden\t")
    assert (second.number, second.line) == ("2", 243)
    assert second.title.startswith("indicatieve ontwikkeling voorraad huurwoningen")
    assert second.lines[-1] == "Onttrekkingen\t\t\t\t\t\t-163"
    assert max(item.line for item in document.agreements) < 206
