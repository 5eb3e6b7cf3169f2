"""Meeting types read from agreement texts: Kampen's, and the same wording in other forms."""

from __future__ import annotations

from woonafspraken.documents.parsing.parser import parse_document
from woonafspraken.meetings.cadence_text import (
    AgreementText,
    due_moment,
    frequency_phrase,
    parse_meeting_types,
)


def _kampen_specs(kampen_text: str):
    document = parse_document(kampen_text)
    kinds = {party.name: party.kind.value for party in document.parties}
    agreement_kinds = {
        a.number: tuple(sorted({kinds[name] for name in a.parties})) for a in document.agreements
    }
    texts = [AgreementText(a.number, a.subject, a.text, a.due_raw or "") for a in document.agreements]
    return {spec.key: spec for spec in parse_meeting_types(texts, agreement_kinds)}


def test_kampen_meetings_are_read_from_the_document(kampen_text):
    specs = _kampen_specs(kampen_text)
    assert list(specs) == [
        "1.1.3", "1.1.4", "1.3.1", "1.3.5", "3.2.1-brunnepe", "3.2.1-flevowijk", "3.2.1-binnenstad", "4.1.2",
        "5.1", "5.2",
    ]  # fmt: skip
    assert (specs["5.1"].min_per_year, specs["5.1"].windows, specs["5.1"].is_steering) == (
        2,
        ("spring", "autumn"),
        True,
    )
    assert (specs["5.2"].name, specs["5.2"].min_per_year, specs["5.2"].windows) == ("Kerngroep", 4, ())
    assert (specs["1.1.4"].min_per_year, specs["1.1.4"].windows) == (1, ("m1",))
    assert (specs["1.3.5"].min_per_year, specs["1.3.5"].windows) == (4, ("q1", "q2", "q3", "q4"))
    assert specs["1.3.5"].participant_kinds == ("gemeente", "corporatie")
    assert (specs["1.3.1"].min_per_year, specs["4.1.2"].min_per_year, specs["1.1.3"].min_per_year) == (
        1,
        2,
        0,
    )


def test_one_wijkoverleg_per_wijk_with_the_four_standing_items(kampen_text):
    specs = _kampen_specs(kampen_text)
    brunnepe = specs["3.2.1-brunnepe"]
    assert brunnepe.name == "Operationeel wijkoverleg Brunnepe" and brunnepe.wijk == "Brunnepe"
    assert brunnepe.min_per_year == 2
    assert len(brunnepe.standing_items) == 4
    assert brunnepe.standing_items[0] == "Waar het in de wijk goed gaat dan wel beter kan"
    assert specs["3.2.1-binnenstad"].standing_items == brunnepe.standing_items


def test_sustainability_is_a_standing_item_of_the_regular_joint_meetings(kampen_text):
    specs = _kampen_specs(kampen_text)
    item = "Terugkoppeling: Overleg plannen gemeente en corporaties (afspraak 4.1.2)"
    assert item in specs["5.1"].standing_items and item in specs["5.2"].standing_items
    # Not in meetings without the tenant organisations, nor in yearly ones.
    assert item not in specs["4.1.2"].standing_items and item not in specs["1.3.1"].standing_items


def _one(text: str, due: str = "", subject: str = "Overleg") -> list:
    return parse_meeting_types([AgreementText("9.1", subject, text, due)])


def test_general_wording_of_frequencies():
    assert _one("Het regieoverleg vindt ten minste drie keer per jaar plaats.")[0].min_per_year == 3
    assert _one("Partijen overleggen elk kwartaal over de voortgang.")[0].windows == ("q1", "q2", "q3", "q4")
    assert _one("Partijen bespreken halfjaarlijks de cijfers.")[0].windows == ("h1", "h2")
    spec = _one("Jaarlijks bespreken partijen de monitor.", due="Gemeente / in maart")[0]
    assert (spec.min_per_year, spec.windows) == (1, ("m3",))
    winter = _one("In de winter vindt een overleg plaats tussen de gemeente en de huurders.")[0]
    assert winter.windows == ("winter",) and winter.participant_kinds == ("gemeente", "huurdersorganisatie")
    assert _one("Eens per jaar vergaderen de partijen over de jaarschijf.")[0].min_per_year == 1


def test_texts_without_a_meeting_give_none():
    assert _one("De grondprijzen worden jaarlijks door de gemeente vastgesteld.") == []
    assert _one("Jaarlijks wordt in beeld gebracht en besproken wat wordt gedaan.") == []
    assert (
        _one("De drie partijen in het tripartite overleg komen jaarlijks overeen of de huursom stijgt.") == []
    )
    assert parse_meeting_types([]) == []


def test_a_meeting_when_useful_has_no_minimum():
    spec = _one("Indien nodig overleggen de gemeente en de corporaties bilateraal.")[0]
    assert spec.min_per_year == 0 and spec.windows == ()


def test_wijken_named_in_other_documents():
    specs = _one("Voor de wijken Oost, Noord-West en Centrum vindt minimaal vier keer per jaar een wijkoverleg plaats.",
                 subject="Wijkoverleg")  # fmt: skip
    assert [s.key for s in specs] == ["9.1-oost", "9.1-noord-west", "9.1-centrum"]
    assert [s.name for s in specs] == ["Wijkoverleg Oost", "Wijkoverleg Noord-West", "Wijkoverleg Centrum"]


def test_the_phrase_a_cadence_was_read_from(kampen_text):
    """The source of a meeting's evidence quotes the words of the agreement, not the whole sentence."""
    document = parse_document(kampen_text)
    due = {a.number: a.due_raw or "" for a in document.agreements}
    specs = _kampen_specs(kampen_text)
    phrases = {key: frequency_phrase(spec.source) for key, spec in specs.items()}
    assert phrases["5.2"] == "minimaal vier maal per jaar"
    assert phrases["5.1"] == "Minimaal twee maal per jaar, in het voorjaar en het najaar"
    assert phrases["4.1.2"] == "jaarlijks minimaal twee maal"
    assert phrases["3.2.1-brunnepe"] == "minimaal twee keer per jaar"
    assert phrases["1.3.5"] == "per kwartaal"
    assert phrases["1.1.4"] == "Jaarlijks"
    assert due_moment(specs["1.1.4"].source, due["1.1.4"]) == "in januari"
    assert due_moment(specs["5.2"].source, due["5.2"]) == ""
    assert frequency_phrase("Partijen werken samen.") == "Partijen werken samen"
