"""Meetings benchmarks: reading meeting types from the document, cadence per year, the agenda proposal,
the works overlap and the calendar, with their SQL query counts. `run() -> dict` measures in a
temporary SQLite database; `python benchmarks/bench_meetings.py` prints the figures."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _timed(func: Callable[[], Any], repeat: int = 5) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return round(best * 1000, 2), result


def run() -> dict[str, Any]:
    data_dir = tempfile.mkdtemp(prefix="bench-meetings-")
    os.environ["WOONAFSPRAKEN_DATA_DIR"] = data_dir
    os.environ["DATABASE_URL"] = f"sqlite:///{data_dir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "woonafspraken.conf.ci")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    from woonafspraken.core.demo import fillers
    from woonafspraken.documents.services import document_import
    from woonafspraken.meetings.coupling import PlannedWork, find_couplings
    from woonafspraken.meetings.exports import calendar_file
    from woonafspraken.meetings.models import Meeting
    from woonafspraken.meetings.selectors import agenda_proposal, cadence_for_year
    from woonafspraken.meetings.services import meeting_types_seed

    text = (ROOT / "src/woonafspraken/documents/data/prestatieafspraken-kampen-2022-2026.txt").read_text()
    covenant = document_import(text=text, filename="kampen.txt").covenant
    fillers["meetings"].fill(covenant)
    today = dt.date(2026, 11, 27)
    figures: dict[str, Any] = {}
    figures["seed_repeat_ms"], _ = _timed(lambda: meeting_types_seed(covenant=covenant))
    with CaptureQueriesContext(connection) as queries:
        figures["cadence_year_ms"], _ = _timed(
            lambda: cadence_for_year(covenant, 2026, today=today), repeat=1
        )
    figures["cadence_year_queries"] = len(queries)
    meeting = Meeting.objects.filter(covenant=covenant, meeting_type__key="5.1").order_by("-date").first()
    assert meeting is not None
    with CaptureQueriesContext(connection) as queries:
        figures["agenda_proposal_ms"], _ = _timed(lambda: agenda_proposal(meeting), repeat=3)
    figures["agenda_proposal_queries"] = len(queries) // 3
    figures["calendar_year_ms"], content = _timed(lambda: calendar_file(covenant, 2025))
    figures["calendar_year_bytes"] = len(content)
    works = [
        PlannedWork(i, i % 3, f"Partij {i % 3}", f"Werk {i}", f"Wijk {i % 20}", (f"Straat {i % 50}",),
                    dt.date(2025, 1, 1) + dt.timedelta(days=i % 700), dt.date(2025, 3, 1) + dt.timedelta(days=i % 700))
        for i in range(1000)
    ]  # fmt: skip
    figures["couplings_1000_works_ms"], found = _timed(
        lambda: find_couplings(works, max_gap_days=183), repeat=3
    )
    figures["couplings_1000_works_found"] = len(found)
    return figures


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
