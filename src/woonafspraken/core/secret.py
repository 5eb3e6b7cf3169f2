"""A secret key generated once per machine for development, so no fixed key is ever shipped."""

import secrets
from pathlib import Path


def local_secret_key(directory: Path) -> str:
    path = directory / "secret_key.txt"
    if path.exists():
        return path.read_text().strip()
    directory.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key
