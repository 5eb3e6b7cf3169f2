"""National scale (issue 16): every main page's p95 under 20 concurrent clients with N covenants on
PostgreSQL, against the p95 of a static file served by the same server in the same run; SQL queries per
page with 1, 2 and N covenants.

The database (``bench_national_N`` on the machine's PostgreSQL, made afresh as a copy of a migrated
template database, ``bench_national_empty``): ``benchmarks/generate.py``
with N covenants (Kampen and N-1 generated ones, every figure flagged as example data). It is served by
`woonafspraken serve` (gunicorn, 2 workers x 4 threads, the static files by WhiteNoise). The pages are
loaded one after the other, each by ``--clients`` clients at once making ``--requests`` requests each,
logged in as an editor of deltaWonen (the corporation that is party to Kampen and, at N >= 4, to three
generated covenants, so "mijn werk" lists several); the landing page and the static file without login.
The figure per page: p50, p95 and p95 divided by the static file's p95 (target: at most 5).

Queries per page are counted in-process (Django's test client with ``CaptureQueriesContext``) against
the same kind of database holding 1, 2 and N covenants: they must be equal. The covenant list ("mijn
werk" across covenants) only exists from 2 covenants on (with one, the start page leads straight to it),
so it is compared between 2 and N.

    python benchmarks/bench_national.py --covenants 340      # the issue's figure (builds for minutes)
    python benchmarks/bench_national.py --covenants 340 --reuse   # again, on the database built before

``run() -> dict`` (``make bench``) measures ``BENCH_NATIONAL_COVENANTS`` covenants (default 10) with 20
clients; the figures also go to ``benchmarks/results/national.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psycopg

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import (  # noqa: E402
    BIN,
    PASSWORD,
    PG_ADMIN_URL,
    ROOT,
    environment,
    login_opener,
    manage,
    served,
    shell,
)

TARGET_RATIO = 5.0
STATIC = "/static/web/app.css"  # every page loads it
USER = "bench-national"  # an editor of deltaWonen
TEMPLATE = "bench_national_empty"  # migrated once, copied for each database


def pages(kampen: int) -> dict[str, tuple[str, bool]]:
    """Name -> (path, logged in)."""
    covenant = f"/convenanten/{kampen}"
    return {
        "static file": (STATIC, False),
        "landing": ("/", False),
        "mijn werk (covenant list)": ("/start/", True),
        "covenant overview (scoreboard)": (f"{covenant}/", True),
        "agreements": (f"{covenant}/afspraken/", True),
        "agreement 1.3.2": (f"{covenant}/afspraken/1.3.2/", True),
        "theme 1": (f"{covenant}/themas/1/", True),
        "jaarschijf": (f"{covenant}/jaarschijf/", True),
        "indicators": (f"{covenant}/indicatoren/", True),
        "housing": (f"{covenant}/woningen/", True),
        "meetings": (f"{covenant}/overleg/", True),
        "reports": (f"{covenant}/rapportages/", True),
    }


def _database_url(name: str) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def _stored_covenants(name: str) -> int | None:
    """The number of covenants in database ``name``, None when it does not exist or is not built."""
    try:
        with psycopg.connect(_database_url(name)) as conn:
            row = conn.execute("SELECT count(*) FROM agreements_covenant").fetchone()
            user = conn.execute("SELECT count(*) FROM accounts_user WHERE username = %s", [USER]).fetchone()
    except psycopg.Error:
        return None
    return int(row[0]) if row and user and user[0] else None


USERS = f"""
from woonafspraken.accounts.models import Organisation, User
User.objects.create_user({USER!r}, password={PASSWORD!r}, role="editor",
                         organisation=Organisation.objects.get(name="deltaWonen"))
"""


def _create(name: str, data_dir: str) -> None:
    """An empty, migrated database ``name``: a copy of the template database (migrated once; the generator
    migrates the copy again, which is quick when nothing is new)."""
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [TEMPLATE]).fetchone() is None:
            admin.execute(f'CREATE DATABASE "{TEMPLATE}"')
            try:
                manage(environment(_database_url(TEMPLATE), data_dir), "migrate", "--verbosity", "0")
            except subprocess.CalledProcessError:
                admin.execute(f'DROP DATABASE "{TEMPLATE}" WITH (FORCE)')
                raise
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')


def build(covenants: int, data_dir: str, *, reuse: bool = False) -> tuple[dict[str, str], dict[str, Any]]:
    """A PostgreSQL database ``bench_national_N`` with N covenants (made afresh unless ``reuse`` and it
    holds them already); returns its environment and the generator's figures."""
    name = f"bench_national_{covenants}"
    env = {**environment(_database_url(name), data_dir), "TQDM_DISABLE": "1"}
    if reuse and _stored_covenants(name) == covenants:
        with psycopg.connect(_database_url(name)) as conn:
            row = conn.execute("SELECT min(id) FROM agreements_covenant").fetchone()
        return env, {"kampen": int(row[0]) if row else 1, "reused": True}
    _create(name, data_dir)
    started = time.perf_counter()
    result = subprocess.run(
        [str(BIN / "python"), str(ROOT / "benchmarks" / "generate.py"), str(covenants)],
        env={**env, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["with_migrate_s"] = round(time.perf_counter() - started, 1)
    shell(env, USERS)
    return env, figures


QUERIES = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from woonafspraken.accounts.models import User
logged_in, anonymous = Client(), Client()
logged_in.force_login(User.objects.get(username=USER))
counts = {}
for name, (path, login) in PAGES.items():
    client = logged_in if login else anonymous
    client.get(path, HTTP_HOST="127.0.0.1")  # warm: per-process caches are not per page
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_HOST="127.0.0.1")
    counts[name] = {"queries": len(queries.captured_queries), "status": response.status_code}
print(json.dumps(counts))
"""


def queries_per_page(env: dict[str, str], kampen: int) -> dict[str, dict[str, int]]:
    measured = {name: page for name, page in pages(kampen).items() if page[0] != STATIC}
    code = f"USER = {USER!r}\nPAGES = {measured!r}\n" + QUERIES
    return json.loads(shell(env, code).strip().splitlines()[-1])


def _opener(base: str, logged_in: bool) -> urllib.request.OpenerDirector:
    return login_opener(base, USER) if logged_in else urllib.request.build_opener()


def _p95(timings: list[float]) -> float:
    ordered = sorted(timings)
    return round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 1)


def load(
    base: str, measured: dict[str, tuple[str, bool]], clients: int, requests: int
) -> dict[str, dict[str, float]]:
    """Each page in turn: ``clients`` clients at once, ``requests`` requests each (after one warm-up)."""
    with ThreadPoolExecutor(max_workers=8) as pool:  # a login hashes a password: a few at a time
        logged = list(pool.map(lambda _i: _opener(base, True), range(clients)))
    anonymous = [_opener(base, False) for _ in range(clients)]
    results: dict[str, dict[str, float]] = {}
    for name, (path, login) in measured.items():
        openers = logged if login else anonymous

        def client(opener: urllib.request.OpenerDirector, path: str = path) -> list[float]:
            timings = []
            for _ in range(requests + 1):
                started = time.perf_counter()
                with opener.open(base + path, timeout=120) as response:
                    response.read()
                    if response.status != 200 or "/inloggen/" in response.url:
                        raise RuntimeError(f"{path}: {response.status} at {response.url}")
                timings.append((time.perf_counter() - started) * 1000)
            return timings[1:]  # the first is the warm-up

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=clients) as pool:
            timings = [t for chunk in pool.map(client, openers) for t in chunk]
        elapsed = time.perf_counter() - started
        results[name] = {
            "requests": len(timings),
            "p50_ms": round(statistics.median(timings), 1),
            "p95_ms": _p95(timings),
            "rps": round(len(timings) / elapsed, 1),
        }
        print(f"  {name}: {json.dumps(results[name])}", file=sys.stderr, flush=True)
    return results


def measure(covenants: int, *, clients: int = 20, requests: int = 10, reuse: bool = False) -> dict[str, Any]:
    figures: dict[str, Any] = {"covenants": covenants, "clients": clients, "requests_per_client": requests}
    queries: dict[int, dict[str, dict[str, int]]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-national-") as data_dir:
        for count in sorted({1, 2, covenants}):
            env, built = build(count, data_dir, reuse=reuse)
            figures.setdefault("generated", {})[str(count)] = built
            queries[count] = queries_per_page(env, built["kampen"])
            if count == covenants:
                with served(env) as base:
                    urllib.request.urlopen(base + STATIC, timeout=30).read()  # the server answers
                    latency = load(base, pages(built["kampen"]), clients, requests)
    static_p95 = latency["static file"]["p95_ms"]
    rows = {}
    for name, page in latency.items():
        counts = {str(n): queries[n].get(name, {}).get("queries") for n in queries}
        statuses = {str(n): queries[n].get(name, {}).get("status") for n in queries}
        compared = [n for n in queries if name in queries[n] and queries[n][name]["status"] == 200]
        equal = len({queries[n][name]["queries"] for n in compared}) <= 1 if compared else None
        ratio = round(page["p95_ms"] / static_p95, 1) if static_p95 else None
        rows[name] = {
            **page,
            "ratio_to_static_p95": ratio,
            "within_target": None if name == "static file" else (ratio is not None and ratio <= TARGET_RATIO),
            "queries": counts,
            "statuses": statuses,
            "queries_equal": equal,
        }
    figures["pages"] = rows
    figures["static_p95_ms"] = static_p95
    figures["all_within_target"] = all(
        r["within_target"] for r in rows.values() if r["within_target"] is not None
    )
    figures["all_queries_equal"] = all(r["queries_equal"] is not False for r in rows.values())
    return figures


def table(figures: dict[str, Any]) -> str:
    counts = sorted({n for row in figures["pages"].values() for n in row["queries"]}, key=int)
    head = f"{'page':32} {'p50 ms':>8} {'p95 ms':>8} {'x static':>8} {'≤5x':>4} " + " ".join(
        f"{'q@' + n:>6}" for n in counts
    )
    lines = [
        f"{figures['covenants']} covenants, {figures['clients']} concurrent clients, "
        f"{figures['requests_per_client']} requests each per page",
        head,
        "-" * len(head),
    ]
    for name, row in figures["pages"].items():
        ok = {True: "yes", False: "NO", None: ""}[row["within_target"]]
        queries = " ".join(f"{_count(row, n):>6}" for n in counts)
        flag = "" if row["queries_equal"] is not False else "  queries differ"
        lines.append(
            f"{name:32} {row['p50_ms']:>8} {row['p95_ms']:>8} {row['ratio_to_static_p95'] or '':>8} {ok:>4} "
            f"{queries}{flag}"
        )
    lines.append(
        "q@N: SQL queries with N covenants stored; r: a redirect (one covenant: the list leads to it)"
    )
    return "\n".join(lines)


def _count(row: dict[str, Any], n: str) -> str:
    count = row["queries"][n]
    if count is None:
        return ""
    return f"{count}r" if row["statuses"][n] in {301, 302} else str(count)


def _postgres_available() -> bool:
    try:
        with psycopg.connect(PG_ADMIN_URL, connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def _write(figures: dict[str, Any]) -> None:
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "national.json").write_text(json.dumps(figures, indent=2))


def run() -> dict[str, Any]:
    if not _postgres_available():
        return {"skipped": "no PostgreSQL at " + PG_ADMIN_URL.rsplit("@", 1)[-1]}
    figures = measure(int(os.environ.get("BENCH_NATIONAL_COVENANTS", "10")))
    print(table(figures), file=sys.stderr)
    _write(figures)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--covenants", type=int, default=10, help="N (the issue: 340)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=10, help="requests per client per page")
    parser.add_argument("--reuse", action="store_true", help="use bench_national_N when it holds N already")
    args = parser.parse_args()
    figures = measure(args.covenants, clients=args.clients, requests=args.requests, reuse=args.reuse)
    _write(figures)
    print(table(figures))
    print(f"Written to {ROOT / 'benchmarks' / 'results' / 'national.json'}")


if __name__ == "__main__":
    main()
