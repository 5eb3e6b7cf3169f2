"""The draft successor against the current covenant, agreement by agreement (pure: plain values in and out).

Old and new agreements are paired through the lineage (``Agreement.predecessors``): a new agreement with
one predecessor is unchanged, changed or renumbered; with several it is a merge; a predecessor with
several successors was split; a new agreement without predecessor is new; an old agreement without
successor is dropped ("vervalt") and shown under its old theme. Every change is a word-level redline
(``renewal.redline``). ``renewal.selectors.compare`` loads the values; the page and the Word download
show them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from woonafspraken.renewal.redline import Change, Segment, is_unchanged, redline

__all__ = [
    "BodLine",
    "Comparison",
    "FieldRedline",
    "Item",
    "Kind",
    "Part",
    "Row",
    "ThemeRows",
    "compare",
    "spaced",
]


class Kind(StrEnum):
    """How an agreement came from the current covenant into the draft (a row can be several: a
    renumbered agreement may also be changed)."""

    NEW = "new"
    MERGED = "merged"
    SPLIT = "split"
    RENUMBERED = "renumbered"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    DROPPED = "dropped"


class Part(StrEnum):
    """The parts of an agreement besides its text that a redline shows when they changed."""

    SUBJECT = "subject"
    PARTIES = "parties"
    LEADS = "leads"
    DUE = "due"


@dataclass(frozen=True)
class Item:
    """One agreement as compared: its number, wording and place."""

    id: int
    number: str
    subject: str
    text: str
    parties: str = ""
    leads: str = ""
    due: str = ""
    theme: int = 0  # the theme's number
    order: int = 0

    def part(self, part: Part) -> str:
        return {
            Part.SUBJECT: self.subject,
            Part.PARTIES: self.parties,
            Part.LEADS: self.leads,
            Part.DUE: self.due,
        }[part]


@dataclass(frozen=True)
class BodLine:
    """A bod item: the agreement of the current covenant it answers (None: a new topic), its theme's
    number, and how it reads ("Bod deltaWonen 2026: 40 sociale huurwoningen")."""

    answers: int | None
    theme: int
    text: str


@dataclass(frozen=True)
class FieldRedline:
    part: Part
    old: str
    new: str
    segments: tuple[Segment, ...]

    @property
    def changed(self) -> bool:
        return not is_unchanged(self.segments)


@dataclass(frozen=True)
class Row:
    """One new agreement with the old ones it came from, or a dropped old one (``new`` None)."""

    old: tuple[Item, ...]
    new: Item | None
    kinds: tuple[Kind, ...]
    text: tuple[Segment, ...]  # the redline of the text (the predecessors' texts joined for a merge)
    parts: tuple[FieldRedline, ...]  # subject, parties, lead and due moment, changed or not
    bod: tuple[BodLine, ...] = ()
    split_into: tuple[str, ...] = ()  # for a split: the numbers of all parts in the draft

    @property
    def is_change(self) -> bool:
        """Anything but an agreement taken over as it was, under its own number."""
        return self.kinds != (Kind.UNCHANGED,)

    @property
    def number(self) -> str:
        return self.new.number if self.new is not None else self.old[0].number

    @property
    def subject(self) -> str:
        return self.new.subject if self.new is not None else self.old[0].subject

    @property
    def old_numbers(self) -> tuple[str, ...]:
        return tuple(item.number for item in self.old)

    @property
    def changed_parts(self) -> tuple[FieldRedline, ...]:
        return tuple(part for part in self.parts if part.changed)

    @property
    def anchor(self) -> str:
        """An id for the row on the page: the new number, or the old one with "vervalt-" for a drop."""
        return f"afspraak-{self.new.number}" if self.new is not None else f"vervalt-{self.old[0].number}"


@dataclass(frozen=True)
class ThemeRows:
    number: int
    title: str
    rows: tuple[Row, ...]
    new_topics: tuple[BodLine, ...] = ()  # bod items on a topic no current agreement covers

    @property
    def changes(self) -> int:
        return sum(row.is_change for row in self.rows)


@dataclass(frozen=True)
class Comparison:
    """The draft (``new_*``) against the covenant it follows up (``old_*``), theme by theme."""

    old_id: int
    old_title: str
    new_id: int
    new_title: str
    new_stage: str
    municipality: str
    themes: tuple[ThemeRows, ...]
    is_demo: bool = False
    filtered: bool = field(default=False, compare=False)

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(row for theme in self.themes for row in theme.rows)

    def counts(self) -> dict[Kind, int]:
        """How many rows of each kind (a renumbered and changed row counts under both)."""
        counted = dict.fromkeys(Kind, 0)
        for row in self.rows:
            for kind in row.kinds:
                counted[kind] += 1
        return counted

    def only(self, *, theme: int | None = None, changes: bool = False) -> Comparison:
        """The comparison for one theme and/or with only the rows that changed."""
        themes = []
        for rows in self.themes:
            if theme is not None and rows.number != theme:
                continue
            kept = tuple(row for row in rows.rows if row.is_change) if changes else rows.rows
            if kept or rows.new_topics or theme is not None:
                themes.append(replace(rows, rows=kept))
        return replace(self, themes=tuple(themes), filtered=theme is not None or changes)


def spaced(segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """The segments for reading: a replaced word ("2,4" removed, "2" added) gets a space between the two, so
    the struck and the underlined text do not run together ("2,4 2 jaar", not "2,42 jaar")."""
    result: list[Segment] = []
    for segment in segments:
        previous = result[-1] if result else None
        if (
            previous is not None
            and previous.change is Change.REMOVED
            and segment.change is Change.ADDED
            and not previous.text[-1:].isspace()
            and not segment.text[:1].isspace()
        ):
            result.append(Segment(Change.SAME, " "))
        result.append(segment)
    return tuple(result)


def _kinds(row_old: Sequence[Item], new: Item, split: bool, changed: bool) -> tuple[Kind, ...]:
    if not row_old:
        return (Kind.NEW,)
    kinds: list[Kind] = []
    if len(row_old) > 1:
        kinds.append(Kind.MERGED)
    elif split:
        kinds.append(Kind.SPLIT)
    elif row_old[0].number != new.number:
        kinds.append(Kind.RENUMBERED)
    if changed:
        kinds.append(Kind.CHANGED)
    return tuple(kinds) or (Kind.UNCHANGED,)


def _joined(items: Sequence[Item], part: Part) -> str:
    values = [item.part(part) for item in items]
    unique = list(dict.fromkeys(value for value in values if value))
    return "; ".join(unique)


def _row(old: Sequence[Item], new: Item | None, split_into: tuple[str, ...], bod: tuple[BodLine, ...]) -> Row:
    old_text = "\n".join(item.text for item in old)
    new_text = new.text if new is not None else ""
    text = redline(old_text, new_text)
    parts = []
    for part in Part:
        before, after = _joined(old, part), new.part(part) if new is not None else ""
        parts.append(FieldRedline(part, before, after, redline(before, after)))
    if new is None:
        kinds: tuple[Kind, ...] = (Kind.DROPPED,)
    else:
        changed = not is_unchanged(text) or any(part.changed for part in parts)
        kinds = _kinds(old, new, bool(split_into), changed)
    return Row(
        old=tuple(old), new=new, kinds=kinds, text=text, parts=tuple(parts), bod=bod, split_into=split_into
    )


def compare(
    *,
    old: Iterable[Item],
    new: Iterable[Item],
    links: Iterable[tuple[int, int]],
    themes: Mapping[int, str],
    old_themes: Mapping[int, str],
    bod: Iterable[BodLine] = (),
) -> tuple[ThemeRows, ...]:
    """The rows per theme of the draft.

    ``links`` are (new agreement id, old agreement id) pairs of the lineage; ``themes`` the draft's
    themes (number → title) and ``old_themes`` the current covenant's, for a dropped agreement whose
    theme the draft no longer has.
    """
    old_by_id = {item.id: item for item in old}
    new_items = sorted(new, key=lambda item: (item.theme, item.order, item.number))
    predecessors: dict[int, list[Item]] = defaultdict(list)
    successors: dict[int, list[Item]] = defaultdict(list)
    new_by_id = {item.id: item for item in new_items}
    for new_id, old_id in sorted(set(links)):
        if new_id in new_by_id and old_id in old_by_id:
            predecessors[new_id].append(old_by_id[old_id])
            successors[old_id].append(new_by_id[new_id])
    answered: dict[int, list[BodLine]] = defaultdict(list)
    new_topics: dict[int, list[BodLine]] = defaultdict(list)
    for line in bod:
        if line.answers is None:
            new_topics[line.theme].append(line)
        else:
            answered[line.answers].append(line)

    rows: dict[int, list[Row]] = defaultdict(list)
    for item in new_items:
        row_old = sorted(predecessors[item.id], key=lambda old_item: (old_item.order, old_item.number))
        parts = successors[row_old[0].id] if len(row_old) == 1 else []
        split_into = tuple(part.number for part in parts) if len(parts) > 1 else ()
        lines = tuple(line for old_item in row_old for line in answered[old_item.id])
        rows[item.theme].append(_row(row_old, item, split_into, lines))
    dropped = sorted(
        (item for item in old_by_id.values() if item.id not in successors),
        key=lambda item: (item.theme, item.order, item.number),
    )
    for item in dropped:
        theme_rows = rows[item.theme]
        # After the last row that came from an agreement standing before it in the current covenant.
        position = 0
        for index, row in enumerate(theme_rows):
            if any((o.theme, o.order) < (item.theme, item.order) for o in row.old):
                position = index + 1
        theme_rows.insert(position, _row([item], None, (), tuple(answered[item.id])))
    numbers = sorted(set(themes) | {n for n in rows if rows[n]} | set(new_topics))
    return tuple(
        ThemeRows(
            number=number,
            title=themes.get(number) or old_themes.get(number, ""),
            rows=tuple(rows[number]),
            new_topics=tuple(new_topics[number]),
        )
        for number in numbers
    )
