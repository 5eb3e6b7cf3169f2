"""Title pages and introductions in the phrasing real covenants use, each read as a small whole document.

Every case gives the party lines of the title page, the introduction (and where it matters the
signature blocks), and expects for each party its name, kind and which doubt (if any) the review step
will show. The document's agreement for "Corporaties" must then name exactly the corporations, the one
for "Huurdersorganisaties" exactly the tenant organisations: a misread kind shows up there first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pytest

from woonafspraken.documents.parsing.kinds import name_sign
from woonafspraken.documents.parsing.model import Corrections, KindBasis, PartyCorrection, PartyKind
from woonafspraken.documents.parsing.parser import parse_document
from woonafspraken.documents.tests.voorbeeldstad import small_document

G, C, H = PartyKind.MUNICIPALITY, PartyKind.CORPORATION, PartyKind.TENANT_ORGANISATION
# Which doubt a party carries, by the words its Dutch sentence starts with.
DOUBTS = {
    "guess": "Soort niet zeker",
    "conflict": "De naam zegt",
    "pairing": "Niet te zien voor de huurders van welke corporatie",
    "municipality": "Geen van de partijen is als gemeente gelezen",
}


@dataclass(frozen=True)
class Case:
    id: str
    party_lines: tuple[str, ...]
    introduction: str
    expected: tuple[tuple[str, PartyKind, str | None], ...]  # name, kind, doubt (a key of DOUBTS)
    signatures: tuple[tuple[str, ...], ...] = ()
    kvk: Mapping[str, str] = field(default_factory=dict)
    basis: Mapping[str, KindBasis] = field(default_factory=dict)


GEMEENTE = "Gemeente Voorbeeldstad"
KAMPEN = (
    "Gemeente Kampen",
    "Beter Wonen IJsselmuiden",
    "Huurders Vereniging groot IJsselmuiden",
    "deltaWonen",
    "Centrale Bewonersraad deltaWonen",
)

CASES = [
    Case(
        "kampen: two corporations, two tenant organisations, paired by name and by signature",
        KAMPEN,
        "In deze prestatieafspraken zijn de afspraken vastgelegd die de gemeente Kampen, de woningcorporaties "
        "Beter Wonen IJsselmuiden en deltaWonen en de huurdersorganisaties Huurders Vereniging groot "
        "IJsselmuiden en Centrale Bewonersraad deltaWonen met elkaar hebben gemaakt.",
        (
            (KAMPEN[0], G, None),
            (KAMPEN[1], C, None),
            (KAMPEN[2], H, None),
            (KAMPEN[3], C, None),
            (KAMPEN[4], H, None),
        ),  # fmt: skip
        signatures=((KAMPEN[0],), (KAMPEN[1], KAMPEN[2]), (KAMPEN[3], KAMPEN[4])),
        basis={
            KAMPEN[1]: KindBasis.INTRODUCTION,
            KAMPEN[2]: KindBasis.NAME,
            KAMPEN[3]: KindBasis.INTRODUCTION,
        },
    ),
    Case(
        "the reported bug: 'en de Huurdersraad X' after 'de woningcorporaties A en B'",
        (GEMEENTE, "Thuis", "WoonGoed Oosterhout", "Huurdersraad Samen"),
        "Deze afspraken maken de gemeente Voorbeeldstad, de woningcorporaties Thuis en WoonGoed Oosterhout "
        "en de Huurdersraad Samen met elkaar.",
        (
            (GEMEENTE, G, None),
            ("Thuis", C, None),
            ("WoonGoed Oosterhout", C, None),
            ("Huurdersraad Samen", H, None),
        ),  # fmt: skip
        signatures=((GEMEENTE,), ("Thuis", "Huurdersraad Samen"), ("WoonGoed Oosterhout",)),
        basis={"Thuis": KindBasis.INTRODUCTION, "Huurdersraad Samen": KindBasis.NAME},
    ),
    Case(
        "the reported bug without signatures: the tenant organisation's corporation is asked",
        (GEMEENTE, "Thuis", "WoonGoed Oosterhout", "Huurdersraad Samen"),
        "Deze afspraken maken de gemeente Voorbeeldstad, de woningcorporaties Thuis en WoonGoed Oosterhout "
        "en de Huurdersraad Samen met elkaar.",
        (
            (GEMEENTE, G, None),
            ("Thuis", C, None),
            ("WoonGoed Oosterhout", C, None),
            ("Huurdersraad Samen", H, "pairing"),
        ),  # fmt: skip
    ),
    Case(
        "a name inside the corporations' list that says it is a tenant organisation: the name wins",
        (GEMEENTE, "Woonstichting Thuis", "Huurdersraad Samen"),
        "Partijen zijn de gemeente Voorbeeldstad en de woningcorporaties Woonstichting Thuis en Huurdersraad Samen.",
        ((GEMEENTE, G, None), ("Woonstichting Thuis", C, None), ("Huurdersraad Samen", H, "conflict")),
    ),
    Case(
        "one corporation and one tenant organisation, all named by kind word",
        (GEMEENTE, "Woonstichting Thuis", "Huurdersvereniging Samen"),
        "Deze prestatieafspraken zijn gemaakt door de gemeente Voorbeeldstad, Woonstichting Thuis en "
        "Huurdersvereniging Samen.",
        ((GEMEENTE, G, None), ("Woonstichting Thuis", C, None), ("Huurdersvereniging Samen", H, None)),
        basis={"Woonstichting Thuis": KindBasis.NAME, "Huurdersvereniging Samen": KindBasis.NAME},
    ),
    Case(
        "names without kind words, the introduction says which is which",
        (GEMEENTE, "Mooiland", "Talis", "Samen", "Stem"),
        "Dit zijn de afspraken van de gemeente Voorbeeldstad, de corporaties Mooiland en Talis en de "
        "huurdersorganisaties Samen en Stem.",
        (
            (GEMEENTE, G, None),
            ("Mooiland", C, None),
            ("Talis", C, None),
            ("Samen", H, "pairing"),
            ("Stem", H, "pairing"),
        ),  # fmt: skip
        basis={"Mooiland": KindBasis.INTRODUCTION, "Samen": KindBasis.INTRODUCTION},
    ),
    Case(
        "names without kind words and an introduction that does not name them: guessed, and asked",
        (GEMEENTE, "Mooiland", "Huurdersvereniging Samen"),
        "De partijen werken samen aan goed wonen in Voorbeeldstad.",
        ((GEMEENTE, G, None), ("Mooiland", C, "guess"), ("Huurdersvereniging Samen", H, None)),
        basis={"Mooiland": KindBasis.GUESS},
    ),
    Case(
        "'toegelaten instellingen' and tenant organisations named after their corporation",
        (GEMEENTE, "Portaal", "Mitros", "Bewonersraad Mitros", "Huurdersvereniging Portaal"),
        "De gemeente Voorbeeldstad, de toegelaten instellingen Portaal en Mitros en de huurdersorganisaties "
        "Bewonersraad Mitros en Huurdersvereniging Portaal maken deze afspraken.",
        (
            (GEMEENTE, G, None),
            ("Portaal", C, None),
            ("Mitros", C, None),
            ("Bewonersraad Mitros", H, None),
            ("Huurdersvereniging Portaal", H, None),
        ),  # fmt: skip
    ),
    Case(
        "'de bewonersraden' before names without kind words, one corporation",
        (GEMEENTE, "Woonstichting Thuis", "Noord", "Zuid"),
        "Deze afspraken zijn gemaakt tussen de gemeente Voorbeeldstad, Woonstichting Thuis en de "
        "bewonersraden Noord en Zuid.",
        ((GEMEENTE, G, None), ("Woonstichting Thuis", C, None), ("Noord", H, None), ("Zuid", H, None)),
        basis={"Noord": KindBasis.INTRODUCTION},
    ),
    Case(
        "many corporations and one umbrella of tenants that cannot be paired",
        (
            GEMEENTE,
            "Woonstichting Thuis",
            "Mooiland",
            "Talis",
            "Portaal",
            "Woonbedrijf Zuid",
            "Huurderskoepel Voorbeeldstad",
        ),  # fmt: skip
        "In Voorbeeldstad maken de gemeente, de woningcorporaties Woonstichting Thuis, Mooiland, Talis, "
        "Portaal en Woonbedrijf Zuid en de Huurderskoepel Voorbeeldstad afspraken.",
        (
            (GEMEENTE, G, None),
            ("Woonstichting Thuis", C, None),
            ("Mooiland", C, None),
            ("Talis", C, None),
            ("Portaal", C, None),
            ("Woonbedrijf Zuid", C, None),
            ("Huurderskoepel Voorbeeldstad", H, "pairing"),
        ),
        # fmt: skip
    ),
    Case(
        "a Huurdersplatform named after its corporation",
        (GEMEENTE, "Woonstichting Thuis", "Talis", "Huurdersplatform Thuis", "Huurdersvereniging Talis"),
        "Partijen: de gemeente Voorbeeldstad, de woningcorporaties Woonstichting Thuis en Talis, het "
        "Huurdersplatform Thuis en de Huurdersvereniging Talis.",
        (
            (GEMEENTE, G, None),
            ("Woonstichting Thuis", C, None),
            ("Talis", C, None),
            ("Huurdersplatform Thuis", H, None),
            ("Huurdersvereniging Talis", H, None),
        ),  # fmt: skip
    ),
    Case(
        "an 'en' inside the names",
        (GEMEENTE, "Woonstichting Vecht en Omstreken", "Huurdersbelangenvereniging Vecht en Omstreken"),
        "De gemeente Voorbeeldstad, de woningcorporatie Woonstichting Vecht en Omstreken en de "
        "huurdersorganisatie Huurdersbelangenvereniging Vecht en Omstreken maken deze afspraken.",
        (
            (GEMEENTE, G, None),
            ("Woonstichting Vecht en Omstreken", C, None),
            ("Huurdersbelangenvereniging Vecht en Omstreken", H, None),
        ),  # fmt: skip
    ),
    Case(
        "a 'Stichting' that is a tenant organisation and one that is a corporation",
        (GEMEENTE, "Stichting Volkshuisvesting Voorbeeldstad", "Stichting Huurdersbelangen Voorbeeldstad"),
        "De gemeente Voorbeeldstad, Stichting Volkshuisvesting Voorbeeldstad en Stichting Huurdersbelangen "
        "Voorbeeldstad spreken het volgende af.",
        (
            (GEMEENTE, G, None),
            ("Stichting Volkshuisvesting Voorbeeldstad", C, None),
            ("Stichting Huurdersbelangen Voorbeeldstad", H, None),
        ),  # fmt: skip
        basis={"Stichting Huurdersbelangen Voorbeeldstad": KindBasis.NAME},
    ),
    Case(
        "a 'Stichting' without a kind word: the introduction decides",
        (GEMEENTE, "Stichting Thuisvester", "Stichting Rentree"),
        "Deze afspraken maken de gemeente Voorbeeldstad, de corporatie Stichting Thuisvester en de "
        "huurdersorganisatie Stichting Rentree.",
        ((GEMEENTE, G, None), ("Stichting Thuisvester", C, None), ("Stichting Rentree", H, None)),
        basis={"Stichting Thuisvester": KindBasis.INTRODUCTION, "Stichting Rentree": KindBasis.INTRODUCTION},
    ),
    Case(
        "the municipality written 'gemeente X' on the title page",
        ("gemeente Voorbeeldstad", "Woonstichting Thuis", "Huurdersvereniging Samen"),
        "De gemeente Voorbeeldstad, Woonstichting Thuis en Huurdersvereniging Samen maken afspraken.",
        ((GEMEENTE, G, None), ("Woonstichting Thuis", C, None), ("Huurdersvereniging Samen", H, None)),
    ),
    Case(
        "the municipality written 'de gemeente X,' on the title page, lines joined by 'en'",
        ("de gemeente Voorbeeldstad,", "Woonstichting Thuis", "en", "Huurdersvereniging Samen"),
        "Gemeente Voorbeeldstad, Woonstichting Thuis en Huurdersvereniging Samen maken afspraken.",
        ((GEMEENTE, G, None), ("Woonstichting Thuis", C, None), ("Huurdersvereniging Samen", H, None)),
    ),
    Case(
        "no municipality among the parties",
        ("Woonstichting Thuis", "Huurdersvereniging Samen"),
        "In de gemeente Voorbeeldstad maken Woonstichting Thuis en Huurdersvereniging Samen afspraken.",
        (("Woonstichting Thuis", C, "municipality"), ("Huurdersvereniging Samen", H, None)),
    ),
    Case(
        "a numbered party block with KvK numbers",
        (
            "1. Gemeente Voorbeeldstad",
            "2. Woonstichting Thuis (KvK 12345678)",
            "3. Huurdersvereniging Samen, KvK-nummer: 87654321",
        ),  # fmt: skip
        "De gemeente Voorbeeldstad, Woonstichting Thuis en Huurdersvereniging Samen maken afspraken.",
        ((GEMEENTE, G, None), ("Woonstichting Thuis", C, None), ("Huurdersvereniging Samen", H, None)),
        kvk={"Woonstichting Thuis": "12345678", "Huurdersvereniging Samen": "87654321"},
    ),
    Case(
        "a party block in legal style: 'De gemeente X, hierna te noemen: de gemeente;'",
        (
            "Partijen:",
            "1. De gemeente Voorbeeldstad, hierna te noemen: de gemeente;",
            "2. Woonstichting Thuis (KvK 12345678), hierna: 'Thuis';",
            "3. Stichting Samen, verder te noemen 'Samen'.",
        ),
        # fmt: skip
        "De gemeente Voorbeeldstad, de corporatie Woonstichting Thuis en de huurdersorganisatie Stichting Samen "
        "maken afspraken.",
        ((GEMEENTE, G, None), ("Woonstichting Thuis", C, None), ("Stichting Samen", H, None)),
        kvk={"Woonstichting Thuis": "12345678"},
        basis={"Stichting Samen": KindBasis.INTRODUCTION},
    ),
    Case(
        "a KvK number on its own line under the name, bullets before the names",
        (
            "- Gemeente Voorbeeldstad",
            "- Woonstichting Thuis",
            "KvK-nummer: 12345678",
            "- Huurdersvereniging Samen",
        ),  # fmt: skip
        "De gemeente Voorbeeldstad, Woonstichting Thuis en Huurdersvereniging Samen maken afspraken.",
        ((GEMEENTE, G, None), ("Woonstichting Thuis", C, None), ("Huurdersvereniging Samen", H, None)),
        kvk={"Woonstichting Thuis": "12345678"},
    ),
    Case(
        "a KvK number in the introduction",
        (GEMEENTE, "Woonstichting Thuis", "Huurdersvereniging Samen"),
        "De gemeente Voorbeeldstad, Woonstichting Thuis (KvK-nummer 41234567) en Huurdersvereniging Samen "
        "maken afspraken.",
        ((GEMEENTE, G, None), ("Woonstichting Thuis", C, None), ("Huurdersvereniging Samen", H, None)),
        kvk={"Woonstichting Thuis": "41234567"},
    ),
    Case(
        "short names in the introduction",
        ("Gemeente Zwolle", "Woonstichting SWZ", "Openbaar Belang", "Stichting Rentree", "Stem"),
        "Partijen zijn de gemeente Zwolle, de corporaties SWZ en Openbaar Belang en de huurdersorganisaties "
        "Rentree en Stem.",
        (
            ("Gemeente Zwolle", G, None),
            ("Woonstichting SWZ", C, None),
            ("Openbaar Belang", C, None),
            ("Stichting Rentree", H, "pairing"),
            ("Stem", H, "pairing"),
        ),  # fmt: skip
        basis={"Openbaar Belang": KindBasis.INTRODUCTION, "Stichting Rentree": KindBasis.INTRODUCTION},
    ),
    Case(
        "HBV and 'Huurders Vereniging' written apart",
        (GEMEENTE, "Woonstichting Thuis", "HBV Samen", "Huurders Vereniging Oost"),
        "De gemeente Voorbeeldstad, Woonstichting Thuis, HBV Samen en Huurders Vereniging Oost maken afspraken.",
        (
            (GEMEENTE, G, None),
            ("Woonstichting Thuis", C, None),
            ("HBV Samen", H, None),
            ("Huurders Vereniging Oost", H, None),
        ),  # fmt: skip
    ),
    Case(
        "Bewonerscommissie and Huurdersorganisatie",
        (
            GEMEENTE,
            "Woningbouwvereniging Ons Huis",
            "Bewonerscommissie Het Hof",
            "Huurdersorganisatie Ons Huis",
        ),
        "Deze afspraken maken de gemeente Voorbeeldstad, Woningbouwvereniging Ons Huis, Bewonerscommissie "
        "Het Hof en Huurdersorganisatie Ons Huis.",
        (
            (GEMEENTE, G, None),
            ("Woningbouwvereniging Ons Huis", C, None),
            ("Bewonerscommissie Het Hof", H, None),
            ("Huurdersorganisatie Ons Huis", H, None),
        ),  # fmt: skip
    ),
    Case(
        "Wooncorporatie and Woningstichting, both corporations by name",
        (GEMEENTE, "Wooncorporatie De Kernen", "Woningstichting Den Helder", "Huurdersraad De Kernen"),
        "De gemeente Voorbeeldstad, Wooncorporatie De Kernen, Woningstichting Den Helder en Huurdersraad "
        "De Kernen maken afspraken.",
        (
            (GEMEENTE, G, None),
            ("Wooncorporatie De Kernen", C, None),
            ("Woningstichting Den Helder", C, None),
            ("Huurdersraad De Kernen", H, None),
        ),  # fmt: skip
    ),
    Case(
        "a brand with 'Wonen' and no introduction: only a weak sign, asked",
        (GEMEENTE, "Wonen Limburg", "Huurdersvereniging Samen"),
        "De partijen werken samen.",
        ((GEMEENTE, G, None), ("Wonen Limburg", C, "guess"), ("Huurdersvereniging Samen", H, None)),
        basis={"Wonen Limburg": KindBasis.GUESS},
    ),
    Case(
        "'huurder' inside a corporation's brand: the introduction says corporation",
        (GEMEENTE, "Huurdershuis Wonen", "Huurdersraad Oost"),
        "De gemeente Voorbeeldstad, de woningcorporatie Huurdershuis Wonen en de huurdersraad Huurdersraad "
        "Oost maken deze afspraken.",
        ((GEMEENTE, G, None), ("Huurdershuis Wonen", C, None), ("Huurdersraad Oost", H, None)),
        basis={"Huurdershuis Wonen": KindBasis.INTRODUCTION},
    ),
    Case(
        "a title page that says 'tussen' and lists the parties with 'en'",
        ("tussen", GEMEENTE, "Woonstichting Thuis", "en", "Huurdersvereniging Samen"),
        "Tussen de gemeente Voorbeeldstad, de corporatie Woonstichting Thuis en de huurdersvereniging "
        "Huurdersvereniging Samen zijn deze afspraken gemaakt.",
        ((GEMEENTE, G, None), ("Woonstichting Thuis", C, None), ("Huurdersvereniging Samen", H, None)),
    ),
    Case(
        "a 'Centrale Bewonersraad' carrying the corporation's brand",
        (
            GEMEENTE,
            "deltaWonen",
            "Centrale Bewonersraad deltaWonen",
            "Woonstichting Thuis",
            "Huurdersbelangenvereniging Thuis",
        ),  # fmt: skip
        "Dit zijn de afspraken van de gemeente Voorbeeldstad, de woningcorporaties deltaWonen en "
        "Woonstichting Thuis en de huurdersorganisaties Centrale Bewonersraad deltaWonen en "
        "Huurdersbelangenvereniging Thuis.",
        (
            (GEMEENTE, G, None),
            ("deltaWonen", C, None),
            ("Centrale Bewonersraad deltaWonen", H, None),
            ("Woonstichting Thuis", C, None),
            ("Huurdersbelangenvereniging Thuis", H, None),
        ),  # fmt: skip
    ),
    Case(
        "two tenant organisations of one corporation",
        (GEMEENTE, "Woonstichting Thuis", "Huurdersvereniging Noord", "Huurdersvereniging Zuid"),
        "De gemeente Voorbeeldstad, woningcorporatie Woonstichting Thuis en de huurdersverenigingen "
        "Huurdersvereniging Noord en Huurdersvereniging Zuid maken deze afspraken.",
        (
            (GEMEENTE, G, None),
            ("Woonstichting Thuis", C, None),
            ("Huurdersvereniging Noord", H, None),
            ("Huurdersvereniging Zuid", H, None),
        ),  # fmt: skip
    ),
    Case(
        "the corporations' word after a sentence end does not reach the next sentence's names",
        (GEMEENTE, "Mooiland", "Huurdersvereniging Samen", "Talis"),
        "De gemeente Voorbeeldstad werkt met de woningcorporaties. Mooiland en Talis bouwen; "
        "Huurdersvereniging Samen adviseert.",
        (
            (GEMEENTE, G, None),
            ("Mooiland", C, "guess"),
            ("Huurdersvereniging Samen", H, "pairing"),
            ("Talis", C, "guess"),
        ),  # fmt: skip
    ),
    Case(
        "a corporation whose name the introduction spells with a typo on the title page",
        (GEMEENTE, "Woonstichting Thuuis", "Huurdersvereniging Samen"),
        "De gemeente Voorbeeldstad, de woningcorporatie Woonstichting Thuis en de huurdersvereniging "
        "Huurdersvereniging Samen maken afspraken.",
        ((GEMEENTE, G, None), ("Woonstichting Thuis", C, None), ("Huurdersvereniging Samen", H, None)),
    ),
    Case(
        "two corporations and their tenant organisations paired by the signature lines",
        (GEMEENTE, "Mooiland", "Talis", "Stem", "Samen"),
        "De gemeente Voorbeeldstad, de woningcorporaties Mooiland en Talis en de huurdersorganisaties Stem "
        "en Samen maken afspraken.",
        (
            (GEMEENTE, G, None),
            ("Mooiland", C, None),
            ("Talis", C, None),
            ("Stem", H, None),
            ("Samen", H, None),
        ),
        signatures=((GEMEENTE,), ("Mooiland", "Stem"), ("Talis", "Samen")),
    ),
    Case(
        "a 'Bewonersraad' in the corporations' list with 'en de' is no contradiction",
        (GEMEENTE, "Woonstichting Thuis", "Bewonersraad Thuis"),
        "De gemeente Voorbeeldstad en de woningcorporatie Woonstichting Thuis en de Bewonersraad Thuis "
        "maken deze afspraken.",
        ((GEMEENTE, G, None), ("Woonstichting Thuis", C, None), ("Bewonersraad Thuis", H, None)),
        basis={"Bewonersraad Thuis": KindBasis.NAME},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_introduction(case: Case) -> None:
    document = parse_document(small_document(case.party_lines, case.introduction, case.signatures))
    read = [
        (
            party.name,
            party.kind,
            next((key for key, start in DOUBTS.items() if party.doubt.startswith(start)), None),
        )
        for party in document.parties
    ]
    assert read == list(case.expected), [party.doubt for party in document.parties]
    for party in document.parties:
        assert party.kvk == case.kvk.get(party.name, "")
        assert party.kvk not in party.name or not party.kvk
        if party.name in case.basis:
            assert party.kind_basis is case.basis[party.name], party.name
        assert (party.kind_basis is KindBasis.GUESS) == party.doubt.startswith(DOUBTS["guess"])
        assert party.line > 0
    corporations = tuple(name for name, kind, _ in case.expected if kind is C)
    tenants = tuple(name for name, kind, _ in case.expected if kind is H)
    by_number = {agreement.number: agreement for agreement in document.agreements}
    assert by_number["1.1"].parties == corporations
    assert by_number["1.1"].leads == corporations
    assert by_number["1.2"].parties == tenants


def test_there_are_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30
    assert {kind for case in CASES for _, kind, _ in case.expected} == {G, C, H}
    assert {doubt for case in CASES for _, _, doubt in case.expected} == {None, *DOUBTS}


def test_a_corrected_kind_and_landlord_remove_the_doubts() -> None:
    case = next(case for case in CASES if case.id.startswith("a name inside the corporations' list"))
    text = small_document(case.party_lines, case.introduction)
    corrections = Corrections({"Huurdersraad Samen": PartyCorrection(kind=PartyKind.TENANT_ORGANISATION)})
    party = parse_document(text, corrections).parties[2]
    assert (party.kind_basis, party.doubt) == (KindBasis.CORRECTED, "")
    unpaired = next(case for case in CASES if case.id.startswith("the reported bug without"))
    text = small_document(unpaired.party_lines, unpaired.introduction)
    assert parse_document(text).parties[3].doubt
    corrections = Corrections({"Huurdersraad Samen": PartyCorrection(landlord="Thuis")})
    assert parse_document(text, corrections).parties[3].doubt == ""


def test_doubts_are_dutch_sentences_that_name_the_word() -> None:
    case = next(case for case in CASES if case.id.startswith("a name inside the corporations' list"))
    party = parse_document(small_document(case.party_lines, case.introduction)).parties[2]
    assert party.doubt == (
        "De naam zegt huurdersorganisatie ('Huurdersraad'), maar de inleiding noemt deze partij bij de "
        "corporaties; gelezen als huurdersorganisatie, zoals de naam zegt."
    )


@pytest.mark.parametrize(
    ("name", "kind", "strong"),
    [
        ("Huurdersraad Oost", H, True),
        ("Huurders Vereniging groot IJsselmuiden", H, True),
        ("Huurdersbelangenvereniging Noord", H, True),
        ("Centrale Bewonersraad deltaWonen", H, True),
        ("Huurdersplatform Thuis", H, True),
        ("Huurdersorganisatie Ons Huis", H, True),
        ("Stichting Huurdersbelangen Zuid", H, True),
        ("Huurderskoepel Voorbeeldstad", H, True),
        ("Bewonerscommissie Het Hof", H, True),
        ("HBV Samen", H, True),
        ("Huurdersraad Woonstichting Thuis", H, True),  # named after its corporation: still tenants
        ("Woonstichting Thuis", C, True),
        ("Woningstichting Den Helder", C, True),
        ("Woningbouwvereniging Ons Huis", C, True),
        ("Wooncorporatie De Kernen", C, True),
        ("Woonbedrijf Ieder1", C, True),
        ("WoonGoed Oosterhout", C, True),
        ("Gemeente Kampen", G, True),
        ("deltaWonen", C, False),
        ("Woonwaard", C, False),
        ("De Goede Woning", C, False),
        ("Huurdershuis", H, False),
    ],
)
def test_what_a_name_says(name: str, kind: PartyKind, strong: bool) -> None:
    sign = name_sign(name)
    assert sign is not None and (sign.kind, sign.strong) == (kind, strong)


@pytest.mark.parametrize("name", ["Mooiland", "Talis", "Stichting Thuisvester", "Openbaar Belang", "Portaal"])
def test_a_name_that_says_nothing(name: str) -> None:
    assert name_sign(name) is None
