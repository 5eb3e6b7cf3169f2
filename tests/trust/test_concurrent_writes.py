"""Users writing at the same time on the served SQLite default: no server error and no lost write.

A short run of the concurrency benchmark (``benchmarks/bench_concurrency.py``, ADR 0006): 20 logged-in
users read pages and comment on three agreements for 15 seconds against ``woonafspraken serve``.
The figures are printed, never asserted: tests check behaviour, benchmarks measure.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks.bench_concurrency import scenario

pytestmark = [pytest.mark.slow, pytest.mark.db_independent]


def test_users_writing_at_once_on_sqlite_get_no_server_error_and_lose_nothing(tmp_path: Path):
    figures = scenario(f"sqlite:///{tmp_path / 'load.sqlite3'}", str(tmp_path), users=20, seconds=15)
    print("\n" + json.dumps(figures, indent=1))
    assert figures["server_errors"] == 0, figures
    assert figures["database_is_locked_in_log"] == 0, figures
    assert figures["writes_accepted"] > 0 and figures["client_errors_4xx"] == 0, figures
    assert figures["accepted_but_not_stored"] == 0, figures
