"""The concreteness score on hand-made agreement texts (pure: no database)."""

from __future__ import annotations

import pytest

from woonafspraken.national.concreteness import MAX_SCORE, Criterion, concreteness

N, T, L = Criterion.NUMBER, Criterion.TIME, Criterion.LEAD

CASES = [
    # (text, leads, due, criteria met, some evidence expected)
    ("De corporaties bouwen uiterlijk 2024 40 woningen.", [], "", {N, T}, ["40 woningen", "uiterlijk 2024"]),
    ("Jaarlijks bespreken partijen de voortgang.", [], "", {T}, ["jaarlijks"]),
    ("Maximaal 15 % van de woningen wordt vrij toegewezen.", [], "", {N}, ["15 %"]),
    ("Gemeente, trekker. Partijen onderzoeken de mogelijkheden.", [], "", {L}, ["gemeente, trekker"]),
    ("Partijen zetten zich in voor een goede leefbaarheid.", [], "", set(), []),
    (
        "Partijen zetten zich in voor een goede leefbaarheid.",
        ["Gemeente Kampen"],
        "",
        {L},
        ["Gemeente Kampen"],
    ),
    (
        "Gemiddeld 80 sociale huurwoningen per jaar.",
        ["Gemeente Kampen"],
        "",
        {N, T, L},
        ["80 sociale", "per jaar"],
    ),
    ("De wachttijd is als ijkpunt gesteld op 2,4 jaar.", [], "", {N}, ["2,4 jaar"]),
    ("Zie afspraak 1.3.1 en bijlage 2 voor de uitwerking.", [], "", set(), []),
    ("Het Sociaal Huurakkoord 2018 geldt als kader.", [], "", set(), []),
    ("Het overzicht per 1 juli 2021 staat in de bijlage.", [], "", {T}, ["1 juli 2021"]),
    ("Partijen starten het gesprek (start medio 2022).", [], "", {T}, ["start medio 2022"]),
    ("De gemeente overlegt jaarlijks minimaal twee maal met de corporaties.", [], "", {N, T}, ["twee maal"]),
    ("Gemeente en corporaties monitoren de voortgang.", [], "in januari", {T}, ["in januari"]),
    ("Voorrang door: 1. nieuwbouw toewijzen; 2. experimenteren met maatregelen.", [], "", set(), []),
    ("Richtlijn 30%-40%-30% bij nieuwbouw, waarvan 2/3 sociale huur.", [], "", {N}, ["30%", "2/3"]),
    ("Koopwoningen tot € 225.000 vallen onder goedkope koop.", [], "", {N}, ["€ 225.000"]),
    ("De gemeente neemt het initiatief voor het overleg.", [], "", {L}, ["neemt het initiatief"]),
    ("In de periode 2022 tot en met 2026 worden 400 woningen gebouwd.", [], "", {N, T}, ["400 woningen"]),
    ("Per kwartaal wordt de taakstelling gemonitord.", [], "", {T}, ["per kwartaal"]),
    ("Het plan is gereed in Q1 2022.", ["Corporatie X"], "", {T, L}, ["q1 2022"]),
    ("<ul><li>Het CO₂-niveau daalt</li></ul>", [], "", set(), []),
    ("Binnen drie maanden na ondertekening volgt een plan.", [], "", {T}, ["binnen drie maanden"]),
    ("De drie partijen in het tripartite overleg komen jaarlijks overeen.", [], "", {T}, ["jaarlijks"]),
    ("Resultaat: het realiseren van 1-persoonskamers.", [], "", set(), []),
]


@pytest.mark.parametrize(("text", "leads", "due", "met", "evidence"), CASES)
def test_the_score_counts_what_the_text_names(
    text: str, leads: list[str], due: str, met: set[Criterion], evidence: list[str]
):
    result = concreteness(text, leads=leads, due=due)
    assert {finding.criterion for finding in result.findings} == met
    assert result.score == len(met)
    found = [word for finding in result.findings for word in finding.evidence]
    for word in evidence:
        assert word in found, f"{word!r} not among {found}"


def test_at_least_fifteen_hand_made_cases():
    assert len(CASES) >= 15


def test_score_ranges_from_none_to_all_three():
    assert concreteness("").score == 0
    full = concreteness("Uiterlijk 2024 bouwen zij 40 woningen.", leads=["Gemeente"])
    assert full.score == MAX_SCORE == 3
    assert full.missing == ()
    assert concreteness("Zij overleggen.").missing == (N, T, L)


def test_recorded_leads_are_the_evidence_over_words_in_the_text():
    result = concreteness("De gemeente is trekker.", leads=["Gemeente Kampen"])
    assert result.evidence(L) == ("Gemeente Kampen",)
    assert concreteness("De gemeente is trekker.").evidence(L) == ("is trekker",)


def test_evidence_is_kept_short_and_unique():
    result = concreteness(" ".join(f"{n} woningen" for n in range(10, 30)) + " 10 woningen")
    assert len(result.evidence(N)) == 5
    assert len(set(result.evidence(N))) == 5
