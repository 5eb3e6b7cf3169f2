"""Every covenant's monitor rendered through N job workers (Celery, the machine's Redis): total time and
time per report.

`run() -> dict` uses a given data folder (`--data-dir`, its SQLite database; for example one filled by
`bench_scale.py` or a copy of production) or, without one, a fresh one with Kampen and N-1 more covenants
(`--covenants`, default 10). It starts `woonafspraken worker` N times (`--workers`, default 2; one job at a
time each) on a queue of its own, runs `woonafspraken report monitor --year Y --all` and reads the jobs'
times from the database. The jobs it made are removed afterwards, so a second run measures again.
Called from benchmarks/run.py (`make bench`) or on its own:
`.venv/bin/python benchmarks/bench_jobs.py --workers 2 --covenants 10 [--data-dir DIR] [--format pdf]`.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
DOCUMENT = ROOT / "src" / "woonafspraken" / "documents" / "data" / "prestatieafspraken-kampen-2022-2026.txt"
BROKER = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/0")


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def _environment(data_dir: Path, queue: str) -> dict[str, str]:
    env = {
        **os.environ,
        "WOONAFSPRAKEN_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "woonafspraken.conf.dev",
        "DEBUG": "0",
        "LOG_LEVEL": "ERROR",
        "WOONAFSPRAKEN_BROKER_URL": BROKER,
        "WOONAFSPRAKEN_QUEUE": queue,
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{data_dir / 'woonafspraken.sqlite3'}")
    return env


def _fill(env: dict[str, str], covenants: int) -> None:
    """Kampen and N-1 more covenants (the same document under another municipality's name)."""
    subprocess.run([str(BIN / "woonafspraken"), "init"], env=env, check=True, capture_output=True)
    code = f"""
from pathlib import Path
from woonafspraken.documents.services import document_import
text = Path({str(DOCUMENT)!r}).read_text()
for i in range(1, {covenants}):
    document_import(text=text.replace("Kampen", f"Benchgemeente{{i}}"), filename=f"b{{i}}.txt")
"""
    subprocess.run(
        [str(BIN / "woonafspraken"), "shell", "-c", code], env=env, check=True, capture_output=True
    )


def _forget_queue(queue: str) -> None:
    """Remove this run's keys from Redis (they all start with the queue's name)."""
    import redis

    client = redis.Redis.from_url(BROKER)
    keys = list(client.scan_iter(match=f"{queue}:*"))
    if keys:
        client.delete(*keys)


def _job_times(database: Path, since: str) -> list[float]:
    with closing(sqlite3.connect(database)) as db:
        rows = db.execute(
            "SELECT julianday(finished_at) - julianday(started_at) FROM reports_reportjob "
            "WHERE state = 'done' AND created_at >= ?",
            (since,),
        ).fetchall()
    return [row[0] * 86400 for row in rows if row[0] is not None]


def _forget(database: Path, since: str) -> None:
    with closing(sqlite3.connect(database)) as db:
        db.execute("DELETE FROM reports_reportjobevent WHERE job_id IN "
                   "(SELECT id FROM reports_reportjob WHERE created_at >= ?)", (since,))  # fmt: skip
        db.execute("DELETE FROM reports_reportjob WHERE created_at >= ?", (since,))
        db.commit()


def run(
    workers: int = 2, covenants: int = 10, data_dir: str | None = None, year: int = 2025, fmt: str = "pdf"
) -> dict:
    if not _redis_up():
        return {"skipped": "Redis does not answer at 127.0.0.1:6379"}
    queue = f"woonafspraken-bench-{uuid.uuid4().hex[:8]}"
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(data_dir) if data_dir else Path(scratch)
        env = _environment(folder, queue)
        if data_dir is None:
            _fill(env, covenants)
        database = Path(env["DATABASE_URL"].removeprefix("sqlite:///"))
        since = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())
        processes = [
            subprocess.Popen(
                [str(BIN / "woonafspraken"), "worker", "--concurrency", "1", "--loglevel", "WARNING"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )  # fmt: skip
            for _ in range(workers)
        ]
        try:
            started = time.perf_counter()
            result = subprocess.run(
                [str(BIN / "woonafspraken"), "report", "monitor", "--year", str(year), "--all",
                 "--format", fmt],
                env=env, capture_output=True, text=True,
            )  # fmt: skip
            total = time.perf_counter() - started
        finally:
            for process in processes:
                os.killpg(process.pid, signal.SIGTERM)
            for process in processes:
                process.wait(timeout=60)
            _forget_queue(queue)
        if result.returncode != 0:
            return {"error": result.stderr.strip().splitlines()[-3:]}
        times = _job_times(database, since)
        if data_dir is not None:
            _forget(database, since)
    return {
        "workers": workers,
        "reports": len(times),
        "format": fmt,
        "total_seconds": round(total, 2),
        "seconds_per_report_wall": round(total / max(1, len(times)), 2),
        "seconds_per_report_in_worker_median": round(statistics.median(times), 2) if times else None,
        "seconds_per_report_in_worker_max": round(max(times), 2) if times else None,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--covenants", type=int, default=10)
    parser.add_argument("--data-dir")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--format", default="pdf")
    args = parser.parse_args()
    print(json.dumps(run(args.workers, args.covenants, args.data_dir, args.year, args.format), indent=2))
    sys.exit(0)
