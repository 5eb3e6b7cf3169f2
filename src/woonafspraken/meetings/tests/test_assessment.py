"""One year of a cadence judged on a date, and how it reads (the evidence of a prescribed meeting).
Hand-made cases after the Kampen text: 5.2 kerngroep "minimaal vier maal per jaar", 5.1 bestuurlijk
overleg "minimaal twee maal per jaar, in het voorjaar en het najaar", 1.3.5 "per kwartaal", 1.1.4 "in
januari", 3.2.1 "minimaal twee keer per jaar"."""

from __future__ import annotations

import datetime as dt

from woonafspraken.meetings.cadence import CadenceRule, assess
from woonafspraken.meetings.cadence_words import cadence_problem, cadence_sentence, join_words, rule_words

D = dt.date
KERNGROEP = CadenceRule(min_per_year=4)
STEERING = CadenceRule(min_per_year=2, windows=("spring", "autumn"))
QUARTERLY = CadenceRule(min_per_year=4, windows=("q1", "q2", "q3", "q4"))
JANUARY = CadenceRule(min_per_year=1, windows=("m1",))
WIJK = CadenceRule(min_per_year=2)


def test_a_year_with_four_kerngroep_meetings_has_none_missed():
    held = [D(2025, 4, 14), D(2025, 5, 19), D(2025, 6, 16), D(2025, 11, 10)]  # none in the first quarter
    year = assess(KERNGROEP, year=2025, held=held, on=D(2025, 12, 31))
    assert not year.behind and year.missed_windows == () and year.short == 0 and year.year_over
    assert cadence_sentence("Kerngroep", year) == "Kerngroep: 4 van minimaal 4 overleggen in 2025 gehouden."
    # On the way there, at no point is a meeting missed.
    for on in (D(2025, 3, 31), D(2025, 6, 30), D(2025, 9, 30)):
        assert not assess(KERNGROEP, year=2025, held=held, on=on).behind


def test_a_running_year_with_the_count_still_reachable_is_on_track():
    year = assess(KERNGROEP, year=2025, held=[D(2025, 2, 3), D(2025, 6, 2)], on=D(2025, 9, 1))
    assert not year.behind and year.still_needed == 2 and year.reachable
    assert cadence_sentence("Kerngroep", year) == (
        "Kerngroep: 2 van minimaal 4 overleggen in 2025 gehouden; het jaar loopt nog."
    )


def test_the_count_not_reached_when_the_year_is_over_is_behind():
    held = [D(2025, 2, 3), D(2025, 6, 2), D(2025, 9, 8)]
    running = assess(KERNGROEP, year=2025, held=held, on=D(2025, 12, 30))
    assert not running.behind  # one more on 31 December is still possible
    over = assess(KERNGROEP, year=2025, held=held, on=D(2025, 12, 31))  # the monitor's day
    assert over.behind and over.short == 1
    assert cadence_sentence("Kerngroep", over) == (
        "Kerngroep: 3 van minimaal 4 overleggen in 2025 gehouden; het jaar is voorbij."
    )
    assert cadence_problem(over) == "het jaar is voorbij"


def test_a_count_that_no_longer_fits_in_the_days_left_is_behind():
    year = assess(KERNGROEP, year=2025, held=[D(2025, 3, 3)], on=D(2025, 12, 29))
    assert not year.reachable and year.behind  # three more in two days, at most one a day
    assert (
        cadence_problem(year) == "nog 3 nodig en dat past niet meer in de dagen tot en met 31 december 2025"
    )


def test_a_missed_spring_steering_meeting_shows_although_the_autumn_brings_the_count_to_two():
    held = [D(2025, 10, 6), D(2025, 11, 17)]
    year = assess(STEERING, year=2025, held=held, on=D(2025, 12, 31))
    assert year.held == 2 and year.required == 2
    assert year.behind and year.missed_windows == ("spring",) and year.short == 0
    assert cadence_sentence("Bestuurlijk overleg", year) == (
        "Bestuurlijk overleg: geen overleg in het voorjaar 2025; 2 van minimaal 2 overleggen in 2025 gehouden."
    )
    # Visible as soon as the spring is over, before the autumn meetings.
    assert assess(STEERING, year=2025, held=held, on=D(2025, 7, 1)).missed_windows == ("spring",)
    # Spring and autumn kept: on track, and in June the autumn is still to come.
    kept = assess(STEERING, year=2025, held=[D(2025, 4, 14), D(2025, 11, 17)], on=D(2025, 12, 31))
    assert not kept.behind
    june = assess(STEERING, year=2025, held=[D(2025, 4, 14)], on=D(2025, 6, 30))
    assert cadence_sentence("Bestuurlijk overleg", june) == (
        "Bestuurlijk overleg: 1 van minimaal 2 overleggen in 2025 gehouden; nog te houden in het najaar."
    )


def test_every_quarter_is_a_moment_of_its_own():
    held = [D(2025, 2, 3), D(2025, 5, 5), D(2025, 11, 3), D(2025, 12, 1)]  # nothing in the third quarter
    august = assess(QUARTERLY, year=2025, held=held, on=D(2025, 8, 15))
    assert not august.behind and august.open_windows == ("q3", "q4")
    assert cadence_sentence("Huisvesting statushouders", august) == (
        "Huisvesting statushouders: 2 van minimaal 4 overleggen in 2025 gehouden; "
        "nog te houden in het derde kwartaal en het vierde kwartaal."
    )
    october = assess(QUARTERLY, year=2025, held=held, on=D(2025, 10, 1))
    assert october.behind and october.missed_windows == ("q3",)
    # Two in the fourth quarter make four in the year, but the third quarter stays missed.
    december = assess(QUARTERLY, year=2025, held=held, on=D(2025, 12, 31))
    assert december.held == 4 and december.missed_windows == ("q3",) and december.behind
    assert cadence_problem(december) == "geen overleg in het derde kwartaal 2025"


def test_the_january_meeting_held_in_february_is_behind_all_year():
    year = assess(JANUARY, year=2025, held=[D(2025, 2, 10)], on=D(2025, 6, 1))
    assert year.behind and year.held == 1 and year.missed_windows == ("m1",)
    assert cadence_sentence("Locatieoverleg", year) == (
        "Locatieoverleg: geen overleg in januari 2025; 1 van minimaal 1 overleg in 2025 gehouden."
    )
    assert not assess(JANUARY, year=2025, held=[], on=D(2025, 1, 20)).behind  # January runs on


def test_only_meetings_held_on_or_before_the_date_count():
    later = [D(2025, 4, 1), D(2026, 1, 5)]
    assert assess(WIJK, year=2025, held=later, on=D(2025, 3, 31)).held == 0
    assert assess(WIJK, year=2025, held=later, on=D(2025, 4, 1)).held == 1
    assert assess(WIJK, year=2025, held=later, on=D(2026, 2, 1)).held == 1  # 2026 is another year


def test_the_term_limits_what_a_year_asks():
    outside = assess(KERNGROEP, year=2021, held=[], on=D(2021, 12, 31), active_from=D(2022, 1, 1))
    assert not outside.due and not outside.behind
    half = assess(KERNGROEP, year=2027, held=[D(2027, 2, 1), D(2027, 5, 1)], on=D(2027, 6, 30),
                  active_until=D(2027, 6, 30))  # fmt: skip
    assert half.required == 2 and not half.behind and half.year_over
    short = assess(KERNGROEP, year=2027, held=[D(2027, 2, 1)], on=D(2027, 6, 30), active_until=D(2027, 6, 30))
    assert cadence_problem(short) == "de looptijd eindigde op 30 juni 2027"


def test_on_demand_meetings_ask_nothing():
    year = assess(CadenceRule(), year=2025, held=[D(2025, 3, 1)], on=D(2025, 12, 31))
    assert not year.due and not year.behind


def test_words():
    assert join_words(["a"]) == "a" and join_words(["a", "b"]) == "a en b"
    assert join_words(["a", "b", "c"]) == "a, b en c"
    assert rule_words(6, ()) == "minimaal 6 maal per jaar"
    assert rule_words(2, ("spring", "autumn")) == "minimaal 2 maal per jaar: het voorjaar en het najaar"
