from __future__ import annotations

import datetime as dt

from woonafspraken.meetings.coupling import PlannedWork, find_couplings

D = dt.date


def work(
    id: int, party: int, wijk: str, streets: tuple[str, ...], start: dt.date, end: dt.date
) -> PlannedWork:
    return PlannedWork(id, party, f"Partij {party}", f"Werk {id}", wijk, streets, start, end)


def test_works_of_different_parties_in_the_same_street_and_time_meet():
    renovation = work(1, 1, "Brunnepe", ("Christinastraat", "Vloeddijk"), D(2025, 3, 1), D(2025, 9, 30))
    sewer = work(2, 2, "brunnepe ", ("christinastraat",), D(2025, 6, 1), D(2025, 7, 31))
    [coupling] = find_couplings([renovation, sewer], max_gap_days=183)
    assert coupling.shared_streets == ("Christinastraat",)
    assert coupling.same_wijk and coupling.gap_days == 0
    assert (coupling.overlap_start, coupling.overlap_end) == (D(2025, 6, 1), D(2025, 7, 31))


def test_works_of_the_same_party_do_not_meet():
    assert (
        find_couplings(
            [
                work(1, 1, "Flevowijk", (), D(2025, 1, 1), D(2025, 6, 1)),
                work(2, 1, "Flevowijk", (), D(2025, 2, 1), D(2025, 3, 1)),
            ],
            max_gap_days=183,
        )
        == []
    )


def test_a_gap_in_time_counts_up_to_the_limit():
    first = work(1, 1, "Binnenstad", (), D(2025, 1, 1), D(2025, 3, 31))
    close = work(2, 2, "Binnenstad", (), D(2025, 6, 1), D(2025, 8, 1))
    far = work(3, 2, "Binnenstad", (), D(2026, 1, 1), D(2026, 2, 1))
    couplings = find_couplings([first, close, far], max_gap_days=100)
    assert [(c.first.id, c.second.id, c.gap_days) for c in couplings] == [(1, 2, 62)]
    assert couplings[0].overlap_start is None


def test_other_places_do_not_meet_and_same_street_ranks_first():
    a = work(1, 1, "Brunnepe", ("Noordweg",), D(2025, 1, 1), D(2025, 12, 31))
    b = work(2, 2, "Brunnepe", (), D(2025, 5, 1), D(2025, 6, 1))
    c = work(3, 3, "Hanzewijk", ("Noordweg",), D(2025, 8, 1), D(2025, 9, 1))  # street crosses two wijken
    d = work(4, 2, "Zuid", ("Zuidweg",), D(2025, 5, 1), D(2025, 6, 1))
    couplings = find_couplings([a, b, c, d], max_gap_days=0)
    assert [(x.first.id, x.second.id, x.strength) for x in couplings] == [(1, 3, 2), (1, 2, 1)]
