from __future__ import annotations

import datetime as dt

import pytest
from freezegun import freeze_time

from woonafspraken.agreements.models import Covenant
from woonafspraken.core.demo import fillers
from woonafspraken.meetings.models import ActionItem, AdviceRequest, Concern, Meeting, Work
from woonafspraken.meetings.selectors import cadence_for_year, couplings

pytestmark = pytest.mark.django_db


@freeze_time("2026-11-27")
def test_demo_meetings_are_flagged_fill_once_and_show_a_type_behind(kampen: Covenant):
    filler = fillers["meetings"]
    assert not filler.present(kampen)
    written = filler.fill(kampen)
    assert written > 90 and filler.present(kampen)
    assert filler.fill(kampen) == 0  # a second `init --demo` adds nothing
    assert not Meeting.objects.filter(is_demo=False).exists()
    assert {m.date.year for m in Meeting.objects.all()} == {2022, 2023, 2024, 2025, 2026}
    assert all(x.is_demo for model in (ActionItem, Concern, Work, AdviceRequest) for x in model.objects.all())
    rows = {
        row.meeting_type.key: row.status
        for row in cadence_for_year(kampen, 2026, today=dt.date(2026, 11, 27))
    }
    assert rows["3.2.1-binnenstad"].overdue and not rows["3.2.1-brunnepe"].overdue
    assert rows["5.2"].planned == 0 and rows["5.2"].held == 4
    assert len(couplings(kampen)) == 1
