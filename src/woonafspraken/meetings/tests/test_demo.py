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
    rows = {row.meeting_type.key: row for row in cadence_for_year(kampen, 2026, today=dt.date(2026, 11, 27))}
    # The spring bestuurlijk overleg moved to July: two held, but the spring moment (5.1) was missed.
    assert rows["5.1"].behind and rows["5.1"].status.held == 2
    assert rows["5.1"].problem == "geen overleg in het voorjaar 2026"
    # The Binnenstad skipped its spring wijkoverleg; "minimaal twee keer per jaar" can still be met in
    # December, and is missed when the year ends without it.
    assert not rows["3.2.1-binnenstad"].behind and not rows["3.2.1-brunnepe"].behind
    at_year_end = {
        row.meeting_type.key: row for row in cadence_for_year(kampen, 2026, today=dt.date(2026, 12, 31))
    }
    assert at_year_end["3.2.1-binnenstad"].behind and not at_year_end["3.2.1-brunnepe"].behind
    assert rows["5.2"].status.planned == 0 and rows["5.2"].status.held == 4 and not rows["5.2"].behind
    assert len(couplings(kampen)) == 1
