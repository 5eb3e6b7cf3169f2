"""The activity rule is plain and documented: these cases are the rule users read.

It judges one activity as it stood on a date; the agreement's status is core.verdicts' (not tested here).
"""

import datetime as dt

from woonafspraken.annual_plans.rollup import (
    RULE,
    ActivityFacts,
    ActivityOutcome,
    Report,
    behind_reason,
    judge,
    judgement_day,
)
from woonafspraken.annual_plans.yearly_decisions import yearly_decision

DEC31 = dt.date(2025, 12, 31)


def act(
    planned_by: dt.date = DEC31, *reports: Report, timing: str = "", decision: bool = False
) -> ActivityFacts:
    return ActivityFacts(
        title="Analyse", planned_by=planned_by, timing=timing, reports=reports, is_decision=decision
    )


def test_a_completion_in_january_is_not_done_on_31_december():
    facts = act(
        dt.date(2025, 12, 31),
        Report(dt.date(2025, 10, 1), "loopt", 50),
        Report(dt.date(2026, 1, 14), "gereed", 100),
        timing="K4 2025",
    )
    on_31_dec = judge(facts, DEC31)
    assert on_31_dec.outcome is ActivityOutcome.BEHIND and on_31_dec.status == "loopt"
    assert on_31_dec.text == "‘Analyse’ gepland voor K4 2025, nog niet gereed."
    later = judge(facts, dt.date(2026, 2, 1))
    assert later.outcome is ActivityOutcome.DONE and later.text == "‘Analyse’ gereed op 14 januari 2026."


def test_q4_open_on_31_december_is_behind_and_on_track_the_day_before_its_quarter_ends():
    facts = act(dt.date(2025, 12, 31), timing="K4 2025")
    assert judge(facts, DEC31).outcome is ActivityOutcome.BEHIND
    assert judge(facts, dt.date(2025, 12, 30)).outcome is ActivityOutcome.ON_TRACK
    assert judge(facts, dt.date(2025, 12, 30)).text == "‘Analyse’ gepland voor K4 2025, nog niet gereed."


def test_delayed_is_behind_before_its_planned_date():
    facts = act(DEC31, Report(dt.date(2025, 7, 1), "vertraagd"), timing="K4 2025")
    judgement = judge(facts, dt.date(2025, 8, 1))
    assert judgement.outcome is ActivityOutcome.BEHIND
    assert judgement.text == "‘Analyse’ vertraagd sinds 1 juli 2025 (gepland voor K4 2025)."
    assert behind_reason(facts, dt.date(2025, 8, 1)) == "vertraagd sinds 1 juli 2025 (gepland voor K4 2025)"
    assert judge(facts, dt.date(2025, 6, 30)).outcome is ActivityOutcome.ON_TRACK  # not yet delayed then


def test_done_before_the_date_is_done_with_its_day_and_running_shows_its_percentage():
    done = act(dt.date(2025, 6, 30), Report(dt.date(2025, 3, 12), "gereed", 100), timing="K2 2025")
    assert judge(done, DEC31).text == "‘Analyse’ gereed op 12 maart 2025."
    running = act(DEC31, Report(dt.date(2025, 4, 1), "loopt", 40), timing="K4 2025")
    assert judge(running, dt.date(2025, 5, 1)).text == "‘Analyse’ gepland voor K4 2025, loopt (40%)."


def test_cancelled_does_not_judge():
    facts = act(dt.date(2025, 3, 31), Report(dt.date(2025, 2, 1), "vervallen"))
    assert judge(facts, DEC31).outcome is ActivityOutcome.INFO


def test_two_reports_on_one_day_the_last_given_counts():
    facts = act(DEC31, Report(dt.date(2025, 5, 1), "vertraagd"), Report(dt.date(2025, 5, 1), "loopt"))
    assert judge(facts, dt.date(2025, 6, 1)).status == "loopt"


def test_a_decision_is_taken_or_not_yet_taken():
    decision = act(DEC31, timing="2025", decision=True)
    assert judge(decision, DEC31).text == "‘Analyse’ gepland voor 2025, nog niet genomen."
    assert judge(decision, DEC31).outcome is ActivityOutcome.BEHIND
    taken = act(DEC31, Report(dt.date(2025, 11, 24), "gereed"), decision=True)
    assert judge(taken, DEC31).text == "‘Analyse’ genomen op 24 november 2025."


def test_judgement_day_is_today_in_the_running_year_31_december_after_and_none_ahead():
    today = dt.date(2026, 11, 27)
    assert judgement_day(2025, today) == dt.date(2025, 12, 31)
    assert judgement_day(2026, today) == today
    assert judgement_day(2027, today) is None


def test_the_yearly_huursom_decision_is_read_from_the_text():
    text = (
        "De corporaties hanteren een gematigd huurbeleid. De drie partijen in het tripartite overleg komen "
        "jaarlijks overeen of de huursom boven inflatie mag stijgen. Hoe de huurverhoging wordt vormgegeven…"
    )
    decision = yearly_decision(text)
    assert decision is not None and decision.sentence.startswith("De drie partijen")
    assert decision.title(2025) == "Besluit over de huursomstijging 2026"
    assert "geen moment" in decision.description("2.1.1")
    assert yearly_decision("De huursom stijgt met inflatie.") is None


def test_the_rule_is_written_down():
    assert any("achter" in line for line in RULE) and any("31 december" in line for line in RULE)
