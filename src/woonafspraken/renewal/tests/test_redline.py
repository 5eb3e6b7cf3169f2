from hypothesis import given
from hypothesis import strategies as st

from woonafspraken.renewal.redline import Change, Segment, is_unchanged, redline


def _side(segments, keep: Change) -> str:
    return "".join(s.text for s in segments if s.change in (Change.SAME, keep))


def test_a_changed_word_is_removed_then_added():
    segments = redline("De wachttijd is 2,4 jaar.", "De wachttijd is 2,0 jaar.")
    assert segments == (
        Segment(Change.SAME, "De wachttijd is "),
        Segment(Change.REMOVED, "2,4"),
        Segment(Change.ADDED, "2,0"),
        Segment(Change.SAME, " jaar."),
    )


def test_an_added_sentence_and_an_unchanged_text():
    segments = redline("Afspraak 1.3.1 blijft.", "Afspraak 1.3.1 blijft. Jaarlijks bijsturen.")
    assert segments[-1] == Segment(Change.ADDED, " Jaarlijks bijsturen.")
    assert is_unchanged(redline("Gelijk.", "Gelijk."))
    assert redline("", "") == ()


@given(st.text(max_size=80), st.text(max_size=80))
def test_both_texts_come_back_from_the_segments(old: str, new: str):
    segments = redline(old, new)
    assert _side(segments, Change.REMOVED) == old
    assert _side(segments, Change.ADDED) == new
