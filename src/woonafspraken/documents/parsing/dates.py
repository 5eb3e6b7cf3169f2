"""Dutch dates: the covenant's term and the due moments of the "Trekker / datum" column."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from woonafspraken.core.formatting import MONTH_NAMES

from .model import DueKind, DueMoment

__all__ = ["MONTHS", "DueParse", "find_term", "find_year_term", "looks_like_due", "parse_due", "parse_date"]

_ABBREVIATIONS: dict[int, tuple[str, ...]] = {
    1: ("jan",), 2: ("feb",), 3: ("mrt",), 4: ("apr",), 5: (), 6: ("jun",),
    7: ("jul",), 8: ("aug",), 9: ("sept", "sep"), 10: ("okt",), 11: ("nov",), 12: ("dec",),
}  # fmt: skip
# Every way a document writes a month, to its number: "januari" and "jan" -> 1.
MONTHS: dict[str, int] = {
    word: number
    for number, name in enumerate(MONTH_NAMES, start=1)
    for word in (name, *_ABBREVIATIONS[number])
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"
_WORD_DATE = rf"\d{{1,2}}\s+(?:{_MONTH})\.?\s+{_YEAR}"
_NUMERIC_DATE = rf"\d{{1,2}}[-/.]\d{{1,2}}[-/.]{_YEAR}"
_DATE = rf"(?:{_WORD_DATE}|{_NUMERIC_DATE})"
_WORD_DATE_RE = re.compile(rf"(\d{{1,2}})\s+({_MONTH})\.?\s+({_YEAR})", re.IGNORECASE)
_NUMERIC_DATE_RE = re.compile(rf"(\d{{1,2}})[-/.](\d{{1,2}})[-/.]({_YEAR})")
_TERM_RE = re.compile(
    rf"({_DATE})\s*(tot\s+en\s+met|t/m|t\.m\.|tot|-|–|—)\s*({_DATE})",
    re.IGNORECASE,
)
_YEAR_TERM_RE = re.compile(
    rf"\b(?:periode|looptijd|jaren)\b\D{{0,20}}?({_YEAR})\s*(?:tot\s+en\s+met|t/m|-|–|—)\s*({_YEAR})\b",
    re.IGNORECASE,
)

_DUE_HINT_RE = re.compile(
    rf"\b(?:{_MONTH})\b|\bq[1-4]\b|\b{_YEAR}\b|\b(?:medio|start\w*|begin|eind|einde|jaarlijks|halfjaar\w*"
    r"|helft|kwartaal|voorjaar|najaar|uiterlijk|vanaf|doorlopend|continu|periodiek|maandelijks"
    r"|wekelijks|structureel)\b|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}",
    re.IGNORECASE,
)
_START_RE = re.compile(r"\b(?:start\w*|vanaf|aanvang|met ingang van|m\.i\.v\.)", re.IGNORECASE)
_LEADING_FILLER_RE = re.compile(
    r"^(?:in|per|vanaf|voor|vóór|uiterlijk|start|starten|startend|gestart|aanvang|met ingang van|m\.i\.v\."
    r"|rond|omstreeks|circa|ca\.?|het|de|op|na|tot|jaarlijks|elk jaar|ieder jaar|telkens|deadline"
    r"|gereed|klaar|afgerond)\s+",
)
_TRAILING_FILLER_RE = re.compile(r"\s+(?:gereed|klaar|afgerond|starten|start|e\.v\.)$")
_PIECE_SPLIT_RE = re.compile(r"\s*(?:,|;|\s&\s|\sen\s(?!met\b)|\sof\s)\s*", re.IGNORECASE)
_RECURRING_RE = re.compile(
    r"(?:jaarlijks|halfjaarlijks|maandelijks|wekelijks|per kwartaal|elk kwartaal|ieder kwartaal|doorlopend"
    r"|continu|periodiek|structureel|elk jaar|ieder jaar|n\.?v\.?t\.?|-)"
)
_ORDINALS = {"eerste": 1, "1e": 1, "1ste": 1, "tweede": 2, "2e": 2, "2de": 2, "derde": 3, "3e": 3, "3de": 3}
_ORDINALS.update({"vierde": 4, "4e": 4, "4de": 4})
_ORDINAL = "|".join(_ORDINALS)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """ "1 januari 2022" or "1-1-2022"; None when it is not a (valid) date."""
    text = text.strip()
    word = _WORD_DATE_RE.fullmatch(text)
    if word:
        return _date(int(word.group(3)), MONTHS[word.group(2).lower()], int(word.group(1)))
    numeric = _NUMERIC_DATE_RE.fullmatch(text)
    if numeric:
        return _date(int(numeric.group(3)), int(numeric.group(2)), int(numeric.group(1)))
    return None


def find_term(text: str) -> tuple[dt.date, dt.date] | None:
    """The first "1 januari 2022 tot en met 31 december 2026" in the text."""
    for match in _TERM_RE.finditer(text):
        start, end = parse_date(match.group(1)), parse_date(match.group(3))
        if start is None or end is None:
            continue
        if match.group(2).lower() == "tot":
            end -= dt.timedelta(days=1)  # plain "tot" excludes the end date
        if start <= end:
            return start, end
    return None


def find_year_term(text: str) -> tuple[dt.date, dt.date] | None:
    """ "de periode 2022-2026": whole calendar years."""
    for match in _YEAR_TERM_RE.finditer(text):
        first, last = int(match.group(1)), int(match.group(2))
        if first <= last:
            return dt.date(first, 1, 1), dt.date(last, 12, 31)
    return None


def looks_like_due(text: str) -> bool:
    """Does this part of the "Trekker / datum" column speak about time rather than parties?"""
    return bool(_DUE_HINT_RE.search(text))


@dataclass(frozen=True)
class DueParse:
    moments: tuple[DueMoment, ...]
    unreadable: tuple[str, ...]  # fragments that name no moment we understand


def _normalise(piece: str) -> str:
    text = re.sub(r"\s+", " ", piece.lower().replace("–", "-").replace("—", "-")).strip(" .,;:()")
    previous = None
    while previous != text:
        previous = text
        text = _LEADING_FILLER_RE.sub("", text)
        text = _TRAILING_FILLER_RE.sub("", text).strip(" .,;:()")
    return text


def _moment(
    kind: DueKind,
    piece: str,
    start: bool,
    *,
    year: int | None = None,
    month: int | None = None,
    quarter: int | None = None,
    half: int | None = None,
    date: dt.date | None = None,
) -> DueMoment:
    return DueMoment(kind, piece, year, month, quarter, half, date, is_start=start)


def _parse_piece(piece: str) -> list[DueMoment] | None:
    """The moments in one fragment; [] when it is understood but names no moment ("jaarlijks");
    None when it cannot be read."""
    start = bool(_START_RE.search(piece))
    text = _normalise(piece)
    if not text:
        return [] if start else None
    match = re.fullmatch(rf"({_YEAR})\s*(?:-|t/m|tot en met|tot)\s*({_YEAR})", text)
    if match:
        return [
            _moment(DueKind.YEAR, piece, True, year=int(match.group(1))),
            _moment(DueKind.YEAR, piece, False, year=int(match.group(2))),
        ]
    date = parse_date(text)
    if date is not None:
        return [_moment(DueKind.DATE, piece, start, year=date.year, month=date.month, date=date)]
    match = re.fullmatch(rf"(?:q|kwartaal\s*)([1-4])(?:\s*-?\s*({_YEAR}))?", text) or re.fullmatch(
        rf"({_ORDINAL})\s+kwartaal(?:\s+(?:van\s+)?({_YEAR}))?", text
    )
    if match:
        quarter = int(match.group(1)) if match.group(1).isdigit() else _ORDINALS[match.group(1)]
        year = int(match.group(2)) if match.group(2) else None
        return [_moment(DueKind.QUARTER, piece, start, year=year, quarter=quarter)]
    match = re.fullmatch(rf"({_YEAR})\s*-?\s*q([1-4])", text)
    if match:
        return [_moment(DueKind.QUARTER, piece, start, year=int(match.group(1)), quarter=int(match.group(2)))]
    match = re.fullmatch(rf"({_ORDINAL})\s+(?:helft|halfjaar|half jaar)(?:\s+(?:van\s+)?({_YEAR}))?", text)
    if match and _ORDINALS[match.group(1)] <= 2:
        year = int(match.group(2)) if match.group(2) else None
        return [_moment(DueKind.HALF_YEAR, piece, start, year=year, half=_ORDINALS[match.group(1)])]
    match = re.fullmatch(rf"(?:h([12])|(voorjaar|najaar)|medio)(?:\s*-?\s*({_YEAR}))?", text)
    if match and (match.group(3) or match.group(1) or match.group(2)):
        # "medio" is mid-year: the start of the second half.
        half = int(match.group(1)) if match.group(1) else (1 if match.group(2) == "voorjaar" else 2)
        year = int(match.group(3)) if match.group(3) else None
        return [_moment(DueKind.HALF_YEAR, piece, start, year=year, half=half)]
    match = re.fullmatch(rf"(begin|eind|einde)\s+({_YEAR})", text)
    if match:
        quarter = 1 if match.group(1) == "begin" else 4
        return [_moment(DueKind.QUARTER, piece, start, year=int(match.group(2)), quarter=quarter)]
    match = re.fullmatch(rf"(?:(?:begin|eind|einde|medio|half)\s+)?({_MONTH})\.?(?:\s+({_YEAR}))?", text)
    if match:
        month = MONTHS[match.group(1)]
        if match.group(2):
            return [_moment(DueKind.MONTH, piece, start, year=int(match.group(2)), month=month)]
        return [_moment(DueKind.MONTH_EVERY_YEAR, piece, start, month=month)]
    match = re.fullmatch(rf"(?:(?:het\s+)?jaar\s+)?({_YEAR})", text)
    if match:
        return [_moment(DueKind.YEAR, piece, start, year=int(match.group(1)))]
    if _RECURRING_RE.fullmatch(text):
        return []
    return None


def _fill_years(moments: list[DueMoment]) -> list[DueMoment]:
    """ "Q1 en Q3 2023": a moment without a year takes the year of the next moment of its kind."""
    result = list(moments)
    for index, moment in enumerate(result):
        if moment.year is not None or moment.kind is DueKind.MONTH_EVERY_YEAR:
            continue
        for later in result[index + 1 :]:
            if later.kind is moment.kind and later.year is not None:
                result[index] = dataclasses.replace(moment, year=later.year)
                break
    return result


def parse_due(text: str) -> DueParse:
    """ "In Q1 2022 en in 2025" -> a quarter and a year; unknown fragments are reported, not guessed."""
    moments: list[DueMoment] = []
    unreadable: list[str] = []
    for raw_piece in _PIECE_SPLIT_RE.split(text):
        piece = raw_piece.strip()
        if not piece:
            continue
        parsed = _parse_piece(piece)
        if parsed is None:
            unreadable.append(piece)
        else:
            moments.extend(parsed)
    return DueParse(tuple(_fill_years(moments)), tuple(unreadable))
