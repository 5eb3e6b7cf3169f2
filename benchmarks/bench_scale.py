"""Scale benchmark (issue 20): page throughput at 1 and at N covenants, backup and restore time and peak memory at 1 and N.

The database: ``benchmarks/generate.py`` with ``examples="last"``: Kampen filled with every demo filler
and N-1 generated covenants whose figures are copied in bulk from Kampen's, then every example flag
cleared except on the last covenant: many covenants with real-looking data and one with example data,
which Kampen's pages must not show. Kampen's pages are then loaded by 10 concurrent clients against
`woonafspraken serve`.

`--baseline REV` measures the same database with the code of an earlier commit (``git archive``, no
checkout) and without the example-data indexes, for a before/after comparison; the backup then also
runs with that code. `run() -> dict` measures N covenants (``BENCH_COVENANTS``, default 50) on SQLite
without a baseline; `python benchmarks/bench_scale.py --covenants 50 --baseline 5fb8d00` prints
before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import (  # noqa: E402
    BIN,
    PASSWORD,
    ROOT,
    environment,
    load,
    postgres_url,
    served,
    shell,
)

DEMO_INDEXES = """
from django.apps import apps
from django.db import connection
def demo_indexes():
    for model in apps.get_models():
        for index in model._meta.indexes:
            if index.condition is not None and "demo" in index.name:
                yield model, index
"""

BUILD = """
import json, sys
sys.path.insert(0, ROOT)
from benchmarks.generate import generate
from woonafspraken.accounts.models import Organisation, User
built = generate(COVENANTS, examples="last")
gemeente = Organisation.objects.get(name="Gemeente Kampen")
User.objects.create_user("bench", password=PASSWORD, organisation=gemeente, role="reader")
print(json.dumps(built))
"""


def _source(revision: str, into: Path) -> Path:
    """The ``src`` tree of an earlier commit, unpacked (no checkout of the working tree)."""
    into.mkdir(parents=True)
    archive = into / "src.tar"
    subprocess.run(
        ["git", "-C", str(ROOT), "archive", "-o", str(archive), revision, "src"],
        check=True,
        capture_output=True,
    )
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def _with_source(env: dict[str, str], src: Path) -> dict[str, str]:
    return {**env, "PYTHONPATH": str(src)}


def _build(env: dict[str, str], covenants: int) -> dict[str, Any]:
    subprocess.run([str(BIN / "woonafspraken"), "migrate", "-v", "0"], env=env, check=True)
    started = time.perf_counter()
    code = f"ROOT = {str(ROOT)!r}\nCOVENANTS = {covenants}\nPASSWORD = {PASSWORD!r}\n" + BUILD
    built = json.loads(shell(env, code).strip().splitlines()[-1])
    built["build_s"] = round(time.perf_counter() - started, 1)
    return built


def _demo_indexes(env: dict[str, str], present: bool) -> None:
    verb = "add_index" if present else "remove_index"
    shell(
        env,
        DEMO_INDEXES
        + f"with connection.schema_editor() as editor:\n    for model, index in demo_indexes():\n"
        f"        editor.{verb}(model, index)\n",
    )


def _throughput(env: dict[str, str], kampen: int, clients: int, requests: int) -> dict[str, Any]:
    paths = [
        f"/convenanten/{kampen}/",
        f"/convenanten/{kampen}/afspraken/",
        f"/convenanten/{kampen}/afspraken/1.3.2/",
        f"/convenanten/{kampen}/woningen/",
    ]
    with served(env) as base:
        pages = load(base, paths, clients, requests)
    return {
        "mean_rps": round(sum(page["throughput_rps"] for page in pages.values()) / len(pages), 1),
        "pages_rps": {
            path.split("/", 3)[-1] or "home": page["throughput_rps"] for path, page in pages.items()
        },
    }


def _measured(env: dict[str, str], *args: str) -> dict[str, Any]:
    """A console command in a process of its own: wall time and peak memory (its maximum resident size)."""
    code = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], check=True, capture_output=True); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(BIN / "woonafspraken"), *args],
        env={**env, "TQDM_DISABLE": "1"},
        check=True,
        capture_output=True,
        text=True,
    )
    seconds, kilobytes = result.stdout.split()
    return {"s": round(float(seconds), 1), "peak_mb": round(int(kilobytes) / 1024, 1)}


def _backup(env: dict[str, str], work: Path, label: str, database_url: str | None) -> dict[str, Any]:
    path = work / f"backup-{label}.json.gz"
    figures = {"backup": _measured(env, "backup", "-o", str(path)), "backup_bytes": path.stat().st_size}
    if database_url:
        target = {**env, "DATABASE_URL": database_url}
        figures["restore"] = _measured(target, "restore", str(path))
    return figures


def _database_url(database: str, work: Path, name: str) -> str | None:
    if database == "postgresql":
        return postgres_url(f"woonafspraken_bench_{name.replace('-', '_')}")
    return f"sqlite:///{work}/{name}.sqlite3"


def measure(
    covenants: int, *, baseline: str | None, clients: int, requests: int, database: str
) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    try:
        return _measure(
            work, covenants, baseline=baseline, clients=clients, requests=requests, database=database
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _measure(
    work: Path, covenants: int, *, baseline: str | None, clients: int, requests: int, database: str
) -> dict[str, Any]:
    old_src = _source(baseline, work / "baseline") if baseline else None
    results: dict[str, Any] = {}
    for count in sorted({1, covenants}):
        url = _database_url(database, work, f"scale-{count}")
        if url is None:
            return {}
        env = {**environment(url, str(work)), "PYTHONPATH": str(ROOT / "src")}
        built = _build(env, count)
        entry: dict[str, Any] = {"built": built}
        if old_src:
            _demo_indexes(env, present=False)
            before = _with_source(env, old_src)
            entry["before"] = _throughput(before, built["kampen"], clients, requests)
            entry["before"] |= _backup(
                before, work, f"before-{count}", _database_url(database, work, f"restored-before-{count}")
            )
            _demo_indexes(env, present=True)
        entry["after"] = _throughput(env, built["kampen"], clients, requests)
        entry["after"] |= _backup(
            env, work, f"after-{count}", _database_url(database, work, f"restored-after-{count}")
        )
        results[f"{count} covenant(s)"] = entry
        print(f"[scale, {database}, {count} covenant(s)] {json.dumps(entry)}", file=sys.stderr, flush=True)
    return results


def run() -> dict[str, Any]:
    covenants = int(os.environ.get("BENCH_COVENANTS", "50"))
    return measure(covenants, baseline=None, clients=10, requests=20, database="sqlite")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--covenants", type=int, default=50, help="N (the issue measured 340)")
    parser.add_argument("--baseline", help="a commit before the fix, e.g. 5fb8d00, for before/after")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--requests", type=int, default=20, help="requests per client per page")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    figures = measure(
        args.covenants,
        baseline=args.baseline,
        clients=args.clients,
        requests=args.requests,
        database=args.database,
    )
    sys.stdout.write(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
