"""Load held, short (issue 16): the Locust scenario of ``benchmarks/bench_load.py`` with 10 users of mixed
roles for 12 seconds against `woonafspraken serve` on a SQLite database of its own. Any failed request
(a server error, a refused form, a missing download) or lost write (a comment or figure the app accepted
that is not in the database) fails it. The figures are printed, never asserted as times.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks.bench_load import scenario

pytestmark = [pytest.mark.slow, pytest.mark.db_independent]


def test_mixed_roles_reading_entering_figures_and_commenting_fail_nothing_and_lose_nothing(tmp_path: Path):
    figures = scenario(f"sqlite:///{tmp_path / 'load.sqlite3'}", str(tmp_path), users=10, seconds=12)
    print("\n" + json.dumps(figures, indent=1))
    assert figures["failed_requests"] == 0, figures["failure_messages"]
    assert figures["locust_exit_code"] == 0, figures
    assert figures["server_errors_in_log"] == 0, figures
    assert figures["comments_accepted"] > 0 and figures["figures_accepted"] > 0, figures
    assert figures["comments_lost"] == 0 and figures["figures_lost"] == 0, figures
    assert figures["figures_current_not_accepted"] == 0, figures
    assert figures["held"], figures
