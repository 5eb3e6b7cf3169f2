"""A word-level redline between two texts (pure): what stayed, what was removed, what was added.

Used wherever a change to an agreement's text is shown: a proposal against the current text, the
draft against the current covenant (page and Word download). Joining the kept and removed segments
gives the old text back, joining the kept and added ones the new text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Change", "Segment", "redline", "is_unchanged"]

# Words (with digits, "1.3.1", "15%", "t/m"), runs of white space, and single punctuation marks.
_TOKEN_RE = re.compile(r"\s+|[\w.,/%€-]+(?<![.,])|[^\w\s]", re.UNICODE)


class Change(StrEnum):
    SAME = "same"
    REMOVED = "removed"
    ADDED = "added"


@dataclass(frozen=True)
class Segment:
    change: Change
    text: str


def _tokens(text: str) -> list[str]:
    tokens = _TOKEN_RE.findall(text)
    assert "".join(tokens) == text, "the tokens cover the whole text"
    return tokens


def _append(segments: list[Segment], change: Change, text: str) -> None:
    if not text:
        return
    if segments and segments[-1].change is change:
        segments[-1] = Segment(change, segments[-1].text + text)
    else:
        segments.append(Segment(change, text))


def redline(old: str, new: str) -> tuple[Segment, ...]:
    """The segments that turn ``old`` into ``new``, word by word; a replaced run is shown as removed,
    then added."""
    before, after = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    segments: list[Segment] = []
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            _append(segments, Change.SAME, "".join(before[i1:i2]))
            continue
        _append(segments, Change.REMOVED, "".join(before[i1:i2]))
        _append(segments, Change.ADDED, "".join(after[j1:j2]))
    return tuple(segments)


def is_unchanged(segments: tuple[Segment, ...]) -> bool:
    return all(segment.change is Change.SAME for segment in segments)
