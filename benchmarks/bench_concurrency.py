"""Concurrent writes: logged-in users read pages and comment on three agreements at the same time, against
`woonafspraken serve` (gunicorn, 2 workers x 4 threads) on SQLite and on PostgreSQL; afterwards every
comment the app accepted must be stored (ADR 0006).

Each user, without pause until the time is up: mostly reads a page (covenant home, agreements overview,
one of the three agreements); sometimes (WRITE_SHARE) opens one of the agreements and places a comment.
Figures: requests per second, server errors (5xx or no answer), p50/p95, writes accepted (redirect after
the post), refused as busy (503) and stored. `run() -> dict` measures 50 users for 60 s on both
databases; `python benchmarks/bench_concurrency.py --users 20 --seconds 15 --no-postgres` a shorter run.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import (  # noqa: E402
    PASSWORD,
    PG_ADMIN_URL,
    csrf_token,
    environment,
    login_opener,
    postgres_url,
    prepare,
    served,
    shell,
)

AGREEMENTS = ("1.3.2", "2.1.1", "4.1.6")
WRITE_SHARE = 0.15  # of a user's actions; a write is a read of the agreement page plus the post
PARTIES = ("Gemeente Kampen", "deltaWonen", "Centrale Bewonersraad deltaWonen")
MARKER = "Belastingtest"
TIMEOUT = 60  # seconds a client waits for an answer


@dataclass
class Outcome:
    kind: str  # "read" or "write"
    status: int  # HTTP status, 0 for no answer
    ms: float
    marker: str = ""  # a write's comment text
    accepted: bool = False  # a write the app confirmed (redirect to the agreement page)


@dataclass
class Tally:
    outcomes: list[Outcome] = field(default_factory=list)


def create_users(env: dict[str, str], users: int) -> None:
    """Editors of the three kinds of party (who may comment), one password hash for all."""
    code = f"""
from django.contrib.auth.hashers import make_password
from woonafspraken.accounts.models import Organisation, User
parties = [Organisation.objects.get(name=name) for name in {PARTIES!r}]
password = make_password({PASSWORD!r})
User.objects.bulk_create([
    User(username=f"bench-{{i}}", password=password, organisation=parties[i % len(parties)], role="editor")
    for i in range({users})
])
"""
    shell(env, code)


def stored_markers(env: dict[str, str]) -> set[str]:
    code = f"""
import json
from woonafspraken.annual_plans.models import Comment
print(json.dumps(list(Comment.objects.filter(text__startswith={MARKER!r}).values_list("text", flat=True))))
"""
    return set(json.loads(shell(env, code).strip().splitlines()[-1]))


def _timed(kind: str, action: Callable[[], tuple[int, bool]], marker: str = "", back: str = "") -> Outcome:
    started = time.perf_counter()
    try:
        status, accepted = action()
    except urllib.error.HTTPError as error:
        # A write redirected to its agreement page has been accepted, even if that page then failed.
        status, accepted = error.code, bool(back) and error.geturl().split("#")[0].endswith(back)
    except OSError:
        status, accepted = 0, False
    return Outcome(kind, status, (time.perf_counter() - started) * 1000, marker, accepted)


def user_session(
    base: str, opener: urllib.request.OpenerDirector, covenant_id: int, name: str, deadline: float
) -> list[Outcome]:
    rng = random.Random(name)
    covenant = f"{base}/convenanten/{covenant_id}"
    pages = [f"{covenant}/", f"{covenant}/afspraken/", *(f"{covenant}/afspraken/{n}/" for n in AGREEMENTS)]
    outcomes: list[Outcome] = []
    page_text = ""

    def read(url: str) -> tuple[int, bool]:
        nonlocal page_text
        with opener.open(url, timeout=TIMEOUT) as response:
            page_text = response.read().decode()
            logged_out = "/inloggen/" in response.url  # counted as a refusal, not as a page read
            return (401 if logged_out else response.status), False

    while time.monotonic() < deadline:
        if rng.random() >= WRITE_SHARE:
            outcomes.append(_timed("read", lambda: read(rng.choice(pages))))
            continue
        number = rng.choice(AGREEMENTS)
        outcome = _timed("read", lambda number=number: read(f"{covenant}/afspraken/{number}/"))
        outcomes.append(outcome)
        if outcome.status != 200:
            continue
        marker = f"{MARKER} {name} #{len(outcomes)} op {number}"
        data = urllib.parse.urlencode({"text": marker, "csrfmiddlewaretoken": csrf_token(page_text)}).encode()

        back = f"/afspraken/{number}/"  # where an accepted comment redirects to

        def write(number: str = number, data: bytes = data, back: str = back) -> tuple[int, bool]:
            with opener.open(
                f"{covenant}/jaarschijf/afspraken/{number}/reactie/", data=data, timeout=TIMEOUT
            ) as response:
                response.read()
                return response.status, response.url.split("#")[0].endswith(back)

        outcomes.append(_timed("write", write, marker, back))
    return outcomes


def _p(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[max(0, int(len(ordered) * share) - 1)], 1)


def scenario(database_url: str, data_dir: str, users: int, seconds: float) -> dict[str, Any]:
    """Prepare a fresh database, serve it, run the users, then compare accepted with stored writes."""
    env = environment(database_url, data_dir)
    covenant_id = prepare(env, 1)["covenant_id"]
    create_users(env, users)
    log_path = Path(data_dir) / "server.log"
    with log_path.open("wb") as log, served(env, log) as base:
        with ThreadPoolExecutor(max_workers=8) as pool:  # logins hash passwords: a few at a time
            openers = list(pool.map(lambda i: login_opener(base, f"bench-{i}"), range(users)))
        started = time.monotonic()
        deadline = started + seconds
        with ThreadPoolExecutor(max_workers=users) as pool:
            sessions = pool.map(
                lambda i: user_session(base, openers[i], covenant_id, f"bench-{i}", deadline), range(users)
            )
            outcomes = [outcome for session in sessions for outcome in session]
        elapsed = time.monotonic() - started
    stored = stored_markers(env)
    server_log = log_path.read_text(errors="replace")
    writes = [o for o in outcomes if o.kind == "write"]
    accepted = {o.marker for o in writes if o.accepted}
    timings = [o.ms for o in outcomes]
    return {
        "users": users,
        "seconds": round(elapsed, 1),
        "requests": len(outcomes),
        "requests_per_second": round(len(outcomes) / elapsed, 1),
        "server_errors": sum(1 for o in outcomes if o.status >= 500 or o.status == 0),
        "busy_pages_503": sum(1 for o in outcomes if o.status == 503),
        "client_errors_4xx": sum(1 for o in outcomes if 400 <= o.status < 500),
        "p50_ms": round(statistics.median(timings), 1) if timings else 0.0,
        "p95_ms": _p(timings, 0.95),
        "write_p95_ms": _p([o.ms for o in writes], 0.95),
        "writes_sent": len(writes),
        "writes_accepted": len(accepted),
        "writes_stored": len(stored),
        "accepted_but_not_stored": len(accepted - stored),
        "stored_but_not_confirmed": len(stored - accepted),
        "database_is_locked_in_log": server_log.count("database is locked"),
    }


def sqlite(users: int, seconds: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as data_dir:
        return scenario(f"sqlite:///{data_dir}/bench.sqlite3", data_dir, users, seconds)


def postgresql(users: int, seconds: float) -> dict[str, Any] | None:
    name = "woonafspraken_bench_concurrency"
    with tempfile.TemporaryDirectory() as data_dir:
        url = postgres_url(name)  # a fresh database
        if url is None:
            return None
        try:
            return scenario(url, data_dir, users, seconds)
        finally:
            with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(users: int = 50, seconds: float = 60, with_postgres: bool = True) -> dict[str, Any]:
    figures: dict[str, Any] = {"sqlite": sqlite(users, seconds)}
    if with_postgres and (pg := postgresql(users, seconds)) is not None:
        figures["postgresql"] = pg
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    print(json.dumps(run(args.users, args.seconds, not args.no_postgres), indent=2))


if __name__ == "__main__":
    main()
