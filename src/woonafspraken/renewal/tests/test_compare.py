"""The comparison on hand-made agreements (pure): rows through the lineage, labels, bod items, filters.
On the Kampen draft, the page and the Word file: test_compare_page.py."""

from __future__ import annotations

from django.utils import translation

from woonafspraken.renewal.comparison import BodLine, Comparison, Item, Kind, Part, compare
from woonafspraken.renewal.redline import Change
from woonafspraken.renewal.selectors.compare import row_label


def _item(id: int, number: str, text: str, theme: int = 1, order: int = 0, **parts: str) -> Item:  # noqa: A002
    return Item(id=id, number=number, subject="Onderwerp", text=text, theme=theme, order=order, **parts)


# -- the pure comparison on hand-made cases -------------------------------------------------------------


def test_each_kind_of_lineage_on_hand_made_agreements():
    old = [
        _item(1, "1.1", "De gemeente bouwt 100 woningen.", order=1),
        _item(2, "1.2", "Corporaties overleggen.", order=2),
        _item(3, "1.3", "Gemeente overlegt.", order=3),
        _item(4, "1.4", "Huurders adviseren en corporaties rapporteren.", order=4),
        _item(5, "1.5", "Wordt niet meer gedaan.", order=5),
        _item(6, "2.1", "Ongewijzigd.", theme=2, order=6, parties="Alle partijen"),
    ]
    new = [
        _item(11, "1.1", "De gemeente bouwt 150 woningen.", order=1),
        _item(12, "1.2", "Corporaties overleggen.\nGemeente overlegt.", order=2),
        _item(14, "1.3", "Huurders adviseren.", order=3),
        _item(15, "1.4", "Corporaties rapporteren.", order=4),
        _item(16, "1.6", "Iets nieuws.", order=6),
        _item(17, "2.9", "Ongewijzigd.", theme=2, order=7, parties="Gemeente en corporaties"),
    ]
    links = [(11, 1), (12, 2), (12, 3), (14, 4), (15, 4), (17, 6)]
    bod = [
        BodLine(answers=1, theme=1, text="Bod deltaWonen 2026: 40 sociale huurwoningen"),
        BodLine(answers=None, theme=2, text="Bod deltaWonen 2026: tuinonderhoud"),
    ]
    themes = compare(
        old=old, new=new, links=links, themes={1: "Wonen"}, old_themes={1: "Wonen", 2: "Zorg"}, bod=bod
    )
    assert [(t.number, t.title) for t in themes] == [(1, "Wonen"), (2, "Zorg")]
    rows = {row.anchor: row for theme in themes for row in theme.rows}
    assert [row.anchor for row in themes[0].rows] == [
        "afspraak-1.1",
        "afspraak-1.2",
        "afspraak-1.3",
        "afspraak-1.4",
        "vervalt-1.5",  # under its old theme, after the row its predecessor followed
        "afspraak-1.6",
    ]
    changed = rows["afspraak-1.1"]
    assert changed.kinds == (Kind.CHANGED,)
    assert [(s.change, s.text) for s in changed.text if s.change is not Change.SAME] == [
        (Change.REMOVED, "100"),
        (Change.ADDED, "150"),
    ]
    assert [line.text for line in changed.bod] == ["Bod deltaWonen 2026: 40 sociale huurwoningen"]
    merged = rows["afspraak-1.2"]
    assert merged.kinds == (Kind.MERGED,) and merged.old_numbers == ("1.2", "1.3") and merged.is_change
    assert not any(s.change is Change.ADDED or s.change is Change.REMOVED for s in merged.text)
    first, second = rows["afspraak-1.3"], rows["afspraak-1.4"]
    assert first.kinds == (Kind.SPLIT, Kind.CHANGED) and first.split_into == ("1.3", "1.4")
    assert second.kinds == (Kind.SPLIT, Kind.CHANGED) and second.old_numbers == ("1.4",)
    assert rows["vervalt-1.5"].kinds == (Kind.DROPPED,) and rows["vervalt-1.5"].new is None
    assert rows["afspraak-1.6"].kinds == (Kind.NEW,)
    moved = rows["afspraak-2.9"]
    assert moved.kinds == (Kind.RENUMBERED, Kind.CHANGED)
    assert [p.part for p in moved.changed_parts] == [Part.PARTIES]
    assert [line.text for line in themes[1].new_topics] == ["Bod deltaWonen 2026: tuinonderhoud"]
    with translation.override("en"):
        assert row_label(moved) == "was 2.1 · changed"
        assert row_label(merged) == "merged from 1.2 and 1.3"
        assert row_label(first) == "split from 1.4 into 1.3 and 1.4 · changed"
        assert row_label(rows["vervalt-1.5"]) == "dropped"


def test_filters_keep_one_theme_or_only_the_changes():
    old = [_item(1, "1.1", "Zelfde."), _item(2, "2.1", "Oud.", theme=2)]
    new = [_item(11, "1.1", "Zelfde."), _item(12, "2.1", "Nieuw.", theme=2)]
    themes = compare(old=old, new=new, links=[(11, 1), (12, 2)], themes={1: "A", 2: "B"}, old_themes={})
    comparison = Comparison(1, "Oud", 2, "Nieuw", "draft", "Kampen", themes)
    assert [row.number for row in comparison.only(changes=True).rows] == ["2.1"]
    assert [row.number for row in comparison.only(theme=1).rows] == ["1.1"]
    assert comparison.only(theme=1, changes=True).themes[0].rows == ()  # the theme stays, saying so
    assert comparison.counts()[Kind.UNCHANGED] == 1 and comparison.counts()[Kind.CHANGED] == 1
