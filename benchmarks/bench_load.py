"""Load held (issue 16): the Locust scenario (``benchmarks/locustfile.py``) against gunicorn and PostgreSQL,
then the checks: no failed request, and no lost write (every figure and comment the app accepted is in
the database afterwards).

The database: Kampen imported into a fresh PostgreSQL database (``woonafspraken_bench_load``; or SQLite
with ``--database sqlite``), with USERS users of each role: coordinators (Gemeente Kampen), corporation
editors (deltaWonen), tenant editors (Centrale Bewonersraad deltaWonen) and readers (Gemeente Kampen). It
is served by `woonafspraken serve` (gunicorn, 2 workers x 4 threads), and Locust runs headless in a
process of its own.

"No lost write": a comment accepted by the app (its redirect) must be a stored comment; a figure
accepted must be in the figures' history (each save carries a unique note; a later save of the same
figure by someone else overwrites the value, so the history is where every accepted save must be), and
each figure the users touched must now hold one of the accepted saves.

    python benchmarks/bench_load.py                         # 50 users for 10 minutes (the issue's run)
    python benchmarks/bench_load.py --users 10 --seconds 20 --database sqlite     # tests/load runs this

``run() -> dict`` (``make bench``) runs 20 users for 60 s (``BENCH_LOAD_USERS``, ``BENCH_LOAD_SECONDS``).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psycopg

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import (  # noqa: E402
    BIN,
    DOCUMENT,
    PASSWORD,
    PG_ADMIN_URL,
    ROOT,
    environment,
    manage,
    postgres_url,
    served,
    shell,
)

AGREEMENTS = ("1.3.2", "2.1.1", "4.1.6")
ROLES = {  # role in the scenario -> (organisation, role of the account)
    "coordinator": ("Gemeente Kampen", "coordinator"),
    "corporation": ("deltaWonen", "editor"),
    "tenant": ("Centrale Bewonersraad deltaWonen", "editor"),
    "reader": ("Gemeente Kampen", "reader"),
}

# Kampen imported, users of each role and, per role, the indicators its users may enter with a value each
# accepts (one console process: each start of Django costs seconds on a busy machine).
PLAN = """
import json
from pathlib import Path
from woonafspraken.documents.services import document_import
COVENANT = document_import(text=Path(DOCUMENT).read_text(encoding="utf-8"), filename="kampen.txt").covenant.pk
from decimal import Decimal
from django.contrib.auth.hashers import make_password
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.indicators.models import Indicator
from woonafspraken.indicators.permissions import can_enter_figures
from woonafspraken.indicators.services.checks import check_value
password = make_password(PASSWORD)
users, indicators = {}, {}
entered = [i for i in Indicator.objects.filter(covenant_id=COVENANT).prefetch_related("delivered_by") if i.is_entered]
for key, (organisation, role) in ROLES.items():
    org = Organisation.objects.get(name=organisation)
    names = [f"load-{key}-{n}" for n in range(COUNT)]
    User.objects.bulk_create([User(username=n, password=password, organisation=org, role=role) for n in names])
    users[key] = names
    sample = User.objects.get(username=names[0])
    indicators[key] = []
    for indicator in entered:
        if not can_enter_figures(sample, indicator, org if indicator.per_organisation else None):
            continue
        for value in ("10", "1", "0", "50"):
            try:
                check_value(indicator, Decimal(value))
            except ValueError:
                continue
            indicators[key].append({"code": indicator.code, "value": value})
            break
print(json.dumps({"covenant": COVENANT, "users": users, "indicators": indicators}))
"""

STORED = """
import json
from woonafspraken.annual_plans.models import Comment
from woonafspraken.indicators.models import Observation
comments = list(Comment.objects.filter(text__startswith=MARKER).values_list("text", flat=True))
history = list(Observation.history.filter(note__startswith=MARKER).values_list("note", flat=True))
current = list(Observation.objects.filter(note__startswith=MARKER).values_list("note", flat=True))
print(json.dumps({"comments": comments, "figure_history": history, "figure_current": current}))
"""


def _last_json(output: str) -> Any:
    return json.loads(output.strip().splitlines()[-1])


def plan(env: dict[str, str], users: int, marker: str, work: Path) -> Path:
    """A migrated database with Kampen and the users; the scenario's plan written to a file."""
    manage(env, "migrate", "--verbosity", "0")
    code = (
        f"PASSWORD = {PASSWORD!r}\nDOCUMENT = {str(DOCUMENT)!r}\nCOUNT = {users}\nROLES = {ROLES!r}\n" + PLAN
    )
    made = _last_json(shell(env, code))
    path = work / "plan.json"
    path.write_text(
        json.dumps(
            {
                **made,
                "agreements": list(AGREEMENTS),
                "password": PASSWORD,
                "marker": marker,
                "writes": str(work / "writes.json"),
            }
        )
    )
    return path


def _locust(base: str, plan_path: Path, work: Path, users: int, seconds: float, spawn_rate: float) -> int:
    command = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "benchmarks" / "locustfile.py"),
        "--headless",
        "--host",
        base,
        "--users",
        str(users),
        "--spawn-rate",
        str(spawn_rate),
        "--run-time",
        f"{int(seconds)}s",
        "--stop-timeout",
        "60",
        "--csv",
        str(work / "locust"),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    env = {**os.environ, "LOAD_PLAN": str(plan_path)}
    with (work / "locust.log").open("wb") as log:
        return subprocess.run(command, env=env, stdout=log, stderr=subprocess.STDOUT, check=False).returncode


def _stats(work: Path) -> dict[str, Any]:
    per_name: dict[str, Any] = {}
    with (work / "locust_stats.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["Name"] if row["Name"] != "Aggregated" else "all"
            per_name[name] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50_ms": float(row["50%"] or 0),
                "p95_ms": float(row["95%"] or 0),
                "rps": round(float(row["Requests/s"]), 1),
            }
    failures = []
    path = work / "locust_failures.csv"
    if path.exists():
        with path.open(encoding="utf-8") as handle:
            failures = [
                f"{r['Method']} {r['Name']}: {r['Error']} (x{r['Occurrences']})"
                for r in csv.DictReader(handle)
            ]
    return {"pages": per_name, "failure_messages": failures[:20]}


def scenario(
    database_url: str, data_dir: str, users: int, seconds: float, spawn_rate: float | None = None
) -> dict[str, Any]:
    work = Path(data_dir)
    env = environment(database_url, data_dir)
    marker = f"Belastingtest-{secrets.token_hex(4)}"
    plan_path = plan(env, users, marker, work)
    started = time.monotonic()
    with (work / "server.log").open("wb") as log, served(env, log) as base:
        code = _locust(base, plan_path, work, users, seconds, spawn_rate or max(1.0, users / 10))
    elapsed = time.monotonic() - started
    stats = _stats(work)
    writes = json.loads((work / "writes.json").read_text()) if (work / "writes.json").exists() else {}
    accepted = writes.get("accepted", [])
    stored = _last_json(shell(env, f"MARKER = {marker!r}\n" + STORED))
    comments_accepted = {w["marker"] for w in accepted if w["kind"] == "comment"}
    figures_accepted = {w["marker"] for w in accepted if w["kind"] == "figure"}
    server_log = (work / "server.log").read_text(errors="replace")
    everything = stats["pages"].get(
        "all", {"requests": 0, "failures": 0, "rps": 0.0, "p50_ms": 0, "p95_ms": 0}
    )
    figures: dict[str, Any] = {
        "users": users,
        "seconds": round(elapsed, 1),
        "locust_exit_code": code,
        "requests": everything["requests"],
        "failed_requests": everything["failures"],
        "requests_per_second": everything["rps"],
        "p50_ms": everything["p50_ms"],
        "p95_ms": everything["p95_ms"],
        "pages": stats["pages"],
        "failure_messages": stats["failure_messages"],
        "comments_accepted": len(comments_accepted),
        "comments_stored": len(set(stored["comments"])),
        "comments_lost": len(comments_accepted - set(stored["comments"])),
        "figures_accepted": len(figures_accepted),
        "figures_in_history": len(set(stored["figure_history"]) & figures_accepted),
        "figures_lost": len(figures_accepted - set(stored["figure_history"])),
        "figures_current_not_accepted": len(set(stored["figure_current"]) - figures_accepted),
        "figures_refused_changed_meanwhile": len(writes.get("refused_stale", [])),
        "gets_sent_again_after_connection_reset": len(writes.get("retried", [])),
        "sent_again_examples": writes.get("retried", [])[:3],
        "server_errors_in_log": server_log.count("Traceback") + server_log.count("WORKER TIMEOUT"),
    }
    figures["held"] = (
        code == 0
        and figures["failed_requests"] == 0
        and figures["comments_lost"] == 0
        and figures["figures_lost"] == 0
        and figures["figures_current_not_accepted"] == 0
        and bool(writes)
    )
    return figures


def measure(users: int, seconds: float, database: str = "postgresql") -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-load-") as data_dir:
        if database == "sqlite":
            return scenario(f"sqlite:///{data_dir}/load.sqlite3", data_dir, users, seconds)
        name = "woonafspraken_bench_load"
        url = postgres_url(name)
        if url is None:
            return {"skipped": "no PostgreSQL"}
        try:
            return scenario(url, data_dir, users, seconds)
        finally:
            with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run() -> dict[str, Any]:
    return measure(
        int(os.environ.get("BENCH_LOAD_USERS", "20")), float(os.environ.get("BENCH_LOAD_SECONDS", "60"))
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--database", choices=["postgresql", "sqlite"], default="postgresql")
    args = parser.parse_args()
    figures = measure(args.users, args.seconds, args.database)
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "load.json").write_text(json.dumps(figures, indent=2))
    print(json.dumps(figures, indent=2))
    sys.exit(0 if figures.get("held", True) else 1)


if __name__ == "__main__":
    main()
