"""The dispute path of afspraak 5.9, pure: ambtelijk overleg first; if that does not resolve it, the
bestuurlijk overleg. Returns the stage after a step, or raises with a Dutch message; and says in Dutch
where an open knelpunt or dispute stood on a date (the text of its evidence for the agreement's verdict)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from woonafspraken.core.formatting import format_date


class Stage(StrEnum):
    RAISED = "raised"
    OFFICIAL = "official"
    STEERING = "steering"
    RESOLVED = "resolved"
    WITHDRAWN = "withdrawn"


class Level(StrEnum):
    OFFICIAL = "official"
    STEERING = "steering"


class EscalationError(ValueError):
    pass


CLOSED = (Stage.RESOLVED, Stage.WITHDRAWN)


def stage_after_step(stage: Stage, level: Level, *, resolved: bool, had_official_step: bool) -> Stage:
    """The stage once a discussion at ``level`` with the given outcome is recorded."""
    if stage in CLOSED:
        raise EscalationError("Dit knelpunt is al afgesloten; meld een nieuw knelpunt als het terugkomt.")
    if level is Level.STEERING and not had_official_step:
        raise EscalationError(
            "Bespreek het knelpunt eerst ambtelijk; pas als dat geen oplossing geeft, gaat het naar het "
            "bestuurlijk overleg (afspraak 5.9)."
        )
    if resolved:
        return Stage.RESOLVED
    # Not resolved: after the official round it goes to the (next) bestuurlijk overleg and stays there.
    return Stage.STEERING


def stage_when_scheduled(stage: Stage) -> Stage:
    """Raised concerns move to the official round as soon as a first discussion is planned."""
    return Stage.OFFICIAL if stage is Stage.RAISED else stage


# -- where a concern stood on a date ---------------------------------------------------------------------

KIND_WORDS = {"knelpunt": "Knelpunt", "geschil": "Geschil", "voorstel": "Voorstel tot wijziging"}


@dataclass(frozen=True)
class StepTaken:
    level: Level
    date: dt.date
    resolved: bool


def concern_sentence(
    *, kind: str, title: str, owner: str, raised_on: dt.date, steps: Sequence[StepTaken]
) -> str:
    """Where an open concern stood, from its discussions up to the date in question (in date order).

    'Knelpunt ‘Wachttijd’ geëscaleerd naar het bestuurlijk overleg op 3 april 2025 (ambtelijk niet
    opgelost).' A discussion that is not resolved sends the concern to the bestuurlijk overleg.
    """
    what = f"{KIND_WORDS.get(kind, 'Knelpunt')} ‘{title}’"
    unresolved = [step for step in steps if not step.resolved]
    if not unresolved:
        return f"{what} gemeld door {owner} op {format_date(raised_on)}; nog niet besproken."
    escalated, last = unresolved[0], steps[-1]
    text = f"{what} geëscaleerd naar het bestuurlijk overleg op {format_date(escalated.date)}"
    if last is escalated:
        return f"{text} (ambtelijk niet opgelost)."
    where = "in het bestuurlijk overleg" if last.level is Level.STEERING else "ambtelijk"
    return f"{text}; {where} besproken op {format_date(last.date)}, nog niet opgelost."
