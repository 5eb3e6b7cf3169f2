"""An import killed half-way leaves the database exactly as it was, and the next import works.

The real console command (``woonafspraken import-document``) runs in a subprocess against a database of
its own: a SQLite file, and a PostgreSQL database when DATABASE_URL points to PostgreSQL. It is killed
with SIGKILL while it is demonstrably writing, seen from outside without any hook in the application:

- SQLite (write-ahead log, write transactions that take the write lock when they begin: ADR 0006):
  the import is killed while its transaction holds the write lock, which another connection sees by
  failing to take it; the next connection ignores the killed writer's uncommitted log;
- PostgreSQL gives a backend a transaction id (``backend_xid``) at its first write.

Kill points lie at fractions of the time a complete import spends writing, measured first on a copy.
After every kill, every row of every table is compared with the state before (``dbstate.capture``).

The housing stock and pipeline uploads have no console command: they run in the web process inside
the service's single ``transaction.atomic`` block (see ``housing.services.stock_upload``), so a killed
worker leaves the same uncommitted transaction behind; ``test_fuzz_importers`` checks their refusals.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.conf import settings

from tests.trust.dbstate import DatabaseState, capture

pytestmark = pytest.mark.slow

KILL_FRACTIONS = (0.0, 0.3, 0.7)  # of the time a complete import spends writing
TIMEOUT = 120.0


def _env(database_url: str, data_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "WOONAFSPRAKEN_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "woonafspraken.conf.ci",
    }


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "woonafspraken.cli", *args]


def _cli(database_url: str, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        _command(*args), env=_env(database_url, data_dir), capture_output=True, text=True, timeout=TIMEOUT
    )
    assert result.returncode == 0, f"{args}: {result.stderr[-2000:]}"
    return result


def _second_document(tmp_path: Path) -> Path:
    """Kampen with another title: a complete second covenant, so the import writes a lot."""
    text = Path(settings.BUILTIN_DOCUMENT).read_text(encoding="utf-8")
    title = "Prestatieafspraken Kampen 2022 – 2026"
    assert title in text
    path = tmp_path / "tweede.txt"
    path.write_text(text.replace(title, "Prestatieafspraken Kampen 2022 – 2026 (tweede convenant)", 1))
    return path


def _wait(condition: Callable[[], bool], process: subprocess.Popen[str], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if process.poll() is not None:
            _out, err = process.communicate()
            pytest.fail(f"the import ended ({process.returncode}) before {what}: {err[-2000:]}")
        assert time.monotonic() < deadline, f"no {what} within {TIMEOUT} s"
        time.sleep(0.002)


def _writing_seconds(env: dict[str, str], document: Path, writing: Callable[[], bool]) -> float:
    """How long a complete import holds its write transaction open."""
    process = subprocess.Popen(
        _command("import-document", str(document)), env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    _wait(writing, process, "its first write")
    started = time.monotonic()
    _out, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 0, err[-2000:]
    return time.monotonic() - started


@dataclass(frozen=True)
class Watch:
    """How the test sees the import from outside its process."""

    writing: Callable[[], bool]  # the import's transaction has written something
    uncommitted: Callable[[], bool]  # with the import stopped: its transaction is still open
    restore: Callable[[], None]  # put the state from before back (after an import that got to commit)


def _kill_while_writing(env: dict[str, str], document: Path, watch: Watch, delay: float) -> bool:
    """Start the import and kill it ``delay`` seconds after its first write; True if that was mid-way.

    The process is stopped (SIGSTOP) before the check, so it cannot commit between check and kill.
    """
    process = subprocess.Popen(
        _command("import-document", str(document)), env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    _wait(watch.writing, process, "its first write")
    time.sleep(delay)
    process.send_signal(signal.SIGSTOP)
    mid_way = process.poll() is None and watch.uncommitted()
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=TIMEOUT)
    return mid_way


def _kill_points(
    env: dict[str, str], document: Path, watch: Watch, seconds: float, check: Callable[[], bool]
) -> list[float]:
    """Kill the import at every fraction of ``seconds``; a point it had passed is tried again earlier.

    ``check`` asserts that the killed import left nothing or everything, and says whether it was nothing.
    """
    killed_at = []
    for fraction in KILL_FRACTIONS:
        delay = fraction * seconds
        for _attempt in range(4):
            if _kill_while_writing(env, document, watch, delay) and check():
                killed_at.append(delay)
                break
            watch.restore()
            delay /= 2  # this run was faster than the measured one
        else:
            pytest.fail(f"the import always finished before {fraction:.0%} of its writing time")
    return killed_at


def _import_again_works(database_url: str, data_dir: Path, document: Path) -> None:
    first = _cli(database_url, data_dir, "import-document", str(document))
    assert "(tweede convenant) geïmporteerd" in first.stdout, first.stdout
    again = _cli(database_url, data_dir, "import-document", str(document))
    assert "ongewijzigd" in again.stdout, again.stdout


# -- SQLite ---------------------------------------------------------------------------------------------
def _sqlite_state(path: Path) -> DatabaseState:
    # Opening the file recovers the log left by a killed writer without its uncommitted part.
    with closing(sqlite3.connect(path)) as connection:
        cursor = connection.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        return capture(cursor, sorted(name for (name,) in cursor.fetchall()))


def _write_locked(path: Path) -> bool:
    """Another connection holds the write lock: its write transaction is open (and not committed)."""
    with closing(sqlite3.connect(path, timeout=0, isolation_level=None)) as probe:
        try:
            probe.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" in str(error):
                return True
            raise
        probe.execute("ROLLBACK")
        return False


def _settle(path: Path) -> None:
    """Move everything committed from the write-ahead log into the file, so that a copy holds it all."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _replace(path: Path, source: Path) -> None:
    for log in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        log.unlink(missing_ok=True)  # a log of another file must not be replayed onto the copy
    shutil.copy(source, path)


@pytest.mark.db_independent
def test_a_killed_document_import_leaves_sqlite_as_it_was(tmp_path: Path):
    database = tmp_path / "woonafspraken.sqlite3"
    url = f"sqlite:///{database}"
    _cli(url, tmp_path, "init")  # migrated, Kampen imported: the state to keep
    with closing(sqlite3.connect(database)) as connection:
        mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal", "the settings put every SQLite database in write-ahead-log mode"
    _settle(database)
    before = _sqlite_state(database)
    pristine = tmp_path / "pristine.sqlite3"
    shutil.copy(database, pristine)
    document = _second_document(tmp_path)

    measure = tmp_path / "measure.sqlite3"
    _replace(measure, pristine)
    seconds = _writing_seconds(
        _env(f"sqlite:///{measure}", tmp_path), document, lambda: _write_locked(measure)
    )

    _settle(measure)
    complete = _sqlite_state(measure)

    def restore() -> None:
        _replace(database, pristine)

    def check() -> bool:
        """Nothing of the killed import (True), or all of it (False: it had committed; a committing
        process can still hold the lock for a moment, as it moves the log into the file)."""
        now = _sqlite_state(database)
        if before.differences(now) == []:
            return True
        rows = {table: count for table, (count, _sum) in now.tables.items()}
        assert rows == {table: count for table, (count, _sum) in complete.tables.items()}, (
            f"part of the killed import was stored: {before.differences(now)[:5]}"
        )
        return False

    # The commit releases the write lock, which a stopped process cannot do (the kill releases it, so
    # whether a transaction was open is seen while the process is stopped: ``_kill_while_writing``).
    watch = Watch(
        writing=lambda: _write_locked(database), uncommitted=lambda: _write_locked(database), restore=restore
    )
    killed_at = _kill_points(_env(url, tmp_path), document, watch, seconds, check)
    _import_again_works(url, tmp_path, document)
    assert _sqlite_state(database) != before
    print(f"\nSQLite: the import writes for {seconds:.2f} s; killed after {_seconds(killed_at)}")


def _seconds(delays: list[float]) -> str:
    return ", ".join(f"{delay:.2f}" for delay in delays) + " s"


# -- PostgreSQL -----------------------------------------------------------------------------------------
def _postgres_admin_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("DATABASE_URL does not point to PostgreSQL; the SQLite variant covers SQLite.")
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def _with_database(admin_url: str, name: str) -> str:
    return urlunsplit(urlsplit(admin_url)._replace(path=f"/{name}"))


@contextmanager
def _postgres_admin(admin_url: str, names: list[str]) -> Iterator[psycopg.Connection[Any]]:
    """A connection to the server's own database; the named databases are dropped afterwards."""
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
        try:
            yield admin
        finally:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres_state(url: str) -> DatabaseState:
    with psycopg.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
        return capture(cursor, sorted(name for (name,) in cursor.fetchall()))


def test_a_killed_document_import_leaves_postgresql_as_it_was(tmp_path: Path):
    admin_url = _postgres_admin_url()
    name = f"woonafspraken_killed_{os.getpid()}"
    pristine, measure = f"{name}_pristine", f"{name}_measure"
    with _postgres_admin(admin_url, [name, pristine, measure]) as admin:

        def sql(statement: str, *params: object) -> list[tuple[Any, ...]]:
            return admin.execute(statement, params).fetchall()  # type: ignore[arg-type]

        def copy(source: str, target: str) -> None:
            admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')

        def backends(database: str) -> list[tuple[str, bool, str]]:
            return sql(  # type: ignore[return-value]
                "SELECT state, backend_xid IS NOT NULL, query FROM pg_stat_activity "
                "WHERE datname = %s AND backend_type = 'client backend'",
                database,
            )

        def writing(database: str) -> bool:
            return any(has_xid for _state, has_xid, _query in backends(database))

        def uncommitted() -> bool:
            """With the client stopped: wait until the server has done its last statement, then look."""
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                rows = backends(name)
                if not any(state == "active" for state, _xid, _query in rows):
                    break
                time.sleep(0.01)
            # Still active after that: blocked sending rows to the stopped client, so not committing.
            return any(xid and not query.lstrip().upper().startswith("COMMIT") for _s, xid, query in rows)

        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
        url = _with_database(admin_url, name)
        _cli(url, tmp_path, "init")
        before = _postgres_state(url)
        copy(name, pristine)
        document = _second_document(tmp_path)

        copy(pristine, measure)
        seconds = _writing_seconds(
            _env(_with_database(admin_url, measure), tmp_path), document, lambda: writing(measure)
        )

        def check() -> bool:
            deadline = time.monotonic() + TIMEOUT
            while backends(name):  # the server ends the killed client's transaction
                assert time.monotonic() < deadline, "the killed import's backend stays"
                time.sleep(0.01)
            assert before.differences(_postgres_state(url)) == []
            return True

        watch = Watch(
            writing=lambda: writing(name), uncommitted=uncommitted, restore=lambda: copy(pristine, name)
        )
        killed_at = _kill_points(_env(url, tmp_path), document, watch, seconds, check)
        _import_again_works(url, tmp_path, document)
        assert _postgres_state(url) != before
    print(f"\nPostgreSQL: the import writes for {seconds:.2f} s; killed after {_seconds(killed_at)}")
