from __future__ import annotations

import pytest

from woonafspraken.meetings.escalation import EscalationError, Level, Stage, stage_after_step


def test_unresolved_official_round_goes_to_the_steering_meeting():
    assert (
        stage_after_step(Stage.RAISED, Level.OFFICIAL, resolved=False, had_official_step=False)
        is Stage.STEERING
    )
    assert (
        stage_after_step(Stage.OFFICIAL, Level.OFFICIAL, resolved=True, had_official_step=False)
        is Stage.RESOLVED
    )
    assert (
        stage_after_step(Stage.STEERING, Level.STEERING, resolved=False, had_official_step=True)
        is Stage.STEERING
    )
    assert (
        stage_after_step(Stage.STEERING, Level.STEERING, resolved=True, had_official_step=True)
        is Stage.RESOLVED
    )


def test_the_steering_meeting_comes_after_the_official_round():
    with pytest.raises(EscalationError, match="eerst ambtelijk"):
        stage_after_step(Stage.RAISED, Level.STEERING, resolved=True, had_official_step=False)


def test_a_closed_concern_takes_no_more_steps():
    for stage in (Stage.RESOLVED, Stage.WITHDRAWN):
        with pytest.raises(EscalationError, match="afgesloten"):
            stage_after_step(stage, Level.OFFICIAL, resolved=False, had_official_step=True)
