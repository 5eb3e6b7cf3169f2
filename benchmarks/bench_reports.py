"""Time to render the monitor for one year as PDF, Word and Excel, with the example data (`init --demo`).

`run() -> dict` builds a fresh SQLite database in a temporary folder, fills it with `woonafspraken init
--demo`, then times building the report (the sections' queries) and rendering each format, best and
median of a few runs. Called from benchmarks/run.py or on its own: `.venv/bin/python benchmarks/bench_reports.py`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"

CODE = """
import json, statistics, time
from woonafspraken.agreements.models import Covenant
from woonafspraken.reports.document import build_report
from woonafspraken.reports.formats import render
covenant = Covenant.objects.get(municipality="Kampen")
year, repeats = {year}, {repeats}
figures = {{}}
build = []
for _ in range(repeats):
    t = time.perf_counter(); report = build_report(covenant, year, "monitor"); build.append(time.perf_counter() - t)
figures["build_sections_ms"] = {{"best": min(build) * 1000, "median": statistics.median(build) * 1000}}
for fmt in ("pdf", "docx", "xlsx"):
    timings, size = [], 0
    for _ in range(repeats):
        t = time.perf_counter(); size = len(render(build_report(covenant, year, "monitor"), fmt)); timings.append(time.perf_counter() - t)
    figures[f"monitor_{{fmt}}_ms"] = {{"best": min(timings) * 1000, "median": statistics.median(timings) * 1000, "bytes": size}}
t = time.perf_counter(); render(build_report(covenant, year + 1, "dashboard"), "pdf"); figures["dashboard_pdf_ms"] = (time.perf_counter() - t) * 1000
print(json.dumps({{k: ({{kk: round(vv, 1) for kk, vv in v.items()}} if isinstance(v, dict) else round(v, 1)) for k, v in figures.items()}}))
"""


def run(year: int = 2025, repeats: int = 3) -> dict:
    with tempfile.TemporaryDirectory() as data_dir:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{data_dir}/bench.sqlite3",
            "WOONAFSPRAKEN_DATA_DIR": data_dir,
            "DJANGO_SETTINGS_MODULE": "woonafspraken.conf.dev",
            "DEBUG": "0",
            "LOG_LEVEL": "ERROR",
        }
        subprocess.run(
            [str(BIN / "woonafspraken"), "init", "--demo"], env=env, check=True, capture_output=True
        )
        result = subprocess.run(
            [str(BIN / "woonafspraken"), "shell", "-c", CODE.format(year=year, repeats=repeats)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return {"year": year, "repeats": repeats, **figures}


if __name__ == "__main__":
    print(json.dumps(run(*(int(arg) for arg in sys.argv[1:3])), indent=2))
