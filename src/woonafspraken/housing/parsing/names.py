"""Which organisation a heading or cell of an appendix names (pure)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from woonafspraken.housing.parsing.common import normalise


def match_name(text: str, candidates: Sequence[tuple[int, str, Sequence[str]]]) -> int | None:
    """The id of the organisation a heading or cell names: by full name, else by a distinctive short name.

    ``candidates`` are (id, full name, short names). 'Woningbouwprogrammering Gemeente Kampen, Beter Wonen
    IJsselmuiden' names Beter Wonen IJsselmuiden; the longest name found wins.
    """
    wanted = normalise(text)
    if not wanted:
        return None
    for key, name, _short in candidates:
        if normalise(name) == wanted:
            return key
    best: tuple[int, int] | None = None  # (length of the name found, id)
    for key, name, short_names in candidates:
        for candidate in (name, *short_names):
            normal = normalise(candidate)
            found = bool(normal) and re.search(rf"(?<!\w){re.escape(normal)}(?!\w)", wanted) is not None
            if found and (best is None or len(normal) > best[0]):
                best = (len(normal), key)
    return best[1] if best else None
