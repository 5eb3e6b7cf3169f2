"""Reading settings from the environment, with documented defaults."""

import os
from pathlib import Path
from types import ModuleType
from typing import Any

import dj_database_url

# SQLite for a served app (ADR 0006): readers never wait for the writer (write-ahead log), a write
# transaction takes the write lock when it starts, and waits for it instead of failing at once.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def data_dir() -> Path:
    """Where the SQLite database and uploads live: WOONAFSPRAKEN_DATA_DIR, default ./data."""
    return Path(env_str("WOONAFSPRAKEN_DATA_DIR", str(Path.cwd() / "data"))).resolve()


def database(url: str, *, conn_max_age: int, sqlite_busy_timeout: float) -> dict[str, Any]:
    """A ``DATABASES`` entry from a database URL; a SQLite database gets ``SQLITE_OPTIONS`` and waits
    up to ``sqlite_busy_timeout`` seconds for the write lock."""
    config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=conn_max_age))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**config.get("OPTIONS", {}), **SQLITE_OPTIONS, "timeout": sqlite_busy_timeout}
    return config


def inherit(namespace: dict[str, object], module: ModuleType) -> None:
    """Copy a base settings module's settings (upper-case names) into an environment module.

    Explicit instead of ``from base import *`` so that linters see what each module defines.
    """
    namespace.update({name: value for name, value in vars(module).items() if name.isupper()})
