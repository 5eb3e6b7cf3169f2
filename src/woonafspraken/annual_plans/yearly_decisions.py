"""Decisions an agreement asks the parties to take every year, read from its text (pure, no Django).

Kampen 2.1.1: "De drie partijen in het tripartite overleg komen jaarlijks overeen of de huursom boven
inflatie mag stijgen en of de inkomensafhankelijke huurverhoging gealloceerd wordt als afspraak in de
prestatieafspraken." Every jaarschijf then holds the decision about the next year's huursom. The text
names no moment in the year, so none is invented here: the decision is planned for the year as a whole
(due 31 December of the jaarschijf's year); the coordinator can set a quarter once the parties agree one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# One sentence that says, every year, something is agreed or decided about the huursom.
_SENTENCE = re.compile(
    r"[^.]*\bjaarlijks\b[^.]*\bhuursom\b[^.]*\.|[^.]*\bhuursom\b[^.]*\bjaarlijks\b[^.]*\.", re.I
)


@dataclass(frozen=True)
class YearlyDecision:
    sentence: str  # the agreement's own words

    def title(self, year: int) -> str:
        """The decision in jaarschijf ``year``: about the huursom of the year after."""
        return f"Besluit over de huursomstijging {year + 1}"

    def description(self, number: str) -> str:
        return (
            f"Afspraak {number}: ‘{self.sentence}’\n\n"
            "De tekst noemt geen moment in het jaar; het besluit staat daarom zonder kwartaal in de "
            "jaarschijf en is uiterlijk 31 december genomen. Leg het besluit vast als voortgang met de "
            "status ‘gereed’ en de inhoud van het besluit in de tekst."
        )


def yearly_decision(text: str) -> YearlyDecision | None:
    """The yearly huursom decision an agreement's text asks for, or None."""
    match = _SENTENCE.search(text)
    return YearlyDecision(" ".join(match.group(0).split())) if match else None
