"""Reading settings from the environment, with documented defaults."""

import os
from pathlib import Path
from types import ModuleType


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


def inherit(namespace: dict[str, object], module: ModuleType) -> None:
    """Copy a base settings module's settings (upper-case names) into an environment module.

    Explicit instead of ``from base import *`` so that linters see what each module defines.
    """
    namespace.update({name: value for name, value in vars(module).items() if name.isupper()})
