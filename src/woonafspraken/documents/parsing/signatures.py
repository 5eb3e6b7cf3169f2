"""Signature blocks: "<p>Namens X</p> ... <p>De heer J.P. van der Sluis Wethouder Wonen</p>"."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .markup import ListBlock, Paragraph, collapse, parse_blocks
from .model import ParseWarning, Signatory

__all__ = ["NAMENS_RE", "PersonName", "namens_names", "parse_person", "parse_signatures"]

# "Namens de gemeente Zwolle": a lowercase article is not part of the name ("De Goede Woning" is).
NAMENS_RE = re.compile(r"^\s*(?i:namens)\s+(?:(?:de|het)\s+(?=\S))?(.+?)\s*[:,]?\s*$")
_SALUTATIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:de\s+heer|dhr\.?)\s+", re.IGNORECASE), "De heer"),
    (re.compile(r"^(?:mevrouw|mevr\.?|mw\.?)\s+", re.IGNORECASE), "Mevrouw"),
)
_TITLES = frozenset(
    {"drs.", "drs", "ir.", "ir", "mr.", "mr", "dr.", "dr", "ing.", "ing", "prof.", "bc.", "ds."}
)
_INITIALS_RE = re.compile(r"^(?:[A-Z][a-z]?\.)+(?:-(?:[A-Z][a-z]?\.)+)*$")
_PARTICLES = frozenset(
    {
        "van",
        "der",
        "de",
        "den",
        "ter",
        "ten",
        "te",
        "het",
        "'t",
        "’t",
        "in",
        "op",
        "la",
        "le",
        "du",
        "d'",
        "von",
        "zu",
    }
)


@dataclass(frozen=True)
class PersonName:
    salutation: str
    person: str
    role: str


def parse_person(text: str) -> PersonName:
    """ "De heer J.P. van der Sluis Wethouder Wonen" -> "De heer", "J.P. van der Sluis", "Wethouder Wonen".

    The person is the initials (or one first name), lowercase particles and one surname word;
    what follows is the role.
    """
    text = collapse(text)
    salutation = ""
    for pattern, value in _SALUTATIONS:
        match = pattern.match(text)
        if match:
            salutation, text = value, text[match.end() :]
            break
    words = text.split()
    index = 0
    while index < len(words) and words[index].lower() in _TITLES:
        index += 1
    has_initials = False
    while index < len(words) and _INITIALS_RE.match(words[index]):
        index += 1
        has_initials = True
    if not has_initials and index < len(words) and index + 1 < len(words):
        index += 1  # a first name instead of initials
    # Particles are lowercase ("van der", "'t"); a capitalised "Van" would start the role or surname.
    while index < len(words) and words[index].lower() in _PARTICLES and not words[index][0].isupper():
        index += 1
    if index < len(words):
        index += 1  # the surname
    return PersonName(salutation, " ".join(words[:index]), " ".join(words[index:]))


def _texts(cell: str) -> list[str]:
    texts: list[str] = []
    for block in parse_blocks(cell):
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, ListBlock):
            texts.extend(text for _, text in block.items)
    return texts


def namens_names(lines: Sequence[str]) -> list[str]:
    """The organisations named in "Namens X", in order: the preferred spelling of party names."""
    names: list[str] = []
    for line in lines:
        for cell in line.split("\t"):
            for text in _texts(cell):
                match = NAMENS_RE.match(text)
                if match:
                    names.append(match.group(1))
    return names


@dataclass
class _Open:
    organisation: str
    line: int


def parse_signatures(
    lines: Sequence[tuple[int, str]], organisation: Callable[[str], str | None]
) -> tuple[list[Signatory], list[ParseWarning]]:
    """Blocks may sit side by side (tab-separated) and the person may follow on a later line in
    the same column, so open blocks are tracked per column."""
    signatories: list[Signatory] = []
    warnings: list[ParseWarning] = []
    open_blocks: dict[int, _Open] = {}

    def close(block: _Open, person: PersonName | None) -> None:
        full_name = organisation(block.organisation)
        if full_name is None:
            warnings.append(
                ParseWarning(
                    block.line, f"Ondertekening namens '{block.organisation}': geen partij van dit convenant."
                )
            )
            full_name = block.organisation
        if person is None:
            warnings.append(
                ParseWarning(
                    block.line, f"Ondertekening namens '{full_name}' zonder naam van de ondertekenaar."
                )
            )
            person = PersonName("", "", "")
        signatories.append(Signatory(full_name, person.person, person.salutation, person.role, block.line))

    for line_number, line in lines:
        for column, cell in enumerate(line.split("\t")):
            for text in _texts(cell):
                match = NAMENS_RE.match(text)
                if match:
                    if column in open_blocks:
                        close(open_blocks.pop(column), None)
                    open_blocks[column] = _Open(match.group(1), line_number)
                elif column in open_blocks:
                    close(open_blocks.pop(column), parse_person(text))
    for block in open_blocks.values():
        close(block, None)
    signatories.sort(key=lambda signatory: signatory.line)
    return signatories, warnings
