"""Plain, typed values produced by the document parser.

Nothing here knows about Django: the importer service maps these values onto models.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class PartyKind(StrEnum):
    MUNICIPALITY = "gemeente"
    CORPORATION = "corporatie"
    TENANT_ORGANISATION = "huurdersorganisatie"


class DueKind(StrEnum):
    MONTH_EVERY_YEAR = "month_every_year"  # "in januari": every year in that month
    MONTH = "month"  # "in maart 2023"
    QUARTER = "quarter"  # "Q1 2022"
    HALF_YEAR = "half_year"  # "eerste helft 2023", "medio 2022" (mid-year: start of second half)
    YEAR = "year"  # "in 2025"
    DATE = "date"  # "1 juli 2023"


@dataclass(frozen=True)
class DueMoment:
    kind: DueKind
    text: str  # the fragment this moment was read from
    year: int | None = None
    month: int | None = None
    quarter: int | None = None
    half: int | None = None
    date: dt.date | None = None
    is_start: bool = False  # "Start medio 2022": the moment something starts

    def first_day(self, year: int | None = None) -> dt.date | None:
        """The first day this moment covers (for a yearly month: in the given year)."""
        y = self.year if self.year is not None else year
        if self.kind is DueKind.DATE:
            return self.date
        if y is None:
            return None
        if self.kind in (DueKind.MONTH, DueKind.MONTH_EVERY_YEAR) and self.month:
            return dt.date(y, self.month, 1)
        if self.kind is DueKind.QUARTER and self.quarter:
            return dt.date(y, 3 * (self.quarter - 1) + 1, 1)
        if self.kind is DueKind.HALF_YEAR and self.half:
            return dt.date(y, 1 if self.half == 1 else 7, 1)
        return dt.date(y, 1, 1)


class KindBasis(StrEnum):
    """What a party's kind was read from, strongest first."""

    CORRECTED = "correctie"  # the coordinator corrected it in the review step
    NAME = "naam"  # the name says it: "Gemeente X", "Woonstichting X", "Huurdersraad X"
    INTRODUCTION = "inleiding"  # the collective word before it in the introduction
    GUESS = "gok"  # neither: read as a corporation or tenant organisation by a weaker sign


@dataclass(frozen=True)
class Party:
    name: str
    kind: PartyKind
    short_names: tuple[str, ...] = ()  # distinctive parts used in party columns ("Beter Wonen")
    kind_basis: KindBasis = KindBasis.GUESS
    doubt: str = ""  # Dutch, for the review step: why this reading is uncertain; "" when it is not
    kvk: str = ""  # Chamber of Commerce number, when the document gives one
    line: int = 0  # the title-page line the name was read from


@dataclass(frozen=True)
class PartyCorrection:
    """What the coordinator corrected about one party in the review step (None: as read)."""

    kind: PartyKind | None = None
    short_names: tuple[str, ...] | None = None
    landlord: str | None = None  # tenant organisation: full name of the corporation it represents
    organisation_id: int | None = None  # use this stored organisation for the party
    separate: bool = False  # a new organisation, even if a stored one has a similar name


@dataclass(frozen=True)
class Corrections:
    """The review step's corrections, by party name as read; kept with the import and reused
    when a new version of the same document is imported."""

    parties: Mapping[str, PartyCorrection] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        parties: dict[str, dict[str, Any]] = {}
        for name, correction in self.parties.items():
            entry: dict[str, Any] = {}
            if correction.kind is not None:
                entry["kind"] = correction.kind.value
            if correction.short_names is not None:
                entry["short_names"] = list(correction.short_names)
            if correction.landlord is not None:
                entry["landlord"] = correction.landlord
            if correction.organisation_id is not None:
                entry["organisation_id"] = correction.organisation_id
            if correction.separate:
                entry["separate"] = True
            if entry:
                parties[name] = entry
        return {"parties": parties}

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Corrections:
        parties: dict[str, PartyCorrection] = {}
        for name, entry in ((data or {}).get("parties") or {}).items():
            short = entry.get("short_names")
            parties[str(name)] = PartyCorrection(
                kind=PartyKind(entry["kind"]) if entry.get("kind") else None,
                short_names=tuple(str(item) for item in short) if short is not None else None,
                landlord=entry.get("landlord") or None,
                organisation_id=entry.get("organisation_id"),
                separate=bool(entry.get("separate")),
            )
        return cls(parties)

    def __bool__(self) -> bool:
        return bool(self.to_json()["parties"])


@dataclass(frozen=True)
class Signatory:
    organisation: str  # full party name
    person: str  # "J.P. van der Sluis"
    salutation: str  # "De heer", "Mevrouw" or ""
    role: str  # "Wethouder Wonen"
    line: int


@dataclass(frozen=True)
class Section:
    number: str  # "1.1"
    title: str
    line: int


@dataclass(frozen=True)
class Theme:
    number: int
    title: str
    ambition_heading: str  # "Ambitie 2022 - 2026"
    ambition: str  # plain text; paragraphs separated by a blank line, list items as "- " lines
    sections: tuple[Section, ...]
    line: int


@dataclass(frozen=True)
class Agreement:
    number: str  # "1.1.1", or "5.1" in a theme without sections
    theme: int
    section: str | None
    subject: str  # inherited from the row above when the cell is empty
    subject_inherited: bool
    text: str  # plain text, list items on their own lines ("- item" / "1. item"), *emphasis*
    parties_raw: str
    parties: tuple[str, ...]  # full organisation names, in the covenant's party order
    leads_raw: str  # the whole trekker / datum cell
    leads: tuple[str, ...]  # full organisation names
    due_raw: str | None  # the due part of the trekker / datum cell, or None
    due: tuple[DueMoment, ...]
    line: int  # first line of the row in the source
    continuation_lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class Footnote:
    marker: str  # "¹"
    text: str
    line: int


@dataclass(frozen=True)
class Appendix:
    """An appendix ("Bijlage N: ...") kept as raw lines for the housing-figures parsers."""

    number: str
    title: str
    lines: tuple[str, ...]
    line: int  # line of the heading


@dataclass(frozen=True)
class ParseWarning:
    line: int
    message: str


@dataclass(frozen=True)
class Document:
    title: str
    municipality: str  # "Kampen", from the gemeente's name
    parties: tuple[Party, ...]
    start: dt.date
    end: dt.date
    status_note: str  # "Definitief concept, 9 november 2021"
    introduction: str
    themes: tuple[Theme, ...]
    agreements: tuple[Agreement, ...]
    footnotes: tuple[Footnote, ...]
    signatories: tuple[Signatory, ...]
    signed_place: str | None  # "Kampen" from "Overeengekomen te Kampen op 2021"
    signed_text: str | None  # the raw "Overeengekomen te ..." line
    appendices: tuple[Appendix, ...]
    warnings: tuple[ParseWarning, ...] = field(default=())


class DocumentParseError(ValueError):
    """The document cannot be read. ``line`` is 1-based; the message is Dutch, for users."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"Regel {line}: {message}")
        self.line = line
        self.message = message
