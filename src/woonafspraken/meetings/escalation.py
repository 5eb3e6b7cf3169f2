"""The dispute path of afspraak 5.9, pure: ambtelijk overleg first; if that does not resolve it, the
bestuurlijk overleg. Returns the stage after a step, or raises with a Dutch message."""

from __future__ import annotations

from enum import StrEnum


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
