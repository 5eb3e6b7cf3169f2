"""Parties (names, kinds, short names), party / lead columns, Dutch dates and signatories."""

from __future__ import annotations

import datetime as dt

import pytest

from woonafspraken.documents.parsing.dates import find_term, find_year_term, looks_like_due, parse_due
from woonafspraken.documents.parsing.model import DueKind, Party, PartyKind, Signatory
from woonafspraken.documents.parsing.parties import (
    PartyResolver,
    TitleName,
    build_parties,
    read_lead_cell,
    tenant_landlords,
)
from woonafspraken.documents.parsing.signatures import parse_person

KAMPEN_NAMES = [
    "Gemeente Kampen",
    "Beter Wonen IJsselmuiden",
    "Huurders Vereniging groot IJsselmuiden",
    "deltaWonen",
    "Centrale Bewonersraad deltaWonen",
]
KAMPEN_INTRO = (
    "In deze prestatieafspraken zijn de afspraken vastgelegd die de gemeente Kampen, de woningcorporaties "
    "Beter Wonen IJsselmuiden en deltaWonen en de huurdersorganisaties Huurders Vereniging groot IJsselmuiden "
    "en Centrale Bewonersraad deltaWonen met elkaar hebben gemaakt."
)


def parties(names: list[str], introduction: str = "", signatures: tuple[str, ...] = ()) -> tuple[Party, ...]:
    title_names = [TitleName(name, line) for line, name in enumerate(names, 5)]
    return build_parties(title_names, introduction, signatures, introduction)[0]


def test_names_are_reconciled_with_the_introduction() -> None:
    names = [name.replace("Huurders", "Huurlers") for name in KAMPEN_NAMES]
    result = parties(names, KAMPEN_INTRO)
    assert result[2].name == "Huurders Vereniging groot IJsselmuiden"


def test_signature_spelling_wins_over_the_introduction() -> None:
    result = parties(
        ["Gemeente Voorbeeldstad", "Woonstichting Thuuis"],
        "de woningcorporatie Woonstichting Thuus",
        ("Woonstichting Thuis",),
    )
    assert result[1].name == "Woonstichting Thuis"


def test_names_that_differ_too_much_are_kept() -> None:
    result = parties(["Gemeente Voorbeeldstad", "Woonstichting Thuis"], "", ("Woonstichting Elders",))
    assert result[1].name == "Woonstichting Thuis"


def test_kinds_from_the_introduction_sentence() -> None:
    intro = (
        "Dit zijn de afspraken van de gemeente Voorbeeldstad, de woningcorporaties Huurdershuis Wonen en Thuis "
        "en de huurdersorganisaties Samen en Stem."
    )
    result = parties(["Gemeente Voorbeeldstad", "Huurdershuis Wonen", "Thuis", "Samen", "Stem"], intro)
    assert [party.kind for party in result] == [
        PartyKind.MUNICIPALITY,
        PartyKind.CORPORATION,  # the introduction says so, despite "huurder" in the name
        PartyKind.CORPORATION,
        PartyKind.TENANT_ORGANISATION,
        PartyKind.TENANT_ORGANISATION,
    ]


def test_kinds_from_short_forms_in_the_introduction() -> None:
    intro = "Partijen zijn de gemeente Zwolle, de corporaties SWZ en Openbaar Belang en de huurdersorganisaties Rentree en Stem."
    names = ["Gemeente Zwolle", "Woonstichting SWZ", "Openbaar Belang", "Stichting Rentree", "Stem"]
    result = parties(names, intro)
    assert [party.kind for party in result] == [
        PartyKind.MUNICIPALITY,
        PartyKind.CORPORATION,
        PartyKind.CORPORATION,
        PartyKind.TENANT_ORGANISATION,  # no keyword in the name: the introduction decides
        PartyKind.TENANT_ORGANISATION,
    ]
    # A one-word name is not "corrected" to a bent form in the running text.
    assert (
        parties(["Gemeente Zwolle", "Rentree"], "De huurders van Rentree's complexen.")[1].name == "Rentree"
    )


def test_kinds_from_keywords_without_an_introduction() -> None:
    names = [
        "Gemeente Voorbeeldstad",
        "Woonstichting Thuis",
        "Huurdersvereniging Samen",
        "Bewonersraad Noord",
        "Stichting Huurdersbelang",
    ]
    result = parties(names)
    assert [party.kind for party in result] == [
        PartyKind.MUNICIPALITY,
        PartyKind.CORPORATION,
        PartyKind.TENANT_ORGANISATION,
        PartyKind.TENANT_ORGANISATION,
        PartyKind.TENANT_ORGANISATION,
    ]


def test_kampen_short_names() -> None:
    short = {party.name: party.short_names for party in parties(KAMPEN_NAMES, KAMPEN_INTRO)}
    assert short["Beter Wonen IJsselmuiden"] == ("Beter Wonen",)
    assert short["deltaWonen"] == ("deltaWonen",)
    assert "deltaWonen" not in short["Centrale Bewonersraad deltaWonen"]
    assert short["Gemeente Kampen"] == ()


def test_synthetic_short_names() -> None:
    names = [
        "Gemeente Voorbeeldstad",
        "Woonstichting Thuis",
        "De Goede Woning Voorbeeldstad",
        "Huurdersvereniging Samen",
    ]
    short = {party.name: party.short_names for party in parties(names)}
    assert short["Woonstichting Thuis"] == ("Thuis",)
    assert "De Goede Woning" in short["De Goede Woning Voorbeeldstad"]
    assert short["Huurdersvereniging Samen"] == ("Samen",)


@pytest.fixture
def kampen_resolver() -> PartyResolver:
    return PartyResolver(parties(KAMPEN_NAMES, KAMPEN_INTRO))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Centrale Bewonersraad deltaWonen", ["Centrale Bewonersraad deltaWonen"]),
        ("deltaWonen", ["deltaWonen"]),
        ("Beter Wonen / deltaWonen", ["Beter Wonen IJsselmuiden", "deltaWonen"]),
        ("Bewonersraad deltaWonen en gemeente", ["Gemeente Kampen", "Centrale Bewonersraad deltaWonen"]),
        ("Huurders Vereniging groot IJsselmuiden", ["Huurders Vereniging groot IJsselmuiden"]),
        ("woningcorporaties", ["Beter Wonen IJsselmuiden", "deltaWonen"]),
        ("corporatie(s) en huurdersorganisatie(s)", KAMPEN_NAMES[1:]),
    ],
)
def test_longest_match_wins(kampen_resolver: PartyResolver, text: str, expected: list[str]) -> None:
    resolution = kampen_resolver.resolve(text)
    assert list(resolution.names) == expected
    assert resolution.unresolved == ""


def test_unresolved_rest_is_reported(kampen_resolver: PartyResolver) -> None:
    resolution = kampen_resolver.resolve("Gemeente / provincie")
    assert resolution.names == ("Gemeente Kampen",)
    assert resolution.unresolved == "provincie"


def test_organisation_of_a_signature(kampen_resolver: PartyResolver) -> None:
    assert kampen_resolver.organisation("deltaWonen") == "deltaWonen"
    assert kampen_resolver.organisation("Huurders Vereniging groot IJsselmuiden") == (
        "Huurders Vereniging groot IJsselmuiden"
    )
    assert kampen_resolver.organisation("Provincie Overijssel") is None


def test_lead_cell_with_a_date_containing_slashes(kampen_resolver: PartyResolver) -> None:
    lead, warnings = read_lead_cell("Gemeente / 1/7/2023", kampen_resolver, 10, "1.1.1")
    assert lead.leads == ("Gemeente Kampen",)
    assert lead.due_raw == "1/7/2023"
    assert [moment.date for moment in lead.due] == [dt.date(2023, 7, 1)]
    assert warnings == []


def test_lead_cell_with_t_m(kampen_resolver: PartyResolver) -> None:
    lead, _ = read_lead_cell("Corporaties / 2022 t/m 2024", kampen_resolver, 10, "1.1.1")
    assert lead.due_raw == "2022 t/m 2024"
    assert [(moment.year, moment.is_start) for moment in lead.due] == [(2022, True), (2024, False)]


# Dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "year", "month", "quarter", "half", "start"),
    [
        ("in januari", DueKind.MONTH_EVERY_YEAR, None, 1, None, None, False),
        ("jaarlijks in september", DueKind.MONTH_EVERY_YEAR, None, 9, None, None, False),
        ("Start medio 2022", DueKind.HALF_YEAR, 2022, None, None, 2, True),
        ("1 juli 2023", DueKind.DATE, 2023, 7, None, None, False),
        ("maart 2024", DueKind.MONTH, 2024, 3, None, None, False),
        ("eind maart 2024", DueKind.MONTH, 2024, 3, None, None, False),
        ("eerste helft 2023", DueKind.HALF_YEAR, 2023, None, None, 1, False),
        ("1e helft 2023", DueKind.HALF_YEAR, 2023, None, None, 1, False),
        ("tweede halfjaar 2025", DueKind.HALF_YEAR, 2025, None, None, 2, False),
        ("najaar 2023", DueKind.HALF_YEAR, 2023, None, None, 2, False),
        ("eind 2023", DueKind.QUARTER, 2023, None, 4, None, False),
        ("begin 2024", DueKind.QUARTER, 2024, None, 1, None, False),
        ("Q3 2024", DueKind.QUARTER, 2024, None, 3, None, False),
        ("3e kwartaal 2024", DueKind.QUARTER, 2024, None, 3, None, False),
        ("in 2025", DueKind.YEAR, 2025, None, None, None, False),
        ("vanaf 2023", DueKind.YEAR, 2023, None, None, None, True),
        ("uiterlijk 31-12-2024", DueKind.DATE, 2024, 12, None, None, False),
    ],
)
def test_due_moments(
    text: str,
    kind: DueKind,
    year: int | None,
    month: int | None,
    quarter: int | None,
    half: int | None,
    start: bool,
) -> None:
    parsed = parse_due(text)
    assert parsed.unreadable == ()
    (moment,) = parsed.moments
    assert (moment.kind, moment.year, moment.month, moment.quarter, moment.half, moment.is_start) == (
        kind, year, month, quarter, half, start,
    )  # fmt: skip
    assert moment.text == text


def test_due_moments_split_on_en_and_share_a_year() -> None:
    parsed = parse_due("In Q1 2022 en in 2025")
    assert [(moment.kind, moment.year, moment.quarter, moment.text) for moment in parsed.moments] == [
        (DueKind.QUARTER, 2022, 1, "In Q1 2022"),
        (DueKind.YEAR, 2025, None, "in 2025"),
    ]
    parsed = parse_due("Q1 en Q3 2023")
    assert [(moment.year, moment.quarter) for moment in parsed.moments] == [(2023, 1), (2023, 3)]


def test_recurring_due_text_has_no_moment_and_no_complaint() -> None:
    assert parse_due("jaarlijks") == parse_due("doorlopend")
    assert parse_due("jaarlijks").moments == ()
    assert parse_due("jaarlijks").unreadable == ()


@pytest.mark.parametrize("text", ["zo snel mogelijk", "31 februari 2023", "na de zomer"])
def test_unreadable_due_text(text: str) -> None:
    assert parse_due(text).moments == ()
    assert parse_due(text).unreadable == (text,)


def test_looks_like_due() -> None:
    assert all(looks_like_due(text) for text in ["in januari", "Start medio 2022", "Q1", "2025", "eind 2023"])
    assert not any(
        looks_like_due(text) for text in ["Gemeente", "Corporaties", "Alle partijen", "Beter Wonen"]
    )


def test_term() -> None:
    text = "Het zijn afspraken voor de periode 1 januari 2022 tot en met 31 december 2026."
    assert find_term(text) == (dt.date(2022, 1, 1), dt.date(2026, 12, 31))
    assert find_term("van 1-1-2023 t/m 31-12-2027") == (dt.date(2023, 1, 1), dt.date(2027, 12, 31))
    # Plain "tot" excludes the end date.
    assert find_term("van 1 januari 2023 tot 1 januari 2028") == (dt.date(2023, 1, 1), dt.date(2027, 12, 31))
    assert find_term("van 31 december 2026 tot en met 1 januari 2022") is None
    assert find_term("geen datum") is None
    assert find_year_term("voor de periode 2023-2027") == (dt.date(2023, 1, 1), dt.date(2027, 12, 31))


# Signatories ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "salutation", "person", "role"),
    [
        ("De heer J.P. van der Sluis Wethouder Wonen", "De heer", "J.P. van der Sluis", "Wethouder Wonen"),
        ("Mevrouw H. Garziad Voorzitter", "Mevrouw", "H. Garziad", "Voorzitter"),
        ("De heer C. van 't Hof Directeur-bestuurder", "De heer", "C. van 't Hof", "Directeur-bestuurder"),
        ("Mevr. A. ter Braak Bestuurder", "Mevrouw", "A. ter Braak", "Bestuurder"),
        ("Dhr. drs. Th. de Boer-Jansen Wethouder", "De heer", "drs. Th. de Boer-Jansen", "Wethouder"),
        ("Mevrouw Anna de Vries Voorzitter", "Mevrouw", "Anna de Vries", "Voorzitter"),
        ("J. Jansen", "", "J. Jansen", ""),
    ],
)
def test_parse_person(text: str, salutation: str, person: str, role: str) -> None:
    parsed = parse_person(text)
    assert (parsed.salutation, parsed.person, parsed.role) == (salutation, person, role)


def test_tenant_landlords_by_name_then_by_signature_line_never_by_title_order():
    corporations = (Party("Woonstichting Thuis", PartyKind.CORPORATION, ("Thuis",)),
                    Party("Beter Wonen", PartyKind.CORPORATION, ("Beter Wonen",)))  # fmt: skip
    tenants = (Party("Huurdersraad Thuis", PartyKind.TENANT_ORGANISATION),
               Party("Huurdersvereniging Oost", PartyKind.TENANT_ORGANISATION),
               Party("Bewonersraad Noord", PartyKind.TENANT_ORGANISATION))  # fmt: skip
    signed = (Signatory("Beter Wonen", "A", "", "", 40), Signatory("Huurdersvereniging Oost", "B", "", "", 40),
              Signatory("Woonstichting Thuis", "C", "", "", 41),
              Signatory("Bewonersraad Noord", "D", "", "", 42))  # fmt: skip
    # Noord signs alone and follows Thuis in the title order: left for the administrator.
    assert tenant_landlords((*corporations, *tenants), signed) == {
        "Huurdersraad Thuis": "Woonstichting Thuis",
        "Huurdersvereniging Oost": "Beter Wonen",
    }
    # Two corporations on the tenants' signature line: not clear, no link.
    crowded = (*signed[:2], Signatory("Woonstichting Thuis", "C", "", "", 40))
    assert "Huurdersvereniging Oost" not in tenant_landlords((*corporations, *tenants), crowded)
