"""`make bench`: import time, page latency under concurrent load (SQLite and PostgreSQL), queries per page.

Figures go to stdout and to benchmarks/results/latest.json. Nothing here asserts a time: benchmarks
measure, tests check behaviour.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
DOCUMENT = ROOT / "src" / "woonafspraken" / "documents" / "data" / "prestatieafspraken-kampen-2022-2026.txt"
PASSWORD = "bench-password-not-secret"
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN", "postgres://postgres@127.0.0.1:5432/postgres")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def environment(database_url: str, data_dir: str) -> dict[str, str]:
    return {
        **os.environ,
        # The code of this tree, not whatever the environment installed (an editable install elsewhere).
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])),
        "DATABASE_URL": database_url,
        "WOONAFSPRAKEN_DATA_DIR": data_dir,
        "DJANGO_SETTINGS_MODULE": "woonafspraken.conf.dev",
        "DEBUG": "0",
        "LOG_LEVEL": "ERROR",
    }


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [str(BIN / "woonafspraken"), *args], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def shell(env: dict[str, str], code: str) -> str:
    return manage(env, "shell", "--no-imports", "-c", code)


def prepare(env: dict[str, str], covenants: int) -> dict[str, int]:
    manage(env, "migrate", "--verbosity", "0")
    started = time.perf_counter()
    manage(env, "import_document", str(DOCUMENT))
    import_cli = time.perf_counter() - started
    code = f"""
import time
from pathlib import Path
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.documents.services import document_import
text = Path({str(DOCUMENT)!r}).read_text()
started = time.perf_counter()
for i in range(1, {covenants}):
    document_import(text=text.replace("Kampen", f"Benchgemeente{{i}}"), filename=f"b{{i}}.txt")
gemeente = Organisation.objects.get(name="Gemeente Kampen")
if not User.objects.filter(username="bench").exists():
    User.objects.create_user("bench", password={PASSWORD!r}, organisation=gemeente, role="reader")
from woonafspraken.agreements.models import Covenant
print(Covenant.objects.get(municipality="Kampen").pk)
"""
    covenant_id = int(shell(env, code).strip().splitlines()[-1])
    return {"covenant_id": covenant_id, "import_cli_seconds": import_cli}  # type: ignore[dict-item]


def csrf_token(page: str) -> str:
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "no CSRF token on the page"
    return token.group(1)


def login_opener(base: str, username: str = "bench") -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/inloggen/").read().decode()
    data = urllib.parse.urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": csrf_token(page)}
    ).encode()
    request = urllib.request.Request(f"{base}/inloggen/", data=data, headers={"Referer": f"{base}/inloggen/"})
    opener.open(request).read()
    return opener


def load(base: str, paths: list[str], clients: int, requests_per_client: int) -> dict[str, dict[str, float]]:
    openers = [login_opener(base) for _ in range(clients)]
    results: dict[str, dict[str, float]] = {}
    for path in paths:
        for opener in openers:  # warm-up
            opener.open(base + path).read()

        def worker(opener: urllib.request.OpenerDirector, path: str = path) -> list[float]:
            timings = []
            for _ in range(requests_per_client):
                started = time.perf_counter()
                response = opener.open(base + path)
                response.read()
                if response.status != 200 or "/inloggen/" in response.url:
                    raise RuntimeError(f"{path}: status {response.status} at {response.url}")
                timings.append((time.perf_counter() - started) * 1000)
            return timings

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=clients) as pool:
            timings = [t for chunk in pool.map(worker, openers) for t in chunk]
        elapsed = time.perf_counter() - started
        timings.sort()
        results[path] = {
            "requests": len(timings),
            "p50_ms": round(statistics.median(timings), 1),
            "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
            "throughput_rps": round(len(timings) / elapsed, 1),
        }
    return results


@contextmanager
def served(env: dict[str, str], log: IO[bytes] | None = None) -> Iterator[str]:
    """`woonafspraken serve` (gunicorn, 2 workers x 4 threads) on a free port; yields its base URL.

    The server's error log goes to ``log`` when given."""
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "woonafspraken"), "serve", "--port", str(port), "--workers", "2", "--threads", "4"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log or subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def serve_and_load(env: dict[str, str], covenant_id: int, clients: int, requests_per_client: int) -> dict:
    with served(env) as base:
        paths = [f"/convenanten/{covenant_id}/afspraken/", f"/convenanten/{covenant_id}/afspraken/1.3.2/"]
        return load(base, paths, clients, requests_per_client)


def queries_per_page(env: dict[str, str]) -> dict[str, int]:
    code = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant
client = Client()
client.force_login(User.objects.get(username="bench"))
pk = Covenant.objects.get(municipality="Kampen").pk
pages = {"covenant home": f"/convenanten/{pk}/", "agreements overview": f"/convenanten/{pk}/afspraken/",
         "theme 1": f"/convenanten/{pk}/themas/1/", "agreement 1.3.2": f"/convenanten/{pk}/afspraken/1.3.2/"}
counts = {}
for name, url in pages.items():
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, HTTP_HOST="127.0.0.1").status_code == 200
    counts[name] = len(ctx.captured_queries)
print(json.dumps(counts))
"""
    return json.loads(shell(env, code).strip().splitlines()[-1])


def import_in_process(env: dict[str, str], repeats: int) -> dict[str, float]:
    """Parse + store the Kampen document into an empty database, best and median of several runs."""
    code = f"""
import json, time
from pathlib import Path
from django.db import transaction
from woonafspraken.documents.parsing.parser import parse_document
from woonafspraken.documents.services import document_import
text = Path({str(DOCUMENT)!r}).read_text()
parse, store = [], []
for i in range({repeats}):
    t = time.perf_counter(); parse_document(text); parse.append(time.perf_counter() - t)
    with transaction.atomic():
        t = time.perf_counter()
        document_import(text=text.replace("Kampen", f"Importbench{{i}}"), filename="x.txt")
        store.append(time.perf_counter() - t)
        transaction.set_rollback(True)
t = time.perf_counter(); document_import(text=text, filename="again.txt"); again = time.perf_counter() - t
print(json.dumps({{"parse_ms": sorted(parse)[len(parse)//2]*1000, "import_ms": sorted(store)[len(store)//2]*1000,
                  "reimport_unchanged_ms": again*1000}}))
"""
    return {k: round(v, 1) for k, v in json.loads(shell(env, code).strip().splitlines()[-1]).items()}


def postgres_url(name: str) -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as error:  # noqa: BLE001  (no PostgreSQL: report and go on with SQLite)
        print(f"PostgreSQL not available ({error}); skipping its figures.", file=sys.stderr)
        return None
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def run_database(label: str, url_for: callable, clients: int, requests_per_client: int) -> dict:
    figures: dict = {}
    for covenants in (1, 10):
        with tempfile.TemporaryDirectory() as data_dir:
            url = url_for(data_dir, covenants)
            if url is None:
                return {}
            env = environment(url, data_dir)
            prepared = prepare(env, covenants)
            entry: dict = {"queries_per_page": queries_per_page(env)}
            if covenants == 1:
                entry["import_cli_seconds_incl_startup"] = round(prepared["import_cli_seconds"], 2)
                entry["import"] = import_in_process(env, 5)
                entry["latency"] = serve_and_load(env, prepared["covenant_id"], clients, requests_per_client)
            figures[f"{covenants} covenant(s)"] = entry
            print(f"[{label}, {covenants} covenant(s)] {json.dumps(entry, indent=1)}", flush=True)
    return figures


def domain_benchmarks() -> dict[str, Any]:
    """Each app's own benchmark (benchmarks/bench_<app>.py with run() -> dict), in a fresh process."""
    figures: dict[str, Any] = {}
    for path in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        code = (
            f"import json, sys; sys.path.insert(0, {str(ROOT)!r}); "
            f"from benchmarks.{path.stem} import run; print(json.dumps(run(), default=str))"
        )
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
        result = subprocess.run([str(BIN / "python"), "-c", code], env=env, capture_output=True, text=True)
        if result.returncode != 0:
            figures[path.stem] = {"error": result.stderr.strip().splitlines()[-1:]}
        else:
            figures[path.stem] = json.loads(result.stdout.strip().splitlines()[-1])
        print(f"[{path.stem}] {json.dumps(figures[path.stem], indent=1)}", flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--requests", type=int, default=30, help="requests per client per page")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--only-domain", action="store_true", help="only the apps' own benchmarks")
    parser.add_argument(
        "--covenants", type=int, default=50, help="N for bench_scale (throughput and backup at N covenants)"
    )
    parser.add_argument(
        "--national-covenants",
        type=int,
        default=10,
        help="N for bench_national (pages and queries at N covenants on PostgreSQL; the issue: 340)",
    )
    args = parser.parse_args()
    os.environ["BENCH_COVENANTS"] = str(args.covenants)
    os.environ["BENCH_NATIONAL_COVENANTS"] = str(args.national_covenants)
    results: dict[str, Any] = {"domain": domain_benchmarks()}
    if args.only_domain:
        print(json.dumps(results, indent=2))
        return
    results |= {
        "sqlite": run_database(
            "SQLite", lambda d, n: f"sqlite:///{d}/bench.sqlite3", args.clients, args.requests
        ),
    }
    if not args.no_postgres:
        results["postgresql"] = run_database(
            "PostgreSQL", lambda d, n: postgres_url(f"woonafspraken_bench_{n}"), args.clients, args.requests
        )
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2))
    print(f"Written to {out / 'latest.json'}")


if __name__ == "__main__":
    main()
