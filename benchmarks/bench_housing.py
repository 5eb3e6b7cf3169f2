"""Housing benchmarks: reading the appendices, importing a 5,000-row stock file, rendering the housing page.

`run() -> dict` works on a fresh SQLite database in a temporary directory (the app's console command in a
subprocess, like benchmarks/run.py) and returns the figures; `python benchmarks/bench_housing.py` prints
them. Nothing here asserts a time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
DOCUMENT = ROOT / "src" / "woonafspraken" / "documents" / "data" / "prestatieafspraken-kampen-2022-2026.txt"

# Runs inside `woonafspraken shell`: every timing is the median of a few runs.
CODE = """
import csv, datetime as dt, io, json, statistics, time
from pathlib import Path
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Covenant
from woonafspraken.documents.parsing.parser import parse_document
from woonafspraken.documents.services import document_import
from woonafspraken.housing import parsing
from woonafspraken.housing.domain import RENT_CLASS_LABELS
from woonafspraken.housing.models import StockCount
from woonafspraken.housing.services import appendix_figures_read, stock_upload

def median_ms(function, repeats):
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(timings), 1)

text = Path(DOCUMENT).read_text(encoding="utf-8")
covenant = document_import(text=text, filename="kampen.txt").covenant
document = parse_document(text)
stock_appendix, pipeline_appendix = document.appendices
stock_text, pipeline_text = "\\n".join(stock_appendix.lines), "\\n".join(pipeline_appendix.lines)
figures = {}
figures["parse_and_check_appendices_ms"] = median_ms(
    lambda: (parsing.check_stock(parsing.parse_stock(stock_appendix.title, stock_text)),
             parsing.check_pipeline(parsing.parse_pipeline(pipeline_appendix.title, pipeline_text))), 20)
figures["import_hook_unchanged_ms"] = median_ms(lambda: appendix_figures_read(covenant=covenant), 5)

gemeente = Organisation.objects.get(name="Gemeente Kampen")
user = User.objects.create_user("bench-housing", password="x" * 16, organisation=gemeente, role="coordinator")
buffer = io.StringIO()
writer = csv.writer(buffer, delimiter=";")
writer.writerow(["Corporatie", "Peildatum", "Huurprijsklasse", "Woningtype", "Aantal woningen"])
rows = 0
for corporation in ("Beter Wonen IJsselmuiden", "deltaWonen"):
    for month in range(250):  # 250 monthly counts back from June 2026
        year, month_of_year = divmod(2026 * 12 + 5 - month, 12)
        day = dt.date(year, month_of_year + 1, 1)
        for label in RENT_CLASS_LABELS.values():
            for dwelling in ("EGW", "MGW"):
                writer.writerow([corporation, day.strftime("%d-%m-%Y"), label, dwelling, (rows * 7) % 900])
                rows += 1
content = buffer.getvalue().encode("utf-8")
figures["stock_file_rows"] = rows
started = time.perf_counter()
result = stock_upload(covenant=covenant, user=user, content=content, filename="voorraad.csv")
figures["stock_import_5000_rows_new_ms"] = round((time.perf_counter() - started) * 1000, 1)
figures["stock_import_created"] = result.created
started = time.perf_counter()
again = stock_upload(covenant=covenant, user=user, content=content, filename="voorraad.csv")
figures["stock_import_5000_rows_unchanged_ms"] = round((time.perf_counter() - started) * 1000, 1)
figures["stock_import_unchanged_changes"] = again.changed
changed = content.replace(b";0\\r\\n", b";1\\r\\n")
started = time.perf_counter()
partly = stock_upload(covenant=covenant, user=user, content=changed, filename="voorraad.csv")
figures["stock_import_5000_rows_partly_changed_ms"] = round((time.perf_counter() - started) * 1000, 1)
figures["stock_import_partly_changed_rows"] = partly.changed
figures["stock_rows_stored"] = StockCount.objects.filter(covenant=covenant).count()

client = Client()
client.force_login(user)
for name, url in {
    "housing_page": f"/convenanten/{covenant.pk}/woningen/",
    "corporation_page": f"/convenanten/{covenant.pk}/woningen/corporatie/{Organisation.objects.get(name='deltaWonen').pk}/",
    "covenant_home": f"/convenanten/{covenant.pk}/",
}.items():
    response = client.get(url, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, (url, response.status_code)
    figures[f"{name}_kb"] = round(len(response.content) / 1024, 1)
    figures[f"{name}_render_ms"] = median_ms(lambda: client.get(url, HTTP_HOST="127.0.0.1"), 10)
    with CaptureQueriesContext(connection) as context:
        client.get(url, HTTP_HOST="127.0.0.1")
    figures[f"{name}_queries"] = len(context.captured_queries)
print(json.dumps(figures))
"""


def run() -> dict[str, float]:
    """Fresh SQLite database, Kampen imported, a generated 5,000-row stock file; the figures as a dict."""
    with tempfile.TemporaryDirectory() as data_dir:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{data_dir}/bench.sqlite3",
            "WOONAFSPRAKEN_DATA_DIR": data_dir,
            "DJANGO_SETTINGS_MODULE": "woonafspraken.conf.dev",
            "DEBUG": "0",
            "LOG_LEVEL": "ERROR",
        }
        command = str(BIN / "woonafspraken")
        subprocess.run([command, "migrate", "--verbosity", "0"], env=env, check=True)
        code = f"DOCUMENT = {str(DOCUMENT)!r}\n" + CODE
        result = subprocess.run(
            [command, "shell", "-c", code], env=env, check=True, capture_output=True, text=True
        )
        return dict(json.loads(result.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    figures = run()
    json.dump(figures, sys.stdout, indent=2)
    print()
