"""Import benchmarks: the Kampen document as text, as a Word file and as a PDF (issue 14).

The Word file and the PDF are made like the real ones (`scripts/make_test_documents.py`: python-docx,
then headless LibreOffice). For each kind: reading the file into the text format, parsing it, and the
console command `import-document PATH --yes` end to end into a fresh SQLite database (with interpreter
start-up). `run() -> dict`; `python benchmarks/bench_import.py` prints the figures. Nothing asserts a time.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(ROOT / "src"))


def _median_ms(function: object, repeats: int) -> float:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()  # type: ignore[operator]
        timings.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(timings), 1)


def run() -> dict[str, float]:
    from woonafspraken.documents.parsing.parser import parse_document
    from woonafspraken.documents.reading import read_source
    from woonafspraken.documents.tests.made_like_real import KAMPEN_TEXT, convert_to_pdf, write_docx

    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as workdir:
        folder = Path(workdir)
        text_path = folder / "kampen.txt"
        text_path.write_bytes(KAMPEN_TEXT.read_bytes())
        started = time.perf_counter()
        docx_path = write_docx(KAMPEN_TEXT.read_text(encoding="utf-8"), folder / "kampen.docx")
        figures["write_docx_ms"] = round((time.perf_counter() - started) * 1000, 1)
        started = time.perf_counter()
        pdf_path = convert_to_pdf(docx_path, folder)
        figures["libreoffice_to_pdf_ms"] = round((time.perf_counter() - started) * 1000, 1)
        for kind, path in (("text", text_path), ("docx", docx_path), ("pdf", pdf_path)):
            data = path.read_bytes()
            figures[f"{kind}_kb"] = round(len(data) / 1024, 1)
            source = read_source(path.name, data)
            figures[f"{kind}_read_ms"] = _median_ms(
                lambda data=data, name=path.name: read_source(name, data), 5
            )
            figures[f"{kind}_parse_ms"] = _median_ms(lambda source=source: parse_document(source.text), 5)
            figures[f"{kind}_agreements"] = len(parse_document(source.text).agreements)
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
                started = time.perf_counter()
                subprocess.run(
                    [command, "import_document", str(path), "--yes"], env=env, check=True, capture_output=True
                )
                figures[f"{kind}_import_cli_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return figures


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "woonafspraken.conf.dev")
    print(json.dumps(run(), indent=2))
