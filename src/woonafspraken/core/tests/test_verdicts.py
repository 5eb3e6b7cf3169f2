"""The one rule for an agreement's status (``core.verdicts.decide``), on hand-made evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from woonafspraken.core.verdicts import (
    RULE,
    Evidence,
    EvidenceSource,
    Kind,
    Outcome,
    Status,
    covenant_verdicts,
    decide,
    evidence_sources,
    judging_day,
    one_reading,
    register_evidence_source,
)


def item(
    outcome: Outcome, kind: Kind = Kind.ACTIVITY, agreement: str = "1.1.2", *, demo: bool = False
) -> Evidence:
    return Evidence(agreement, kind, outcome, f"{kind} {outcome}", "Afspraak 1.1.2", is_demo=demo)


@pytest.mark.parametrize(
    ("outcomes", "status"),
    [
        ([Outcome.DONE, Outcome.BEHIND], Status.BEHIND),  # a finished activity does not hide a target behind
        ([Outcome.DONE, Outcome.ATTENTION], Status.ATTENTION),  # an open knelpunt keeps it from afgerond
        ([Outcome.DONE, Outcome.ON_TRACK], Status.ON_TRACK),
        ([Outcome.DONE, Outcome.DONE], Status.DONE),
        ([Outcome.ATTENTION, Outcome.BEHIND, Outcome.ON_TRACK], Status.BEHIND),
        ([Outcome.NO_DATA, Outcome.INFO], Status.NOT_ASSESSABLE),  # no data and references never judge
        ([Outcome.INFO, Outcome.DONE], Status.DONE),
        ([], Status.NOT_ASSESSABLE),
    ],
)
def test_the_worst_judging_outcome_decides(outcomes, status):
    assert decide("1.1.2", [item(outcome) for outcome in outcomes]).status is status


def test_deciding_evidence_comes_first_and_is_the_reason():
    verdict = decide(
        "1.1.2", [item(Outcome.DONE), item(Outcome.INFO, Kind.TARGET), item(Outcome.BEHIND, Kind.HOUSING)]
    )
    assert verdict.evidence[0].kind is Kind.HOUSING and verdict.reason == "housing behind"
    assert [e.kind for e in verdict.deciding] == [Kind.HOUSING]
    assert len(verdict.evidence) == 3  # nothing is hidden


def test_without_evidence_it_says_why():
    verdict = decide("5.4", [])
    assert verdict.status is Status.NOT_ASSESSABLE
    assert len(verdict.evidence) == 1 and verdict.evidence[0].kind is Kind.NONE and verdict.reason


def test_only_evidence_of_the_agreement_counts():
    assert decide("1.1.2", [item(Outcome.BEHIND, agreement="1.1.3")]).status is Status.NOT_ASSESSABLE


def test_example_data_marks_the_verdict_only_where_it_judges():
    assert decide("1.1.2", [item(Outcome.BEHIND, demo=True)]).is_demo
    assert not decide("1.1.2", [item(Outcome.BEHIND), item(Outcome.INFO, demo=True)]).is_demo


def test_the_rule_is_three_sentences_in_dutch():
    assert len(RULE) == 3
    assert "afgerond" in str(RULE[1]) and "niet te beoordelen" in str(RULE[2])


def test_labels_are_the_five_dutch_words():
    labels = {
        decide("x", [item(o, agreement="x")]).label
        for o in (Outcome.BEHIND, Outcome.ATTENTION, Outcome.ON_TRACK, Outcome.DONE, Outcome.INFO)
    }
    assert labels == {"achter", "aandacht nodig", "op koers", "afgerond", "niet te beoordelen"}


@pytest.mark.parametrize(
    ("year", "today", "day"),
    [
        (2025, dt.date(2026, 1, 15), dt.date(2025, 12, 31)),  # the monitor of a past year: 31 December
        (2026, dt.date(2026, 6, 1), dt.date(2026, 6, 1)),  # the running year: today
        (2027, dt.date(2026, 11, 1), dt.date(2027, 1, 1)),  # a year to come: its first day
    ],
)
def test_judging_day(year, today, day):
    assert judging_day(year, today) == day


@pytest.mark.django_db
def test_covenant_verdicts_give_every_agreement_once_in_order(kampen, django_assert_max_num_queries):
    numbers = list(kampen.agreements.order_by("order").values_list("number", flat=True))

    def fake(covenant, on):
        return [item(Outcome.BEHIND, agreement=numbers[0]), item(Outcome.DONE, agreement="9.9.9")]

    with evidence_sources.temporarily():
        for name in evidence_sources.names():
            evidence_sources.unregister(name)
        register_evidence_source(EvidenceSource("fake", 1, fake))
        with django_assert_max_num_queries(1):
            verdicts = covenant_verdicts(kampen, dt.date(2025, 12, 31))
    assert list(verdicts) == numbers  # an agreement of another covenant ("9.9.9") is left out
    assert verdicts[numbers[0]].status is Status.BEHIND
    counts = verdicts.counts()
    assert counts[Status.BEHIND] == 1 and counts[Status.NOT_ASSESSABLE] == len(numbers) - 1
    assert sum(row["count"] for row in verdicts.summary()) == len(numbers)


@pytest.mark.django_db
def test_one_reading_works_the_verdicts_out_once_per_day_and_afresh_after_it(kampen):
    calls: list[dt.date] = []

    def counting(covenant, on):
        calls.append(on)
        return []

    day, other = dt.date(2025, 12, 31), dt.date(2026, 3, 1)
    with evidence_sources.temporarily():
        for name in evidence_sources.names():
            evidence_sources.unregister(name)
        register_evidence_source(EvidenceSource("counting", 1, counting))
        with one_reading(kampen):
            first = covenant_verdicts(kampen, day)
            assert covenant_verdicts(kampen, day) is first
            covenant_verdicts(kampen, other)
            with one_reading(kampen):  # nested (a report inside a request): still the same reading
                assert covenant_verdicts(kampen, day) is first
        assert calls == [day, other]
        covenant_verdicts(kampen, day)  # outside: worked out afresh, so a change in between is seen
        assert calls == [day, other, day]
