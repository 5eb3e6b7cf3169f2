"""What both housing appendices share: reading a table's cells and counts, the errors and the check results.

Pure: no Django, no database.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from woonafspraken.core.formatting import format_number
from woonafspraken.housing.domain import MAX_HOMES


class AppendixFormatError(ValueError):
    """The appendix has the shape of a housing table but a cell or line cannot be read."""

    def __init__(self, place: str, message: str) -> None:
        self.place = place
        self.message = message
        super().__init__(f"{place}: {message}")


@dataclass(frozen=True)
class Mismatch:
    place: str  # "Bijlage 1, deltaWonen, Lage aftoppingsgrens, kolom Totaal"
    printed: int
    computed: int

    def __str__(self) -> str:
        return (
            f"{self.place}: in het document staat {format_number(self.printed)}, "
            f"opgeteld is het {format_number(self.computed)}."
        )


@dataclass(frozen=True)
class CheckResult:
    checked: int  # how many printed figures were compared
    mismatches: tuple[Mismatch, ...]


# -- cells -------------------------------------------------------------------------------------------
_TAG = re.compile(r"<[^>]+>")
_COUNT = re.compile(r"^[-−–]?\s*\d{1,3}(?:\.\d{3})+$|^[-−–]?\s*\d+$")


def table_cells(line: str) -> list[str]:
    return [" ".join(html.unescape(_TAG.sub(" ", cell)).split()) for cell in line.split("\t")]


def is_blank(cells: Sequence[str]) -> bool:
    return not any(cells)


def parse_count(text: str) -> int | None:
    """'1.036' -> 1036, '-24' -> -24, '' -> None; ValueError for anything that is not a whole number
    of homes (also for more than MAX_HOMES, which no table can mean)."""
    text = text.strip().replace("\u00a0", "")
    if not text:
        return None
    if not _COUNT.match(text):
        raise ValueError(text)
    sign = -1 if text[0] in "-−–" else 1
    value = int(re.sub(r"\D", "", text))
    if value > MAX_HOMES:
        raise ValueError(text)
    return sign * value


def normalise(text: str) -> str:
    return " ".join(text.lower().split())


def cell_count(cells: Sequence[str], column: int | None, place: str) -> int | None:
    if column is None or column >= len(cells):
        return None
    try:
        return parse_count(cells[column])
    except ValueError as error:
        raise AppendixFormatError(place, f"'{cells[column]}' is geen aantal woningen.") from error
