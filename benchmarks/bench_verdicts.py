"""Time and queries of the one verdict (``core.verdicts.covenant_verdicts``) on Kampen, with and without the
example data of ``init --demo``: in total and per evidence source, on three days.

`run() -> dict` builds fresh SQLite databases in a temporary folder. Called from benchmarks/run.py or on its
own: `.venv/bin/python benchmarks/bench_verdicts.py`. Nothing here asserts a time.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"

CODE = """
import datetime as dt, json, statistics, time
from django.db import connection
from django.test.utils import CaptureQueriesContext
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.verdicts import covenant_verdicts, evidence_sources
covenant = Covenant.objects.get(municipality="Kampen")
figures = {}
for day in (dt.date(2025, 6, 30), dt.date(2025, 12, 31), dt.date(2026, 11, 1)):
    timings = []
    for _ in range(5):
        with CaptureQueriesContext(connection) as queries:
            t = time.perf_counter(); verdicts = covenant_verdicts(covenant, day); timings.append(time.perf_counter() - t)
    sources = {}
    for source in evidence_sources:
        with CaptureQueriesContext(connection) as own:
            t = time.perf_counter(); items = list(source.collect(covenant, day)); took = time.perf_counter() - t
        sources[source.name] = {"ms": round(took * 1000, 1), "queries": len(own.captured_queries), "evidence": len(items)}
    figures[day.isoformat()] = {
        "best_ms": round(min(timings) * 1000, 1),
        "median_ms": round(statistics.median(timings) * 1000, 1),
        "queries": len(queries.captured_queries),
        "statuses": {row["status"]: row["count"] for row in verdicts.summary()},
        "sources": sources,
    }
print(json.dumps(figures))
"""


def _measure(demo: bool) -> dict:
    with tempfile.TemporaryDirectory() as data_dir:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{data_dir}/bench.sqlite3",
            "WOONAFSPRAKEN_DATA_DIR": data_dir,
            "DJANGO_SETTINGS_MODULE": "woonafspraken.conf.dev",
            "DEBUG": "0",
            "LOG_LEVEL": "ERROR",
        }
        init = [str(BIN / "woonafspraken"), "init", *(["--demo"] if demo else [])]
        subprocess.run(init, env=env, check=True, capture_output=True)
        result = subprocess.run(
            [str(BIN / "woonafspraken"), "shell", "-c", CODE],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    return json.loads(result.stdout.strip().splitlines()[-1])


def run() -> dict:
    return {"without_examples": _measure(False), "with_examples": _measure(True)}


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
