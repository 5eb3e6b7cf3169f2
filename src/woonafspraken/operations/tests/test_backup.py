"""Backup and restore: a full round trip gives identical content, also from SQLite to PostgreSQL."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.operations.backup import backup_dump, backup_objects

PG_ADMIN = os.environ.get("BACKUP_TEST_PG", "postgres://postgres@127.0.0.1:5432/postgres")


def content(dump: bytes) -> list[dict]:
    return json.loads(gzip.decompress(dump))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_round_trip_in_the_same_database(kampen: Covenant, coordinator, tmp_path: Path):
    path = tmp_path / "backup.json.gz"
    call_command("backup", "-o", str(path))
    before = content(path.read_bytes())
    assert {"agreements.agreement", "agreements.historicalagreement", "accounts.user"} <= {
        o["model"] for o in before
    }
    call_command("flush", interactive=False, verbosity=0)
    assert Agreement.objects.count() == 0
    call_command("restore", str(path))
    after = content(backup_dump())
    key = {(o["model"], o["pk"]): o for o in before}
    differences = [
        {
            f: (v, key[(o["model"], o["pk"])]["fields"].get(f))
            for f, v in o["fields"].items()
            if v != key[(o["model"], o["pk"])]["fields"].get(f)
        }
        for o in after
        if o not in before
    ]
    assert differences == []
    assert after == before
    assert Agreement.objects.get(number="1.3.5").parties.count() == 5


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(kampen: Covenant, tmp_path: Path):
    path = tmp_path / "backup.json.gz"
    path.write_bytes(backup_dump())
    with pytest.raises(CommandError, match="niet leeg"):
        call_command("restore", str(path))
    assert Covenant.objects.count() == 1


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_no_backup(tmp_path: Path):
    path = tmp_path / "nope.json.gz"
    path.write_bytes(b"this is not gzip")
    with pytest.raises(CommandError, match="geen back-up"):
        call_command("restore", str(path))
    with pytest.raises(CommandError, match="niet gevonden"):
        call_command("restore", str(tmp_path / "missing.gz"))


def _cli(database_url: str, data_dir: Path, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": database_url, "WOONAFSPRAKEN_DATA_DIR": str(data_dir)}
    env["DJANGO_SETTINGS_MODULE"] = "woonafspraken.conf.ci"
    command = [sys.executable, "-m", "woonafspraken.cli", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout


def _postgres_database(name: str) -> str:
    psycopg = pytest.importorskip("psycopg")
    try:
        with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL is not reachable here ({error}); CI runs this test.")
    return PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"


@pytest.mark.slow
@pytest.mark.db_independent
def test_round_trip_from_sqlite_to_postgresql_and_back(tmp_path: Path):
    sqlite = f"sqlite:///{tmp_path / 'source.sqlite3'}"
    _cli(sqlite, tmp_path, "init")
    _cli(sqlite, tmp_path, "backup", "-o", str(tmp_path / "a.json.gz"))
    postgres = _postgres_database("woonafspraken_restore_test")
    _cli(postgres, tmp_path, "restore", str(tmp_path / "a.json.gz"))
    _cli(postgres, tmp_path, "backup", "-o", str(tmp_path / "b.json.gz"))
    back = f"sqlite:///{tmp_path / 'back.sqlite3'}"
    _cli(back, tmp_path, "restore", str(tmp_path / "b.json.gz"))
    _cli(back, tmp_path, "backup", "-o", str(tmp_path / "c.json.gz"))
    a, b, c = (content((tmp_path / name).read_bytes()) for name in ("a.json.gz", "b.json.gz", "c.json.gz"))
    assert len(a) > 150
    assert a == b == c


@pytest.mark.django_db
def test_a_backup_has_one_object_a_line_and_older_one_line_backups_still_read(kampen: Covenant):
    text = gzip.decompress(backup_dump()).decode()
    lines = text.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == len(json.loads(text)) + 2
    objects = json.loads(text)
    assert list(backup_objects(io.StringIO(text))) == objects
    one_line = json.dumps(objects)  # how a backup was written before it streamed
    assert list(backup_objects(io.StringIO(one_line))) == objects
    with pytest.raises(ValueError, match="halfway"):
        list(backup_objects(io.StringIO("\n".join(lines[:50]))))
