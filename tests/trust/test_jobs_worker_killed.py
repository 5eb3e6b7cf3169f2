"""A report job survives its worker being killed: the real Redis broker, real `woonafspraken worker`
processes, a database of their own (a SQLite file in a temporary data folder, made by `woonafspraken init`).

The job is queued, the first worker is killed (SIGKILL, the whole process group) while it is demonstrably
making the report, and a second worker is started: Redis hands the unacknowledged job out again (after
the short visibility timeout set here), the second worker takes the job over from the dead one, and the
report ends up as exactly one file. `report --all` afterwards finds it made and does not make it again.

Every run uses a queue of its own (a random name, which also prefixes its keys in Redis), so parallel
test workers and other apps on the same Redis do not meet.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.db_independent]

REDIS = ("127.0.0.1", 6379)
TIMEOUT = 90.0


def _redis_up() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "woonafspraken.cli", *args]


def _own_database(tmp_path: Path, env: dict[str, str]) -> Path:
    """Kampen in a SQLite file of its own: `woonafspraken init`."""
    path = tmp_path / "woonafspraken.sqlite3"
    result = subprocess.run(
        _command("init"), env={**env, "DATABASE_URL": f"sqlite:///{path}"}, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return path


def _job(path: Path) -> tuple[str, int, int, int, str] | None:
    with closing(sqlite3.connect(path, timeout=20)) as db:
        return db.execute(
            "SELECT state, attempts, steps_done, steps_total, file FROM reports_reportjob ORDER BY id DESC"
        ).fetchone()


def _wait(condition: Callable[[], bool], what: str, processes: list[subprocess.Popen[bytes]]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        for process in processes:
            assert process.poll() is None, f"a worker ended ({process.returncode}) before {what}"
        assert time.monotonic() < deadline, f"no {what} within {TIMEOUT} s"
        time.sleep(0.02)


@contextmanager
def _worker(env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("ab") as output:
        process = subprocess.Popen(
            _command("worker", "--concurrency", "1", "--loglevel", "INFO"),
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the pool's process dies with it
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def _forget_queue(queue: str) -> None:
    import redis

    client = redis.Redis(*REDIS)
    keys = list(client.scan_iter(match=f"{queue}:*"))
    if keys:
        client.delete(*keys)


def test_a_job_survives_its_worker_killed_mid_way(tmp_path: Path):
    if not _redis_up():
        if os.environ.get("CI"):
            pytest.fail("Redis does not answer at 127.0.0.1:6379 (.ci/run starts it)")
        pytest.skip("Redis does not answer at 127.0.0.1:6379")
    queue = f"woonafspraken-test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "WOONAFSPRAKEN_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "woonafspraken.conf.ci",
        "WOONAFSPRAKEN_BROKER_URL": f"redis://{REDIS[0]}:{REDIS[1]}/0",
        "WOONAFSPRAKEN_QUEUE": queue,
        "WOONAFSPRAKEN_BROKER_VISIBILITY_TIMEOUT": "3",
        "LOG_LEVEL": "ERROR",
    }
    database = _own_database(tmp_path, env)
    env["DATABASE_URL"] = f"sqlite:///{database}"
    log = tmp_path / "worker.log"
    try:
        with _worker(env, log) as first:
            queued = subprocess.run(
                _command(
                    "shell", "-c",
                    "from woonafspraken.reports.services import report_jobs_request_all\n"
                    "from woonafspraken.reports.tasks import enqueue_report_job\n"
                    "requested = report_jobs_request_all(kind='monitor', year=2025, fmt='pdf')\n"
                    "[enqueue_report_job(job.pk) for job in requested.sent]\n"
                    "print(len(requested.sent))",
                ),
                env=env, capture_output=True, text=True, timeout=TIMEOUT,
            )  # fmt: skip
            assert queued.returncode == 0 and queued.stdout.split()[-1] == "1", queued.stderr[-2000:]

            def making() -> bool:
                job = _job(database)
                return job is not None and job[0] == "running" and job[2] >= 1

            _wait(making, "progress of the first worker", [first])
            os.killpg(first.pid, signal.SIGSTOP)  # hold it still: it cannot finish between look and kill
            state, attempts, done, total, file = _job(database)  # type: ignore[misc]
            os.killpg(first.pid, signal.SIGKILL)
            first.wait(timeout=30)
        assert (state, attempts, file) == ("running", 1, ""), "the first worker was not killed mid-job"
        assert 1 <= done < total

        with _worker(env, log) as second:
            _wait(
                lambda: (_job(database) or ("",))[0] == "done", "the report from the second worker", [second]
            )
            state, attempts, done, total, file = _job(database)  # type: ignore[misc]
            assert attempts == 2 and done == total
            made = sorted(path for path in (tmp_path / "media" / "reports").rglob("*") if path.is_file())
            assert [path.relative_to(tmp_path / "media").as_posix() for path in made] == [file]
            assert made[0].read_bytes().startswith(b"%PDF")

            # `report --all` now finds it made: nothing is made again, the one file is copied out.
            out = tmp_path / "uit"
            out.mkdir()
            again = subprocess.run(
                _command("report", "monitor", "--year", "2025", "--all", "--output-dir", str(out)),
                env=env, capture_output=True, text=True, timeout=TIMEOUT,
            )  # fmt: skip
            assert again.returncode == 0, again.stderr[-2000:]
            assert [path.name for path in out.iterdir()] == ["monitor-2025-kampen.pdf"]
            assert _job(database)[1] == 2  # type: ignore[index]
        with closing(sqlite3.connect(database)) as db:
            events = [what for (what,) in db.execute("SELECT what FROM reports_reportjobevent ORDER BY id")]
        assert events == ["requested", "started", "taken_over", "done"], events
        assert db_count(database) == 1
    except AssertionError:
        print(log.read_text(errors="replace")[-4000:])
        raise
    finally:
        _forget_queue(queue)


def db_count(path: Path) -> int:
    with closing(sqlite3.connect(path)) as db:
        return int(db.execute("SELECT COUNT(*) FROM reports_reportjob").fetchone()[0])
