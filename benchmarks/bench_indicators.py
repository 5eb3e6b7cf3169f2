"""Indicator benchmarks: seeding, the verdicts of the whole registry, importing every figure at once, the export and
the SQL queries of the indicator pages with demo figures (the pages after the demo figures were replaced by
an import of every figure the registry can hold). `run() -> dict` measures in a temporary SQLite
database; `python benchmarks/bench_indicators.py` prints the figures."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _timed(func: Callable[[], Any], repeat: int = 5) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return round(best * 1000, 2), result


def run() -> dict[str, Any]:
    data_dir = tempfile.mkdtemp(prefix="bench-indicators-")
    os.environ["WOONAFSPRAKEN_DATA_DIR"] = data_dir
    os.environ["DATABASE_URL"] = f"sqlite:///{data_dir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "woonafspraken.conf.ci")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    from woonafspraken.accounts.models import Organisation, User
    from woonafspraken.core.writers import render
    from woonafspraken.documents.services import document_import
    from woonafspraken.indicators.arithmetic import Period, PeriodKind, periods_between
    from woonafspraken.indicators.demo import indicators_demo_fill
    from woonafspraken.indicators.exports import indicators_data, indicators_tables
    from woonafspraken.indicators.models import Indicator
    from woonafspraken.indicators.selectors import covenant_indicators, dimension_options
    from woonafspraken.indicators.services import indicators_seed, observations_import

    text = (ROOT / "src/woonafspraken/documents/data/prestatieafspraken-kampen-2022-2026.txt").read_text()
    covenant = document_import(text=text, filename="kampen.txt").covenant
    figures: dict[str, Any] = {}
    figures["seed_repeat_ms"], _ = _timed(lambda: indicators_seed(covenant=covenant))
    start = time.perf_counter()
    figures["demo_rows"] = indicators_demo_fill(covenant)
    figures["demo_fill_ms"] = round((time.perf_counter() - start) * 1000, 2)
    on = dt.date(2026, 11, 27)
    with CaptureQueriesContext(connection) as queries:
        figures["registry_verdicts_ms"], _ = _timed(lambda: covenant_indicators(covenant, on=on), repeat=1)
    figures["registry_verdicts_queries"] = len(queries)
    figures["registry_verdicts_ms"], _ = _timed(lambda: covenant_indicators(covenant, on=on))
    figures["export_json_ms"], _ = _timed(lambda: render(indicators_data(covenant), {}, "json"), repeat=3)
    figures["export_xlsx_ms"], _ = _timed(lambda: render([], indicators_tables(covenant), "xlsx"), repeat=3)

    coordinator = User.objects.create_user(
        "bench-coordinator", organisation=Organisation.objects.get(name="Gemeente Kampen"), role="coordinator"
    )
    # Every figure the registry can hold for Kampen from 2022 to the third quarter of 2026, in one file.
    lines = ["Code;Periode;Organisatie;Onderdeel;Waarde"]
    entered = Indicator.objects.filter(covenant=covenant, source_kind="entered").prefetch_related(
        "delivered_by"
    )
    for indicator in entered:
        kind = PeriodKind(indicator.period)
        periods = periods_between(
            Period.containing(kind, dt.date(2022, 1, 1)), Period.containing(kind, dt.date(2026, 9, 30))
        )
        subjects = [org.name for org in indicator.delivered_by.all()] if indicator.per_organisation else [""]
        for period in periods:
            for subject in subjects:
                for dimension, _label in dimension_options(indicator):
                    lines.append(f"{indicator.code};{period.key};{subject};{dimension};1")
    content = ("\n".join(lines) + "\n").encode()
    start = time.perf_counter()
    summary = observations_import(
        covenant=covenant, user=coordinator, content=content, filename="b.csv", today=on
    )
    figures["import_rows"] = summary.rows
    figures["import_ms"] = round((time.perf_counter() - start) * 1000, 2)
    start = time.perf_counter()
    observations_import(covenant=covenant, user=coordinator, content=content, filename="b.csv", today=on)
    figures["import_again_unchanged_ms"] = round((time.perf_counter() - start) * 1000, 2)

    client = Client(HTTP_HOST="localhost")
    client.force_login(coordinator)
    pages = {
        "index": f"/convenanten/{covenant.pk}/indicatoren/",
        "theme_1": f"/convenanten/{covenant.pk}/indicatoren/thema/1/",
        "detail_backlog": f"/convenanten/{covenant.pk}/indicatoren/statushouders.achterstand/",
        "covenant_home": f"/convenanten/{covenant.pk}/",
    }
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - start
        assert response.status_code == 200, url
        figures[f"page_{name}_queries"] = len(queries)
        figures[f"page_{name}_ms"] = round(elapsed * 1000, 2)
    return figures


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
