"""Backup benchmark: the Kampen covenant with all demo figures, backed up and restored into an empty
database through the console commands, on SQLite and (when it runs) PostgreSQL. The restored database
is backed up again and must hold exactly the same objects. `run() -> dict` measures;
`python benchmarks/bench_backup.py` prints the figures."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / ".venv" / "bin" / "woonafspraken"
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN", "postgres://postgres@127.0.0.1:5432/postgres")


def _cli(database_url: str, data_dir: str, *args: str) -> float:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "WOONAFSPRAKEN_DATA_DIR": data_dir,
        "DJANGO_SETTINGS_MODULE": "woonafspraken.conf.dev",
        "TQDM_DISABLE": "1",
    }
    started = time.perf_counter()
    subprocess.run([str(CLI), *args], env=env, check=True, capture_output=True, text=True)
    return round(time.perf_counter() - started, 2)


def _objects(path: Path) -> list[Any]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return sorted(json.load(handle), key=lambda item: (item["model"], str(item.get("pk"))))


def _postgres_database(name: str) -> str | None:
    try:
        import psycopg
    except ImportError:
        return None
    try:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        return None
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def run() -> dict[str, Any]:
    data_dir = tempfile.mkdtemp(prefix="bench-backup-")
    source = f"sqlite:///{data_dir}/source.sqlite3"
    figures: dict[str, Any] = {"init_demo_s": _cli(source, data_dir, "init", "--demo")}
    backup = Path(data_dir) / "kampen.json.gz"
    figures["backup_s"] = _cli(source, data_dir, "backup", "-o", str(backup))
    figures["backup_bytes"] = backup.stat().st_size
    original = _objects(backup)
    figures["objects"] = len(original)
    targets = {"sqlite": f"sqlite:///{data_dir}/restored.sqlite3"}
    postgres = _postgres_database("woonafspraken_bench_restore")
    if postgres:
        targets["postgresql"] = postgres
    for name, url in targets.items():
        figures[f"restore_{name}_s"] = _cli(url, data_dir, "restore", str(backup))
        again = Path(data_dir) / f"again-{name}.json.gz"
        _cli(url, data_dir, "backup", "-o", str(again))
        figures[f"round_trip_{name}_identical"] = _objects(again) == original
        figures[f"round_trip_{name}_s"] = round(figures["backup_s"] + figures[f"restore_{name}_s"], 2)
    return figures


if __name__ == "__main__":
    sys.stdout.write(json.dumps(run(), indent=2) + "\n")
