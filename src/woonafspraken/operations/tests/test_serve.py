"""`woonafspraken serve` as `make run` starts it: the address as soon as it listens, debug off (the Dutch
404 page), static files served."""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.db_independent, pytest.mark.single_pass]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (our own local server)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_serve_says_where_it_listens_at_once_and_shows_the_dutch_error_pages(tmp_path: Path):
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if key not in {"DJANGO_SETTINGS_MODULE", "DEBUG"}}
    env.update(WOONAFSPRAKEN_DATA_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    command = [sys.executable, "-m", "woonafspraken.cli", "serve", "--port", str(port), "--workers", "1"]
    # stdout is a pipe, not a terminal: the line must not wait in a buffer.
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in server.stdout], daemon=True)  # type: ignore[union-attr]
    reader.start()
    try:
        first = lines.get(timeout=60)
        assert f"http://127.0.0.1:{port}/" in first
        # It said so while serving, not at shutdown: the server answers now.
        status, page = _get(f"http://127.0.0.1:{port}/bestaat-niet/")
        assert status == 404 and "Pagina niet gevonden" in page and "Traceback" not in page
        assert _get(f"http://127.0.0.1:{port}/static/web/app.css")[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
        reader.join(timeout=30)
    rest = []
    while not lines.empty():
        rest.append(lines.get())
    assert not any(f":{port}/" in line for line in rest), "the address came out again at shutdown"
