"""HTML fragments of table cells to plain text, and joining continuation rows."""

from __future__ import annotations

import pytest

from woonafspraken.documents.parsing.markup import (
    append_continuation,
    blocks_from_lines,
    clean_heading,
    parse_blocks,
    plain_text,
    render,
)


def text(fragment: str) -> str:
    return render(parse_blocks(fragment))


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("Gewone tekst.", "Gewone tekst."),
        ("  veel   spaties \u00a0 hier  ", "veel spaties hier"),
        ("<p>Eerste.</p> <p>Tweede.</p>", "Eerste.\n\nTweede."),
        ('<p style="text-align: center;"></p><p>Alleen dit.</p>', "Alleen dit."),
        ("Zie <i>hier</i> en <em>daar</em>.", "Zie *hier* en *daar*."),
        ("Dit is <b>vet</b> en <strong> ook </strong>.", "Dit is **vet** en **ook** ."),
        ("A &amp; B &lt; C&nbsp;D &#233;", "A & B < C D é"),
        ("CO<sub>2</sub> per m<sup>2</sup>", "CO₂ per m²"),
        ("Een <span class='x'>woord</span>.", "Een woord."),
        ("Afgebroken <ul style", "Afgebroken"),
    ],
)
def test_inline_markup(fragment: str, expected: str) -> None:
    assert text(fragment) == expected


def test_bullets_in_a_ul_become_items_and_the_text_before_ends_its_line() -> None:
    fragment = 'Gerealiseerd: <ul style="list-style-type: none"> • Noord: 10 • Zuid: 20</ul> Daarna meer.'
    assert text(fragment) == "Gerealiseerd:\n- Noord: 10\n- Zuid: 20\n\nDaarna meer."


def test_an_unclosed_list_runs_to_the_end_of_the_cell() -> None:
    fragment = "Op: <ul> • a • b. Ook dit hoort bij b. "
    assert text(fragment) == "Op:\n- a\n- b. Ook dit hoort bij b."


def test_a_paragraph_after_an_unclosed_list_ends_it() -> None:
    fragment = "Op: <ul> • a • b <p>Nieuwe alinea.</p>"
    assert text(fragment) == "Op:\n- a\n- b\n\nNieuwe alinea."


def test_inline_numbers_in_an_ol_become_numbered_items() -> None:
    fragment = "<p>Door:</p> <ol> 1. eerst 2,4 jaar wachten; 2. dan 3 woningen; 3. klaar.</ol>"
    assert text(fragment) == "Door:\n1. eerst 2,4 jaar wachten;\n2. dan 3 woningen;\n3. klaar."


def test_li_items_and_nested_lists_are_flattened() -> None:
    assert text("<ol><li>een</li><li><p>twee</p></li></ol>") == "1. een\n2. twee"
    assert text("<ul><li>a<ul><li>a1</li></ul></li><li>b</li></ul>") == "- a\n- a1\n- b"


def test_bullets_in_running_text_make_a_list() -> None:
    assert text("Thema's: • wonen • zorg") == "Thema's:\n- wonen\n- zorg"


def test_no_trailing_spaces() -> None:
    result = text("<p>Een </p><ul><li> twee </li></ul> <p> drie </p>")
    assert result == "Een\n- twee\n\ndrie"


def test_plain_text_and_headings() -> None:
    assert plain_text("<p>Eén</p><p>regel</p>") == "Eén regel"
    assert clean_heading("1 - Voldoende sociale huurwoningen**") == "1 - Voldoende sociale huurwoningen"
    assert clean_heading("**Ambitie**") == "Ambitie"


def test_free_text_lines() -> None:
    lines = ["Eerste regel", "loopt door.", " ", "Lijst:", "- een;", "- twee.", "", "Slot."]
    assert render(blocks_from_lines(lines)) == "Eerste regel loopt door.\n\nLijst:\n- een;\n- twee.\n\nSlot."


def test_free_text_strips_unbalanced_stars_but_keeps_emphasis() -> None:
    lines = ["Zie *dit stuk*.", "", "- 1 - Wonen**"]
    assert render(blocks_from_lines(lines)) == "Zie *dit stuk*.\n- 1 - Wonen"


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        # Mid-sentence, lowercase continuation: one space.
        ("in totaal", "gemiddeld 80 woningen.", "in totaal gemiddeld 80 woningen."),
        ("van de verschillende", "<p>groepen, en meer.</p>", "van de verschillende groepen, en meer."),
        # Mid-sentence after a lowercase word, capitalised name: still one sentence.
        ("te realiseren door", "Beter Wonen.", "te realiseren door Beter Wonen."),
        # Finished sentence: a new paragraph.
        ("Klaar.", "Over de rest later.", "Klaar.\n\nOver de rest later."),
        ("Dit volgt:", "<p>Een alinea.</p>", "Dit volgt:\n\nEen alinea."),
        # A list continues on its own line.
        ("Op: <ul> • a • b ", "<ul> • c</ul>", "Op:\n- a\n- b\n- c"),
        ("Op: <ul> • a • b ", "<ul> c <p>Slot.</p>", "Op:\n- a\n- b\n- c\n\nSlot."),
        ("Tekst zonder punt", "<ul> • a</ul>", "Tekst zonder punt\n- a"),
        # A list item broken mid-sentence goes on with a lowercase word.
        ("Op: <ul> • een lang", "item hier.", "Op:\n- een lang item hier."),
        ("Op: <ul> • kort", "Nieuwe zin.", "Op:\n- kort\n\nNieuwe zin."),
        # Numbered lists continue their numbering.
        ("<ol><li>een</li><li>twee</li></ol>", "<ol><li>drie</li></ol>", "1. een\n2. twee\n3. drie"),
    ],
)
def test_append_continuation(before: str, after: str, expected: str) -> None:
    blocks = parse_blocks(before)
    append_continuation(blocks, parse_blocks(after))
    assert render(blocks) == expected


def test_append_empty_continuation_changes_nothing() -> None:
    blocks = parse_blocks("Tekst")
    append_continuation(blocks, [])
    assert render(blocks) == "Tekst"
